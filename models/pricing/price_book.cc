#include "models/pricing/price_book.h"

#include <algorithm>

namespace models {

double Price::cost(double used, double usage) const {
  double total = 0;
  double tier_start = 0;
  for (const PriceTier& tier : tiers) {
    // The part of [used, used + usage) that falls in [tier_start, tier.up_to).
    const double from = std::max(used, tier_start);
    const double to = std::min(used + usage, tier.up_to);
    if (to > from) total += (to - from) * tier.usd;
    tier_start = tier.up_to;
    if (tier_start >= used + usage) break;
  }
  return total;
}

const Price* PriceBook::find(std::string_view key) const {
  auto it = prices.find(std::string(key));
  return it == prices.end() ? nullptr : &it->second;
}

}  // namespace models
