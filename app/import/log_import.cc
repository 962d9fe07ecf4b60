#include "app/import/log_import.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "app/import/endpoint.h"
#include "app/import/line_source.h"
#include "app/scenario/input_error.h"

namespace app {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kSecondUs = 1'000'000;

std::vector<std::string> expand(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> below;
    for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
      if (entry.is_regular_file()) below.push_back(entry.path().string());
    }
    std::sort(below.begin(), below.end());
    files.insert(files.end(), below.begin(), below.end());
  }
  return files;
}

class Importer {
 public:
  explicit Importer(const ImportOptions& options) : options_(options) {}

  ImportResult run(const std::vector<std::string>& paths) {
    const std::vector<std::string> files = expand(paths);
    for (const std::string& file : files) read_file(file);
    result_.counts.files = files.size();
    finish_arrivals();
    finish_endpoints();
    if (result_.counts.bad > options_.max_bad_lines) throw_bad_lines();
    if (result_.arrivals_us.empty()) {
      throw InputError(files.empty() ? std::string("scalesim import") : files.front(),
                       {{"", "expected at least one HTTP request in the logs, found none (" +
                                 std::to_string(result_.counts.lines) + " data lines)"}});
    }
    return std::move(result_);
  }

 private:
  // The first line with content decides the file's format.
  void check_format(const std::string& file, std::string_view line) {
    const std::optional<LogFormat> seen = detect_log_format(line);
    if (!format_) {
      format_ = options_.format ? options_.format : seen;
      first_file_ = file;
    }
    if (!format_ || seen != format_) {
      std::string message = "expected ";
      message += format_ ? std::string("an ") + log_format_name(*format_) : "an ALB access log";
      if (!format_) message += " or a CloudFront standard log";
      if (format_ && !options_.format && file != first_file_)
        message += " (the format of " + first_file_ + ")";
      message += ", found ";
      message += seen ? std::string("a ") + log_format_name(*seen)
                      : "a first line of neither format, " + quoted_excerpt(line);
      throw InputError(file, {{"", message}});
    }
    result_.format = *format_;
  }

  void read_file(const std::string& file) {
    LineSource source(file);
    bool first = true;
    std::optional<CloudFrontColumns> columns;
    std::string_view line;
    std::string error;
    while (source.next(line)) {
      if (line.find_first_not_of(" \t") == line.npos) continue;
      if (first) check_format(file, line);
      first = false;
      if (*format_ == LogFormat::kCloudFront && line.front() == '#') {
        if (line.starts_with("#Fields:")) {
          columns = read_cloudfront_fields(line, error);
          if (!columns)
            throw InputError(file,
                             {{"", error, file + ":" + std::to_string(source.line_number())}});
        }
        continue;
      }
      ++result_.counts.lines;
      if ((result_.counts.lines & 0xfffff) == 0) throw_if_stopped(options_.stop);
      std::optional<LogEntry> entry;
      if (*format_ == LogFormat::kAlb) {
        entry = parse_alb_line(line, error);
      } else if (!columns) {
        error = "expected a #Fields line before the first data line, found none";
      } else {
        entry = parse_cloudfront_line(line, *columns, error);
      }
      if (entry) {
        add(*entry);
      } else {
        bad_line(file, source.line_number(), error);
      }
    }
  }

  void bad_line(const std::string& file, int number, const std::string& error) {
    ++result_.counts.bad;
    // Room for two more lines: how many are not shown, and what to do.
    if (result_.bad_lines.size() + 2 < kMaxProblemsShown)
      result_.bad_lines.push_back({"", error, file + ":" + std::to_string(number)});
  }

