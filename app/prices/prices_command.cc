#include "app/prices/prices_command.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <list>
#include <map>
#include <ostream>
#include <set>

#include "app/output/atomic_file.h"
#include "app/prices/offer_file.h"
#include "app/prices/price_mapping.h"
#include "app/scenario/input_file.h"
#include "app/scenario/json_reader.h"
#include "app/scenario/price_books.h"
#include "models/compute/instance_catalog.h"

namespace app {

namespace fs = std::filesystem;

namespace {

// A price as people read it: "0.0000166667", not "1.66667e-05".
std::string decimal(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.12g", value);
  if (!std::strchr(text, 'e')) return text;
  std::snprintf(text, sizeof text, "%.18f", value);
  std::string out = text;
  out.erase(out.find_last_not_of('0') + 1);
  if (out.back() == '.') out.pop_back();
  return out;
}

std::string tiers_text(const std::vector<ImportedTier>& tiers) {
  std::string out;
  for (const ImportedTier& t : tiers) out += (out.empty() ? "" : " / ") + decimal(t.usd);
  return out;
}

std::string tiers_text(const models::Price& price) {
  std::string out;
  for (const models::PriceTier& t : price.tiers) out += (out.empty() ? "" : " / ") + decimal(t.usd);
  return out;
}

bool same_tiers(const std::vector<ImportedTier>& a, const std::vector<models::PriceTier>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].usd != b[i].usd) return false;
    if (i + 1 < a.size() && a[i].up_to != b[i].up_to) return false;
  }
  return true;
}

bool same_tiers(const std::vector<ImportedTier>& a, const std::vector<ImportedTier>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].usd != b[i].usd || (i + 1 < a.size() && a[i].up_to != b[i].up_to)) return false;
  }
  return true;
}

// Instance prices are taken for the types scalesim knows (its catalogue, and the
// RDS classes of those types) or the base book has: an EC2 offer has hundreds.
bool wanted_key(const std::string& key, const models::PriceBook* base) {
  if (base && base->find(key)) return true;
  constexpr std::string_view kEc2 = "ec2.instance.";
  if (key.starts_with(kEc2))
    return models::find_instance_type(models::Provider::kEc2, key.substr(kEc2.size()));
  if (key.starts_with("rds.instance.")) {
    const size_t db = key.find(".db.");
    return db != std::string::npos &&
           models::find_instance_type(models::Provider::kEc2, key.substr(db + 4));
  }
  return true;
}

std::string source_key(const OfferProduct& p) {
  return "PL-" + p.service + "-" + p.publication_date.substr(0, 10);
}

std::string source_text(const Offer& offer, const OfferProduct& p) {
  std::string text = "AWS Price List, " + p.service + " offer published " + p.publication_date;
  if (!offer.version.empty()) text += ", version " + offer.version;
  text += offer.query_api ? ", query API product lines (" : ", bulk offer file (";
  return text + fs::path(offer.file).filename().string() + ")";
}

Json price_json(const ImportedPrice& price) {
  const OfferProduct& p = *price.product;
  Json json = Json::object();
  json["per"] = price.match.per;
  std::string note = "SKU " + p.sku;
  if (price.tiers.size() == 1) {
    json["usd"] = price.tiers[0].usd;
    note += ", rate code " + price.tiers[0].rate_code;
  } else {
    Json tiers = Json::array();
    for (size_t i = 0; i < price.tiers.size(); ++i) {
      Json tier = Json::object();
      if (i + 1 < price.tiers.size()) tier["up_to"] = price.tiers[i].up_to;
      tier["usd"] = price.tiers[i].usd;
      tier["note"] = "rate code " + price.tiers[i].rate_code;
      tiers.push_back(std::move(tier));
    }
    json["tiers"] = std::move(tiers);
  }
  json["source"] = source_key(p);
  json["date"] = p.publication_date.substr(0, 10);
  json["status"] = "confirmed";
  json["note"] = note;
  return json;
}

