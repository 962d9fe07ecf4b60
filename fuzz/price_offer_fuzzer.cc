// Fuzzes the AWS Price List offer readers of `scalesim prices import`
// (app/prices/offer_file.h, price_mapping.h, prices_command.h): the input is a bulk offer
// file or the query API's product lines, plain or gzip.
//
// A first line "#fuzz region=eu-west-1" (fuzz_input.h) sets the region prices are
// imported for and is taken off before the rest is read; without one, us-east-1.
// Each input is read three ways: every product, as `prices import` does (the products
// its rules map, then their rates as a key's price), and through the whole import,
// whose price book must read back.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "app/prices/offer_file.h"
#include "app/prices/price_mapping.h"
#include "app/prices/prices_command.h"
#include "app/scenario/input_error.h"
#include "app/scenario/price_books.h"
#include "fuzz/fuzz_input.h"

namespace {

// The promises of offer_file.h about what a read returns.
void check_offer(const app::Offer& offer, const std::string& path) {
  fuzz::require(offer.file == path, "an offer names its file");
  for (const app::OfferProduct& p : offer.products) {
    fuzz::require(!p.sku.empty(), "a product has a SKU");
    for (const app::OfferRate& r : p.rates) {
      fuzz::require(std::isfinite(r.usd) && r.usd >= 0, "a price is a number at least 0");
      fuzz::require(std::isfinite(r.begin) && r.begin >= 0, "a range begins at a number >= 0");
      fuzz::require(r.end >= 0, "a range ends at a number >= 0 or Inf");
    }
  }
}

// The promises of price_mapping.h about a key's price.
void check_price(const app::ImportedPrice& price, const app::OfferProduct& product) {
  fuzz::require(price.product == &product, "a price points to its product");
  fuzz::require(!price.tiers.empty(), "a price has a tier");
  fuzz::require(price.tiers.size() <= product.rates.size(), "a tier per rate at most");
  double bound = 0;  // the tier before's, or 0
  for (size_t i = 0; i < price.tiers.size(); ++i) {
    const app::ImportedTier& t = price.tiers[i];
    fuzz::require(std::isfinite(t.usd) && t.usd >= 0, "a tier's price is a number at least 0");
    if (i + 1 == price.tiers.size()) break;
    fuzz::require(t.up_to > bound && std::isfinite(t.up_to),
                  "tiers' bounds are numbers above 0 that rise, as a price book's");
    bound = t.up_to;
  }
}

void read_all(const std::string& path) {
  try {
    check_offer(app::read_offer_file(path, [](const app::OfferProduct&) { return true; }), path);
  } catch (const app::InputError&) {
    // the expected answer to bad input
  }
}

void read_mapped(const std::string& path, const std::string& region) {
  app::Offer offer;
  try {
    offer = app::read_offer_file(path, [&](const app::OfferProduct& p) {
      return app::match_product(p, region).has_value();
    });
  } catch (const app::InputError&) {
    return;  // the expected answer to bad input
  }
  check_offer(offer, path);
  for (const app::OfferProduct& p : offer.products) {
    const auto match = app::match_product(p, region);
    fuzz::require(match.has_value(), "a product read is a product wanted");
    app::Problems problems;
    const auto price = app::import_price(p, *match, problems);
    fuzz::require(price.has_value() == problems.empty(), "no price exactly when a problem");
    if (price) check_price(*price, p);
  }
}

void import(const std::string& path, const std::string& region) {
  app::PricesResult result;
  try {
    result = app::import_prices({path}, region, "");
  } catch (const app::InputError&) {
    return;  // the expected answer to bad input
  }
  try {
    app::parse_price_book(result.book, "imported.json");
  } catch (const app::InputError&) {
    fuzz::require(false, "an imported price book reads back");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto settings = fuzz::header_settings(text);
  std::string region = "us-east-1";
  if (!settings.empty()) {
    const size_t end = text.find('\n');
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (auto r = settings.find("region"); r != settings.end()) region = r->second;
  }
  const std::string path =
      fuzz::write_input_file(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  read_all(path);
  read_mapped(path, region);
  import(path, region);
  return 0;
}
