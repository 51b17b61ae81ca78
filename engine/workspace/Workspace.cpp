#include "engine/workspace/Workspace.h"

#include "engine/base/Errors.h"
#include "storage/CampaignRepository.h"
#include "storage/SettingsRepository.h"

namespace shnor {

Workspace::Workspace(const std::filesystem::path& db_path, storage::OpenMode mode,
                     const Clock& clock)
    : db_(db_path, mode),
      seal_(*this, AuditSeal::DefaultKeyFile(db_path)),
      clock_(clock),
      workflows_(db_) {
  db_.SealAuditWith(&seal_);
}

Workspace::~Workspace() {
  db_.SealAuditWith(nullptr);
}

std::unique_ptr<Workspace> Workspace::Another() const {
  auto other = std::make_unique<Workspace>(db_.path(), storage::OpenMode::MustExist, clock_);
  if (calendar_) other->UseCalendar(*calendar_);
  return other;
}

storage::CampaignRecord Workspace::Campaign(const std::string& code) {
  storage::CampaignRepository campaigns(db_);
  if (!code.empty()) {
    auto found = campaigns.FindByCode(code);
    if (!found) throw InputError("проект «" + code + "» не найден в базе");
    return *found;
  }
  auto all = campaigns.All();
  if (all.empty()) throw InputError("в базе нет ни одного проекта: выполните shnor init");
  if (all.size() > 1) {
    std::string codes;
    for (const auto& c : all) codes += (codes.empty() ? "" : ", ") + c.code;
    throw InputError("в базе несколько проектов (" + codes + "): укажите --campaign");
  }
  return all.front();
}

int Workspace::YearOf(const storage::CampaignRecord& campaign) {
  auto start = ParseIsoDate(campaign.start_date);
  return start ? static_cast<int>(start->year()) : 1970;
}

CampaignTime Workspace::TimeOf(const storage::CampaignRecord& campaign) {
  auto start = ParseIsoDate(campaign.start_date);
  return CampaignTime{YearOf(campaign), campaign.utc_offset_minutes, &CalendarOf(campaign),
                      start ? *start : Date{}, ParseIsoDate(campaign.end_date)};
}

void Workspace::UseCalendar(ProductionCalendar calendar) {
  calendar_ = std::move(calendar);
  regional_.clear();
}

const ProductionCalendar& Workspace::CalendarOf(const storage::CampaignRecord& campaign) {
  if (!calendar_) throw CalendarError("производственный календарь не загружен");
  auto found = regional_.find(campaign.id);
  if (found != regional_.end()) return found->second;
  ProductionCalendar calendar = *calendar_;
  std::vector<Date> days;
  for (const std::string& text : campaign.regional_holidays) {
    if (auto day = ParseIsoDate(text)) days.push_back(*day);
  }
  calendar.AddRegionalHolidays(days);
  return regional_.emplace(campaign.id, std::move(calendar)).first->second;
}

std::optional<std::string> Workspace::Setting(const std::string& key) {
  return storage::SettingsRepository(db_).Get(key);
}

void Workspace::SetSetting(const std::string& key, const std::string& value) {
  storage::SettingsRepository(db_).Set(key, value);
}

std::string Workspace::Today(const storage::CampaignRecord& campaign) const {
  return FormatIsoDate(LocalDate(clock_.Now(), campaign.utc_offset_minutes));
}

}  // namespace shnor
