#include "sim/duration_text.h"

namespace sim {

std::string duration_text(Duration d) {
  const int64_t minutes = d.us() / 60'000'000;
  std::string text = std::to_string(minutes / 1440);
  text += "d";
  text += std::to_string(minutes / 60 % 24);
  text += "h";
  text += std::to_string(minutes % 60);
  text += "m";
  return text;
}

}  // namespace sim
