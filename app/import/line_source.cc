#include "app/import/line_source.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "app/scenario/input_error.h"
#include "app/scenario/input_file.h"

namespace app {

namespace {

constexpr size_t kChunk = 1 << 16;
// A log line longer than this is not a log line (ALB and CloudFront lines are
// under a few kilobytes); it is reported rather than read into memory.
constexpr size_t kMaxLine = 1 << 20;

gzFile handle(void* file) {
  return static_cast<gzFile>(file);
}

bool starts_with_gzip_magic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char magic[2] = {0, 0};
  in.read(reinterpret_cast<char*>(magic), 2);
  return in.gcount() == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

}  // namespace

LineSource::LineSource(const std::string& path) : path_(path), buffer_(kChunk) {
  // Logs are read as they stream, so a compressed log may exceed the trace limit.
  check_input_file(path, "log file", UINT64_MAX);
  compressed_ = starts_with_gzip_magic(path);
  file_ = gzopen(path.c_str(), "rb");
  if (!file_) {
    throw InputError(
        path, {{"", std::string("expected a readable log file, found ") + std::strerror(errno)}});
  }
  gzbuffer(handle(file_), kChunk);
}

LineSource::~LineSource() {
  if (file_) gzclose(handle(file_));
}

// Moves unread data to the front and reads more after it; false at the end.
bool LineSource::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= kMaxLine) {
      throw InputError(path_, {{"", "expected lines under 1 MiB, found a longer one",
                                path_ + ":" + std::to_string(line_number_ + 1)}});
    }
    buffer_.resize(buffer_.size() * 2);
  }
  const int n =
      gzread(handle(file_), buffer_.data() + end_, static_cast<unsigned>(buffer_.size() - end_));
  if (n < 0) {
    int code = 0;
    const char* message = gzerror(handle(file_), &code);
    throw InputError(path_, {{"", std::string("expected intact gzip data, found an error (") +
                                      message + ") after line " + std::to_string(line_number_)}});
  }
  if (n == 0) {
    // zlib reports a cut-short member only through gzerror.
    int code = 0;
    const char* message = gzerror(handle(file_), &code);
    if (code != Z_OK && code != Z_STREAM_END) {
      throw InputError(path_, {{"", std::string("expected intact gzip data, found ") + message +
                                        " after line " + std::to_string(line_number_)}});
    }
    eof_ = true;
    return false;
  }
  end_ += static_cast<size_t>(n);
  return true;
}

bool LineSource::next(std::string_view& line) {
  size_t scanned = begin_;
  for (;;) {
    const void* newline = std::memchr(buffer_.data() + scanned, '\n', end_ - scanned);
    if (newline) {
      const size_t at = static_cast<size_t>(static_cast<const char*>(newline) - buffer_.data());
      line = std::string_view(buffer_.data() + begin_, at - begin_);
      begin_ = at + 1;
      break;
    }
    const size_t offset = end_ - begin_;
    if (!fill()) {
      if (begin_ == end_) return false;
      line = std::string_view(buffer_.data() + begin_, end_ - begin_);  // no final newline
      begin_ = end_;
      break;
    }
    scanned = begin_ + offset;
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  ++line_number_;
  return true;
}

}  // namespace app
