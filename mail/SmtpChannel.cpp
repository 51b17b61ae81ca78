#include "mail/SmtpChannel.h"

#include "mail/MimeFormat.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>

namespace shnor::mail {
namespace {

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

void InitCurlOnce() {
  // curl_global_init is not thread-safe; a failure shows up as curl_easy_init returning null.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::optional<std::string> Environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string LowerAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool IsIpv6Literal(std::string_view host) {
  return std::count(host.begin(), host.end(), ':') >= 2 &&
         std::all_of(host.begin(), host.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
         });
}

// The host goes into a URL, so anything that could change the URL's meaning is refused.
void ValidateHost(std::string_view host) {
  bool plain = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
  if (!plain && !IsIpv6Literal(host)) {
    throw std::invalid_argument("некорректное имя почтового сервера «" + std::string(host) +
                                "»: укажите только имя или IP-адрес, порт задаётся отдельно");
  }
}

void ValidatePort(long port) {
  if (port < 1 || port > 65535) {
    throw std::invalid_argument("некорректный порт почтового сервера " + std::to_string(port) +
                                ": допустимо от 1 до 65535");
  }
}

int ParsePort(const std::string& text) {
  int port = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535) {
    throw std::invalid_argument("SHNOR_SMTP_PORT: некорректный порт «" + text +
                                "», нужно число от 1 до 65535");
  }
  return port;
}

SmtpSettings::Security ParseSecurity(const std::string& text) {
  std::string value = LowerAscii(text);
  if (value == "none") return SmtpSettings::Security::None;
  if (value == "starttls") return SmtpSettings::Security::StartTls;
  if (value == "tls") return SmtpSettings::Security::Tls;
  throw std::invalid_argument("SHNOR_SMTP_SECURITY: неизвестное значение «" + text +
                              "», допустимо none, starttls или tls");
}

// An explicit word, not a truthy flag: whoever sets it says where the relay is.
SmtpSettings::PlainAuth ParsePlainAuth(const std::string& text) {
  if (text == "local-relay") return SmtpSettings::PlainAuth::LocalRelay;
  throw std::invalid_argument("SHNOR_SMTP_ALLOW_PLAIN_AUTH: неизвестное значение «" + text +
                              "», допустимо только local-relay (почтовый релей на этой машине "
                              "или в доверенной сети)");
}

int DefaultPort(SmtpSettings::Security security) {
  switch (security) {
    case SmtpSettings::Security::StartTls:
      return 587;
    case SmtpSettings::Security::Tls:
      return 465;
    default:
      return 25;
  }
}

std::string ServerName(const SmtpSettings& settings) {
  bool ipv6 = settings.host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + settings.host + "]" : settings.host;
  return host + ":" + std::to_string(settings.port);
}

void CheckPlainAuth(const SmtpSettings& settings) {
  bool clear = !settings.username.empty() && settings.security == SmtpSettings::Security::None;
  if (!clear || settings.plain_auth == SmtpSettings::PlainAuth::LocalRelay) return;
  throw std::invalid_argument(
      "задан SHNOR_SMTP_USER, а SHNOR_SMTP_SECURITY=none: имя пользователя и пароль ушли бы на "
      "почтовый сервер " +
      ServerName(settings) +
      " открытым текстом. Укажите SHNOR_SMTP_SECURITY=starttls или tls; для почтового релея на "
      "этой машине или в доверенной сети — SHNOR_SMTP_ALLOW_PLAIN_AUTH=local-relay");
}

std::string JoinRecipients(const MailMessage& message) {
  std::string joined;
  for (const auto& to : message.to) joined += (joined.empty() ? "" : ", ") + to.email;
  return joined;
}

