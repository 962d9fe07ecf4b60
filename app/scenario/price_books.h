// Price book files (scenarios/pricing/aws-<region>-<date>.json, documented in
// docs/pricing.md) into models::PriceBook, and where to find them.
#ifndef SCALESIM_APP_SCENARIO_PRICE_BOOKS_H_
#define SCALESIM_APP_SCENARIO_PRICE_BOOKS_H_

#include <optional>
#include <string>
#include <vector>

#include "app/scenario/input_error.h"
#include "models/pricing/price_book.h"

namespace app {

// The highest price a book takes, in USD per its unit: far above any AWS price,
// low enough that no bill of a run can overflow.
inline constexpr double kMaxBookPriceUsd = 1e9;

// Throws InputError naming the file and JSON pointer of every problem.
models::PriceBook load_price_book(const std::string& path);
models::PriceBook parse_price_book(const std::string& text, const std::string& file);

// Where shipped price books are looked for, in order: $SCALESIM_DATA_DIR/pricing
// when set; else `scenario_dir`/pricing when it exists; else the pricing folder of
// the source tree scalesim was built from.
std::string price_book_directory(const std::string& scenario_dir);
// Books in `directory` as (region, path), newest date last for each region.
std::vector<std::pair<std::string, std::string>> list_price_books(const std::string& directory);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_PRICE_BOOKS_H_
