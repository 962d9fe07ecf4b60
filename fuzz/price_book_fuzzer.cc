// Fuzzes the price book reader (docs/pricing.md): the input is a price book file's text.
#include <string>

#include "app/scenario/price_books.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    app::parse_price_book(std::string(reinterpret_cast<const char*>(data), size),
                          "fuzz-input.json");
  } catch (const app::InputError&) {
    // the expected answer to bad input
  }
  return 0;
}
