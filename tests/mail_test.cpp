// Letters and mail channels: RFC 5322 / MIME bytes checked by an independent parser (Python's
// email package), a real SMTP round trip through libcurl to a local sink, and the .eml folder.
#include <curl/curl.h>
#include <stdlib.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>

#include "engine/letters/MailMessage.h"
#include "mail/FileChannel.h"
#include "mail/MimeFormat.h"
#include "mail/SmtpChannel.h"
#include "tests/MailParsing.h"
#include "tests/MemoryChannel.h"
#include "tests/SmtpSink.h"

namespace fs = std::filesystem;
using namespace shnor::mail;
using shnor::test::DecodeBase64;
using shnor::test::EncodedWords;
using shnor::test::HeaderSection;
using shnor::test::Lines;
using shnor::test::RawHeader;
using shnor::test::SmtpSink;
using shnor::test::SmtpSinkOptions;

namespace {

class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("shnor-mail-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

bool IsCompleteUtf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80    ? 1
                         : lead >= 0xF0 ? 4
                         : lead >= 0xE0 ? 3
                         : lead >= 0xC0 ? 2
                                        : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::string Crlf(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

struct Parsed {
  std::string subject, from_name, from_email, to, text, html, defects, date, message_id;
};

// Python's email package as an independent reader of our bytes. It prints every field in base64,
// one per line, so no console encoding can spoil Cyrillic. Addresses are decoded with the RFC 2047
// decoder (decode_header): the newer address parser shows a space between adjacent encoded words.
Parsed ParseWithPython(const fs::path& eml) {
  static const char* kScript = R"(import base64, email, email.header, email.policy, email.utils, sys
with open(sys.argv[1], 'rb') as f:
    m = email.message_from_binary_file(f, policy=email.policy.default)
def addresses(name):
    raw = next(value for key, value in m.raw_items() if key.lower() == name.lower())
    decoded = str(email.header.make_header(email.header.decode_header(raw)))
    return email.utils.getaddresses([decoded])
plain = m.get_body(('plain',))
html = m.get_body(('html',))
frm = addresses('From')[0]
fields = [str(m['Subject']), frm[0], frm[1],
          ', '.join(n + ' <' + a + '>' for n, a in addresses('To')),
          plain.get_content() if plain is not None else '',
          html.get_content() if html is not None else '',
          str(sum(len(p.defects) for p in m.walk())), str(m['Date']), str(m['Message-ID'])]
with open(sys.argv[2], 'w') as out:
    for v in fields:
        out.write(base64.b64encode(v.encode('utf-8')).decode() + '\n')
)";
  fs::path script = eml.parent_path() / "parse.py", out = eml.parent_path() / "parsed.txt";
  WriteFile(script, kScript);
  std::string command =
      "python3 '" + script.string() + "' '" + eml.string() + "' '" + out.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  std::istringstream lines(ReadFile(out));
  Parsed parsed;
  for (std::string* field :
       {&parsed.subject, &parsed.from_name, &parsed.from_email, &parsed.to, &parsed.text,
        &parsed.html, &parsed.defects, &parsed.date, &parsed.message_id}) {
    std::string line;
    std::getline(lines, line);
    *field = DecodeBase64(line);
  }
  return parsed;
}

MailMessage SampleMessage() {
  MailMessage m;
  m.from = {"Министерство образования Энской области", "noreply@minobr.example.ru"};
  m.to = {{"Иванова Мария Петровна", "ivanova@school12.example.ru"}};
  m.subject = "Напоминание: до 01.03.2024 сдать отчёт «Готовность к ГИА-2024» — осталось 3 дня";
  m.text =
      "Здравствуйте, Мария Петровна!\n\nСрок сдачи отчёта — 01.03.2024.\n.Строка с точкой в "
      "начале\n..две точки\n.\nС уважением,\nминистерство\n";
  m.html = "<p>Здравствуйте, <b>Мария Петровна</b>!</p>\n<p>Срок — 01.03.2024.</p>\n";
  m.message_id = "<digest-2024-03-01-ab12cd@shnor.local>";
  m.date_utc = 1709283600;  // 2024-03-01 09:00:00 UTC, a Friday
  return m;
}

SmtpSettings LocalSettings(unsigned short port) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = port;
  settings.from_email = "bounces@shnor.local";
  settings.timeout_seconds = 10;
  return settings;
}

// Sets SHNOR_SMTP_* for one test and restores the previous environment afterwards.
class SmtpEnvironment {
 public:
  SmtpEnvironment() {
    for (const char* name : kNames) {
      if (const char* value = std::getenv(name)) saved_[name] = value;
      ::unsetenv(name);
    }
  }
  ~SmtpEnvironment() {
    for (const char* name : kNames) {
      auto saved = saved_.find(name);
      if (saved == saved_.end()) {
        ::unsetenv(name);
      } else {
        ::setenv(name, saved->second.c_str(), 1);
      }
    }
  }
  void Set(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 1); }

