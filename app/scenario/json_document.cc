// parse_json_document: nlohmann's parser driven through its SAX interface, so
// that every value's JSON pointer is known while it is read.
//
// Building the document here rather than with the library's own builder keeps
// parsing linear in the number of keys: the order-preserving object type finds a
// key by searching every earlier one, which made 100,000 keys take seconds. Keys
// are checked for duplicates with a hash set and appended without a search.
#include <unordered_set>

#include "app/scenario/json_reader.h"

namespace app {

namespace {

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const std::string& file) : file_(file) {}

  Json take() { return std::move(root_); }
  const std::vector<Problem>& duplicates() const { return duplicates_; }

  // The SAX interface (nlohmann::json_sax<Json>).
  bool null() { return place(Json(nullptr)); }
  bool boolean(bool value) { return place(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return place(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return place(Json(value)); }
  bool number_float(Json::number_float_t value, const Json::string_t&) {
    return place(Json(value));
  }
  bool string(Json::string_t& value) { return place(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return place(Json::binary(std::move(value))); }
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& key) {
    Frame& object = frames_.back();
    if (!object.keys.insert(key).second) {
      duplicates_.push_back({child_pointer(object.pointer, key),
                             "expected each key once in an object, found \"" + key + "\" again"});
    }
    object.key = std::move(key);
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
    // The lexer's only range error: a number beyond a double (1e400).
    if (error.id == 406) {
      fail(pending_pointer(),
           "expected a number a double can hold (up to about 1.8e308), "
           "found a larger one");
    }
    std::string reason = error.what();
    reason = reason.substr(std::min(reason.size(), reason.find("parse error")));
    fail("", "expected valid JSON, found a " + reason);
  }

 private:
  struct Frame {
    Json* value;
    std::string pointer;
    std::unordered_set<std::string> keys;  // objects: the keys named so far
    std::string key;                       // objects: of the value read next
    size_t next_index = 0;                 // arrays: of the value read next
  };

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) {
    throw InputError(file_, {{pointer, message}});
  }

  // The pointer of the value the parser reads next.
  std::string pending_pointer() const {
    if (frames_.empty()) return "";
    const Frame& parent = frames_.back();
    return parent.value->is_array() ? child_pointer(parent.pointer, parent.next_index)
                                    : child_pointer(parent.pointer, parent.key);
  }

  // Adds a value to the open container (or makes it the root); returns where it is.
  // The address stays valid while the value is open: its container only grows
  // after the value is closed.
  Json* add(Json&& value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& parent = frames_.back();
    if (parent.value->is_array()) {
      auto& array = parent.value->get_ref<Json::array_t&>();
      ++parent.next_index;
      return &array.emplace_back(std::move(value));
    }
    auto& object = parent.value->get_ref<Json::object_t&>();
    // The vector's own append: the map's emplace would search every key first.
    return &object.emplace_back(std::move(parent.key), std::move(value)).second;
  }

  bool place(Json&& value) {
    add(std::move(value));
    return true;
  }

  // Deeper documents would be read by recursive code (curves nest) until the
  // stack overflows.
  bool open(Json&& container) {
    if (frames_.size() >= kMaxJsonNesting) {
      fail(pending_pointer(), "expected at most " + std::to_string(kMaxJsonNesting) +
                                  " levels of nested objects and arrays, found more");
    }
    std::string pointer = pending_pointer();
    Json* value = add(std::move(container));
    frames_.push_back({value, std::move(pointer), {}, {}, 0});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  const std::string& file_;
  Json root_;
  std::vector<Frame> frames_;
  std::vector<Problem> duplicates_;
};

}  // namespace

Json parse_json_document(const std::string& text, const std::string& file) {
  DocumentBuilder builder(file);
  Json::sax_parse(text, &builder);
  if (!builder.duplicates().empty()) throw InputError(file, builder.duplicates());
  return builder.take();
}

}  // namespace app
