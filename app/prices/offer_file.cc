#include "app/prices/offer_file.h"

#include <zlib.h>

#include <cerrno>
#include <cstdlib>
#include <unordered_map>

#include "app/scenario/input_file.h"
#include "app/scenario/json_reader.h"

namespace app {

namespace {

// A region's bulk EC2 offer file is a few hundred megabytes of JSON.
constexpr uint64_t kMaxOfferBytes = uint64_t{2} << 30;

// The whole file, decompressed when it is gzip (zlib reads plain files as they are).
std::string read_maybe_gzip(const std::string& path) {
  check_input_file(path, "offer file", kMaxOfferBytes);
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw InputError(path, {{"", "expected a readable file, found an error opening it"}});
  std::string text;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > kMaxOfferBytes) break;
  }
  int code = Z_OK;
  const std::string message = n < 0 ? gzerror(file, &code) : "";
  gzclose(file);
  if (n < 0)
    throw InputError(path, {{"", "expected intact gzip data, found an error (" + message + ")"}});
  if (text.size() > kMaxOfferBytes)
    throw InputError(path, {{"", "expected at most 2 GiB of JSON, found more"}});
  return text;
}

// "0.0104000000" as a number >= 0; AWS writes prices and ranges as decimal strings.
std::optional<double> read_decimal(const Json* value, const std::string& pointer,
                                   Problems& problems, const std::string& what, double max) {
  if (!value) return std::nullopt;
  if (value->is_string()) {
    const std::string& text = value->get_ref<const std::string&>();
    char* end = nullptr;
    errno = 0;
    const double usd = std::strtod(text.c_str(), &end);
    if (!text.empty() && *end == '\0' && errno == 0 && usd >= 0 && usd <= max) return usd;
  }
  problems.expected(pointer, what, value);
  return std::nullopt;
}

// beginRange / endRange: "0", "6000000000", "Inf".
std::optional<double> read_range(const Json& value, const std::string& pointer,
                                 Problems& problems) {
  if (value.is_string() && value == "Inf") return std::numeric_limits<double>::infinity();
  return read_decimal(&value, pointer, problems, "a range such as \"0\" or \"Inf\"", 1e18);
}

OfferRate read_rate(const std::string& code, const Json& value, const std::string& pointer,
                    Problems& problems) {
  OfferRate rate;
  rate.rate_code = code;
  rate.pointer = pointer;
  ObjectReader r(value, pointer, problems, "a price dimension object");
  if (!r.valid()) return rate;
  rate.unit = r.string("unit", Presence::kRequired).value_or("");
  if (const Json* price =
          r.field("pricePerUnit", Presence::kRequired, "an object {\"USD\": ...}")) {
    ObjectReader p(*price, r.pointer("pricePerUnit"), problems, "an object {\"USD\": ...}");
    if (p.valid()) {
      const Json* usd = p.field("USD", Presence::kRequired, "a price in USD");
      rate.usd =
          read_decimal(usd, p.pointer("USD"), problems, "a price in USD such as \"0.0104\"", 1e9)
              .value_or(0);
    }
  }
  if (const Json* begin = r.field("beginRange"))
    rate.begin = read_range(*begin, r.pointer("beginRange"), problems).value_or(0);
  if (const Json* end = r.field("endRange"))
    rate.end = read_range(*end, r.pointer("endRange"), problems).value_or(rate.end);
  return rate;
}

// {TERM: {"priceDimensions": {RATE: {...}}}}: the on-demand terms of one product.
void read_terms(const Json& terms, const std::string& pointer, OfferProduct& product,
                Problems& problems) {
  product.terms_pointer = pointer;
  ObjectReader t(terms, pointer, problems, "an object of on-demand terms");
  if (!t.valid()) return;
  for (const auto& [code, term] : terms.items()) {
    ObjectReader r(term, t.pointer(code), problems, "a term object");
    if (!r.valid()) continue;
    const Json* dims = r.field("priceDimensions", Presence::kRequired, "an object of prices");
    if (!dims) continue;
    ObjectReader d(*dims, r.pointer("priceDimensions"), problems, "an object of prices");
    if (!d.valid()) continue;
    for (const auto& [rate, value] : dims->items())
      product.rates.push_back(read_rate(rate, value, d.pointer(rate), problems));
  }
}

// {"sku", "productFamily", "attributes"}: everything but the terms.
bool read_product(const Json& value, const std::string& pointer, OfferProduct& product,
                  Problems& problems) {
  product.pointer = pointer;
  ObjectReader r(value, pointer, problems, "a product object");
  if (!r.valid()) return false;
  product.sku = r.string("sku", Presence::kRequired).value_or("");
  product.family = r.string("productFamily").value_or("");
  const Json* attributes = r.field("attributes", Presence::kRequired, "an object of attributes");
  if (!attributes) return false;
  ObjectReader a(*attributes, r.pointer("attributes"), problems, "an object of attributes");
  if (!a.valid()) return false;
  for (const auto& [name, attribute] : attributes->items()) {
    if (attribute.is_string()) product.attributes[name] = attribute.get<std::string>();
  }
  return !product.sku.empty();
}

