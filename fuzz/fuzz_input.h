// What the fuzz harnesses share: the input as a file, and settings on its first line.
//
// Each harness (scenario_fuzzer.cc, trace_fuzzer.cc, fit_fuzzer.cc) defines
// LLVMFuzzerTestOneInput. An app::InputError is the expected answer to bad input; any
// other exception escaping, a crash, a sanitizer report or a hang is a bug.
#ifndef SCALESIM_FUZZ_FUZZ_INPUT_H_
#define SCALESIM_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fuzz {

// Writes the input to this process's own file (in /dev/shm when there is one) and returns
// its path: the trace readers take a path, not text. Each call overwrites the last input.
std::string write_input_file(const uint8_t* data, size_t size);

// Settings from an optional first line "#fuzz key=value;key=value...", e.g.
// "#fuzz format=timestamps;period=1us". The trace readers skip it as a comment, so a
// seed stays a valid trace. Without that line, or for a key not given: nothing.
std::map<std::string, std::string> header_settings(std::string_view text);

// Stops the process (a crash libFuzzer records) when a reader's documented promise is broken.
void require(bool condition, const char* promise);

}  // namespace fuzz

#endif  // SCALESIM_FUZZ_FUZZ_INPUT_H_
