#include "app/report/csv.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "app/scenario/input_error.h"

namespace app::report {

namespace {

[[noreturn]] void fail(const std::string& file, size_t line, const std::string& message) {
  throw InputError(file, {{std::to_string(line), message}});
}

// Splits one record starting at `pos`, which moves past its line end, into
// `fields` (resized). Quoted fields may hold commas, doubled quotes and line
// breaks; `line` counts them.
void read_record(std::string_view text, size_t& pos, size_t& line, const std::string& file,
                 std::vector<std::string>& fields) {
  size_t used = 1;
  if (fields.empty()) fields.emplace_back();
  fields[0].clear();
  const size_t start_line = line;
  bool quoted = false;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"' && pos < text.size() && text[pos] == '"') {
        fields[used - 1] += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fields[used - 1] += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      if (used == fields.size()) fields.emplace_back();
      fields[used++].clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields[used - 1] += c;
    }
  }
  if (quoted) fail(file, start_line, "a quoted field is not closed");
  ++line;
  fields.resize(used);
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string file)
    : text_(text), file_(std::move(file)) {
  while (pos_ < text_.size() && text_[pos_] == '#') {
    const size_t end = std::min(text_.find('\n', pos_), text_.size());
    std::string_view comment = text_.substr(pos_ + 1, end - pos_ - 1);
    if (!comment.empty() && comment.back() == '\r') comment.remove_suffix(1);
    if (!comment.empty() && comment.front() == ' ') comment.remove_prefix(1);
    comments_.emplace_back(comment);
    pos_ = end + 1;
    ++line_;
  }
  if (pos_ >= text_.size()) fail(file_, line_, "expected a header line, found the end of the file");
  read_record(text_, pos_, line_, file_, header_);
}

std::optional<size_t> CsvReader::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

bool CsvReader::next(CsvRow& row) {
  while (pos_ < text_.size()) {
    row.line = line_;
    read_record(text_, pos_, line_, file_, row.fields);
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;  // a blank line
    if (row.fields.size() != header_.size()) {
      fail(file_, row.line,
           "expected " + std::to_string(header_.size()) + " fields as in the header, found " +
               std::to_string(row.fields.size()));
    }
    return true;
  }
  return false;
}

double csv_number(const CsvRow& row, size_t index, const std::string& column,
                  const std::string& file) {
  const std::string& text = row.fields[index];
  if (text.empty()) return std::numeric_limits<double>::quiet_NaN();
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) {
    fail(file, row.line, "column " + column + ": expected a number, found \"" + text + "\"");
  }
  return value;
}

}  // namespace app::report
