// `scalesim prices import`: AWS Price List offers, as bulk offer files and as the
// query API's product lines, into a price book. Small offer files in the documented
// structure (tests/data/prices/) give exact prices, sources and the report of what
// changed; the book loads and prices a run; bad offers are refused with exact messages.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <limits>

#include "app/prices/prices_command.h"
#include "app/scenario/input_error.h"
#include "app/scenario/json_reader.h"
#include "app/scenario/loader.h"
#include "app/scenario/price_books.h"
#include "binary.h"
#include "run_metrics.h"

namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(SCALESIM_SOURCE_DIR) + "/tests/data/prices/";
const std::string kBase =
    std::string(SCALESIM_SOURCE_DIR) + "/scenarios/pricing/aws-us-east-1-2026-11.json";
const std::vector<std::string> kOffers = {
    kData + "ec2-us-east-1.json", kData + "lambda-us-east-1.json", kData + "fargate-us-east-1.json",
    kData + "cloudwatch-us-east-1.json"};

fs::path scratch() {
  static const fs::path dir = test::scratch("prices");
  return dir;
}

std::string write(const std::string& name, const std::string& text) {
  const fs::path path = scratch() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::string import_error(const std::vector<std::string>& offers,
                         const std::string& region = "us-east-1", const std::string& base = "") {
  try {
    app::import_prices(offers, region, base);
  } catch (const app::InputError& e) {
    return e.what();
  }
  return "no error";
}

std::vector<std::pair<double, double>> tiers(const models::PriceBook& book,
                                             const std::string& key) {
  std::vector<std::pair<double, double>> out;
  const models::Price* price = book.find(key);
  if (!price) return out;
  for (const auto& t : price->tiers) out.emplace_back(t.up_to, t.usd);
  return out;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("Offers refresh a base book: exact prices, kept prices and what changed", "[prices]") {
  const app::PricesResult result = app::import_prices(kOffers, "us-east-1", kBase);
  const models::PriceBook book = app::parse_price_book(result.book, "book.json");
  CHECK(book.region == "us-east-1");
  CHECK(book.date == "2026-11-10");  // the newest offer's publication date

  // EC2 (bulk offer file): Linux, shared tenancy, no software, capacity Used.
  CHECK(tiers(book, "ec2.instance.t3.small") ==
        std::vector<std::pair<double, double>>{{kInf, 0.021}});
  CHECK(tiers(book, "ec2.instance.t3.micro") ==
        std::vector<std::pair<double, double>>{{kInf, 0.0104}});
  CHECK(book.find("ec2.instance.m7i.large") == nullptr);  // not in the catalogue nor the base
  CHECK(tiers(book, "nat_gateway.hour") == std::vector<std::pair<double, double>>{{kInf, 0.045}});
  CHECK(tiers(book, "nat_gateway.data") == std::vector<std::pair<double, double>>{{kInf, 0.045}});
  // Lambda (query API lines): per request -> per million; three duration tiers, in
  // range order whatever the order of the offer's rates.
  CHECK(tiers(book, "lambda.requests") == std::vector<std::pair<double, double>>{{kInf, 0.2}});
  CHECK(tiers(book, "lambda.duration.x86_64") ==
        std::vector<std::pair<double, double>>{
            {6e9, 0.0000166667}, {15e9, 0.000015}, {kInf, 0.0000133334}});
  CHECK(tiers(book, "lambda.duration.arm64") ==
        std::vector<std::pair<double, double>>{
            {7.5e9, 0.0000133334}, {18.75e9, 0.0000120001}, {kInf, 0.0000106667}});
  // Fargate (bulk): x86 and ARM, vCPU and memory, ephemeral storage; Windows ignored.
  CHECK(tiers(book, "fargate.vcpu.x86_64") ==
        std::vector<std::pair<double, double>>{{kInf, 0.04048}});
  CHECK(tiers(book, "fargate.memory.x86_64") ==
        std::vector<std::pair<double, double>>{{kInf, 0.004445}});
  CHECK(tiers(book, "fargate.vcpu.arm64") ==
        std::vector<std::pair<double, double>>{{kInf, 0.03238}});
  CHECK(tiers(book, "fargate.memory.arm64") ==
        std::vector<std::pair<double, double>>{{kInf, 0.00356}});
  CHECK(tiers(book, "fargate.ephemeral_storage") ==
        std::vector<std::pair<double, double>>{{kInf, 0.000111}});
  // CloudWatch Logs (lines as objects in a bare array): billed infrastructure.
  CHECK(tiers(book, "cloudwatch_logs.ingestion") ==
        std::vector<std::pair<double, double>>{{kInf, 0.5}});
  CHECK(tiers(book, "cloudwatch_logs.storage") ==
        std::vector<std::pair<double, double>>{{kInf, 0.03}});
  // Kept from the base, status and all.
  CHECK(tiers(book, "alb.hour") == std::vector<std::pair<double, double>>{{kInf, 0.0225}});
  CHECK(book.free_tiers.size() == 6);

  // Every imported price names its offer, publication date, SKU and rate code.
  const app::Json json = app::parse_json_document(result.book, "book.json");
  CHECK(json["prices"]["ec2.instance.t3.small"].dump() ==
        R"({"per":"hour","usd":0.021,"source":"PL-AmazonEC2-2026-11-01","date":"2026-11-01",)"
        R"("status":"confirmed","note":"SKU A1B2C3D4E5F6G7H1, rate code )"
        R"(A1B2C3D4E5F6G7H1.JRTCKXETXF.6YS6EN2CT7"})");
  CHECK(
      json["prices"]["lambda.duration.x86_64"]["tiers"][1].dump() ==
      R"({"up_to":15000000000.0,"usd":1.5e-05,"note":"rate code L1A2M3B4D5A6D7X1.JRTCKXETXF.7N8GJ4D43P"})");
  CHECK(json["sources"]["PL-AmazonEC2-2026-11-01"] ==
        "AWS Price List, AmazonEC2 offer published 2026-11-01T00:00:00Z, version 20261101000000, "
        "bulk offer file (ec2-us-east-1.json)");
  CHECK(json["sources"]["PL-AWSLambda-2026-10-20"] ==
        "AWS Price List, AWSLambda offer published 2026-10-20T00:00:00Z, query API product lines "
        "(lambda-us-east-1.json)");
  CHECK(json["prices"]["ec2.cpu_credit.t3"]["status"] == "unconfirmed");
  CHECK(json["prices"]["lambda.duration.arm64"]["status"] == "confirmed");

  // The report: refreshed, changed (old -> new), and missing from the offers.
  const std::string& r = result.report;
  CHECK(r.starts_with(kData +
                      "ec2-us-east-1.json: AmazonEC2 bulk offer file published "
                      "2026-11-01T00:00:00Z, 4 prices\n" +
                      kData +
                      "lambda-us-east-1.json: AWSLambda query API product lines published "
                      "2026-10-20T00:00:00Z, 3 prices\n"));
  // The Lambda, Fargate, NAT and CloudWatch prices are the base's: only t3.small moved.
  CHECK(r.find("Imported 14 prices into " + kBase +
               "'s 77; 1 changed:\n"
               "  ec2.instance.t3.small: 0.0208 -> 0.021 per hour\n"
               "0 new, not in the base:\n"
               "63 not in the offers, kept from the base:\n") != std::string::npos);
  CHECK(r.find("  ec2.cpu_credit.t3 (unconfirmed)\n") != std::string::npos);
  CHECK(r.find("  alb.hour (confirmed)\n") != std::string::npos);
}