 private:
  static constexpr const char* kNames[] = {
      "SHNOR_SMTP_HOST",     "SHNOR_SMTP_PORT", "SHNOR_SMTP_SECURITY",        "SHNOR_SMTP_USER",
      "SHNOR_SMTP_PASSWORD", "SHNOR_SMTP_FROM", "SHNOR_SMTP_ALLOW_PLAIN_AUTH"};
  std::map<std::string, std::string> saved_;
};

DeliveryError CaughtDeliveryError(Channel& channel, const MailMessage& message) {
  try {
    channel.Send(message);
  } catch (const DeliveryError& error) {
    return error;
  }
  FAIL("Send did not throw DeliveryError");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Base64 matches the RFC 4648 test vectors", "[mail]") {
  CHECK(Base64("") == "");
  CHECK(Base64("f") == "Zg==");
  CHECK(Base64("fo") == "Zm8=");
  CHECK(Base64("foo") == "Zm9v");
  CHECK(Base64("foob") == "Zm9vYg==");
  CHECK(Base64("fooba") == "Zm9vYmE=");
  CHECK(Base64("foobar") == "Zm9vYmFy");
  CHECK(DecodeBase64(Base64("Отчёт № 83/ОД")) == "Отчёт № 83/ОД");
}

TEST_CASE("An encoded header word is UTF-8 B-encoding that decodes back", "[mail]") {
  std::string word = EncodeHeaderWord("Привет, школа");
  CHECK(word.rfind("=?UTF-8?B?", 0) == 0);
  CHECK(word.substr(word.size() - 2) == "?=");
  CHECK(EncodedWords(word) == std::vector<std::string>{"Привет, школа"});
}

TEST_CASE("A Cyrillic subject is split into encoded words that decode back whole", "[mail]") {
  MailMessage message = SampleMessage();
  message.subject.clear();
  for (int i = 0; i < 6; ++i) message.subject += "Срок сдачи отчёта о готовности к ГИА истекает ";
  message.subject += "завтра 😊";
  std::string bytes = FormatRfc5322(message);
  std::string raw = RawHeader(bytes, "Subject");
  auto words = EncodedWords(raw);
  REQUIRE(words.size() > 3);
  std::string joined;
  for (const auto& word : words) {
    CHECK(IsCompleteUtf8(word));  // no character is cut between two words
    joined += word;
  }
  CHECK(joined == message.subject);
  for (const auto& line : Lines(HeaderSection(bytes))) CHECK(line.size() <= 76);

  ScratchDir dir;
  WriteFile(dir.path() / "letter.eml", bytes);
  CHECK(ParseWithPython(dir.path() / "letter.eml").subject == message.subject);
}

TEST_CASE("Python's email package reads every field of a formatted letter back", "[mail]") {
  MailMessage message = SampleMessage();
  message.to.push_back({"", "director@school12.example.ru"});
  message.to.push_back({"Ivan \"Vanya\" Petrov", "petrov@school12.example.ru"});
  ScratchDir dir;
  WriteFile(dir.path() / "letter.eml", FormatRfc5322(message));
  Parsed parsed = ParseWithPython(dir.path() / "letter.eml");
  CHECK(parsed.defects == "0");
  CHECK(parsed.subject == message.subject);
  CHECK(parsed.from_name == message.from.name);
  CHECK(parsed.from_email == message.from.email);
  CHECK(parsed.to ==
        "Иванова Мария Петровна <ivanova@school12.example.ru>, "
        " <director@school12.example.ru>, Ivan \"Vanya\" Petrov <petrov@school12.example.ru>");
  CHECK(parsed.text == Crlf(message.text));
  CHECK(parsed.html == Crlf(message.html));
  CHECK(parsed.date == "Fri, 01 Mar 2024 09:00:00 +0000");
  CHECK(parsed.message_id == message.message_id);
}