struct Upload {
  std::string_view bytes;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->bytes.size() - upload->offset);
  std::memcpy(buffer, upload->bytes.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

std::string TransportReason(CURLcode result, const SmtpSettings& settings) {
  std::string server = ServerName(settings);
  switch (result) {
    case CURLE_COULDNT_CONNECT:
      return "почтовый сервер " + server + " недоступен (соединение отклонено или нет связи)";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "не найден адрес почтового сервера " + server;
    case CURLE_OPERATION_TIMEDOUT:
      return "почтовый сервер " + server + " не ответил за " +
             std::to_string(settings.timeout_seconds) + " с";
    case CURLE_USE_SSL_FAILED:
      return "почтовый сервер " + server + " не поддерживает STARTTLS";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "не удалось установить защищённое соединение (TLS) с почтовым сервером " + server;
    default:
      return "сбой связи с почтовым сервером " + server;
  }
}

// 5xx to MAIL, RCPT or the end of DATA (or at greeting) is the server refusing this letter;
// 5xx to STARTTLS or a TLS failure is our configuration and must not drop queued letters.
bool RefusedByServer(CURLcode result, long code) {
  bool refusal = result == CURLE_SEND_ERROR || result == CURLE_WEIRD_SERVER_REPLY ||
                 result == CURLE_RECV_ERROR;
  return refusal && code >= 400 && code <= 599;
}

DeliveryError ErrorFor(CURLcode result, CURL* curl, const char* detail,
                       const SmtpSettings& settings, const MailMessage& message) {
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  std::string server = ServerName(settings), recipients = JoinRecipients(message);
  bool permanent = result == CURLE_LOGIN_DENIED || (RefusedByServer(result, code) && code >= 500);
  std::string text;
  if (result == CURLE_LOGIN_DENIED) {
    text = "почтовый сервер " + server + " отклонил имя пользователя или пароль";
  } else if (RefusedByServer(result, code)) {
    text = "почтовый сервер " + server +
           (permanent ? " отказался принять" : " временно не принял") + " письмо для " +
           recipients + " (код " + std::to_string(code) + ")" +
           (permanent ? "" : ", повторите попытку позже");
  } else {
    text = "письмо для " + recipients + " не отправлено: " + TransportReason(result, settings);
  }
  // libcurl's own words help an administrator; they never contain the password.
  text += " [libcurl: " + std::string(*detail ? detail : curl_easy_strerror(result)) + "]";
  return DeliveryError(text, permanent);
}

CurlList RecipientList(const MailMessage& message) {
  CurlList list(nullptr, &curl_slist_free_all);
  for (const auto& to : message.to) {
    curl_slist* longer = curl_slist_append(list.get(), ("<" + to.email + ">").c_str());
    if (longer == nullptr) throw std::bad_alloc();
    list.release();
    list.reset(longer);
  }
  return list;
}

// libcurl copies string options, so the temporaries here are safe.
void SetServer(CURL* curl, const SmtpSettings& settings) {
  bool tls = settings.security == SmtpSettings::Security::Tls;
  std::string url = (tls ? "smtps://" : "smtp://") + ServerName(settings);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  // STARTTLS is demanded, never tried: without it neither the password nor the letter is sent.
  bool plain = settings.security == SmtpSettings::Security::None;
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   static_cast<long>(plain ? CURLUSESSL_NONE : CURLUSESSL_ALL));
  if (!settings.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a multi-threaded program
}

void SetEnvelope(CURL* curl, const std::string& sender, curl_slist* recipients, Upload& upload) {
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + sender + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload.bytes.size()));
}

}  // namespace

std::optional<SmtpSettings> SmtpSettingsFromEnvironment() {
  auto host = Environment("SHNOR_SMTP_HOST");
  if (!host) return std::nullopt;
  SmtpSettings settings;
  ValidateHost(*host);
  settings.host = *host;
  if (auto security = Environment("SHNOR_SMTP_SECURITY"))
    settings.security = ParseSecurity(*security);
  auto port = Environment("SHNOR_SMTP_PORT");
  settings.port = port ? ParsePort(*port) : DefaultPort(settings.security);
  settings.username = Environment("SHNOR_SMTP_USER").value_or("");
  settings.password = Environment("SHNOR_SMTP_PASSWORD").value_or("");
  settings.from_email = Environment("SHNOR_SMTP_FROM").value_or("");
  if (auto plain = Environment("SHNOR_SMTP_ALLOW_PLAIN_AUTH"))
    settings.plain_auth = ParsePlainAuth(*plain);
  if (!settings.from_email.empty() && !IsValidEmail(settings.from_email)) {
    throw std::invalid_argument("SHNOR_SMTP_FROM: некорректный адрес отправителя «" +
                                settings.from_email + "»");
  }
  return settings;
}

SmtpChannel::SmtpChannel(SmtpSettings settings) : settings_(std::move(settings)) {
  ValidateHost(settings_.host);
  ValidatePort(settings_.port);
  if (settings_.timeout_seconds <= 0) {
    throw std::invalid_argument("время ожидания почтового сервера должно быть больше нуля");
  }
  if (!settings_.from_email.empty() && !IsValidEmail(settings_.from_email)) {
    throw std::invalid_argument("некорректный адрес отправителя «" + settings_.from_email + "»");
  }
  CheckPlainAuth(settings_);
}

void SmtpChannel::Send(const MailMessage& message) {
  std::string bytes = FormatForDelivery(message);
  InitCurlOnce();
  CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw DeliveryError("не удалось подготовить отправку письма (libcurl)", false);
  std::string sender = settings_.from_email.empty() ? message.from.email : settings_.from_email;
  CurlList recipients = RecipientList(message);  // libcurl keeps the pointer: must outlive perform
  Upload upload{bytes};
  char detail[CURL_ERROR_SIZE] = {};
  SetServer(curl.get(), settings_);
  SetEnvelope(curl.get(), sender, recipients.get(), upload);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, detail);
  CURLcode result = curl_easy_perform(curl.get());
  if (result != CURLE_OK) throw ErrorFor(result, curl.get(), detail, settings_, message);
}

std::string SmtpChannel::Describe() const {
  static constexpr const char* kSecurity[] = {"без шифрования", "STARTTLS", "TLS"};
  std::string text = "SMTP-сервер " + ServerName(settings_) + " (" +
                     kSecurity[static_cast<int>(settings_.security)] + ")";
  if (!settings_.username.empty()) text += ", пользователь " + settings_.username;
  if (!settings_.username.empty() && settings_.security == SmtpSettings::Security::None) {
    text += ", пароль открытым текстом (local-relay)";
  }
  return text;
}

}  // namespace shnor::mail