TEST_CASE("Offers without a base make a book of their prices alone", "[prices]") {
  const app::PricesResult result = app::import_prices(kOffers, "us-east-1", "");
  const models::PriceBook book = app::parse_price_book(result.book, "book.json");
  CHECK(book.prices.size() == 14);
  CHECK(book.free_tiers.empty());
  CHECK(tiers(book, "ec2.instance.t3.small") ==
        std::vector<std::pair<double, double>>{{kInf, 0.021}});
  // The prices the offers lack are listed, so the next offer to download is plain.
  CHECK(result.report.find("Imported 14 prices; 10 more it can import are not in the offers:\n"
                           "  public_ipv4.hour\n  alb.hour\n") != std::string::npos);
}

TEST_CASE("A gzip-compressed offer reads as the plain one", "[prices]") {
  const std::string plain = test::slurp(kData + "fargate-us-east-1.json");
  const std::string path = (scratch() / "fargate.json.gz").string();
  gzFile out = gzopen(path.c_str(), "wb");
  gzwrite(out, plain.data(), static_cast<unsigned>(plain.size()));
  gzclose(out);
  const auto gz = app::parse_price_book(app::import_prices({path}, "us-east-1", "").book, "a");
  const auto json = app::parse_price_book(
      app::import_prices({kData + "fargate-us-east-1.json"}, "us-east-1", "").book, "b");
  REQUIRE(gz.prices.size() == 5);
  for (const auto& [key, price] : json.prices) CHECK(tiers(gz, key) == tiers(json, key));
}

