#include "app/ApiAuth.h"

#include <nlohmann/json.hpp>

#include "app/ApiJson.h"
#include "engine/access/AccessPolicy.h"
#include "engine/base/Text.h"

namespace shnor::app {
namespace {

using nlohmann::json;

bool IsRead(const std::string& method) {
  return method == "GET" || method == "HEAD";
}

HttpResponse Unauthorized(const std::string& message) {
  HttpResponse refused = JsonError(401, "unauthorized", message);
  refused.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"shnor\"");
  return refused;
}

HttpResponse MethodNotAllowed(const std::string& method, const std::string& allowed) {
  HttpResponse refused = JsonError(405, "method_not_allowed",
                                   "Метод " + method + " здесь не разрешён: только " + allowed);
  refused.headers.emplace_back("Allow", allowed);
  return refused;
}

// What the engine lets the user do, so the page shows only the tools it would accept.
json CapabilitiesJson(const Capabilities& c) {
  return {{"change_cases", c.change_cases},
          {"campaign_wide", c.campaign_wide},
          {"bulk_advance", c.bulk_advance},
          {"interview_schedule", c.interview_schedule},
          {"extend_deadlines", c.extend_deadlines},
          {"outbox", c.outbox},
          {"audit_log", c.audit_log},
          {"override_reviews", c.override_reviews},
          {"project_documents", c.project_documents}};
}

json UserJson(const User& user, const Actor& actor) {
  return {{"login", user.login},
          {"name", user.display_name},
          {"role", {{"code", ToString(user.role)}, {"name", RussianName(user.role)}}},
          {"capabilities", CapabilitiesJson(CapabilitiesOf(actor))}};
}

HttpResponse JsonOk(const json& body) {
  HttpResponse response;
  response.body = DumpJson(body);
  return response;
}

// {"login": "...", "password": "..."} or nullopt.
std::optional<std::pair<std::string, std::string>> Credentials(const std::string& body) {
  json value = json::parse(body, nullptr, false);
  if (!value.is_object()) return std::nullopt;
  auto login = value.find("login");
  auto password = value.find("password");
  if (login == value.end() || password == value.end()) return std::nullopt;
  if (!login->is_string() || !password->is_string()) return std::nullopt;
  return std::make_pair(login->get<std::string>(), password->get<std::string>());
}

HttpResponse Refusal(const LoginRefused& e) {
  switch (e.reason()) {
    case LoginRefused::Reason::BadCredentials:
      return Unauthorized(e.what());
    case LoginRefused::Reason::Disabled:
      return JsonError(403, "account_disabled", e.what());
    case LoginRefused::Reason::Throttled: {
      HttpResponse refused = JsonError(429, "too_many_attempts", e.what());
      refused.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
      return refused;
    }
  }
  return Unauthorized(e.what());
}

}  // namespace

std::string CookieValue(const HttpRequest& request, const std::string& name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    for (const auto& pair : SplitList(value, ";")) {
      auto eq = pair.find('=');
      if (eq != std::string::npos && Trim(pair.substr(0, eq)) == name) {
        return Trim(pair.substr(eq + 1));
      }
    }
  }
  return "";
}

std::string BearerToken(const HttpRequest& request) {
  std::string value = Trim(request.Header("authorization"));
  const std::string scheme = "bearer ";
  if (value.size() <= scheme.size()) return "";
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != scheme[i]) return "";
  }
  return Trim(value.substr(scheme.size()));
}

std::string ApiAuth::Cookie(const std::string& value, bool clear) const {
  // No Max-Age while signed in: the server's idle expiry decides, and the browser forgets the
  // cookie when it closes.
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; HttpOnly; SameSite=Strict; Path=/" + (clear ? "; Max-Age=0" : "");
  return options_.secure_cookies ? cookie + "; Secure" : cookie;
}

std::optional<HttpResponse> ApiAuth::Handle(const HttpRequest& request, const ApiTarget& t) {
  const auto& s = t.segments;
  if (s.size() != 2 || s[0] != "api") return std::nullopt;
  if (s[1] == "login") return Login(request);
  if (s[1] == "logout") return Logout(request);
  if (s[1] == "me") return Me(request);
  return std::nullopt;
}

std::variant<Authenticated, HttpResponse> ApiAuth::Authenticate(const HttpRequest& request) {
  std::optional<Authenticated> who;
  if (std::string bearer = BearerToken(request); !bearer.empty()) {
    who = accounts_.ByToken(bearer);
  } else {
    who = accounts_.BySession(CookieValue(request, kSessionCookie));
  }
  if (!who) return Unauthorized("Требуется вход в систему");
  if (!IsRead(request.method) && !Accounts::CsrfMatches(*who, request.Header("x-csrf-token"))) {
    return JsonError(403, "csrf",
                     "Запрос отклонён: нет заголовка X-CSRF-Token или он не от этого сеанса");
  }
  return *who;
}

HttpResponse ApiAuth::Login(const HttpRequest& request) {
  if (request.method != "POST") return MethodNotAllowed(request.method, "POST");
  auto credentials = Credentials(request.body);
  if (!credentials) {
    return JsonError(400, "bad_request",
                     "Ожидается JSON вида {\"login\": \"...\", \"password\": \"...\"}");
  }
  try {
    auto result = accounts_.Login(credentials->first, credentials->second, request.peer_address);
    HttpResponse response = JsonOk({{"user", UserJson(result.user, accounts_.ActorOf(result.user))},
                                    {"csrf_token", result.csrf_token},
                                    {"idle_timeout", Accounts::kSessionIdle.count()}});
    response.headers.emplace_back("Set-Cookie", Cookie(result.session_token, false));
    return response;
  } catch (const LoginRefused& e) {
    return Refusal(e);
  }
}

HttpResponse ApiAuth::Logout(const HttpRequest& request) {
  if (request.method != "POST") return MethodNotAllowed(request.method, "POST");
  auto who = Authenticate(request);
  if (auto* refused = std::get_if<HttpResponse>(&who)) return *refused;
  accounts_.Logout(std::get<Authenticated>(who));
  HttpResponse response = JsonOk({{"ok", true}});
  response.headers.emplace_back("Set-Cookie", Cookie("", true));
  return response;
}

HttpResponse ApiAuth::Me(const HttpRequest& request) {
  if (!IsRead(request.method)) return MethodNotAllowed(request.method, "GET, HEAD");
  auto who = Authenticate(request);
  if (auto* refused = std::get_if<HttpResponse>(&who)) return *refused;
  const auto& auth = std::get<Authenticated>(who);
  json body = {{"user", UserJson(auth.user, accounts_.ActorOf(auth.user))}};
  if (auth.by_session) body["csrf_token"] = auth.csrf_token;
  return JsonOk(body);
}

}  // namespace shnor::app