TEST_CASE("Every line of a letter ends with CRLF and stays within the line limits", "[mail]") {
  MailMessage message = SampleMessage();
  message.text = std::string(5000, 'x') + "\n" + std::string(3000, 'z') + "я" + "\r\nконец";
  message.html = "<p>" + std::string(4000, 'y') + "</p>";
  std::string bytes = FormatRfc5322(message);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\n') REQUIRE((i > 0 && bytes[i - 1] == '\r'));
    if (bytes[i] == '\r') REQUIRE((i + 1 < bytes.size() && bytes[i + 1] == '\n'));
  }
  REQUIRE(bytes.substr(bytes.size() - 2) == "\r\n");
  for (const auto& line : Lines(bytes)) CHECK(line.size() <= 998);
  for (const auto& line : Lines(HeaderSection(bytes))) CHECK(line.size() <= 76);
  for (const auto& line : Lines(bytes.substr(HeaderSection(bytes).size()))) {
    CHECK(line.size() <= 76);  // base64 lines and part headers
  }
}

TEST_CASE("The same letter always formats to the same bytes", "[mail]") {
  MailMessage message = SampleMessage();
  std::string first = FormatRfc5322(message);
  CHECK(FormatRfc5322(message) == first);
  CHECK(FormatRfc5322(SampleMessage()) == first);
  message.message_id = "<digest-2024-03-02-ab12cd@shnor.local>";
  std::string other = FormatRfc5322(message);
  CHECK(RawHeader(other, "Content-Type") != RawHeader(first, "Content-Type"));  // boundary
}

TEST_CASE("A letter has the RFC 5322 headers in order and multipart alternative parts", "[mail]") {
  std::string bytes = FormatRfc5322(SampleMessage());
  std::vector<std::string> names;
  for (const auto& line : Lines(HeaderSection(bytes))) {
    if (!line.empty() && line[0] != ' ') names.push_back(line.substr(0, line.find(':')));
  }
  CHECK(names == std::vector<std::string>{"Date", "From", "To", "Subject", "Message-ID",
                                          "MIME-Version", "Content-Type"});
  CHECK(RawHeader(bytes, "Date") == "Fri, 01 Mar 2024 09:00:00 +0000");
  CHECK(RawHeader(bytes, "MIME-Version") == "1.0");
  CHECK(RawHeader(bytes, "Content-Type").rfind("multipart/alternative; boundary=\"", 0) == 0);
  CHECK(
      bytes.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64") !=
      std::string::npos);
  CHECK(bytes.find("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64") !=
        std::string::npos);
}

TEST_CASE("A letter without HTML is a single text plain part", "[mail]") {
  MailMessage message = SampleMessage();
  message.html.clear();
  message.subject = "Deadline reminder for school 12";
  std::string bytes = FormatRfc5322(message);
  CHECK(RawHeader(bytes, "Content-Type") == "text/plain; charset=UTF-8");
  CHECK(RawHeader(bytes, "Subject") == "Deadline reminder for school 12");  // ASCII stays readable
  CHECK(bytes.find("multipart") == std::string::npos);
  ScratchDir dir;
  WriteFile(dir.path() / "letter.eml", bytes);
  Parsed parsed = ParseWithPython(dir.path() / "letter.eml");
  CHECK(parsed.text == Crlf(message.text));
  CHECK(parsed.html.empty());
  CHECK(parsed.defects == "0");
}

TEST_CASE("Line breaks in a subject or a name cannot inject headers", "[mail]") {
  MailMessage message = SampleMessage();
  message.subject = "Hello\r\nBcc: spy@example.com";
  message.from.name = "Admin\r\nBcc: spy@example.com";
  std::string bytes = FormatRfc5322(message);
  for (const auto& line : Lines(bytes)) CHECK(line.rfind("Bcc:", 0) != 0);
  CHECK(EncodedWords(RawHeader(bytes, "Subject")).size() == 1);
}

TEST_CASE("A Message-ID without angle brackets gets them", "[mail]") {
  MailMessage message = SampleMessage();
  message.message_id = "digest-1@shnor.local";
  CHECK(RawHeader(FormatRfc5322(message), "Message-ID") == "<digest-1@shnor.local>");
}