TEST_CASE("scalesim prices import writes a book a scenario runs with", "[prices]") {
  const fs::path dir = scratch() / "cli";
  fs::create_directories(dir);
  std::string args = "prices import";
  for (const std::string& offer : kOffers) args += " " + offer;
  args += " --region us-east-1 --base " + kBase + " -o " + (dir / "book.json").string();
  const test::Outcome outcome = test::scalesim(args, dir);
  REQUIRE(outcome.status == 0);
  CHECK(outcome.err.empty());
  CHECK(outcome.out.ends_with("Wrote " + (dir / "book.json").string() + "\n"));

  // Two t3.small for 10 hours at the imported 0.021 USD an hour (0.0208 in the base).
  std::ofstream(dir / "s.json") << R"({"name": "priced", "horizon": "10h",
    "pricing": {"price_book": "book.json"},
    "workload": {"arrivals": {"process": "periodic", "every": "1s"}, "service_time": "10ms"},
    "strategies": [{"name": "a", "components": {"web": {"kind": "server_fleet",
      "instance_type": "t3.small", "credit_mode": "standard", "count": 2}}}]})";
  const auto m = test::run_metrics(app::load_scenario_file((dir / "s.json").string()));
  CHECK(test::at(m, "cost.service.ec2_usd") == Approx(2 * 10 * 0.021));
}

