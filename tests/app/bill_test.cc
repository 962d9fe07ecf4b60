// `scalesim bill`: a Cost Explorer export read in its documented layout, AWS's
// service names mapped to scalesim's, and the bill beside a run's costs.csv.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app/bill/cost_and_usage_report.h"
#include "app/bill/cost_explorer.h"
#include "app/bill/service_map.h"
#include "app/scenario/input_error.h"
#include "binary.h"

namespace fs = std::filesystem;

namespace {

using test::Outcome;

const fs::path kExport =
    fs::path(SCALESIM_SOURCE_DIR) / "tests/data/import/cost-explorer-daily.csv";

fs::path write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The error reading `text`: as a Cost Explorer export, or with `any_bill` as
// whichever bill its header makes it.
std::string export_error(const std::string& text, bool any_bill = false) {
  const fs::path file = write(test::scratch("bill-read") / "ce.csv", text);
  try {
    if (any_bill) {
      app::read_bill_export(file.string());
    } else {
      app::read_cost_explorer_csv(file.string());
    }
  } catch (const app::InputError& e) {
    std::string message = e.what();
    return message.substr(message.find("ce.csv"));
  }
  return "no error";
}

// A run directory with costs.csv of two strategies over two UTC days.
fs::path run_dir() {
  const fs::path dir = test::scratch("bill-run");
  write(dir / "costs.csv",
        "# scalesim costs version 1\n"
        "strategy,day,date,weekday,hours,service,usd,half_width\n"
        "\"EC2, 2 instances\",1,2026-11-17,tue,24,alb,0.6,\n"
        "\"EC2, 2 instances\",1,2026-11-17,tue,24,ec2,1.5,\n"
        "\"EC2, 2 instances\",1,2026-11-17,tue,24,fixed_cost,0.5,\n"
        "\"EC2, 2 instances\",1,2026-11-17,tue,24,total,2.6,\n"
        "\"EC2, 2 instances\",2,2026-11-18,wed,12,alb,0.3,\n"
        "\"EC2, 2 instances\",2,2026-11-18,wed,12,ec2,0.75,\n"
        "\"EC2, 2 instances\",2,2026-11-18,wed,12,fixed_cost,0.25,\n"
        "\"EC2, 2 instances\",2,2026-11-18,wed,12,total,1.3,\n"
        "Lambda,1,2026-11-17,tue,24,lambda,3,\n"
        "Lambda,1,2026-11-17,tue,24,total,3,\n");
  return dir;
}

}  // namespace

TEST_CASE("A Cost Explorer export: services, days, the total column and row", "[bill]") {
  const app::BillExport bill = app::read_cost_explorer_csv(kExport.string());
  CHECK(bill.services == std::vector<std::string>{"EC2-Instances", "EC2-Other",
                                                  "Elastic Load Balancing", "VPC", "S3",
                                                  "CloudWatch", "Tax"});
  CHECK(bill.has_total_column);
  REQUIRE(bill.days.size() == 3);  // the "Service total" row is not a day
  CHECK(bill.days[1].date == "2026-11-17");
  CHECK(bill.days[1].usd[0] == 1.62);
  CHECK(bill.days[1].total == 2.91);

  // Without a total column the day's total is the sum; days in any order; a BOM.
  const fs::path file = write(test::scratch("bill-read2") / "ce.csv",
                              "\xEF\xBB\xBFService,Lambda ($),API Gateway ($)\n"
                              "2026-11-18,1.5,\n2026-11-17 00:00:00,1,2\nTotal,2.5,2\n");
  const app::BillExport b = app::read_cost_explorer_csv(file.string());
  REQUIRE(b.days.size() == 2);
  CHECK(b.days[0].date == "2026-11-17");
  CHECK(b.days[0].total == 3);
  CHECK(b.days[1].usd == std::vector<double>{1.5, 0});
}

TEST_CASE("A file that is not a Cost Explorer export is refused with its line", "[bill]") {
  CHECK(export_error("Service,EC2-Instances($)\n17/11/2026,1\n") ==
        "ce.csv:2: expected a date such as 2026-11-16, or the \"Service total\" row, found "
        "\"17/11/2026\"\n");
  CHECK(export_error("Service,EC2-Instances($)\n2026-11-17,$1.00\n") ==
        "ce.csv:2: column EC2-Instances: expected a number, found \"$1.00\"\n");
  CHECK(export_error("Service,EC2-Instances($)\n2026-11-17,1\n2026-11-17,2\n") ==
        "ce.csv:3: expected each date once, found 2026-11-17 again\n");
  CHECK(export_error("timestamp\n2026-11-17T00:00:00Z\n")
            .starts_with("ce.csv:1: expected a Cost Explorer export of cost by service and day"));
}