TEST_CASE("A letter with a bad address, no recipients or a bad Message-ID is refused", "[mail]") {
  MailMessage message = SampleMessage();
  SECTION("bad recipient") {
    message.to[0].email = "ivanova@school12";
  }
  SECTION("recipient with a line break") {
    message.to[0].email = "a@b.ru\r\nBcc: c@d.ru";
  }
  SECTION("bad sender") {
    message.from.email = "noreply";
  }
  SECTION("no recipients") {
    message.to.clear();
  }
  SECTION("empty Message-ID") {
    message.message_id.clear();
  }
  SECTION("Message-ID with spaces") {
    message.message_id = "<a b@shnor.local>";
  }
  CHECK_THROWS_AS(FormatRfc5322(message), std::invalid_argument);
}

TEST_CASE("IsValidEmail accepts ordinary addresses and rejects malformed ones", "[mail]") {
  CHECK(IsValidEmail("a@b.ru"));
  CHECK(IsValidEmail("ivan.petrov+reminders@school-12.edu.example.ru"));
  CHECK(IsValidEmail("info@xn--80aswg.xn--p1ai"));
  for (const char* bad : {"", "a", "@b.ru", "a@", "a@b", "a@@b.ru", "a@b@c.ru", "a b@c.ru",
                          "a@b .ru", "a\r\n@b.ru", "a@.b.ru", "a@b.ru.", "a..b@c.ru", ".a@b.ru",
                          "<a@b.ru>", "a@b,c.ru", "иван@школа.рф", "a\t@b.ru"}) {
    INFO(bad);
    CHECK_FALSE(IsValidEmail(bad));
  }
}

TEST_CASE("The SMTP sink undoes dot-stuffing of lines that start with a dot", "[mail][smtp]") {
  SmtpSink sink;
  std::string raw = "Subject: dots\r\n\r\n.one\r\n..two\r\n.\r\nend\r\n";
  std::size_t offset = 0;
  auto read = +[](char* buffer, std::size_t size, std::size_t count, void* user) -> std::size_t {
    auto* state = static_cast<std::pair<std::string*, std::size_t*>*>(user);
    std::size_t n = std::min(size * count, state->first->size() - *state->second);
    std::memcpy(buffer, state->first->data() + *state->second, n);
    *state->second += n;
    return n;
  };
  std::pair<std::string*, std::size_t*> state{&raw, &offset};
  CURL* curl = curl_easy_init();
  REQUIRE(curl != nullptr);
  curl_slist* rcpt = curl_slist_append(nullptr, "<a@b.ru>");
  std::string url = "smtp://127.0.0.1:" + std::to_string(sink.port());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, "<c@d.ru>");
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read);
  curl_easy_setopt(curl, CURLOPT_READDATA, &state);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  CURLcode result = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  REQUIRE(result == CURLE_OK);
  auto received = sink.Received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].data == raw);
}

TEST_CASE("A letter sent through SMTP arrives byte for byte with its envelope", "[mail][smtp]") {
  SmtpSink sink;
  SmtpChannel channel(LocalSettings(sink.port()));
  MailMessage message = SampleMessage();
  message.to.push_back({"Директор", "director@school12.example.ru"});
  channel.Send(message);

  auto received = sink.Received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].mail_from == "bounces@shnor.local");
  CHECK(received[0].recipients ==
        std::vector<std::string>{"ivanova@school12.example.ru", "director@school12.example.ru"});
  CHECK(received[0].data == FormatRfc5322(message));

  ScratchDir dir;
  WriteFile(dir.path() / "received.eml", received[0].data);
  Parsed parsed = ParseWithPython(dir.path() / "received.eml");
  CHECK(parsed.subject == message.subject);
  CHECK(parsed.to ==
        "Иванова Мария Петровна <ivanova@school12.example.ru>, "
        "Директор <director@school12.example.ru>");
  CHECK(parsed.text == Crlf(message.text));  // the lines starting with "." survive
  CHECK(parsed.html == Crlf(message.html));
}

TEST_CASE("Without an envelope sender in the settings the From address is used", "[mail][smtp]") {
  SmtpSink sink;
  SmtpSettings settings = LocalSettings(sink.port());
  settings.from_email.clear();
  SmtpChannel(settings).Send(SampleMessage());
  auto received = sink.Received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].mail_from == "noreply@minobr.example.ru");
}

