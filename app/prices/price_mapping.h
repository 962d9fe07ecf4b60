// Which AWS Price List product prices which scalesim price key, in which unit
// (docs/importing.md, "Prices in"; the keys are docs/pricing.md's).
//
// A product maps to a key when its service, region, product family and
// attributes match one of a fixed table of rules, e.g. AmazonEC2 "Compute
// Instance" with operatingSystem Linux, tenancy Shared, preInstalledSw NA and
// capacitystatus Used -> ec2.instance.<instanceType>. Its on-demand rates become
// the key's price, converted to the book's unit (per request -> per million
// requests) and, when they have several ranges, its volume tiers.
#ifndef SCALESIM_APP_PRICES_PRICE_MAPPING_H_
#define SCALESIM_APP_PRICES_PRICE_MAPPING_H_

#include <optional>
#include <string>
#include <vector>

#include "app/prices/offer_file.h"
#include "app/scenario/json_reader.h"

namespace app {

struct KeyMatch {
  std::string key;                 // "ec2.instance.t3.small"
  std::string per;                 // the book's unit: "hour"
  std::vector<std::string> units;  // the units AWS writes for it: {"Hrs"}
  double scale = 1;                // book price = AWS price x scale; ranges are divided by it
};

// The key `product` prices in `region`, or nothing for a product scalesim does
// not price (another region, operating system, service...).
std::optional<KeyMatch> match_product(const OfferProduct& product, const std::string& region);

// The services (offer codes) the rules read.
const std::vector<std::string>& priced_services();
// The keys of the rules that name one key (not the instance types), in rule order.
std::vector<std::string> fixed_price_keys();

struct ImportedTier {
  double up_to = 0;  // in the book's unit; ignored for the last tier
  double usd = 0;
  std::string rate_code;
};

struct ImportedPrice {
  KeyMatch match;
  std::vector<ImportedTier> tiers;  // one for a flat price
  const OfferProduct* product = nullptr;
};

// The product's on-demand rates as the key's price. Notes a problem (at the
// rate's or the terms' pointer) for a unit other than match.units, no rate, or
// ranges that do not run from 0 to "Inf" without a gap.
std::optional<ImportedPrice> import_price(const OfferProduct& product, const KeyMatch& match,
                                          Problems& problems);

}  // namespace app

#endif  // SCALESIM_APP_PRICES_PRICE_MAPPING_H_