TEST_CASE("AWS's service names map to scalesim's, the API's and the console's alike", "[bill]") {
  auto service = [](const char* name) {
    const app::BillMapping* m = app::map_bill_service(name);
    return m ? std::string(m->service) : std::string("-");
  };
  CHECK(service("Amazon Elastic Compute Cloud - Compute") == "ec2");
  CHECK(service("EC2-Instances") == "ec2");
  CHECK(service("EC2 - Other") == "nat_gateway");
  CHECK(service("Elastic Load Balancing") == "alb");
  CHECK(service("Amazon Relational Database Service") == "rds");
  CHECK(service("AWS Lambda") == "lambda");
  CHECK(service("Amazon API Gateway") == "api_gateway");
  CHECK(service("Amazon Virtual Private Cloud") == "public_ipv4");
  CHECK(service("AmazonCloudWatch") == "cloudwatch_logs");
  CHECK(service("Amazon Lightsail") == "lightsail");
  CHECK(service("Amazon Simple Storage Service") == "-");
  CHECK(service("Tax") == "-");
}

TEST_CASE("bill puts the export beside a strategy's days, and names what the model lacks",
          "[bill]") {
  const fs::path dir = run_dir();
  const fs::path ce = write(dir / "ce.csv",
                            "\"Service\",\"EC2-Instances($)\",\"Elastic Load Balancing($)\","
                            "\"S3($)\",\"AWS Lambda($)\",\"Total costs($)\"\n"
                            "\"Service total\",\"3.00\",\"1.20\",\"0.20\",\"0\",\"4.40\"\n"
                            "\"2026-11-16\",\"1.00\",\"0.40\",\"0.10\",\"0\",\"1.50\"\n"
                            "\"2026-11-17\",\"2.00\",\"0.80\",\"0.10\",\"0\",\"2.90\"\n");
  Outcome o = test::scalesim(
      "bill " + ce.string() + " " + dir.string() + " --strategy 'EC2, 2 instances'", dir);
  REQUIRE(o.status == 0);
  const std::string& out = o.out;
  CHECK(
      out.find(
          "2026-11-17                                    bill        model  model - bill\n"
          "  EC2-Instances -> ec2                      2.0000       1.5000       -0.5000   -25.0%\n"
          "  Elastic Load Balancing -> alb             0.8000       0.6000       -0.2000   -25.0%\n"
          "  S3 (not modelled)                         0.1000            -             -\n"
          "  AWS Lambda (lambda: not in the run)       0.0000            -             -\n"
          "  fixed_cost (no bill line)                      -       0.5000             -\n"
          "  total                                     2.9000       2.6000       -0.3000   "
          "-10.3%\n") != std::string::npos);
  CHECK(out.find("The 1 day in both") != std::string::npos);
  CHECK(out.find("The model lacks: S3 0.10 USD (3.4% of the bill)\n") != std::string::npos);
  CHECK(out.find("Bill days not in the run: 2026-11-16\n") != std::string::npos);
  CHECK(out.find("Run days not in the bill: 2026-11-18\n") != std::string::npos);

  o = test::scalesim("bill " + ce.string() + " " + dir.string(), dir);
  CHECK(o.status == 2);
  CHECK(o.err ==
        "scalesim: --strategy: expected one of \"EC2, 2 instances\", \"Lambda\" (the run has 2)\n");
  o = test::scalesim("bill " + ce.string() + " " + dir.string() + " --strategy Fargate", dir);
  CHECK(o.status == 2);
  o = test::scalesim("bill " + ce.string() + " " + (dir / "nothing").string(), dir);
  CHECK(o.status == 2);
  CHECK(o.err.find("expected a directory `scalesim run -o` wrote, found nothing") !=
        std::string::npos);
  const fs::path late = write(dir / "late.csv", "Service,EC2-Instances($)\n2027-01-01,1\n");
  o = test::scalesim("bill " + late.string() + " " + dir.string() + " --strategy Lambda", dir);
  CHECK(o.status == 2);
  CHECK(o.err ==
        "scalesim bill: expected days in both the bill (2027-01-01 to 2027-01-01) and the run "
        "(2026-11-17 to 2026-11-17), found none in both\n");
}

