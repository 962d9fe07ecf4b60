// Reading a log file line by line, plain or gzip-compressed (as ALB and
// CloudFront deliver them), without holding the file in memory.
#ifndef SCALESIM_APP_IMPORT_LINE_SOURCE_H_
#define SCALESIM_APP_IMPORT_LINE_SOURCE_H_

#include <string>
#include <string_view>
#include <vector>

namespace app {

class LineSource {
 public:
  // Opens `path`; a file that starts with the gzip magic bytes is decompressed
  // (zlib reads several concatenated gzip members, as `cat a.gz b.gz` makes).
  // Throws InputError naming the file when it cannot be read.
  explicit LineSource(const std::string& path);
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // The next line without its "\n" (or "\r\n"), valid until the next call;
  // false at the end. Throws InputError naming the file and line when the
  // compressed data is corrupt or cut short.
  bool next(std::string_view& line);
  // 1-based number of the line next() returned last.
  int line_number() const { return line_number_; }
  bool compressed() const { return compressed_; }

 private:
  bool fill();

  std::string path_;
  void* file_ = nullptr;  // gzFile: zlib stays out of this header
  bool compressed_ = false;
  std::vector<char> buffer_;
  size_t begin_ = 0;  // start of unread data in buffer_
  size_t end_ = 0;    // end of data in buffer_
  bool eof_ = false;
  int line_number_ = 0;
};

}  // namespace app

#endif  // SCALESIM_APP_IMPORT_LINE_SOURCE_H_
