#include "app/ApiParams.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "app/ApiErrors.h"
#include "engine/base/Errors.h"

namespace shnor::app {

using nlohmann::json;

void OnlyParams(const ApiTarget& target, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : target.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      BadRequest("Неизвестный параметр запроса «" + name + "»");
    }
  }
}

std::string Param(const ApiTarget& target, const std::string& name) {
  auto it = target.query.find(name);
  return it == target.query.end() ? "" : it->second;
}

bool FlagParam(const ApiTarget& target, const std::string& name) {
  std::string value = Param(target, name);
  if (value.empty() || value == "0" || value == "false") return false;
  if (value == "1" || value == "true") return true;
  BadRequest("Параметр «" + name + "»: ожидается 1 или 0, а не «" + value + "»");
}

namespace {

// Digits with an optional minus, nothing else: from_chars alone would take "5abc" as 5.
std::optional<std::int64_t> IntegerParam(const ApiTarget& target, const std::string& name) {
  std::string text = Param(target, name);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    BadRequest("Параметр «" + name + "»: число «" + text + "» слишком велико");
  }
  if (error != std::errc() || end != text.data() + text.size()) {
    BadRequest("Параметр «" + name + "»: ожидается целое число, а не «" + text + "»");
  }
  return value;
}

}  // namespace

PageRequest PageParams(const ApiTarget& target) {
  auto offset = IntegerParam(target, "offset");
  auto limit = IntegerParam(target, "limit");
  try {
    return MakePageRequest(offset, limit);
  } catch (const InputError& e) {
    BadRequest(e.what());  // malformed input to the API, not a refusal of the engine's
  }
}

JsonBody::JsonBody(const std::string& body, std::initializer_list<std::string_view> known) {
  value_ = body.empty() ? json::object() : json::parse(body, nullptr, false);
  if (value_.is_discarded()) BadRequest("Тело запроса — не JSON");
  if (!value_.is_object()) BadRequest("Тело запроса должно быть JSON-объектом {…}");
  for (const auto& [name, field] : value_.items()) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      BadRequest("Неизвестное поле «" + name + "» в теле запроса");
    }
  }
}

void JsonBody::WrongType(const std::string& name, const char* expected) {
  BadRequest("Поле «" + name + "»: ожидается " + expected);
}

const json& JsonBody::Field(const std::string& name) const {
  static const json null;
  auto it = value_.find(name);
  return it == value_.end() ? null : *it;
}

std::string JsonBody::String(const std::string& name) const {
  const json& field = Field(name);
  if (field.is_null()) return "";
  if (!field.is_string()) WrongType(name, "строка");
  return field.get<std::string>();
}

bool JsonBody::Bool(const std::string& name) const {
  const json& field = Field(name);
  if (field.is_null()) return false;
  if (!field.is_boolean()) WrongType(name, "true или false");
  return field.get<bool>();
}

std::optional<int> JsonBody::Int(const std::string& name) const {
  const json& field = Field(name);
  if (field.is_null()) return std::nullopt;
  bool fits = field.is_number_integer() && field.get<std::int64_t>() > 0 &&
              field.get<std::int64_t>() <= std::numeric_limits<int>::max();
  if (!fits) WrongType(name, "целое положительное число");
  return static_cast<int>(field.get<std::int64_t>());
}

}  // namespace shnor::app