TEST_CASE("A Cost and Usage Report becomes cost by Cost Explorer service and day", "[bill]") {
  // Legacy CUR, hourly: two t3.micro hours, a NAT gateway hour (EC2-Other), an
  // ALB hour, three addresses, a Spot hour, S3, a tax line and Lambda.
  const app::BillExport bill = app::read_bill_export(
      (fs::path(SCALESIM_SOURCE_DIR) / "tests/data/import/cur-legacy.csv").string());
  CHECK(bill.services == std::vector<std::string>{"EC2-Instances", "EC2-Other",
                                                  "Elastic Load Balancing", "VPC", "AmazonS3",
                                                  "Tax", "Lambda"});
  CHECK_FALSE(bill.has_total_column);
  REQUIRE(bill.days.size() == 2);
  CHECK(bill.days[0].date == "2026-11-17");
  CHECK(bill.days[0].usd == std::vector<double>{0.0208 + 0.0208, 0.045, 0.0225, 0.015, 0, 0.01, 0});
  CHECK(bill.days[0].total == Approx(0.0416 + 0.045 + 0.0225 + 0.015 + 0.01));
  CHECK(bill.days[1].usd == std::vector<double>{0.0031, 0, 0, 0, 0.0115, 0, 0.00166667});

  // CUR 2.0 column names, daily lines, gzip-compressed; a credit nets out.
  const app::BillExport cur2 = app::read_bill_export(
      (fs::path(SCALESIM_SOURCE_DIR) / "tests/data/import/cur2-daily.csv.gz").string());
  CHECK(cur2.services == std::vector<std::string>{"Elastic Container Service",
                                                  "Relational Database Service", "CloudWatch"});
  REQUIRE(cur2.days.size() == 1);
  CHECK(cur2.days[0].usd == std::vector<double>{0.97, 0, 0.25});
  CHECK(cur2.days[0].total == Approx(1.22));

  // The reader of a Cost Explorer export is picked by the header.
  CHECK(app::read_bill_export(kExport.string()).has_total_column);
}

TEST_CASE("A Cost and Usage Report's lines name their Cost Explorer service", "[bill]") {
  CHECK(app::cost_explorer_service("AmazonEC2", "USE1-BoxUsage:t3.micro", "Usage") ==
        "EC2-Instances");
  CHECK(app::cost_explorer_service("AmazonEC2", "APN2-SpotUsage:t4g.small", "Usage") ==
        "EC2-Instances");
  CHECK(app::cost_explorer_service("AmazonEC2", "NatGateway-Bytes", "Usage") == "EC2-Other");
  CHECK(app::cost_explorer_service("AmazonEC2", "EBS:VolumeUsage.gp3", "Usage") == "EC2-Other");
  CHECK(app::cost_explorer_service("AWSLambda", "Lambda-GB-Second", "Tax") == "Tax");
  CHECK(app::cost_explorer_service("AmazonECS", "Fargate-GB-Hours", "Usage") ==
        "Elastic Container Service");
  CHECK(app::cost_explorer_service("AmazonRoute53", "HostedZone", "Usage") == "AmazonRoute53");
  // Every name given maps to the scalesim service the bill command compares.
  CHECK(app::map_bill_service(app::cost_explorer_service("AmazonEC2", "BoxUsage", ""))->service ==
        "ec2");
  CHECK(app::map_bill_service(app::cost_explorer_service("AmazonVPC", "", ""))->service ==
        "public_ipv4");
  CHECK(app::map_bill_service(app::cost_explorer_service("AWSELB", "", ""))->service == "alb");
}

TEST_CASE("A Cost and Usage Report with a missing column or a bad cell is refused", "[bill]") {
  const std::string head = "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UnblendedCost\n";
  CHECK(
      export_error("lineItem/UsageStartDate,lineItem/ProductCode\n2026-11-17,AmazonEC2\n", true) ==
      "ce.csv:1: expected a Cost and Usage Report column lineItem/UnblendedCost (CUR 2.0: "
      "line_item_unblended_cost), found none\n");
  CHECK(export_error(head + "17/11/2026,AmazonEC2,1\n", true) ==
        "ce.csv:2: column lineItem/UsageStartDate: expected a date such as "
        "2026-11-16T00:00:00Z, found \"17/11/2026\"\n");
  CHECK(export_error(head + "2026-11-17T00:00:00Z,AmazonEC2,one\n", true) ==
        "ce.csv:2: column lineItem/UnblendedCost: expected a number, found \"one\"\n");
  CHECK(export_error(head, true) ==
        "ce.csv:1: expected a Cost and Usage Report with line items, found none\n");
}

TEST_CASE("A bill's amount beyond 1e15 USD is refused, so that no sum overflows", "[bill]") {
  CHECK(export_error("Service,Lambda($)\n2026-11-17,1e308\n") ==
        "ce.csv:2: column Lambda: expected an amount within +-1e15 USD, found \"1e308\"\n");
  CHECK(export_error("lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UnblendedCost\n"
                     "2026-11-17T00:00:00Z,AmazonEC2,-2e15\n",
                     true) ==
        "ce.csv:2: column lineItem/UnblendedCost: expected an amount within +-1e15 USD, found "
        "\"-2e15\"\n");
}
