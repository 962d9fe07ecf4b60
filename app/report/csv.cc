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

// Splits one record starting at `pos`, which moves past its line end. Quoted
// fields may hold commas, doubled quotes and line breaks; `line` counts them.
std::vector<std::string> read_record(std::string_view text, size_t& pos, size_t& line,
                                     const std::string& file) {
  std::vector<std::string> fields(1);
  const size_t start_line = line;
  bool quoted = false;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"' && pos < text.size() && text[pos] == '"') {
        fields.back() += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  if (quoted) fail(file, start_line, "a quoted field is not closed");
  ++line;
  return fields;
}

}  // namespace

std::optional<size_t> CsvTable::column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

CsvTable parse_csv(std::string_view text, const std::string& file) {
  CsvTable table;
  size_t pos = 0, line = 1;
  while (pos < text.size() && text[pos] == '#') {
    const size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view comment = text.substr(pos + 1, end - pos - 1);
    if (!comment.empty() && comment.back() == '\r') comment.remove_suffix(1);
    if (!comment.empty() && comment.front() == ' ') comment.remove_prefix(1);
    table.comments.emplace_back(comment);
    pos = end + 1;
    ++line;
  }
  if (pos >= text.size()) fail(file, line, "expected a header line, found the end of the file");
  table.header = read_record(text, pos, line, file);
  while (pos < text.size()) {
    CsvRow row;
    row.line = line;
    row.fields = read_record(text, pos, line, file);
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;  // a blank line
    if (row.fields.size() != table.header.size()) {
      fail(file, row.line,
           "expected " + std::to_string(table.header.size()) + " fields as in the header, found " +
               std::to_string(row.fields.size()));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
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
