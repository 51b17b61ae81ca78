#pragma once
// A streaming JSON writer: appends straight to one string instead of building nlohmann's DOM and
// dumping it, which was most of the cost of the API's answers. The caller gives a well-formed
// sequence (a Key before each value inside an object, Begin/End balanced); strings always come
// out as valid JSON, whatever bytes they hold (see String).
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace shnor::app {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 0) { out_.reserve(reserve); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);

  // UTF-8 is copied as is (Cyrillic stays readable); quotes, backslashes and control characters
  // are escaped; each invalid UTF-8 sequence becomes one U+FFFD, as nlohmann's
  // error_handler_t::replace does, so a message may quote whatever a client sent.
  void String(std::string_view value);
  void Int(std::int64_t value);
  void Bool(bool value);
  void Null();
  // REQUIRES: `json` is one valid JSON value (e.g. checked with nlohmann::json::accept).
  void Raw(std::string_view json);

  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  // Without it a string literal would pick the bool overload (a standard conversion).
  void Field(std::string_view key, const char* value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  // Any integer type, so int, int64_t and size_t are not ambiguous between Int and Bool.
  template <std::integral T>
  requires(!std::same_as<T, bool>) void Field(std::string_view key, T value) {
    Key(key);
    Int(static_cast<std::int64_t>(value));
  }

  const std::string& str() const { return out_; }
  std::string Take() && { return std::move(out_); }

 private:
  // A value or key after a sibling needs a comma; after '{', '[' or a key it does not. That one
  // flag is all the state commas need in a well-formed sequence, so no stack of levels is kept.
  void Separate() {
    if (need_comma_) out_ += ',';
    need_comma_ = true;
  }
  void Open(char bracket) {
    Separate();
    out_ += bracket;
    need_comma_ = false;
  }
  void Close(char bracket) {
    out_ += bracket;
    need_comma_ = true;
  }
  void AppendEscaped(std::string_view value);

  std::string out_;
  bool need_comma_ = false;
};

}  // namespace shnor::app
