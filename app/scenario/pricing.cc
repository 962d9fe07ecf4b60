#include "app/scenario/pricing.h"

#include <filesystem>
#include <limits>

#include "app/scenario/price_books.h"

namespace app {

namespace {

constexpr const char* kDefaultRegion = "us-east-1";

// The newest shipped book of `region`, or a problem listing the regions there are.
std::optional<std::string> find_book(const std::string& region, const std::string& directory,
                                     const std::string& pointer, const Json* found,
                                     Problems& problems) {
  std::optional<std::string> path;
  std::vector<std::string> regions;
  for (const auto& [book_region, book_path] : list_price_books(directory)) {
    if (book_region == region) path = book_path;
    if (regions.empty() || regions.back() != book_region) regions.push_back(book_region);
  }
  if (!path) {
    problems.expected(
        pointer, "a region with a price book in " + directory + " (" + join_choices(regions) + ")",
        found);
  }
  return path;
}

std::optional<models::PriceBook> load_book(const std::string& path, Problems& problems) {
  try {
    return load_price_book(path);
  } catch (const InputError& e) {
    for (Problem p : e.problems()) {
      p.file = e.file();
      problems.add(p);
    }
    return std::nullopt;
  }
}

void apply_overrides(const Json& value, const std::string& pointer, models::PriceBook& book,
                     Problems& problems) {
  ObjectReader r(value, pointer, problems, "an object of price keys and USD per unit");
  if (!r.valid()) return;
  std::vector<std::string> keys;
  for (const auto& [key, price] : book.prices) keys.push_back(key);
  for (const auto& [key, usd] : value.items()) {
    auto it = book.prices.find(key);
    if (it == book.prices.end()) {
      read_choice(Json(key), r.pointer(key), problems, keys);
      continue;
    }
    if (auto number = read_number(usd, r.pointer(key), problems, 0, 1e9)) {
      it->second.tiers = {{std::numeric_limits<double>::infinity(), *number}};
      it->second.status = "override";
      it->second.source = "scenario override";
    }
  }
}

// {"ec2.": 0.3}: 30% off every price whose key starts with "ec2."; where several
// prefixes match a key, the longest wins.
void apply_discounts(const Json& value, const std::string& pointer, models::PriceBook& book,
                     Problems& problems) {
  ObjectReader r(value, pointer, problems, "an object of price key prefixes and fractions");
  if (!r.valid()) return;
  std::map<std::string, double> discounts;
  for (const auto& [prefix, fraction] : value.items()) {
    const auto number = read_number(fraction, r.pointer(prefix), problems, 0, 1);
    bool matches = false;
    for (const auto& [key, price] : book.prices) matches |= key.starts_with(prefix);
    if (!matches)
      problems.add(r.pointer(prefix), "expected the start of a price key, found \"" + prefix +
                                          "\", which starts none");
    if (number && matches) discounts[prefix] = *number;
  }
  for (auto& [key, price] : book.prices) {
    std::string best;
    for (const auto& [prefix, fraction] : discounts) {
      if (key.starts_with(prefix) && prefix.size() >= best.size()) best = prefix;
    }
    if (!discounts.contains(best)) continue;
    for (models::PriceTier& tier : price.tiers) tier.usd *= 1 - discounts.at(best);
  }
}

}  // namespace

std::optional<models::PricingConfig> read_pricing(const Json* value, const std::string& pointer,
                                                  const std::string& scenario_file,
                                                  Problems& problems) {
  const std::string scenario_dir = std::filesystem::path(scenario_file).parent_path().string();
  static const Json kEmpty = Json::object();
  ObjectReader r(value ? *value : kEmpty, pointer, problems, "a pricing object");
  if (!r.valid()) return std::nullopt;
  models::PricingConfig pricing;
  const std::string region = r.string("region").value_or(kDefaultRegion);
  pricing.free_tier = r.boolean("free_tier").value_or(false);
  std::optional<std::string> path;
  if (auto named = r.string("price_book")) {
    path = (std::filesystem::path(scenario_dir) / *named).string();
  } else {
    path = find_book(region, price_book_directory(scenario_dir), r.pointer("region"),
                     r.field("region"), problems);
  }
  const Json* overrides = r.field("overrides");
  const Json* discounts = r.field("discounts");
  r.reject_unknown_keys();
  if (!path) return std::nullopt;
  std::optional<models::PriceBook> book = load_book(*path, problems);
  if (!book) return std::nullopt;
  // A region given beside a named book must be the book's.
  if (book->region != region && (!r.field("price_book") || r.field("region"))) {
    problems.expected(r.pointer("region"), "\"" + book->region + "\", the region of " + *path,
                      r.field("region"));
  }
  if (overrides) apply_overrides(*overrides, r.pointer("overrides"), *book, problems);
  if (discounts) apply_discounts(*discounts, r.pointer("discounts"), *book, problems);
  pricing.book = std::move(*book);
  return pricing;
}

namespace {

// Where a strategy's controller is: a component's "policy" is named
// "<component>.policy", the others are in the strategy's "controllers".
std::string controller_pointer(size_t strategy, const std::string& name) {
  const std::string at = child_pointer("/strategies", strategy);
  const std::string suffix = ".policy";
  if (name.size() > suffix.size() && name.ends_with(suffix)) {
    const std::string component = name.substr(0, name.size() - suffix.size());
    return child_pointer(child_pointer(child_pointer(at, "components"), component), "policy");
  }
  return child_pointer(child_pointer(at, "controllers"), name);
}

}  // namespace

void check_prices(const models::Scenario& scenario, Problems& problems) {
  if (!scenario.pricing) return;
  const models::PriceBook& book = scenario.pricing->book;
  for (size_t s = 0; s < scenario.strategies.size(); ++s) {
    for (const models::ComponentSpec& component : scenario.strategies[s].components) {
      for (const std::string& key : models::price_keys(component)) {
        if (book.find(key)) continue;
        problems.add(child_pointer(child_pointer(child_pointer("/strategies", s), "components"),
                                   component.name),
                     "expected a component the " + book.region + " price book (" + book.file +
                         ") prices, found none for \"" + key + "\"");
      }
    }
    for (const models::ControllerSpec& controller : scenario.strategies[s].controllers) {
      for (const std::string& key : models::price_keys(controller)) {
        if (book.find(key)) continue;
        problems.add(controller_pointer(s, controller.name),
                     "expected a controller the " + book.region + " price book (" + book.file +
                         ") prices, found none for \"" + key + "\"");
      }
    }
  }
}

}  // namespace app
