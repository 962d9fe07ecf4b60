// Reading the CSV files scalesim writes (timeseries.csv, events.csv) back in, for
// the HTML report: RFC 4180 fields, leading "#" comment lines, columns by name.
#ifndef SCALESIM_APP_REPORT_CSV_H_
#define SCALESIM_APP_REPORT_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app::report {

struct CsvRow {
  size_t line = 0;  // 1-based line of the file the row starts on, for messages
  std::vector<std::string> fields;
};

// Reads a CSV text row by row, so that a large file (a month of one-minute rows
// per replication) is never held as fields all at once.
class CsvReader {
 public:
  // Reads the leading comments and the header. Throws InputError naming `file`
  // and the line ("FILE:12: ...") for a text with no header.
  CsvReader(std::string_view text, std::string file);

  const std::vector<std::string>& comments() const { return comments_; }  // without "# "
  const std::vector<std::string>& header() const { return header_; }
  size_t header_line() const { return comments_.size() + 1; }
  const std::string& file() const { return file_; }
  // The index of a column, if the header has it.
  std::optional<size_t> column(std::string_view name) const;

  // The next row into `row` (its fields reused); false at the end. Blank lines are
  // skipped. Throws InputError naming the line for an unterminated quote or a row
  // whose field count differs from the header's.
  bool next(CsvRow& row);

 private:
  std::string_view text_;
  std::string file_;
  size_t pos_ = 0;
  size_t line_ = 1;
  std::vector<std::string> comments_;
  std::vector<std::string> header_;
};

// A number field: NaN when empty. Throws InputError naming `file`, the row's
// line and `column` when it is not a number.
double csv_number(const CsvRow& row, size_t index, const std::string& column,
                  const std::string& file);

}  // namespace app::report

#endif  // SCALESIM_APP_REPORT_CSV_H_