// One member a line, as the shipped books are laid out.
std::string render_book(const Json& book) {
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : book.items()) {
    out += first ? "" : ",\n";
    first = false;
    out += "  " + Json(key).dump() + ": ";
    if (!value.is_object() || value.empty()) {
      out += value.dump();
      continue;
    }
    out += "{\n";
    bool first_member = true;
    for (const auto& [name, member] : value.items()) {
      out += first_member ? "" : ",\n";
      first_member = false;
      out += "    " + Json(name).dump() + ": " + member.dump();
    }
    out += "\n  }";
  }
  return out + "\n}\n";
}

struct Imported {
  std::list<Offer> offers;                      // owns the products prices point into
  std::map<std::string, ImportedPrice> prices;  // by key
  std::map<std::string, std::string> sources;   // source key -> description, first file's
  std::vector<std::string> summaries;           // one line per offer file
};

void add_offer(const std::string& path, const std::string& region, const models::PriceBook* base,
               Imported& imported) {
  const WantedProduct wanted = [&](const OfferProduct& p) {
    const auto match = match_product(p, region);
    return match && wanted_key(match->key, base);
  };
  const Offer& offer = imported.offers.emplace_back(read_offer_file(path, wanted));
  Problems problems;
  std::set<std::string> services, dates;
  size_t count = 0;
  for (const OfferProduct& p : offer.products) {
    auto price = import_price(p, *match_product(p, region), problems);
    if (!price) continue;
    services.insert(p.service);
    dates.insert(p.publication_date);
    imported.sources.emplace(source_key(p), source_text(offer, p));
    const auto [it, added] = imported.prices.emplace(price->match.key, *price);
    if (added) {
      ++count;
    } else if (!same_tiers(it->second.tiers, price->tiers)) {
      const OfferProduct& other = *it->second.product;
      problems.add(p.pointer, "expected one price for " + price->match.key + ", found " +
                                  tiers_text(price->tiers) + " (SKU " + p.sku + ") and " +
                                  tiers_text(it->second.tiers) + " (SKU " + other.sku + ")");
    }
  }
  if (!problems.empty()) throw InputError(path, problems.list());
  if (offer.products.empty()) {
    throw InputError(
        path, {{"", "expected a product scalesim prices in " + region + " (of the services " +
                        join_choices(priced_services()) + "), found none"}});
  }
  std::string names, published;
  for (const std::string& s : services) names += (names.empty() ? "" : ", ") + s;
  for (const std::string& d : dates) published += (published.empty() ? "" : ", ") + d;
  imported.summaries.push_back(
      path + ": " + names + (offer.query_api ? " query API product lines" : " bulk offer file") +
      " published " + published + ", " + std::to_string(count) + " prices");
}

}  // namespace