TEST_CASE("A recipient refused with 550 gives a permanent error naming them", "[mail][smtp]") {
  SmtpSinkOptions options;
  options.rejected = {"ivanova@school12.example.ru"};
  SmtpSink sink(options);
  SmtpChannel channel(LocalSettings(sink.port()));
  DeliveryError error = CaughtDeliveryError(channel, SampleMessage());
  CHECK(error.permanent());
  std::string what = error.what();
  CHECK_THAT(what, Catch::Contains("ivanova@school12.example.ru"));
  CHECK_THAT(what, Catch::Contains("127.0.0.1:" + std::to_string(sink.port())));
  CHECK_THAT(what, Catch::Contains("550"));
  CHECK(sink.Received().empty());
}

TEST_CASE("A recipient deferred with 451 gives a temporary error", "[mail][smtp]") {
  SmtpSinkOptions options;
  options.deferred = {"ivanova@school12.example.ru"};
  SmtpSink sink(options);
  SmtpChannel channel(LocalSettings(sink.port()));
  DeliveryError error = CaughtDeliveryError(channel, SampleMessage());
  CHECK_FALSE(error.permanent());
  CHECK_THAT(std::string(error.what()), Catch::Contains("451"));
}

TEST_CASE("A closed port gives a temporary error naming host and port", "[mail][smtp]") {
  unsigned short port = shnor::test::ClosedLoopbackPort();
  SmtpChannel channel(LocalSettings(port));
  DeliveryError error = CaughtDeliveryError(channel, SampleMessage());
  CHECK_FALSE(error.permanent());
  CHECK_THAT(std::string(error.what()), Catch::Contains("127.0.0.1:" + std::to_string(port)));
}

TEST_CASE("A server that never answers gives a temporary timeout error", "[mail][smtp]") {
  SmtpSinkOptions options;
  options.silent = true;
  SmtpSink sink(options);
  SmtpSettings settings = LocalSettings(sink.port());
  settings.timeout_seconds = 1;
  SmtpChannel channel(settings);
  DeliveryError error = CaughtDeliveryError(channel, SampleMessage());
  CHECK_FALSE(error.permanent());
  CHECK_THAT(std::string(error.what()), Catch::Contains("не ответил"));
}

