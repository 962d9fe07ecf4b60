#include "app/distributed/run_codec.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace app {

namespace {

// Every field of RunResult is written below; a new one must be too.
static_assert(sizeof(models::RunResult) == 104, "RunResult changed: encode its new fields");

class Writer {
 public:
  explicit Writer(std::string& bytes) : bytes_(bytes) {}
  template <class T>
  void raw(const T& value) {
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void text(const std::string& s) {
    raw<uint64_t>(s.size());
    bytes_.append(s);
  }

 private:
  std::string& bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return at_ == bytes_.size(); }
  template <class T>
  T raw() {
    T value;
    need(sizeof value);
    std::memcpy(&value, bytes_.data() + at_, sizeof value);
    at_ += sizeof value;
    return value;
  }
  std::string text() {
    const auto size = raw<uint64_t>();
    need(size);
    std::string s(bytes_.substr(at_, size));
    at_ += size;
    return s;
  }
  // A count of items that are each at least `item_bytes` long.
  uint64_t count(size_t item_bytes) {
    const auto n = raw<uint64_t>();
    if (n > (bytes_.size() - at_) / item_bytes)
      throw std::runtime_error("a run's bytes are cut short");
    return n;
  }

 private:
  void need(uint64_t size) const {
    if (size > bytes_.size() - at_) throw std::runtime_error("a run's bytes are cut short");
  }
  std::string_view bytes_;
  size_t at_ = 0;
};

void encode_series(const models::SeriesColumn& column, Writer& w) {
  w.text(column.name);
  w.raw<uint8_t>(column.sparse ? 1 : 0);
  w.raw<uint64_t>(column.values.size());
  for (double v : column.values) w.raw(v);
}

models::SeriesColumn decode_series(Reader& r) {
  models::SeriesColumn column;
  column.name = r.text();
  column.sparse = r.raw<uint8_t>() != 0;
  column.values.resize(r.count(sizeof(double)));
  for (double& v : column.values) v = r.raw<double>();
  return column;
}

}  // namespace

void encode_run(const models::RunResult& result, std::string& bytes) {
  Writer w(bytes);
  w.raw<uint64_t>(result.metrics.size());
  for (const models::Metric& m : result.metrics) {
    w.text(m.name);
    w.raw(m.value);
    w.raw(static_cast<int32_t>(m.unit));
  }
  w.raw(result.interval.us());
  w.raw<uint64_t>(result.series.size());
  for (const models::SeriesColumn& c : result.series) encode_series(c, w);
  w.raw(result.events);
  w.raw(result.arrivals);
  w.raw<uint64_t>(result.log.size());
  for (const models::LoggedEvent& e : result.log) {
    w.raw(e.at.us());
    w.text(e.source);
    w.text(e.what);
    w.text(e.detail);
  }
  w.raw(result.log_dropped);
}

std::vector<models::RunResult> decode_runs(std::string_view bytes) {
  Reader r(bytes);
  std::vector<models::RunResult> runs;
  while (!r.done()) {
    models::RunResult result;
    result.metrics.resize(r.count(8));
    for (models::Metric& m : result.metrics) {
      m.name = r.text();
      m.value = r.raw<double>();
      m.unit = static_cast<models::Unit>(r.raw<int32_t>());
    }
    result.interval = sim::Duration::micros(r.raw<int64_t>());
    result.series.resize(r.count(8));
    for (models::SeriesColumn& c : result.series) c = decode_series(r);
    result.events = r.raw<uint64_t>();
    result.arrivals = r.raw<uint64_t>();
    result.log.resize(r.count(8));
    for (models::LoggedEvent& e : result.log) {
      e.at = sim::Time::micros(r.raw<int64_t>());
      e.source = r.text();
      e.what = r.text();
      e.detail = r.text();
    }
    result.log_dropped = r.raw<uint64_t>();
    runs.push_back(std::move(result));
  }
  return runs;
}

}  // namespace app
