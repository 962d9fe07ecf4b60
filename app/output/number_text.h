// Numbers as the terminal table and `scalesim diff` print them: a mean with its
// confidence half-width to two significant digits, thousands separated, in
// columns padded by display width.
#ifndef SCALESIM_APP_OUTPUT_NUMBER_TEXT_H_
#define SCALESIM_APP_OUTPUT_NUMBER_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>

namespace app {

// Enough decimals to show the half-width to two significant digits (or the mean
// to three when there is none), from 0 to 6.
int decimals_for(double mean, std::optional<double> half_width);
// "1,234.50": `value` with `decimals` decimals and commas between thousands.
std::string fixed(double value, int decimals);
// "1,234.5 ± 6.7%": a mean and its half-width (when there is one) at
// decimals_for's precision, each followed by `suffix`. A half-width within
// rounding noise of the mean (identical replications) shows as 0.
std::string estimate_text(double mean, std::optional<double> half_width,
                          const std::string& suffix = "");
// Display width of UTF-8 text ("±" is one column, two bytes).
size_t width(const std::string& text);
std::string pad_left(const std::string& text, size_t w);
std::string pad_right(const std::string& text, size_t w);

}  // namespace app

#endif  // SCALESIM_APP_OUTPUT_NUMBER_TEXT_H_
