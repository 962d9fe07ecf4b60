#include "app/scenario/price_books.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <regex>
#include <sstream>

#include "app/scenario/input_file.h"
#include "app/scenario/json_reader.h"

namespace app {

namespace {

const std::vector<std::string> kUnits = {
    "hour",     "month",    "second",  "request",   "million requests", "GB-second", "GB",
    "GB-month", "LCU-hour", "IP-hour", "vCPU-hour", "GB-hour",          "ACU-hour"};
const std::vector<std::string> kStatuses = {"confirmed", "derived", "secondary", "unconfirmed"};

// The members of an object the reader accepted; none when it was not an object.
auto items(const ObjectReader& reader, const Json& value) {
  static const Json kNone = Json::object();
  return (reader.valid() ? value : kNone).items();
}

// Every key in "KEY; KEY2" must name an entry of the book's "sources".
void check_sources(const std::string& text, const std::string& pointer,
                   const std::vector<std::string>& known, Problems& problems) {
  std::stringstream keys(text);
  for (std::string key; std::getline(keys, key, ';');) {
    key.erase(0, key.find_first_not_of(' '));
    key.erase(key.find_last_not_of(' ') + 1);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      problems.add(pointer, "expected source keys listed under /sources, found \"" + key + "\"");
    }
  }
}

// "source", "date", "status" and "note": the provenance every number carries.
void read_provenance(ObjectReader& r, const std::vector<std::string>& sources, std::string& source,
                     std::string& date, std::string* status) {
  source = r.string("source", Presence::kRequired).value_or("");
  if (!source.empty()) check_sources(source, r.pointer("source"), sources, r.problems());
  date = r.string("date", Presence::kRequired).value_or("");
  if (status) *status = r.choice("status", kStatuses, Presence::kRequired).value_or("");
  r.string("note");
}

std::vector<models::PriceTier> read_tiers(const Json& value, const std::string& pointer,
                                          Problems& problems) {
  std::vector<models::PriceTier> tiers;
  if (!value.is_array() || value.empty()) {
    problems.expected(pointer, "a non-empty array of {\"up_to\", \"usd\"}", &value);
    return tiers;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    ObjectReader t(value[i], child_pointer(pointer, i), problems);
    models::PriceTier tier;
    const bool last = i + 1 == value.size();
    if (!last) tier.up_to = t.number("up_to", 0, 1e18, true, Presence::kRequired).value_or(0);
    if (!last && i > 0 && tier.up_to <= tiers.back().up_to) {
      problems.expected(t.pointer("up_to"), "a bound above the previous tier's", t.field("up_to"));
    }
    tier.usd = t.number("usd", 0, kMaxBookPriceUsd, false, Presence::kRequired).value_or(0);
    t.choice("status", kStatuses);
    t.string("note");
    t.reject_unknown_keys();
    tiers.push_back(tier);
  }
  return tiers;
}

models::Price read_price(const std::string& key, const Json& value, const std::string& pointer,
                         const std::vector<std::string>& sources, Problems& problems) {
  models::Price price;
  price.key = key;
  ObjectReader r(value, pointer, problems, "a price object");
  if (!r.valid()) return price;
  price.per = r.choice("per", kUnits, Presence::kRequired).value_or("");
  const Json* usd = r.field("usd");
  const Json* tiers = r.field("tiers");
  if (!usd == !tiers) {
    problems.add(pointer, std::string("expected exactly one of \"usd\" or \"tiers\", found ") +
                              (usd ? "both" : "neither"));
  } else if (usd) {
    price.tiers = {{std::numeric_limits<double>::infinity(),
                    read_number(*usd, r.pointer("usd"), problems, 0, kMaxBookPriceUsd).value_or(0)}};
  } else {
    price.tiers = read_tiers(*tiers, r.pointer("tiers"), problems);
  }
  read_provenance(r, sources, price.source, price.date, &price.status);
  r.reject_unknown_keys();
  return price;
}

models::FreeTier read_free_tier(const std::string& key, const Json& value,
                                const std::string& pointer, const models::PriceBook& book,
                                const std::vector<std::string>& sources, Problems& problems) {
  models::FreeTier tier;
  tier.key = key;
  ObjectReader r(value, pointer, problems, "a free tier object");
  if (!r.valid()) return tier;
  tier.amount = r.number("amount", 0, 1e18, false, Presence::kRequired).value_or(0);
  const std::string unit = r.choice("unit", kUnits, Presence::kRequired).value_or("");
  r.choice("per", {"month"}, Presence::kRequired);
  if (auto months = r.integer("months", 1, 1200)) tier.months = static_cast<int>(*months);
  if (const Json* applies = r.field("applies_to", Presence::kRequired, "an array of price keys")) {
    for (size_t i = 0; applies->is_array() && i < applies->size(); ++i) {
      auto name = read_string((*applies)[i], child_pointer(r.pointer("applies_to"), i), problems);
      const models::Price* price = name ? book.find(*name) : nullptr;
      if (name && !price) {
        problems.expected(child_pointer(r.pointer("applies_to"), i), "a key of /prices",
                          &(*applies)[i]);
      }
      // The ledger deducts the amount from usage in the price's unit.
      if (price && !unit.empty() && price->per != unit) {
        problems.add(r.pointer("unit"), "expected \"" + price->per + "\", the unit of " + *name +
                                            ", found \"" + unit + "\"");
      }
      if (name) tier.applies_to.push_back(*name);
    }
    if (!applies->is_array() || applies->empty())
      problems.expected(r.pointer("applies_to"), "a non-empty array of price keys", applies);
  }
  std::string date;
  std::string status;
  read_provenance(r, sources, tier.source, date, &status);
  r.reject_unknown_keys();
  return tier;
}

}  // namespace

