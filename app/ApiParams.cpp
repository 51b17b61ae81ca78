#include "app/ApiParams.h"

#include <algorithm>
#include <limits>

#include "app/ApiErrors.h"

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