void read_bulk(const Json& root, Offer& offer, const WantedProduct& wanted, Problems& problems) {
  ObjectReader r(root, "", problems, "an offer file object");
  r.string("formatVersion", Presence::kRequired);
  const std::string code = r.string("offerCode", Presence::kRequired).value_or("");
  offer.version = r.string("version").value_or("");
  const std::string date = r.string("publicationDate", Presence::kRequired).value_or("");
  const Json* products = r.field("products", Presence::kRequired, "an object of products");
  const Json* terms = r.field("terms", Presence::kRequired, "an object of terms");
  if (!products || !terms || !problems.empty()) return;
  ObjectReader tr(*terms, "/terms", problems, "an object of terms");
  const Json* on_demand =
      tr.valid() ? tr.field("OnDemand", Presence::kRequired, "an object of on-demand terms by SKU")
                 : nullptr;
  ObjectReader pr(*products, "/products", problems, "an object of products");
  if (!on_demand || !pr.valid()) return;
  ObjectReader od(*on_demand, "/terms/OnDemand", problems, "an object of on-demand terms by SKU");
  if (!od.valid()) return;
  // The order-preserving object finds a key by searching them all: index once.
  std::unordered_map<std::string, const Json*> terms_of;
  for (const auto& [sku, value] : on_demand->items()) terms_of.emplace(sku, &value);
  for (const auto& [sku, value] : products->items()) {
    OfferProduct product;
    product.service = code;
    product.publication_date = date;
    if (!read_product(value, pr.pointer(sku), product, problems) || !wanted(product)) continue;
    const auto it = terms_of.find(product.sku);
    if (it == terms_of.end()) {
      problems.add(od.pointer(product.sku),
                   "expected the on-demand terms of SKU " + product.sku + ", found none");
      continue;
    }
    read_terms(*it->second, od.pointer(product.sku), product, problems);
    offer.products.push_back(std::move(product));
  }
}

// One product line of the query API: a JSON string (as GetProducts returns it) or an object.
void read_line(const Json& element, const std::string& pointer, const std::string& file,
               Offer& offer, const WantedProduct& wanted, Problems& problems) {
  Json parsed;
  const Json* line = &element;
  if (element.is_string()) {
    try {
      parsed = parse_json_document(element.get<std::string>(), file);
    } catch (const InputError& e) {
      for (const Problem& p : e.problems()) problems.add(pointer + p.pointer, p.message);
      return;
    }
    line = &parsed;
  }
  ObjectReader r(*line, pointer, problems, "a product line object or string");
  if (!r.valid()) return;
  OfferProduct product;
  product.service = r.string("serviceCode", Presence::kRequired).value_or("");
  product.publication_date = r.string("publicationDate", Presence::kRequired).value_or("");
  const Json* value = r.field("product", Presence::kRequired, "a product object");
  const Json* terms = r.field("terms", Presence::kRequired, "an object of terms");
  if (!value || !read_product(*value, r.pointer("product"), product, problems)) return;
  if (!terms || !wanted(product)) return;
  ObjectReader tr(*terms, r.pointer("terms"), problems, "an object of terms");
  if (!tr.valid()) return;
  if (const Json* on_demand = tr.field("OnDemand", Presence::kRequired, "an object of terms")) {
    read_terms(*on_demand, tr.pointer("OnDemand"), product, problems);
    offer.products.push_back(std::move(product));
  }
}

}  // namespace

Offer parse_offer(const std::string& text, const std::string& file, const WantedProduct& wanted) {
  const Json root = parse_json_document(text, file);
  Problems problems;
  Offer offer;
  offer.file = file;
  const Json* lines = nullptr;
  std::string lines_pointer;
  if (root.is_array()) {
    lines = &root;
  } else if (root.is_object() && root.contains("PriceList")) {
    lines = &root["PriceList"];
    lines_pointer = "/PriceList";
  }
  if (lines) {
    offer.query_api = true;
    if (!lines->is_array()) problems.expected(lines_pointer, "an array of product lines", lines);
    for (size_t i = 0; lines->is_array() && i < lines->size(); ++i) {
      read_line((*lines)[i], child_pointer(lines_pointer, i), file, offer, wanted, problems);
    }
  } else if (root.is_object() && (root.contains("products") || root.contains("offerCode"))) {
    read_bulk(root, offer, wanted, problems);
  } else {
    problems.expected("",
                      "an AWS Price List offer file (with \"offerCode\", \"products\" and "
                      "\"terms\") or query API product lines (\"PriceList\")",
                      &root);
  }
  if (!problems.empty()) throw InputError(file, problems.list());
  return offer;
}

Offer read_offer_file(const std::string& path, const WantedProduct& wanted) {
  return parse_offer(read_maybe_gzip(path), path, wanted);
}

}  // namespace app
