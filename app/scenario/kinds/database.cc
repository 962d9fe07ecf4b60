// Reads a database: an RDS DB instance or an Aurora Serverless v2 cluster
// (docs/scenarios.md#database).
#include <cmath>

#include "app/scenario/distributions.h"
#include "app/scenario/kinds/kind_table.h"
#include "models/infrastructure/database.h"

namespace app {

namespace {

const std::vector<std::string> kRdsEngines = {"mysql", "postgres"};
const std::vector<std::string> kEngines = {"mysql", "postgres", "aurora-mysql",
                                           "aurora-postgresql"};
constexpr double kMaxRdsStorageGb = 65536;      // gp3: 20 GiB to 64 TiB
constexpr double kMaxAuroraStorageGb = 131072;  // an Aurora cluster volume: up to 128 TiB
constexpr int64_t kMaxAuroraReaders = 15;

std::vector<std::string> rds_class_names() {
  std::vector<std::string> names;
  for (const models::RdsInstanceClass& c : models::rds_instance_classes())
    names.emplace_back(c.name);
  return names;
}

// Keys that only one of the two kinds of database has.
void reject_keys(ObjectReader& r, const std::vector<std::string_view>& keys,
                 const std::string& why) {
  for (std::string_view key : keys) {
    if (const Json* value = r.field(key)) r.problems().expected(r.pointer(key), why, value);
  }
}

// An ACU amount: a multiple of 0.5 in [low, 256].
std::optional<double> read_acu(ObjectReader& r, std::string_view key, double low,
                               const std::string& low_text, Presence presence) {
  const std::string what =
      "ACUs in steps of 0.5 from " + low_text + " to 256 (Aurora Serverless v2's limit)";
  const Json* value = r.field(key, presence, what);
  if (!value) return std::nullopt;
  if (!value->is_number() || value->get<double>() < low ||
      value->get<double>() > models::kAuroraMaxAcu ||
      std::fmod(value->get<double>() * 2, 1.0) != 0) {
    r.problems().expected(r.pointer(key), what, value);
    return std::nullopt;
  }
  return value->get<double>();
}

void read_rds(ObjectReader& r, models::DatabaseConfig& c) {
  const auto name = r.choice("instance_class", rds_class_names(), Presence::kRequired);
  if (name) c.instance_class = *name;
  c.multi_az = r.boolean("multi_az").value_or(false);
  c.storage_gb = r.number("storage_gb", 20, kMaxRdsStorageGb).value_or(20);
  reject_keys(r,
              {"readers", "io_per_request", "min_acu", "max_acu", "requests_per_second_per_acu",
               "scale_up_per_second", "scale_down_per_minute"},
              "no such key for an RDS DB instance (\"engine\": \"" + c.engine +
                  "\"); it belongs to Aurora Serverless v2");
}

void read_aurora(ObjectReader& r, models::DatabaseConfig& c) {
  c.instance_class = r.choice("instance_class", {"db.serverless"}).value_or("db.serverless");
  reject_keys(r, {"multi_az"},
              "no \"multi_az\" for Aurora: its Multi-AZ standby is a reader (\"readers\": 1)");
  c.readers = static_cast<uint32_t>(r.integer("readers", 0, kMaxAuroraReaders).value_or(0));
  c.storage_gb = r.number("storage_gb", 0, kMaxAuroraStorageGb).value_or(0);
  c.io_per_request = r.number("io_per_request", 0, 1e6).value_or(0);
  models::AuroraScaling& a = c.aurora;
  const auto min = read_acu(r, "min_acu", 0.5, "0.5", Presence::kOptional);
  const auto max = read_acu(r, "max_acu", 1, "1", Presence::kRequired);
  a.min_acu = min.value_or(a.min_acu);
  a.max_acu = max.value_or(a.max_acu);
  if (min && max && *min > *max) {
    r.problems().expected(r.pointer("min_acu"),
                          "a min_acu no more than max_acu (" + r.field("max_acu")->dump() + ")",
                          r.field("min_acu"));
  }
  a.requests_per_second_per_acu =
      r.number("requests_per_second_per_acu", 0, 1e9, true, Presence::kRequired).value_or(1);
  a.up_per_second = r.number("scale_up_per_second", 0, 100, true).value_or(a.up_per_second);
  a.down_per_minute = r.number("scale_down_per_minute", 0, 1, true).value_or(a.down_per_minute);
}

}  // namespace

std::optional<std::any> read_database(ObjectReader& r) {
  models::DatabaseConfig c;
  const size_t before = r.problems().list().size();
  const auto engine = r.choice("engine", kEngines, Presence::kRequired);
  if (!engine) {
    // The other keys are not read without an engine; they are not unknown either.
    for (std::string_view key :
         {"instance_class", "multi_az", "storage_gb", "readers", "io_per_request", "min_acu",
          "max_acu", "requests_per_second_per_acu", "scale_up_per_second", "scale_down_per_minute",
          "latency"})
      r.allow(key);
    return std::nullopt;
  }
  c.engine = *engine;
  if (c.serverless()) {
    read_aurora(r, c);
  } else {
    read_rds(r, c);
  }
  if (const Json* latency = r.field("latency")) {
    c.latency = read_duration_distribution(*latency, r.pointer("latency"), r.problems());
  }
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
