// Writing output files so that a failure leaves no half-written file behind.
#ifndef SCALESIM_APP_OUTPUT_ATOMIC_FILE_H_
#define SCALESIM_APP_OUTPUT_ATOMIC_FILE_H_

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace app {

struct OutputFile {
  std::string name;  // within the directory
  std::string contents;
};

// Creates `directory` if needed, writes every file to a temporary name beside its
// final one, flushes them, then renames each into place. If anything fails before
// the renames, the temporaries are removed and no final file is touched.
// Throws std::runtime_error with a message naming the path.
void write_files_atomically(const std::filesystem::path& directory,
                            const std::vector<OutputFile>& files);

}  // namespace app

#endif  // SCALESIM_APP_OUTPUT_ATOMIC_FILE_H_
