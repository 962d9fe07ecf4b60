// AWS Price List offers in, in the two structures AWS documents (docs/importing.md,
// "Prices in"):
//
//   bulk offer files: {"formatVersion", "offerCode", "version", "publicationDate",
//     "products": {SKU: {"sku", "productFamily", "attributes"}},
//     "terms": {"OnDemand": {SKU: {TERM: {"priceDimensions": {RATE: {...}}}}}}};
//   the query API's product lines (pricing:GetProducts): {"PriceList": [LINE, ...]}
//     or a bare array of lines, each a JSON string or object {"product": {"sku",
//     "productFamily", "attributes"}, "serviceCode", "publicationDate",
//     "terms": {"OnDemand": {TERM: {"priceDimensions": ...}}}}.
//
// Files may be gzip-compressed. Only the on-demand terms are read.
#ifndef SCALESIM_APP_PRICES_OFFER_FILE_H_
#define SCALESIM_APP_PRICES_OFFER_FILE_H_

#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace app {

// One price dimension of an on-demand term: a rate for one range of usage.
struct OfferRate {
  std::string rate_code;
  std::string unit;  // as AWS writes it: "Hrs", "Requests", "Lambda-GB-Second", ...
  double usd = 0;
  double begin = 0;                                      // beginRange, in `unit`
  double end = std::numeric_limits<double>::infinity();  // endRange; "Inf" is infinity
  std::string pointer;                                   // of the dimension
};

struct OfferProduct {
  std::string sku;
  std::string family;   // productFamily; "" when the product has none
  std::string service;  // offerCode (bulk) or serviceCode (query API)
  std::string publication_date;
  std::map<std::string, std::string> attributes;  // the string-valued ones
  std::vector<OfferRate> rates;                   // of every on-demand term
  std::string pointer;                            // of the product
  std::string terms_pointer;                      // of its on-demand terms
};

struct Offer {
  std::string file;
  bool query_api = false;              // product lines rather than a bulk offer file
  std::string version;                 // bulk files only
  std::vector<OfferProduct> products;  // those `wanted`, with their rates
};

// Decides, from a product's SKU, family, service and attributes (rates not read
// yet), whether its prices are read: the others are skipped unchecked.
using WantedProduct = std::function<bool(const OfferProduct&)>;

// Throws InputError naming the file and the JSON pointer of every problem:
// neither structure, a missing or mistyped key, a price that is not a number.
Offer read_offer_file(const std::string& path, const WantedProduct& wanted);
Offer parse_offer(const std::string& text, const std::string& file, const WantedProduct& wanted);

}  // namespace app

#endif  // SCALESIM_APP_PRICES_OFFER_FILE_H_
