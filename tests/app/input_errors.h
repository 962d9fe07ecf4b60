// What bad input produces, as text, for tests that compare messages exactly.
#ifndef SCALESIM_TESTS_APP_INPUT_ERRORS_H_
#define SCALESIM_TESTS_APP_INPUT_ERRORS_H_

#include <string>

#include "app/scenario/loader.h"
#include "app/scenario/price_books.h"

namespace test {

// The messages parsing `text` as a scenario file "s.json" gives, or "no error".
inline std::string error_of(const std::string& text) {
  try {
    app::parse_scenario(text, "s.json");
  } catch (const app::InputError& e) {
    return e.what();
  }
  return "no error";
}

// The same for a price book file "b.json".
inline std::string book_error(const std::string& text) {
  try {
    app::parse_price_book(text, "b.json");
  } catch (const app::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace test

#endif  // SCALESIM_TESTS_APP_INPUT_ERRORS_H_
