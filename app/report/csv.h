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

struct CsvTable {
  std::vector<std::string> comments;  // the leading "#" lines, without the "#" and one space
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // The index of a column, if the header has it.
  std::optional<size_t> column(std::string_view name) const;
};

// Parses `text`. Throws InputError naming `file` and the line ("FILE:12: ...")
// for an unterminated quote, a row whose field count differs from the header's,
// or a file with no header.
CsvTable parse_csv(std::string_view text, const std::string& file);

// A number field: NaN when empty. Throws InputError naming `file`, the row's
// line and `column` when it is not a number.
double csv_number(const CsvRow& row, size_t index, const std::string& column,
                  const std::string& file);

}  // namespace app::report

#endif  // SCALESIM_APP_REPORT_CSV_H_