TEST_CASE("A letter that cannot be composed is a permanent delivery error", "[mail]") {
  MailMessage message = SampleMessage();
  message.to[0].email = "not-an-address";
  SmtpChannel smtp(LocalSettings(shnor::test::ClosedLoopbackPort()));
  CHECK(CaughtDeliveryError(smtp, message).permanent());  // refused before connecting
  ScratchDir dir;
  FileChannel files(dir.path());
  CHECK(CaughtDeliveryError(files, message).permanent());
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("SMTP settings come from the environment with defaults by security", "[mail][smtp]") {
  SmtpEnvironment env;
  CHECK_FALSE(SmtpSettingsFromEnvironment().has_value());

  env.Set("SHNOR_SMTP_HOST", "smtp.minobr.example.ru");
  auto plain = SmtpSettingsFromEnvironment();
  REQUIRE(plain);
  CHECK(plain->host == "smtp.minobr.example.ru");
  CHECK(plain->port == 25);
  CHECK(plain->security == SmtpSettings::Security::None);
  CHECK(plain->username.empty());

  env.Set("SHNOR_SMTP_SECURITY", "STARTTLS");
  CHECK(SmtpSettingsFromEnvironment()->port == 587);
  env.Set("SHNOR_SMTP_SECURITY", "tls");
  CHECK(SmtpSettingsFromEnvironment()->port == 465);

  env.Set("SHNOR_SMTP_PORT", "2525");
  env.Set("SHNOR_SMTP_USER", "reminders");
  env.Set("SHNOR_SMTP_PASSWORD", "s3cret-пароль");
  env.Set("SHNOR_SMTP_FROM", "noreply@minobr.example.ru");
  auto full = SmtpSettingsFromEnvironment();
  REQUIRE(full);
  CHECK(full->port == 2525);
  CHECK(full->security == SmtpSettings::Security::Tls);
  CHECK(full->username == "reminders");
  CHECK(full->password == "s3cret-пароль");
  CHECK(full->from_email == "noreply@minobr.example.ru");
}

TEST_CASE("Malformed SMTP settings in the environment are refused with the variable named",
          "[mail][smtp]") {
  SmtpEnvironment env;
  env.Set("SHNOR_SMTP_HOST", "smtp.minobr.example.ru");
  std::string variable;
  SECTION("port") {
    variable = "SHNOR_SMTP_PORT";
    env.Set("SHNOR_SMTP_PORT",
            GENERATE(as<std::string>{}, "abc", "0", "65536", "25x", "-1", " 25"));
  }
  SECTION("security") {
    variable = "SHNOR_SMTP_SECURITY";
    env.Set("SHNOR_SMTP_SECURITY", GENERATE(as<std::string>{}, "ssl", "yes", "start tls"));
  }
  SECTION("sender") {
    variable = "SHNOR_SMTP_FROM";
    env.Set("SHNOR_SMTP_FROM", "noreply");
  }
  try {
    SmtpSettingsFromEnvironment();
    FAIL("no exception");
  } catch (const std::invalid_argument& error) {
    CHECK_THAT(std::string(error.what()), Catch::Contains(variable));
  }
}

// libcurl sends AUTH over the connection it has: without TLS the password would cross the
// network in clear text, so that needs a named opt-in for a relay on the machine or its LAN.
TEST_CASE("SMTP AUTH without TLS is refused at set-up unless a local relay is named",
          "[mail][smtp]") {
  SmtpEnvironment env;
  env.Set("SHNOR_SMTP_HOST", "smtp.minobr.example.ru");
  env.Set("SHNOR_SMTP_USER", "reminders");
  env.Set("SHNOR_SMTP_PASSWORD", "s3cret-пароль");
  env.Set("SHNOR_SMTP_SECURITY", "none");
  try {
    SmtpChannel channel(*SmtpSettingsFromEnvironment());
    FAIL("a channel that would send the password in clear text was made");
  } catch (const std::invalid_argument& error) {
    const std::string what = error.what();
    CHECK_THAT(what, Catch::Contains("SHNOR_SMTP_USER") && Catch::Contains("открытым текстом") &&
                         Catch::Contains("SHNOR_SMTP_ALLOW_PLAIN_AUTH=local-relay") &&
                         Catch::Contains("smtp.minobr.example.ru:25"));
    CHECK_THAT(what, !Catch::Contains("s3cret"));
  }
  // Any other value is no opt-in: it is refused by name rather than taken as one.
  env.Set("SHNOR_SMTP_ALLOW_PLAIN_AUTH", GENERATE(as<std::string>{}, "1", "yes", "Local-Relay"));
  CHECK_THROWS_WITH(SmtpSettingsFromEnvironment(), Catch::Contains("SHNOR_SMTP_ALLOW_PLAIN_AUTH") &&
                                                       Catch::Contains("local-relay"));
  env.Set("SHNOR_SMTP_ALLOW_PLAIN_AUTH", "local-relay");
  auto opted = SmtpSettingsFromEnvironment();
  REQUIRE(opted);
  CHECK(opted->plain_auth == SmtpSettings::PlainAuth::LocalRelay);
  CHECK_THAT(SmtpChannel(*opted).Describe(), Catch::Contains("открытым текстом"));
  // With TLS, or without a user, there is nothing to opt into.
  env.Set("SHNOR_SMTP_ALLOW_PLAIN_AUTH", "");
  env.Set("SHNOR_SMTP_SECURITY", "starttls");
  CHECK_NOTHROW(SmtpChannel(*SmtpSettingsFromEnvironment()));
  env.Set("SHNOR_SMTP_SECURITY", "none");
  env.Set("SHNOR_SMTP_USER", "");
  CHECK_NOTHROW(SmtpChannel(*SmtpSettingsFromEnvironment()));
}

TEST_CASE("A host with a port or a URL in it is refused", "[mail][smtp]") {
  SmtpEnvironment env;
  env.Set("SHNOR_SMTP_HOST", GENERATE(as<std::string>{}, "smtp.example.ru:587",
                                      "smtp://smtp.example.ru", "user@smtp.example.ru"));
  CHECK_THROWS_AS(SmtpSettingsFromEnvironment(), std::invalid_argument);
}

TEST_CASE("An SMTP channel describes itself without the password", "[mail][smtp]") {
  SmtpSettings settings = LocalSettings(2525);
  settings.security = SmtpSettings::Security::StartTls;
  settings.username = "reminders";
  settings.password = "s3cret-пароль";
  std::string description = SmtpChannel(settings).Describe();
  CHECK_THAT(description, Catch::Contains("127.0.0.1:2525"));
  CHECK_THAT(description, Catch::Contains("STARTTLS"));
  CHECK_THAT(description, Catch::Contains("reminders"));
  CHECK_THAT(description, !Catch::Contains("s3cret"));
}

TEST_CASE("The file channel writes an eml file that parses with the right subject", "[mail]") {
  ScratchDir dir;
  fs::path letters = dir.path() / "out" / "letters";
  FileChannel channel(letters);
  MailMessage message = SampleMessage();
  channel.Send(message);
  fs::path file = letters / "digest-2024-03-01-ab12cd@shnor.local.eml";
  REQUIRE(fs::exists(file));
  CHECK(channel.PathFor(message) == file);
  CHECK(ReadFile(file) == FormatRfc5322(message));
  Parsed parsed = ParseWithPython(file);
  CHECK(parsed.subject == message.subject);
  CHECK(parsed.text == Crlf(message.text));
}

TEST_CASE("Sending the same Message-ID to the file channel twice leaves one file", "[mail]") {
  ScratchDir dir;
  FileChannel channel(dir.path());
  MailMessage message = SampleMessage();
  channel.Send(message);
  message.text = "Исправленный текст напоминания";
  channel.Send(message);
  std::vector<fs::path> entries(fs::directory_iterator(dir.path()), fs::directory_iterator{});
  REQUIRE(entries.size() == 1);  // no leftover temporary files either
  CHECK(ReadFile(entries[0]) == FormatRfc5322(message));
}

TEST_CASE("Message-IDs become safe and distinct file names", "[mail]") {
  CHECK(FileNameForMessageId("<digest-1@shnor.local>") == "digest-1@shnor.local.eml");
  std::string escaping = FileNameForMessageId("<../../etc/passwd@x>");
  CHECK(escaping.find('/') == std::string::npos);
  CHECK(escaping.front() != '.');
  CHECK(FileNameForMessageId("<a/b@x>") != FileNameForMessageId("<a_b@x>"));
  CHECK(FileNameForMessageId("<" + std::string(400, 'a') + "@x>").size() < 200);
}

TEST_CASE("An unwritable folder gives a temporary delivery error naming the path", "[mail]") {
  ScratchDir dir;
  WriteFile(dir.path() / "not-a-folder", "x");  // works even as root, unlike chmod
  fs::path letters = dir.path() / "not-a-folder" / "letters";
  FileChannel channel(letters);
  DeliveryError error = CaughtDeliveryError(channel, SampleMessage());
  CHECK_FALSE(error.permanent());
  CHECK_THAT(std::string(error.what()), Catch::Contains(letters.string()));
}

TEST_CASE("The memory channel keeps letters and fails the attempts it is told to", "[mail]") {
  MemoryChannel channel;
  channel.FailAttempt(2);
  channel.FailAttempt(3, true);
  MailMessage message = SampleMessage();
  channel.Send(message);
  CHECK_FALSE(CaughtDeliveryError(channel, message).permanent());
  CHECK(CaughtDeliveryError(channel, message).permanent());
  channel.Send(message);
  CHECK(channel.attempts() == 4);
  REQUIRE(channel.sent().size() == 2);
  CHECK(channel.sent()[0].message_id == message.message_id);
}

TEST_CASE("With STARTTLS required a server without it receives nothing", "[mail][smtp]") {
  SmtpSink sink;
  SmtpSettings settings = LocalSettings(sink.port());
  settings.security = SmtpSettings::Security::StartTls;
  settings.username = "reminders";
  settings.password = "s3cret";
  SmtpChannel channel(settings);
  DeliveryError error = CaughtDeliveryError(channel, SampleMessage());
  CHECK_FALSE(error.permanent());  // a configuration problem must not drop queued letters
  CHECK_THAT(std::string(error.what()), Catch::Contains("STARTTLS"));
  CHECK_THAT(std::string(error.what()), !Catch::Contains("s3cret"));
  CHECK(sink.Received().empty());
}

TEST_CASE("Implicit TLS to a plain-text server fails as a temporary TLS error", "[mail][smtp]") {
  SmtpSink sink;
  SmtpSettings settings = LocalSettings(sink.port());
  settings.security = SmtpSettings::Security::Tls;
  SmtpChannel channel(settings);
  DeliveryError error = CaughtDeliveryError(channel, SampleMessage());
  CHECK_FALSE(error.permanent());
  CHECK_THAT(std::string(error.what()), Catch::Contains("TLS"));
  CHECK_THAT(std::string(error.what()),
             Catch::Contains("127.0.0.1:" + std::to_string(sink.port())));
  CHECK(sink.Received().empty());
}