  void add(const LogEntry& e) {
    if (!e.http) {
      ++result_.counts.non_http;
      return;
    }
    ++result_.counts.requests;
    if (*format_ == LogFormat::kAlb) {
      result_.arrivals_us.push_back(e.time_us);
    } else {
      finished_.push_back({e.time_us, e.service_us});
    }
    Endpoint& endpoint = endpoint_of(e);
    ++endpoint.requests;
    endpoint.response_bytes += e.response_bytes;
    if (e.status == 0 || e.status >= 500) {
      ++endpoint.failed;
      ++result_.counts.failed;
    } else if (e.service_us < 0) {
      ++endpoint.untimed;
      ++result_.counts.untimed;
    } else {
      const auto us = static_cast<uint32_t>(std::min<int64_t>(e.service_us, UINT32_MAX));
      endpoint.service_us.push_back(us);
      endpoint.service_sum_us += us;
    }
  }

  Endpoint& endpoint_of(const LogEntry& e) {
    key_.assign(e.method);
    key_ += ' ';
    key_ += endpoint_pattern(e.path);
    auto it = index_.find(key_);
    if (it == index_.end()) {
      if (index_.size() >= kMaxEndpoints) {
        it = index_.find(kOtherEndpoints);
        if (it == index_.end()) it = index_.emplace(kOtherEndpoints, index_.size()).first;
      } else {
        it = index_.emplace(key_, index_.size()).first;
      }
      if (it->second == endpoints_.size()) {
        endpoints_.emplace_back();
        endpoints_.back().name = it->first;
      }
    }
    return endpoints_[it->second];
  }

  // CloudFront: a request that finished at the k-th of n places in its logged
  // second arrived its time-taken before. The n requests of a second are paired
  // with the places shortest time-taken first, so the result does not depend on
  // the order of files or lines.
  void finish_arrivals() {
    std::sort(finished_.begin(), finished_.end());
    for (size_t i = 0; i < finished_.size();) {
      size_t j = i;
      while (j < finished_.size() && finished_[j].first == finished_[i].first) ++j;
      const auto n = static_cast<int64_t>(j - i);
      for (size_t k = i; k < j; ++k) {
        const int64_t place =
            options_.spread ? (2 * static_cast<int64_t>(k - i) + 1) * kSecondUs / (2 * n) : 0;
        result_.arrivals_us.push_back(finished_[k].first + place - finished_[k].second);
      }
      i = j;
    }
    finished_.clear();
    finished_.shrink_to_fit();
    std::sort(result_.arrivals_us.begin(), result_.arrivals_us.end());
  }

  void finish_endpoints() {
    for (Endpoint& e : endpoints_) std::sort(e.service_us.begin(), e.service_us.end());
    result_.endpoints = std::move(endpoints_);
    std::sort(result_.endpoints.begin(), result_.endpoints.end(),
              [](const Endpoint& a, const Endpoint& b) {
                return a.requests != b.requests ? a.requests > b.requests : a.name < b.name;
              });
  }

  [[noreturn]] void throw_bad_lines() {
    std::vector<Problem> problems = result_.bad_lines;
    const std::string file = problems.front().file;
    if (result_.counts.bad > problems.size()) {
      problems.push_back(
          {"", std::to_string(result_.counts.bad - problems.size()) + " more bad lines not shown"});
    }
    problems.push_back({"", std::to_string(result_.counts.bad) + " of " +
                                std::to_string(result_.counts.lines) +
                                " lines could not be read; nothing was written (--max-bad-lines " +
                                std::to_string(result_.counts.bad) + " leaves them out)"});
    throw InputError(file.substr(0, file.rfind(':')), std::move(problems));
  }

  const ImportOptions& options_;
  std::optional<LogFormat> format_;
  std::string first_file_;
  ImportResult result_;
  std::vector<std::pair<int64_t, int64_t>> finished_;  // CloudFront: second, time-taken
  std::unordered_map<std::string, size_t> index_;
  std::vector<Endpoint> endpoints_;
  std::string key_;
};

}  // namespace

uint32_t Endpoint::quantile_us(double q) const {
  const size_t n = service_us.size();
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(n)));
  return service_us[std::clamp<size_t>(rank, 1, n) - 1];
}

ImportResult import_logs(const std::vector<std::string>& paths, const ImportOptions& options) {
  return Importer(options).run(paths);
}

}  // namespace app
