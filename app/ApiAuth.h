#pragma once
// The HTTP side of accounts: the session cookie and the bearer token, the CSRF header, and the
// routes of signing in and out.
//   POST /api/login  {"login": "...", "password": "..."}  -> the user and a CSRF token; sets the
//                    cookie shnor_session (HttpOnly, SameSite=Strict, Path=/, Secure if asked)
//   POST /api/logout ends the session (X-CSRF-Token required, like every non-GET request)
//   GET  /api/me     the user, their role and, for a cookie session, the CSRF token again
// Refusals: 401 (no or a bad session, wrong password), 403 (CSRF, disabled account),
// 429 (too many failed logins, with Retry-After).
#include <optional>
#include <string>
#include <variant>

#include "app/ApiTarget.h"
#include "app/HttpServer.h"
#include "engine/access/Accounts.h"

namespace shnor::app {

struct AuthOptions {
  bool secure_cookies = false;  // behind TLS: the cookie is sent over HTTPS only
};

inline constexpr const char* kSessionCookie = "shnor_session";

// The value of cookie `name` in the request's Cookie header, "" when absent.
std::string CookieValue(const HttpRequest& request, const std::string& name);
// The token of "Authorization: Bearer <token>", "" when absent.
std::string BearerToken(const HttpRequest& request);

class ApiAuth {
 public:
  // REQUIRES: `workspace` outlives this object.
  ApiAuth(Workspace& workspace, AuthOptions options) : accounts_(workspace), options_(options) {}

  // The answer for /api/login, /api/logout and /api/me; nullopt for every other route.
  std::optional<HttpResponse> Handle(const HttpRequest& request, const ApiTarget& target);
  // The request's user, or the refusal to send: 401 without valid credentials, 403 when a
  // cookie session sends a non-GET request without its CSRF token.
  std::variant<Authenticated, HttpResponse> Authenticate(const HttpRequest& request);
  Accounts& accounts() { return accounts_; }

 private:
  HttpResponse Login(const HttpRequest& request);
  HttpResponse Logout(const HttpRequest& request);
  HttpResponse Me(const HttpRequest& request);
  std::string Cookie(const std::string& value, bool clear) const;

  Accounts accounts_;
  AuthOptions options_;
};

}  // namespace shnor::app