namespace {

// A bulk EC2 offer of one product, its rates `dims` (the priceDimensions object).
std::string ec2_offer(const std::string& rates, const std::string& top = "") {
  return R"({"formatVersion": "v1.0", "offerCode": "AmazonEC2", )" + top +
         R"("publicationDate": "2026-11-01T00:00:00Z",
    "products": {"SKU1": {"sku": "SKU1", "productFamily": "Compute Instance", "attributes": {
      "regionCode": "us-east-1", "instanceType": "t3.small", "operatingSystem": "Linux",
      "tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used"}}},
    "terms": {"OnDemand": {"SKU1": {"SKU1.T": {"priceDimensions": )" +
         rates + "}}}}}";
}

// The path of a file of the scratch directory.
std::string file(const std::string& name) {
  return (scratch() / name).string();
}

// Where ec2_offer's rate R1 is.
const std::string kRate = ":/terms/OnDemand/SKU1/SKU1.T/priceDimensions/R1";

// `text` with the first `from` replaced by `to`.
std::string swap(const std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  return at == std::string::npos ? text : text.substr(0, at) + to + text.substr(at + from.size());
}

// The priceDimensions object of `rates`.
std::string dims(const std::vector<std::string>& rates) {
  std::string out;
  for (const std::string& r : rates) out += (out.empty() ? "{" : ", ") + r;
  return out + "}";
}

// One rate: unit, USD, begin and end range.
std::string rate(const std::string& code, const std::string& unit, const std::string& usd,
                 const std::string& begin = "0", const std::string& end = "Inf") {
  return "\"" + code + R"(": {"unit": ")" + unit + R"(", "pricePerUnit": {"USD": ")" + usd +
         R"("}, "beginRange": ")" + begin + R"(", "endRange": ")" + end + "\"}";
}

}  // namespace

TEST_CASE("Bad offers are refused with the file and JSON pointer of each problem", "[prices]") {
  // Neither structure.
  CHECK(import_error({write("neither.json", R"({"products": 1})")}) ==
        file("neither.json") + ":/formatVersion: expected a string, found nothing\n" +
            file("neither.json") + ":/offerCode: expected a string, found nothing\n" +
            file("neither.json") + ":/publicationDate: expected a string, found nothing\n" +
            file("neither.json") + ":/terms: expected an object of terms, found nothing\n");
  CHECK(import_error({write("list.json", R"({"hello": []})")}) ==
        file("list.json") +
            ": expected an AWS Price List offer file (with \"offerCode\", \"products\" and "
            "\"terms\") or query API product lines (\"PriceList\"), found an object\n");
  // Missing keys of the bulk structure.
  CHECK(import_error({write("no-date.json", R"({"formatVersion": "v1.0", "offerCode": "AmazonEC2",
      "products": {}, "terms": {"OnDemand": {}}})")}) ==
        file("no-date.json") + ":/publicationDate: expected a string, found nothing\n");
  CHECK(import_error(
            {write("no-on-demand.json", R"({"formatVersion": "v1.0", "offerCode": "AmazonEC2",
      "publicationDate": "2026-11-01T00:00:00Z", "products": {}, "terms": {"Reserved": {}}})")}) ==
        file("no-on-demand.json") +
            ":/terms/OnDemand: expected an object of on-demand terms by SKU, found nothing\n");
  // A price that is not a decimal, a unit that is not the key's.
  const std::string words = write("words.json", ec2_offer(dims({rate("R1", "Hrs", "cheap")})));
  CHECK(import_error({words}) ==
        words + kRate +
            "/pricePerUnit/USD: expected a price in USD such as \"0.0104\", found \"cheap\"\n");
  const std::string unit = write("unit.json", ec2_offer(dims({rate("R1", "Hours", "0.02")})));
  CHECK(import_error({unit}) ==
        unit + kRate +
            "/unit: expected Hrs (ec2.instance.t3.small is per hour), found \"Hours\"\n");
  // Ranges with a gap, and none ending at Inf.
  const std::string gap = write(
      "gap.json",
      ec2_offer(dims({rate("R1", "Hrs", "0.02", "0", "10"), rate("R2", "Hrs", "0.01", "20")})));
  CHECK(
      import_error({gap}) ==
      gap +
          ":/terms/OnDemand/SKU1/SKU1.T/priceDimensions/R2/beginRange: expected \"10\", where the "
          "range before ends, found \"20\"\n");
  const std::string open =
      write("open.json", ec2_offer(dims({rate("R1", "Hrs", "0.02", "0", "10")})));
  CHECK(import_error({open}) ==
        open + kRate + "/endRange: expected \"Inf\" for the last range, found \"10\"\n");
  // A product scalesim uses without on-demand terms; a missing pricePerUnit.
  const std::string no_terms =
      write("no-terms.json", R"({"formatVersion": "v1.0", "offerCode": "AmazonEC2",
    "publicationDate": "2026-11-01T00:00:00Z",
    "products": {"SKU1": {"sku": "SKU1", "productFamily": "Compute Instance", "attributes": {
      "regionCode": "us-east-1", "instanceType": "t3.small", "operatingSystem": "Linux",
      "tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used"}}},
    "terms": {"OnDemand": {}}})");
  CHECK(import_error({no_terms}) ==
        no_terms + ":/terms/OnDemand/SKU1: expected the on-demand terms of SKU SKU1, found none\n");
  const std::string no_price = write("no-price.json", ec2_offer(R"({"R1": {"unit": "Hrs"}})"));
  CHECK(import_error({no_price}) ==
        no_price + kRate + "/pricePerUnit: expected an object {\"USD\": ...}, found nothing\n");
  // Two products, one key, two prices.
  std::string twice = test::slurp(kData + "ec2-us-east-1.json");
  twice = swap(swap(twice, "\"0.0104000000\"", "\"0.0250000000\""), "\"t3.micro\"", "\"t3.small\"");
  CHECK(import_error({write("twice.json", twice)}) ==
        file("twice.json") +
            ":/products/A1B2C3D4E5F6G7H2: expected one price for "
            "ec2.instance.t3.small, found 0.025 (SKU A1B2C3D4E5F6G7H2) and 0.021 (SKU "
            "A1B2C3D4E5F6G7H1)\n");
  // Another region; a base of another region.
  CHECK(import_error({kData + "ec2-us-east-1.json"}, "eu-west-1") ==
        kData +
            "ec2-us-east-1.json: expected a product scalesim prices in eu-west-1 (of the "
            "services AmazonEC2, AmazonRDS, AmazonVPC, AWSELB, AWSLambda, AmazonECS, "
            "AmazonApiGateway or AmazonCloudWatch), found none\n");
  CHECK(import_error({kData + "ec2-us-east-1.json"}, "ap-northeast-1", kBase) ==
        "scalesim: --base: expected a price book for ap-northeast-1, found one for us-east-1 (" +
            kBase + ")\n");
  // Query API lines: a broken string, a line without its product.
  CHECK(import_error(
            {write("lines.json", R"({"PriceList": ["{\"product\": ", {"serviceCode": "AWSLambda",
      "publicationDate": "2026-11-01T00:00:00Z", "terms": {"OnDemand": {}}}]})")}) ==
        file("lines.json") +
            ":/PriceList/0: expected valid JSON, found a parse error at line 1, "
            "column 13: syntax error while parsing value - unexpected end of input; expected '[', "
            "'{', or a literal\n" +
            file("lines.json") +
            ":/PriceList/1/product: expected a product object, found nothing\n");
}

TEST_CASE("scalesim prices import refuses bad offers with status 2 and writes nothing",
          "[prices]") {
  const fs::path dir = scratch() / "refused";
  fs::create_directories(dir);
  const std::string bad = write("refused.json", ec2_offer(dims({rate("R1", "Hours", "0.02")})));
  const test::Outcome outcome =
      test::scalesim("prices import " + kData + "lambda-us-east-1.json " + bad +
                         " --region us-east-1 -o " + (dir / "book.json").string(),
                     dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.out.empty());
  CHECK(outcome.err ==
        bad + kRate + "/unit: expected Hrs (ec2.instance.t3.small is per hour), found \"Hours\"\n");
  CHECK(test::listing(dir) == std::vector<std::string>{"stderr", "stdout"});
}

TEST_CASE("Tiers a price book would refuse are refused at the offer's pointer", "[prices]") {
  // Found by the price_offer fuzzer: these reached the book and failed its own
  // check, an internal error, instead of an input error.
  const std::string dir = std::string(SCALESIM_SOURCE_DIR) + "/tests/fuzz-regressions/price_offer/";
  const std::string zero = dir + "lambda-requests-zero-width-range.json";
  CHECK(import_error({zero}) ==
        zero +
            ":/PriceList/0/terms/OnDemand/T/priceDimensions/A/endRange: expected a range ending "
            "above its beginning (0 million requests in the book, to 12 digits), found \"0\" to "
            "\"0\"\n");
  const std::string dear = dir + "lambda-requests-price-over-book-limit.json";
  CHECK(import_error({dear}) ==
        dear +
            ":/PriceList/0/terms/OnDemand/T/priceDimensions/A/pricePerUnit/USD: expected at most "
            "1000000000 USD per million requests, found 5000000000 (5000 per Requests)\n");
}
