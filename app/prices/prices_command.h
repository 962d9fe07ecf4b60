// `scalesim prices import OFFER... --region R -o BOOK [--base BOOK]`: AWS Price
// List offers (bulk offer files or the query API's product lines, plain or gzip)
// in, a price book (docs/pricing.md) out, so books are refreshed rather than
// curated by hand. Every imported price is `confirmed`, its source the offer
// (service and publication date) and its note the SKU and rate codes. Prices the
// offers lack are kept from the base book, status and all.
#ifndef SCALESIM_APP_PRICES_PRICES_COMMAND_H_
#define SCALESIM_APP_PRICES_PRICES_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace app {

struct PricesFlags {
  std::vector<std::string> offers;
  std::string region;
  std::string out;
  std::string base;  // empty: none
};

void add_prices_command(CLI::App& cli, PricesFlags& flags);

// Prints which prices were refreshed, which changed (old -> new) and which the
// offers lack. Throws InputError (nothing written) for a bad offer file or base
// book, an offer without a price scalesim uses, or two products that give one key
// different prices.
int prices_command(const PricesFlags& flags, std::ostream& out);

// The book prices_command writes, and its report; `base_path` "" for none.
// Throws as prices_command does.
struct PricesResult {
  std::string book;    // the JSON text
  std::string report;  // what prices_command prints before "Wrote ..."
};
PricesResult import_prices(const std::vector<std::string>& offers, const std::string& region,
                           const std::string& base_path);

}  // namespace app

#endif  // SCALESIM_APP_PRICES_PRICES_COMMAND_H_