PricesResult import_prices(const std::vector<std::string>& offers, const std::string& region,
                           const std::string& base_path) {
  std::optional<models::PriceBook> base;
  Json base_json;
  if (!base_path.empty()) {
    base = load_price_book(base_path);
    if (base->region != region) {
      throw InputError("scalesim",
                       {{"", "--base: expected a price book for " + region + ", found one for " +
                                 base->region + " (" + base_path + ")"}});
    }
    base_json =
        parse_json_document(read_input_file(base_path, "price book", kMaxJsonFileBytes), base_path);
  }
  Imported imported;
  for (const std::string& path : offers) add_offer(path, region, base ? &*base : nullptr, imported);

  std::string date;
  Json sources = base ? base_json["sources"] : Json::object();
  for (const auto& [key, price] : imported.prices) {
    const OfferProduct& p = *price.product;
    date = std::max(date, p.publication_date.substr(0, 10));
    const std::string source = source_key(p);
    if (!sources.contains(source)) sources[source] = imported.sources.at(source);
  }
  Json prices = Json::object();
  std::string changed, added, kept;
  size_t changes = 0, additions = 0, keeps = 0;
  if (base) {
    for (const auto& [key, value] : base_json["prices"].items()) {
      const auto it = imported.prices.find(key);
      if (it == imported.prices.end()) {
        prices[key] = value;
        kept += "  " + key + " (" + value["status"].get<std::string>() + ")\n";
        ++keeps;
        continue;
      }
      prices[key] = price_json(it->second);
      const models::Price& old = *base->find(key);
      if (!same_tiers(it->second.tiers, old.tiers)) {
        changed += "  " + key + ": " + tiers_text(old) + " -> " + tiers_text(it->second.tiers) +
                   " per " + it->second.match.per + "\n";
        ++changes;
      }
    }
  }
  for (const auto& [key, price] : imported.prices) {
    if (prices.contains(key)) continue;
    prices[key] = price_json(price);
    if (base) {
      added += "  " + key + ": " + tiers_text(price.tiers) + " per " + price.match.per + "\n";
      ++additions;
    }
  }

  Json book = Json::object();
  book["format"] = "scalesim-price-book";
  book["version"] = 1;
  book["provider"] = "aws";
  book["region"] = region;
  book["date"] = date;
  book["currency"] = "USD";
  book["description"] =
      "AWS on-demand prices for " + region + ", imported from the AWS Price List" +
      (base ? "; prices the offers lack are kept from " + fs::path(base_path).filename().string()
            : "") +
      ".";
  book["sources"] = std::move(sources);
  book["prices"] = std::move(prices);
  if (base && base_json.contains("free_tier")) book["free_tier"] = base_json["free_tier"];

  PricesResult result;
  result.book = render_book(book);
  try {
    parse_price_book(result.book, "the imported book");
  } catch (const InputError& e) {
    throw std::logic_error(std::string("the imported book does not load: ") + e.what());
  }
  std::string& report = result.report;
  for (const std::string& line : imported.summaries) report += line + "\n";
  report += "Imported " + std::to_string(imported.prices.size()) + " prices";
  if (base) {
    report += " into " + base_path + "'s " + std::to_string(base->prices.size()) + "; " +
              std::to_string(changes) + " changed:\n" + changed;
    report += std::to_string(additions) + " new, not in the base:\n" + added;
    report += std::to_string(keeps) + " not in the offers, kept from the base:\n" + kept;
  } else {
    std::string missing;
    size_t misses = 0;
    for (const std::string& key : fixed_price_keys()) {
      if (imported.prices.count(key)) continue;
      missing += "  " + key + "\n";
      ++misses;
    }
    report +=
        "; " + std::to_string(misses) + " more it can import are not in the offers:\n" + missing;
  }
  return result;
}

void add_prices_command(CLI::App& cli, PricesFlags& flags) {
  CLI::App* prices = cli.add_subcommand("prices", "Price books from the AWS Price List");
  prices->require_subcommand(1);
  CLI::App* cmd = prices->add_subcommand(
      "import",
      "Read AWS Price List offers (bulk offer files or query API product lines) into "
      "a price book");
  cmd->add_option("offers", flags.offers, "Offer files, plain or .gz")->required();
  cmd->add_option("--region", flags.region, "The region to take prices for, e.g. us-east-1")
      ->required();
  cmd->add_option("-o,--out", flags.out, "The price book to write")->required();
  cmd->add_option("--base", flags.base,
                  "A price book to refresh: its prices the offers lack are kept");
}

int prices_command(const PricesFlags& flags, std::ostream& out) {
  std::optional<OutputDirectory> out_dir;
  open_output_file_directory(out_dir, "-o", flags.out);
  const PricesResult result = import_prices(flags.offers, flags.region, flags.base);
  write_files_atomically(out_dir->path(), {{fs::path(flags.out).filename().string(), result.book}});
  out_dir->keep();
  out << result.report << "Wrote " << flags.out << "\n";
  return 0;
}

}  // namespace app
