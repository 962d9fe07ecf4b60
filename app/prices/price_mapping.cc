#include "app/prices/price_mapping.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "app/scenario/price_books.h"

namespace app {

namespace {

// The "location" AWS names a region by, for products without "regionCode"
// (older offer files). Regions not listed need regionCode.
const std::map<std::string, std::string>& location_names() {
  static const std::map<std::string, std::string> kNames = {
      {"us-east-1", "US East (N. Virginia)"},
      {"us-east-2", "US East (Ohio)"},
      {"us-west-1", "US West (N. California)"},
      {"us-west-2", "US West (Oregon)"},
      {"eu-west-1", "EU (Ireland)"},
      {"eu-central-1", "EU (Frankfurt)"},
      {"ap-northeast-1", "Asia Pacific (Tokyo)"},
      {"ap-northeast-2", "Asia Pacific (Seoul)"},
      {"ap-southeast-1", "Asia Pacific (Singapore)"},
      {"ap-southeast-2", "Asia Pacific (Sydney)"},
  };
  return kNames;
}

std::string attribute(const OfferProduct& p, const std::string& name) {
  const auto it = p.attributes.find(name);
  return it == p.attributes.end() ? "" : it->second;
}

bool in_region(const OfferProduct& p, const std::string& region) {
  if (p.attributes.count("regionCode")) return attribute(p, "regionCode") == region;
  const auto name = location_names().find(region);
  return name != location_names().end() && attribute(p, "location") == name->second;
}

// "USE1-Fargate-GB-Hours" and, in us-east-1, "Fargate-GB-Hours": usage types carry a
// region prefix (without '-' or ':') everywhere but in some us-east-1 products.
bool usage_type_is(const OfferProduct& p, const std::string& usage) {
  const std::string type = attribute(p, "usagetype");
  if (type == usage) return true;
  if (type.size() <= usage.size() + 1 || !type.ends_with("-" + usage)) return false;
  const std::string prefix = type.substr(0, type.size() - usage.size() - 1);
  return prefix.find_first_of("-:") == std::string::npos;
}

using Attributes = std::vector<std::pair<std::string, std::string>>;

bool has(const OfferProduct& p, const Attributes& wanted) {
  return std::all_of(wanted.begin(), wanted.end(),
                     [&](const auto& a) { return attribute(p, a.first) == a.second; });
}

struct Rule {
  const char* service;
  const char* family;  // "" for any
  Attributes attributes;
  const char* usage_type;  // "" for any
  const char* key;         // "" when derived from the attributes (instances)
  const char* per;
  std::vector<std::string> units;
  double scale;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> kRules = {
      // Instances: the key names the type; see instance_key().
      {"AmazonEC2",
       "Compute Instance",
       {{"operatingSystem", "Linux"},
        {"tenancy", "Shared"},
        {"preInstalledSw", "NA"},
        {"capacitystatus", "Used"}},
       "",
       "",
       "hour",
       {"Hrs"},
       1},
      {"AmazonRDS",
       "Database Instance",
       {{"deploymentOption", "Single-AZ"}},
       "",
       "",
       "hour",
       {"Hrs"},
       1},
      {"AmazonEC2", "NAT Gateway", {}, "NatGateway-Hours", "nat_gateway.hour", "hour", {"Hrs"}, 1},
      {"AmazonEC2", "NAT Gateway", {}, "NatGateway-Bytes", "nat_gateway.data", "GB", {"GB"}, 1},
      {"AmazonVPC", "", {}, "PublicIPv4:InUseAddress", "public_ipv4.hour", "IP-hour", {"Hrs"}, 1},
      {"AWSELB",
       "Load Balancer-Application",
       {},
       "LoadBalancerUsage",
       "alb.hour",
       "hour",
       {"Hrs"},
       1},
      {"AWSELB",
       "Load Balancer-Application",
       {},
       "LCUUsage",
       "alb.lcu_hour",
       "LCU-hour",
       {"LCU-Hrs"},
       1},
      {"AWSLambda",
       "",
       {{"group", "AWS-Lambda-Requests"}},
       "",
       "lambda.requests",
       "million requests",
       {"Requests", "Request"},
       1e6},
      {"AWSLambda",
       "",
       {{"group", "AWS-Lambda-Duration"}},
       "",
       "lambda.duration.x86_64",
       "GB-second",
       {"Lambda-GB-Second", "GB-Seconds"},
       1},
      {"AWSLambda",
       "",
       {{"group", "AWS-Lambda-Duration-ARM"}},
       "",
       "lambda.duration.arm64",
       "GB-second",
       {"Lambda-GB-Second", "GB-Seconds"},
       1},
      {"AWSLambda",
       "",
       {{"group", "AWS-Lambda-Provisioned-Concurrency"}},
       "",
       "lambda.provisioned.x86_64",
       "GB-second",
       {"Lambda-GB-Second", "GB-Seconds"},
       1},
      {"AWSLambda",
       "",
       {{"group", "AWS-Lambda-Provisioned-Concurrency-ARM"}},
       "",
       "lambda.provisioned.arm64",
       "GB-second",
       {"Lambda-GB-Second", "GB-Seconds"},
       1},
      {"AWSLambda",
       "",
       {{"group", "AWS-Lambda-Duration-Provisioned"}},
       "",
       "lambda.provisioned_duration.x86_64",
       "GB-second",
       {"Lambda-GB-Second", "GB-Seconds"},
       1},
      {"AWSLambda",
       "",
       {{"group", "AWS-Lambda-Duration-Provisioned-ARM"}},
       "",
       "lambda.provisioned_duration.arm64",
       "GB-second",
       {"Lambda-GB-Second", "GB-Seconds"},
       1},
      {"AmazonECS",
       "",
       {},
       "Fargate-vCPU-Hours:perCPU",
       "fargate.vcpu.x86_64",
       "vCPU-hour",
       {"hours", "Hrs", "vCPU-Hours"},
       1},
      {"AmazonECS",
       "",
       {},
       "Fargate-GB-Hours",
       "fargate.memory.x86_64",
       "GB-hour",
       {"hours", "Hrs", "GB-Hours"},
       1},
      {"AmazonECS",
       "",
       {},
       "Fargate-ARM-vCPU-Hours:perCPU",
       "fargate.vcpu.arm64",
       "vCPU-hour",
       {"hours", "Hrs", "vCPU-Hours"},
       1},
      {"AmazonECS",
       "",
       {},
       "Fargate-ARM-GB-Hours",
       "fargate.memory.arm64",
       "GB-hour",
       {"hours", "Hrs", "GB-Hours"},
       1},
      {"AmazonECS",
       "",
       {},
       "Fargate-EphemeralStorage-GB-Hours",
       "fargate.ephemeral_storage",
       "GB-hour",
       {"hours", "Hrs", "GB-Hours"},
       1},
      {"AmazonApiGateway",
       "",
       {},
       "ApiGatewayRequest",
       "apigw.rest.requests",
       "million requests",
       {"Requests"},
       1e6},
      {"AmazonApiGateway",
       "",
       {},
       "ApiGatewayHttpRequest",
       "apigw.http.requests",
       "million requests",
       {"Requests"},
       1e6},
      {"AmazonCloudWatch",
       "",
       {},
       "DataProcessing-Bytes",
       "cloudwatch_logs.ingestion",
       "GB",
       {"GB"},
       1},
      {"AmazonCloudWatch",
       "",
       {},
       "TimedStorage-ByteHrs",
       "cloudwatch_logs.storage",
       "GB-month",
       {"GB-Mo"},
       1},
      {"AmazonRDS",
       "",
       {},
       "Aurora:ServerlessV2Usage",
       "aurora.serverless_v2.acu",
       "ACU-hour",
       {"ACU-Hr", "ACU-Hrs"},
       1},
  };
  return kRules;
}

// ec2.instance.<type>, rds.instance.<engine>.<class> (MySQL and PostgreSQL only).
std::optional<std::string> instance_key(const OfferProduct& p) {
  const std::string type = attribute(p, "instanceType");
  if (type.empty()) return std::nullopt;
  if (p.service == "AmazonEC2") return "ec2.instance." + type;
  const std::string engine = attribute(p, "databaseEngine");
  if (engine == "MySQL") return "rds.instance.mysql." + type;
  if (engine == "PostgreSQL") return "rds.instance.postgres." + type;
  return std::nullopt;
}

// Prices as the book keeps them: 12 significant digits, so that 0.0000002 per
// request x 1e6 reads 0.2 rather than 0.19999999999999998.
double tidy(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.12g", value);
  return std::strtod(text, nullptr);
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.12g", value);
  return text;
}

}  // namespace

const std::vector<std::string>& priced_services() {
  static const std::vector<std::string> kServices = [] {
    std::vector<std::string> services;
    for (const Rule& r : rules()) {
      if (std::find(services.begin(), services.end(), r.service) == services.end())
        services.push_back(r.service);
    }
    return services;
  }();
  return kServices;
}

std::vector<std::string> fixed_price_keys() {
  std::vector<std::string> keys;
  for (const Rule& r : rules()) {
    if (*r.key) keys.push_back(r.key);
  }
  return keys;
}

std::optional<KeyMatch> match_product(const OfferProduct& product, const std::string& region) {
  if (!in_region(product, region)) return std::nullopt;
  for (const Rule& r : rules()) {
    if (product.service != r.service || (*r.family && product.family != r.family)) continue;
    if (!has(product, r.attributes)) continue;
    if (*r.usage_type && !usage_type_is(product, r.usage_type)) continue;
    std::optional<std::string> key =
        *r.key ? std::optional<std::string>(r.key) : instance_key(product);
    if (!key) continue;
    return KeyMatch{*key, r.per, r.units, r.scale};
  }
  return std::nullopt;
}

std::optional<ImportedPrice> import_price(const OfferProduct& product, const KeyMatch& match,
                                          Problems& problems) {
  std::vector<const OfferRate*> rates;
  for (const OfferRate& r : product.rates) rates.push_back(&r);
  if (rates.empty()) {
    problems.add(product.terms_pointer, "expected an on-demand price for " + match.key + " (SKU " +
                                            product.sku + "), found none");
    return std::nullopt;
  }
  std::sort(rates.begin(), rates.end(),
            [](const OfferRate* a, const OfferRate* b) { return a->begin < b->begin; });
  ImportedPrice price{match, {}, &product};
  const size_t before = problems.list().size();
  for (size_t i = 0; i < rates.size(); ++i) {
    const OfferRate& r = *rates[i];
    if (std::find(match.units.begin(), match.units.end(), r.unit) == match.units.end()) {
      problems.add(child_pointer(r.pointer, "unit"), "expected " + join_choices(match.units) +
                                                         " (" + match.key + " is per " + match.per +
                                                         "), found \"" + r.unit + "\"");
    }
    const double expected_begin = i == 0 ? 0 : rates[i - 1]->end;
    if (r.begin != expected_begin) {
      problems.add(child_pointer(r.pointer, "beginRange"),
                   "expected \"" + number(expected_begin) + "\", where the " +
                       (i == 0 ? std::string("first range starts") : "range before ends") +
                       ", found \"" + number(r.begin) + "\"");
    }
    const bool last = i + 1 == rates.size();
    if (last != std::isinf(r.end)) {
      problems.add(child_pointer(r.pointer, "endRange"),
                   last ? "expected \"Inf\" for the last range, found \"" + number(r.end) + "\""
                        : "expected a bound for a range before the last, found \"Inf\"");
    }
    // What a price book accepts (app/scenario/price_books.cc): bounds above 0 that
    // rise, prices up to 1e9. A range of no width, or one whose end the book's 12
    // digits cannot tell from its beginning, has no bound of its own; a rate scaled
    // to the book's unit can exceed the book's limit.
    const ImportedTier tier{tidy(r.end / match.scale), tidy(r.usd * match.scale), r.rate_code};
    const double bound = price.tiers.empty() ? 0 : price.tiers.back().up_to;
    if (!last && !(tier.up_to > bound)) {
      problems.add(child_pointer(r.pointer, "endRange"),
                   "expected a range ending above its beginning (" + number(bound) + " " +
                       match.per + " in the book, to 12 digits), found \"" + number(r.begin) +
                       "\" to \"" + number(r.end) + "\"");
    }
    if (tier.usd > kMaxBookPriceUsd) {
      problems.add(child_pointer(child_pointer(r.pointer, "pricePerUnit"), "USD"),
                   "expected at most " + number(kMaxBookPriceUsd) + " USD per " + match.per +
                       ", found " + number(tier.usd) + " (" + number(r.usd) + " per " + r.unit +
                       ")");
    }
    price.tiers.push_back(tier);
  }
  if (problems.list().size() != before) return std::nullopt;
  // Volume tiers at one rate are one flat price.
  const bool flat = std::all_of(price.tiers.begin(), price.tiers.end(),
                                [&](const auto& t) { return t.usd == price.tiers[0].usd; });
  if (flat) price.tiers.resize(1);
  return price;
}

}  // namespace app
