// shnor demo: a fresh database from the sample region and its whole year, simulated.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "app/Commands.h"
#include "app/DataPaths.h"
#include "app/DemoYear.h"
#include "app/ImportColumns.h"
#include "app/MailSetup.h"
#include "app/TextTable.h"
#include "engine/base/Errors.h"
#include "engine/cases/CampaignSetup.h"
#include "engine/documents/DocumentPackages.h"
#include "engine/documents/DocumentService.h"
#include "engine/documents/InterviewRoster.h"
#include "engine/reminders/ReminderScheduler.h"
#include "engine/workspace/AuditTrail.h"
#include "mail/FileChannel.h"

namespace shnor::app {
namespace {

constexpr const char* kDemoDb = "shnor-demo.db";

// Replaces an earlier demo database, and refuses to touch any other file.
void RemoveOldDemo(const std::filesystem::path& db, const Clock& clock) {
  if (!std::filesystem::exists(db)) return;
  {
    Workspace old(db, storage::OpenMode::MustExist, clock);
    if (old.Setting("demo") != "1") {
      throw InputError("файл " + db.string() +
                       " не является демонстрационной базой; демонстрация его не перезапишет");
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  // The old demo's signing key and head go with it; the new database makes its own.
  auto key = AuditSeal::DefaultKeyFile(db);
  std::filesystem::remove(key);
  std::filesystem::remove(AuditSeal::HeadFileOf(key));
}

// The demo's letters go to a folder beside its database; the old demo's letters go with it.
std::filesystem::path DemoMailDir(const std::filesystem::path& db) {
  return db.parent_path() / (db.stem().string() + "-mail");
}

std::filesystem::path DemoDocumentsDir(const std::filesystem::path& db) {
  return db.parent_path() / (db.stem().string() + "-documents");
}

// The campaign's own documents fall on fixed days of the year: the order on its date, the
// interview schedule a week before the interviews, their protocols after them, the monitoring
// report and the final analytical report at the end of the year.
class DemoDocuments {
 public:
  DemoDocuments(Workspace& ws, DocumentService& service, const storage::CampaignRecord& campaign)
      : ws_(ws), service_(service), campaign_(campaign) {}

  void On(Date day) {
    const std::string iso = FormatIsoDate(day);
    if (iso == campaign_.order_date) Make("regional-order");
    if (iso == kScheduleDay) MakeSchedule();
    if (iso == kProtocolDay) MakeProtocols();
    if (iso == kReportDay) {
      Make("monitoring-report");
      Make("final-report");
    }
  }
  int made() const { return made_; }

 private:
  static constexpr const char* kScheduleDay = "2024-02-05";
  static constexpr const char* kProtocolDay = "2024-02-16";
  static constexpr const char* kReportDay = "2024-12-27";

  void Make(const std::string& id, std::optional<storage::Id> case_id = std::nullopt,
            nlohmann::json extra = nlohmann::json::object()) {
    made_ += static_cast<int>(
        service_.Make(campaign_, DocumentRequest{id, case_id, nullptr, std::move(extra)}).size());
  }
  void MakeSchedule() {
    auto slots = ScheduleInterviews(InterviewRoster(ws_, campaign_),
                                    {"2024-02-12", "2024-02-13", "2024-02-14"});
    Make("interview-schedule", std::nullopt, {{"slots", InterviewSlotsContext(slots)}});
  }
  void MakeProtocols() {
    storage::CaseFilter active;
    active.status = storage::CaseStatus::Active;
    for (const auto& s : CaseService(ws_).Summaries(campaign_, active)) {
      Make("interview-protocol", s.case_id);
    }
  }

  Workspace& ws_;
  DocumentService& service_;
  const storage::CampaignRecord& campaign_;
  int made_ = 0;
};

struct DemoReminders {
  int working_days = 0;
  int planned = 0;
  int sent = 0;
  int escalations = 0;
  int failed = 0;
};

// Every working morning at 09:00 local time, as the scheduler would.
void RemindOn(Workspace& ws, SimulatedClock& clock, const storage::CampaignRecord& campaign,
              mail::Channel& channel, Date day, DemoReminders& totals) {
  clock.Set(StartOfLocalDay(day, campaign.utc_offset_minutes) + std::chrono::hours{9});
  ReminderPass pass = RunReminderPass(ws, campaign, channel, ReminderSender(campaign), day, false);
  if (!pass.plan.working_day) return;
  ++totals.working_days;
  totals.planned += pass.written.planned;
  totals.escalations += pass.written.escalations;
  totals.sent += pass.delivery.sent;
  totals.failed += pass.delivery.failed + pass.written.unusable_addresses;
}

void PrintReminders(const DemoReminders& r, const std::filesystem::path& dir) {
  std::cout << "Напоминаний за год (" << r.working_days << " рабочих дней): писем запланировано "
            << r.planned << ", отправлено " << r.sent << ", пунктов с эскалацией " << r.escalations
            << "; не отправлено: " << r.failed << "\nПисьма: " << dir.string() << "/*.eml\n";
}

void Import(Workspace& ws, const storage::CampaignRecord& campaign, const Actor& actor) {
  std::filesystem::path dir = SampleDir();
  auto schools = import::ReadTable(dir / "schools.csv");
  auto report = ImportSchools(ws, campaign, schools.source, SchoolRowsFrom(schools), actor);
  if (!report.ok()) throw InputError("образец повреждён:\n" + report.Text());
  auto people = import::ReadTable(dir / "people.csv");
  auto people_report = ImportPeople(ws, campaign, people.source, PersonRowsFrom(people), actor);
  if (!people_report.ok()) throw InputError("образец повреждён:\n" + people_report.Text());
  std::cout << "Загружены школы (" << report.imported << ") и люди (" << people_report.imported
            << ") из " << dir.string() << "\n";
}

std::string DayLine(const DemoDay& day) {
  std::string line = FormatRussianDate(day.date) + "  ";
  for (const auto& [stage, count] : day.by_stage) {
    line += "этап " + stage + ": " + std::to_string(count) + "  ";
  }
  line +=
      "завершили: " + std::to_string(day.completed) + "  выбыли: " + std::to_string(day.withdrawn);
  return line;
}

void ShowProgress(const DemoDay& day, bool live) {
  if (live) {
    std::cout << "\r\033[K" << DayLine(day) << std::flush;
  } else if (day.date.day() == std::chrono::day{1}) {
    std::cout << DayLine(day) << "\n";
  }
}

void PrintDocuments(Workspace& ws, const storage::CampaignRecord& campaign,
                    const std::filesystem::path& dir) {
  storage::DocumentFilter all;
  all.campaign_id = campaign.id;
  all.latest_only = false;
  const auto documents = storage::DocumentRegistry(ws.db()).List(all);
  const auto packages = DocumentPackages(ws, dir).All(campaign);
  std::cout << "Документов за год: " << documents.size() << ", пакетов: " << packages.size()
            << "\nДокументы и пакеты: " << dir.string() << "\n";
}

void PrintSummary(Workspace& ws, const storage::CampaignRecord& campaign, const DemoTotals& t) {
  std::map<std::string, std::map<std::string, int>> table;  // municipality -> column -> count
  for (const auto& s : CaseService(ws).Summaries(campaign, {})) {
    std::string column = s.status == storage::CaseStatus::Active      ? "этап " + s.stage_id
                         : s.status == storage::CaseStatus::Completed ? "завершили"
                                                                      : "выбыли";
    ++table[s.municipality][column];
    ++table["Всего"][column];
  }
  std::vector<std::string> columns{"этап I",  "этап II",   "этап III",
                                   "этап IV", "завершили", "выбыли"};
  std::vector<std::string> header{"Муниципальное образование"};
  header.insert(header.end(), columns.begin(), columns.end());
  TextTable out(header);
  for (auto& [municipality, counts] : table) {
    if (municipality == "Всего") continue;
    std::vector<std::string> row{municipality};
    for (const auto& c : columns) row.push_back(std::to_string(counts[c]));
    out.Add(row);
  }
  std::vector<std::string> total{"Всего"};
  for (const auto& c : columns) total.push_back(std::to_string(table["Всего"][c]));
  out.Add(total);
  std::cout << "\nИтоги года по этапам и муниципальным образованиям:\n";
  out.Print(std::cout);
  std::cout << "\nЗадач сдано: " << t.submitted << " (с опозданием: " << t.submitted_late
            << "), утверждено: " << t.approved
            << ", возвращено на доработку: " << t.returned_for_revision
            << "\nПереходов на следующий этап: " << t.advanced
            << ", возвратов на предыдущий этап: " << t.returned_to_previous_stage
            << ", выбыло школ: " << t.withdrawn << ", завершили проект: " << t.completed << "\n";
}

void RunDemo(CliContext& ctx, std::uint32_t seed) {
  std::filesystem::path db = ctx.options.db_given ? ctx.options.db : kDemoDb;
  CampaignConfig config = LoadCampaignConfig(SampleDir() / "campaign.yaml");
  Date order = *ParseIsoDate(config.campaign.order_date);
  SimulatedClock clock(StartOfLocalDay(order, config.campaign.utc_offset_minutes) +
                       std::chrono::hours{9});
  RemoveOldDemo(db, clock);
  std::filesystem::remove_all(DemoMailDir(db));
  std::filesystem::remove_all(DemoDocumentsDir(db));
  Workspace ws(db, storage::OpenMode::CreateIfMissing, clock);
  ws.UseCalendar(ProductionCalendar::LoadDirectory(CalendarDir()));
  ws.SetSetting("demo", "1");
  Actor admin{"администратор (демонстрация)", Role::Administrator};
  auto campaign = CreateCampaign(ws, config, WorkflowFile(config.campaign.workflow_id), admin);
  std::cout << "Демонстрация: проект «" << campaign.code << "» (" << campaign.region << "), база "
            << db.string() << "\n";
  Import(ws, campaign, admin);
  DocumentService documents(ws, TemplateDir(), DemoDocumentsDir(db));
  DemoYear year(ws, clock, campaign, seed, &documents);
  DemoDocuments campaign_documents(ws, documents, campaign);
  bool live = isatty(STDOUT_FILENO);
  mail::FileChannel letters(DemoMailDir(db));
  DemoReminders reminders;
  year.Run(
      [&](Date day) {
        RemindOn(ws, clock, campaign, letters, day, reminders);
        campaign_documents.On(day);
      },
      [live](const DemoDay& day) { ShowProgress(day, live); });
  if (live) std::cout << "\n";
  PrintSummary(ws, campaign, year.totals());
  PrintReminders(reminders, DemoMailDir(db));
  PrintDocuments(ws, campaign, DemoDocumentsDir(db));
  auto chain = AuditTrail(ws).Verify();
  std::cout << "Событий в журнале: " << chain.events_checked
            << (chain.intact() ? ", цепочка хешей цела, подпись головы журнала верна"
                               : " — журнал НАРУШЕН")
            << "\n"
            << "Посмотреть: shnor --db " << db.string() << " status\n";
}

}  // namespace

void AddDemoCommand(CLI::App& app, CliContext& ctx) {
  auto seed = std::make_shared<std::uint32_t>(2024);
  auto* cmd = app.add_subcommand(
      "demo", "демонстрация: учебный год образца tyumen-2024 на модельных часах");
  cmd->add_option("--seed", *seed, "зерно моделирования (тот же год при том же зерне)")
      ->capture_default_str();
  cmd->callback([&ctx, seed] { RunDemo(ctx, *seed); });
}

}  // namespace shnor::app
