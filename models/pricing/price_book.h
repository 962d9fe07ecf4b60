// A price book: the prices of one provider, region and date, as data with a
// source for every number (scenarios/pricing/*.json, read by the app layer).
#ifndef SCALESIM_MODELS_PRICING_PRICE_BOOK_H_
#define SCALESIM_MODELS_PRICING_PRICE_BOOK_H_

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace models {

struct PriceTier {
  double up_to = std::numeric_limits<double>::infinity();  // cumulative monthly usage where it ends
  double usd = 0;                                          // per unit of the price
};

struct Price {
  std::string key;               // "ec2.instance.t3.small"
  std::string per;               // the unit: "hour", "GB-second", "million requests", ...
  std::vector<PriceTier> tiers;  // one for a flat price; increasing up_to, the last unbounded
  std::string source;
  std::string date;
  std::string status;  // confirmed, derived, secondary or unconfirmed

  // The cost of `usage` more units when `used` units were already used this month.
  // REQUIRES: used >= 0, usage >= 0.
  double cost(double used, double usage) const;
  // The price of the first tier (of the only tier, for a flat price).
  double first_tier_usd() const { return tiers.front().usd; }
};

// A monthly allowance that AWS does not bill, pooled over the prices it applies to.
struct FreeTier {
  std::string key;
  double amount = 0;  // in the unit of the prices it applies to
  std::vector<std::string> applies_to;
  std::optional<int> months;  // only in the first months of an account, when set
  std::string source;
};

struct PriceBook {
  std::string provider;
  std::string region;
  std::string date;
  std::string currency;
  std::string file;  // where it was read from, for results
  std::map<std::string, Price> prices;
  std::vector<FreeTier> free_tiers;

  // nullptr when the book has no such price.
  const Price* find(std::string_view key) const;
};

}  // namespace models

#endif  // SCALESIM_MODELS_PRICING_PRICE_BOOK_H_
