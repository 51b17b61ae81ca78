// The streaming JSON writer of the API: commas and nesting, escaping, UTF-8 kept as is and
// invalid UTF-8 replaced exactly as nlohmann's dump with error_handler_t::replace did before.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "app/JsonWriter.h"

using nlohmann::json;
using shnor::app::JsonWriter;

namespace {

// The string as the writer puts it, quotes included.
std::string Written(std::string_view value) {
  JsonWriter out;
  out.String(value);
  return out.str();
}

// The same string as the API's answers were dumped before the writer.
std::string Dumped(const std::string& value) {
  return json(value).dump(-1, ' ', false, json::error_handler_t::replace);
}

const std::string kFffd = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("json writer puts commas between siblings at every level", "[json]") {
  JsonWriter out;
  out.BeginObject();
  out.Field("a", 1);
  out.Key("b");
  out.BeginArray();
  out.Int(1);
  out.Int(-2);
  out.BeginObject();
  out.Key("c");
  out.Null();
  out.EndObject();
  out.BeginArray();
  out.EndArray();
  out.EndArray();
  out.Key("d");
  out.BeginObject();
  out.EndObject();
  out.Field("e", true);
  out.Field("f", false);
  out.EndObject();
  CHECK(out.str() == R"({"a":1,"b":[1,-2,{"c":null},[]],"d":{},"e":true,"f":false})");
}

TEST_CASE("json writer fields keep their types", "[json]") {
  JsonWriter out;
  out.BeginObject();
  out.Field("literal", "текст");
  out.Field("string", std::string("строка"));
  out.Field("view", std::string_view("вид"));
  out.Field("int", 42);
  out.Field("int64", std::int64_t{9'007'199'254'740'993});
  out.Field("size", std::size_t{40000});
  out.Field("min", std::numeric_limits<std::int64_t>::min());
  out.Field("flag", true);
  out.EndObject();
  json parsed = json::parse(out.str());
  CHECK(parsed["literal"] == "текст");
  CHECK(parsed["string"] == "строка");
  CHECK(parsed["view"] == "вид");
  CHECK(parsed["int"] == 42);
  CHECK(parsed["int64"].get<std::int64_t>() == 9'007'199'254'740'993);
  CHECK(parsed["size"] == 40000);
  CHECK(parsed["min"].get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
  CHECK(parsed["flag"].is_boolean());
  CHECK(parsed["flag"] == true);
}

TEST_CASE("json writer escapes quotes, backslashes and control characters", "[json]") {
  CHECK(Written("a\"b\\c") == R"("a\"b\\c")");
  CHECK(Written("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(Written(std::string("\x00\x01\x1f", 3)) == R"("\u0000\u0001\u001f")");
  CHECK(Written("\x7f/") == "\"\x7f/\"");  // DEL and the solidus need no escape
  std::string all;
  for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
  CHECK(Written(all) == Dumped(all));
  CHECK(json::parse(Written(all)) == all);
}

TEST_CASE("json writer keeps valid UTF-8 as it is", "[json]") {
  const std::string text = "Школа № 97 г. Тюмени — «ёлка» € 𝄞";
  CHECK(Written(text) == "\"" + text + "\"");
  CHECK(json::parse(Written(text)) == text);
  // The edges of each length: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF.
  const std::string edges =
      "\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
  CHECK(Written(edges) == "\"" + edges + "\"");
  // The code points around the surrogates are valid.
  CHECK(Written("\xED\x9F\xBF\xEE\x80\x80") == "\"\xED\x9F\xBF\xEE\x80\x80\"");
}

TEST_CASE("json writer replaces each invalid UTF-8 sequence with U+FFFD", "[json]") {
  struct Case {
    const char* what;
    std::string bytes;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"a lone continuation byte", "a\x80z", "a" + kFffd + "z"},
      {"bytes that never start a letter", "\xC0\xC1\xF5\xFF", kFffd + kFffd + kFffd + kFffd},
      {"a 2-byte overlong", "\xC0\xAF", kFffd + kFffd},
      {"a 3-byte overlong", "\xE0\x80\xAF", kFffd + kFffd + kFffd},
      {"a 4-byte overlong", "\xF0\x8F\xBF\xBF", kFffd + kFffd + kFffd + kFffd},
      {"a surrogate", "\xED\xA0\x80", kFffd + kFffd + kFffd},
      {"past U+10FFFF", "\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},
      {"cut off at the end", "ш\xD1", "ш" + kFffd},
      {"3 bytes cut off at the end", "\xE2\x82", kFffd},
      {"cut off before ASCII", "\xE2\x82z", kFffd + "z"},
      {"cut off before a letter", "\xF0\x9F\x98ш", kFffd + "ш"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CHECK(Written(c.bytes) == "\"" + c.expected + "\"");
    CHECK(Written(c.bytes) == Dumped(c.bytes));
    CHECK(json::parse(Written(c.bytes)) == c.expected);
  }
  CHECK(Written("\xD1\"") == "\"" + kFffd + "\\\"\"");  // the quote after it is still escaped
}

TEST_CASE("json writer writes any bytes as nlohmann's replace did", "[json]") {
  std::mt19937 random(20240215);
  // Mostly the bytes UTF-8 is made of, so that valid and nearly valid letters come up often.
  const std::string alphabet =
      "aZ\"\\\n\x01\x7f\x80\x8f\x90\x9f\xa0\xbf\xc0\xc2\xd0\xd1\xdf\xe0"
      "\xe2\xed\xef\xf0\xf4\xf5\xff";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 12);
  for (int n = 0; n < 20000; ++n) {
    std::string bytes;
    for (std::size_t k = length(random); k > 0; --k) bytes += alphabet[pick(random)];
    INFO(json(bytes).dump(-1, ' ', true, json::error_handler_t::replace));
    REQUIRE(Written(bytes) == Dumped(bytes));
  }
}

TEST_CASE("json writer passes raw JSON through and escapes keys", "[json]") {
  JsonWriter out;
  out.BeginArray();
  out.Raw(R"({"stage":"II","documents":[1,2]})");
  out.Raw("null");
  out.BeginObject();
  out.Field("ключ \"в кавычках\"", "значение");
  out.Key("raw");
  out.Raw("[true]");
  out.EndObject();
  out.EndArray();
  CHECK(
      out.str() ==
      R"([{"stage":"II","documents":[1,2]},null,{"ключ \"в кавычках\"":"значение","raw":[true]}])");
  json parsed = json::parse(out.str());
  CHECK(parsed[0]["documents"] == json::array({1, 2}));
  CHECK(parsed[1].is_null());
  CHECK(parsed[2]["ключ \"в кавычках\""] == "значение");
  CHECK(parsed[2]["raw"][0] == true);
}

TEST_CASE("json writer hands its text over", "[json]") {
  JsonWriter out(1024);
  out.String("x");
  CHECK(std::move(out).Take() == "\"x\"");
}
