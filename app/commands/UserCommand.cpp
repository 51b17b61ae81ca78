// shnor user add|passwd|disable|list|token: the accounts of the web app. A password never comes
// from the command line (it would stay in the shell history and in `ps`): it is read from
// SHNOR_PASSWORD or from standard input, without echo on a terminal.
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/Commands.h"
#include "app/TextTable.h"
#include "engine/access/Accounts.h"
#include "engine/base/Errors.h"
#include "engine/calendar/Date.h"

namespace shnor::app {
namespace {

struct UserOptions {
  std::string login;
  std::string role;
  std::string name;
  std::string person;
  std::string token_id;
};

// Turns terminal echo off while it lives.
class NoEcho {
 public:
  NoEcho() : active_(isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~NoEcho() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;
  bool active() const { return active_; }

 private:
  termios saved_{};
  bool active_;
};

std::string ReadPassword() {
  if (const char* env = std::getenv("SHNOR_PASSWORD"); env && *env) return env;
  NoEcho quiet;
  if (quiet.active()) std::cerr << "Пароль (не короче " << kMinPasswordLength << " символов): ";
  std::string password;
  std::getline(std::cin, password);
  if (quiet.active()) std::cerr << "\n";
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    throw InputError("пароль не задан: передайте его в SHNOR_PASSWORD или на стандартный ввод");
  }
  return password;
}

void RunAdd(CliContext& ctx, const UserOptions& o) {
  auto role = ParseUserRole(o.role);
  if (!role) {
    throw InputError(
        "--role: ожидается administrator, curator, coordinator, school или observer, "
        "а не «" +
        o.role + "»");
  }
  auto ws = ctx.Open();
  storage::CampaignRecord campaign;  // only a person needs the project
  if (!o.person.empty()) campaign = ws->Campaign(ctx.options.campaign);
  NewUser request{o.login, *role, o.name, o.person, ReadPassword()};
  User user = Accounts(*ws).Add(request, campaign, ctx.ActingPerson(*ws));
  std::cout << "Пользователь " << user.login << " («" << user.display_name << "», "
            << RussianName(user.role) << ") создан.\n";
}

void RunPasswd(CliContext& ctx, const UserOptions& o) {
  auto ws = ctx.Open();
  Accounts accounts(*ws);
  accounts.Get(o.login);  // before asking for a password
  accounts.SetPassword(o.login, ReadPassword(), ctx.ActingPerson(*ws));
  std::cout << "Пароль пользователя " << o.login << " изменён; его сеансы и API-токены "
            << "завершены.\n";
}

void RunDisable(CliContext& ctx, const UserOptions& o) {
  auto ws = ctx.Open();
  Accounts(*ws).Disable(o.login, ctx.ActingPerson(*ws));
  std::cout << "Пользователь " << o.login << " отключён: войти и пользоваться токенами он больше "
            << "не может.\n";
}

void RunToken(CliContext& ctx, const UserOptions& o) {
  auto ws = ctx.Open();
  std::string token = Accounts(*ws).IssueToken(o.login, ctx.ActingPerson(*ws));
  std::cerr << "Токен показывается один раз; сохраните его. Заголовок запроса: "
            << "Authorization: Bearer <токен>\n";
  std::cout << token << "\n";
}

std::string UtcDay(std::int64_t seconds) {
  return FormatUtc(TimePoint{std::chrono::seconds{seconds}}).substr(0, 10);
}

void RunTokens(CliContext& ctx, const UserOptions& o) {
  auto ws = ctx.Open();
  TextTable table({"Токен", "Выпущен (UTC)", "Действует до (UTC)"});
  for (const auto& t : Accounts(*ws).Tokens(o.login)) {
    table.Add({t.id, UtcDay(t.created_at), UtcDay(t.expires_at)});
  }
  table.Print(std::cout);
}

void RunRevoke(CliContext& ctx, const UserOptions& o) {
  auto ws = ctx.Open();
  Accounts(*ws).RevokeToken(o.login, o.token_id, ctx.ActingPerson(*ws));
  std::cout << "Токен " << o.token_id << " пользователя " << o.login << " отозван.\n";
}

void RunUnlock(CliContext& ctx, const UserOptions& o) {
  auto ws = ctx.Open();
  Accounts(*ws).Unlock(o.login, ctx.ActingPerson(*ws));
  std::cout << "Неудачные попытки входа " << o.login << " забыты: войти можно сразу.\n";
}

void RunList(CliContext& ctx) {
  auto ws = ctx.Open();
  TextTable table({"Логин", "Имя", "Роль", "Состояние"});
  for (const auto& u : Accounts(*ws).List()) {
    table.Add({u.login, u.display_name, RussianName(u.role), u.disabled ? "отключён" : "активен"});
  }
  table.Print(std::cout);
}

CLI::App* WithLogin(CLI::App* cmd, UserOptions& o) {
  cmd->add_option("EMAIL", o.login, "логин (адрес электронной почты)")->required();
  return cmd;
}

}  // namespace

void AddUserCommand(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<UserOptions>();
  auto* cmd = app.add_subcommand("user", "учётные записи веб-приложения");
  cmd->require_subcommand(1);
  auto* add = WithLogin(cmd->add_subcommand("add",
                                            "новый пользователь (пароль: SHNOR_PASSWORD "
                                            "или стандартный ввод)"),
                        *o);
  add->add_option("--role", o->role, "administrator, curator, coordinator, school, observer")
      ->required();
  add->add_option("--name", o->name, "имя для журнала (по умолчанию ФИО человека проекта)");
  add->add_option("--person", o->person,
                  "адрес человека проекта, чьи роли задают доступ (куратор, координатор, школа)");
  add->callback([&ctx, o] { RunAdd(ctx, *o); });
  WithLogin(cmd->add_subcommand("passwd", "сменить пароль"), *o)->callback([&ctx, o] {
    RunPasswd(ctx, *o);
  });
  WithLogin(cmd->add_subcommand("disable", "отключить пользователя"), *o)->callback([&ctx, o] {
    RunDisable(ctx, *o);
  });
  WithLogin(cmd->add_subcommand("token", "выпустить API-токен (показывается один раз)"), *o)
      ->callback([&ctx, o] { RunToken(ctx, *o); });
  WithLogin(cmd->add_subcommand("tokens", "API-токены пользователя: номер, даты"), *o)
      ->callback([&ctx, o] { RunTokens(ctx, *o); });
  auto* revoke = WithLogin(cmd->add_subcommand("revoke", "отозвать API-токен по номеру"), *o);
  revoke->add_option("TOKEN", o->token_id, "номер токена из shnor user tokens")->required();
  revoke->callback([&ctx, o] { RunRevoke(ctx, *o); });
  WithLogin(cmd->add_subcommand("unlock", "снять блокировку входа после неудачных попыток"), *o)
      ->callback([&ctx, o] { RunUnlock(ctx, *o); });
  cmd->add_subcommand("list", "пользователи")->callback([&ctx] { RunList(ctx); });
}

}  // namespace shnor::app