models::PriceBook parse_price_book(const std::string& text, const std::string& file) {
  const Json root = parse_json_document(text, file);
  Problems problems;
  models::PriceBook book;
  book.file = file;
  ObjectReader r(root, "", problems, "a price book object");
  if (r.valid()) {
    r.choice("format", {"scalesim-price-book"}, Presence::kRequired);
    r.integer("version", 1, 1, Presence::kRequired);
    book.provider = r.choice("provider", {"aws"}, Presence::kRequired).value_or("");
    book.region = r.string("region", Presence::kRequired).value_or("");
    book.date = r.string("date", Presence::kRequired).value_or("");
    book.currency = r.choice("currency", {"USD"}, Presence::kRequired).value_or("");
    r.string("description");
    std::vector<std::string> sources;
    if (const Json* s =
            r.field("sources", Presence::kRequired, "an object of source descriptions")) {
      ObjectReader sr(*s, r.pointer("sources"), problems);
      for (const auto& [key, value] : items(sr, *s)) {
        if (read_string(value, sr.pointer(key), problems)) sources.push_back(key);
      }
    }
    if (const Json* prices = r.field("prices", Presence::kRequired, "an object of prices")) {
      ObjectReader pr(*prices, r.pointer("prices"), problems);
      for (const auto& [key, value] : items(pr, *prices)) {
        book.prices.emplace(key, read_price(key, value, pr.pointer(key), sources, problems));
      }
    }
    if (const Json* free = r.field("free_tier")) {
      ObjectReader fr(*free, r.pointer("free_tier"), problems);
      for (const auto& [key, value] : items(fr, *free)) {
        book.free_tiers.push_back(
            read_free_tier(key, value, fr.pointer(key), book, sources, problems));
      }
    }
    r.reject_unknown_keys();
  }
  if (!problems.empty()) throw InputError(file, problems.list());
  return book;
}

models::PriceBook load_price_book(const std::string& path) {
  return parse_price_book(read_input_file(path, "price book", kMaxJsonFileBytes), path);
}

std::string price_book_directory(const std::string& scenario_dir) {
  if (const char* env = std::getenv("SCALESIM_DATA_DIR"); env && *env)
    return std::string(env) + "/pricing";
  const std::filesystem::path beside = std::filesystem::path(scenario_dir) / "pricing";
  if (std::filesystem::is_directory(beside)) return beside.string();
  return std::string(SCALESIM_DATA_DIR) + "/pricing";
}

std::vector<std::pair<std::string, std::string>> list_price_books(const std::string& directory) {
  static const std::regex kName("aws-(.+)-(\\d{4}-\\d{2}(-\\d{2})?)\\.json");
  std::vector<std::tuple<std::string, std::string, std::string>> found;  // region, date, path
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    std::smatch match;
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, match, kName))
      found.emplace_back(match[1], match[2], entry.path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::pair<std::string, std::string>> books;
  for (const auto& [region, date, path] : found) books.emplace_back(region, path);
  return books;
}

}  // namespace app
