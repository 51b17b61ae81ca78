#include "storage/CampaignRepository.h"

#include "storage/DatabaseImpl.h"
#include "storage/SettingsRepository.h"

namespace shnor::storage {
namespace {

const char* kCampaignColumns =
    "SELECT id, code, title, region, authority, operator_name, city, order_number, order_date, "
    "start_date, end_date, time_zone, utc_offset_minutes, workflow_id, workflow_version, "
    "regional_holidays, signer_position, signer_name FROM campaigns ";

// Holidays are kept as one comma-separated column: a handful of dates, read with the campaign.
std::string JoinDates(const std::vector<std::string>& dates) {
  std::string text;
  for (const auto& d : dates) text += (text.empty() ? "" : ",") + d;
  return text;
}

std::vector<std::string> SplitDates(const std::string& text) {
  std::vector<std::string> dates;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    dates.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return dates;
}

CampaignRecord ReadCampaign(SQLite::Statement& q) {
  CampaignRecord c;
  c.id = q.getColumn(0).getInt64();
  c.code = q.getColumn(1).getString();
  c.title = q.getColumn(2).getString();
  c.region = q.getColumn(3).getString();
  c.authority = q.getColumn(4).getString();
  c.operator_name = q.getColumn(5).getString();
  c.city = q.getColumn(6).getString();
  c.order_number = q.getColumn(7).getString();
  c.order_date = q.getColumn(8).getString();
  c.start_date = q.getColumn(9).getString();
  c.end_date = q.getColumn(10).getString();
  c.time_zone = q.getColumn(11).getString();
  c.utc_offset_minutes = q.getColumn(12).getInt();
  c.workflow_id = q.getColumn(13).getString();
  c.workflow_version = q.getColumn(14).getInt();
  c.regional_holidays = SplitDates(q.getColumn(15).getString());
  c.signer_position = q.getColumn(16).getString();
  c.signer_name = q.getColumn(17).getString();
  return c;
}

// A campaign's documents settings (CampaignRecord::details) are kept as one settings row per
// campaign, not a column: documents read them, nothing queries by them.
std::string DetailsKey(const std::string& code) {
  return "campaign-details:" + code;
}

std::vector<CampaignRecord> ReadCampaigns(Database& db, CachedStatement& q) {
  auto& impl = db.impl();
  std::vector<CampaignRecord> out;
  while (impl.Step(q)) out.push_back(ReadCampaign(q));
  for (auto& c : out) c.details = SettingsRepository(db).Get(DetailsKey(c.code)).value_or("");
  return out;
}

}  // namespace

Id CampaignRepository::Insert(const CampaignRecord& c) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "INSERT INTO campaigns (code, title, region, authority, operator_name, city, order_number, "
      "order_date, start_date, end_date, time_zone, utc_offset_minutes, workflow_id, "
      "workflow_version, regional_holidays, signer_position, signer_name) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::bind(q, c.code, c.title, c.region, c.authority, c.operator_name, c.city, c.order_number,
               c.order_date, c.start_date, c.end_date, c.time_zone, c.utc_offset_minutes,
               c.workflow_id, c.workflow_version, JoinDates(c.regional_holidays), c.signer_position,
               c.signer_name);
  impl.Run(q);
  const Id id = impl.db.getLastInsertRowid();
  if (!c.details.empty()) SettingsRepository(db_).Set(DetailsKey(c.code), c.details);
  return id;
}

std::optional<CampaignRecord> CampaignRepository::FindByCode(const std::string& code) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kCampaignColumns) + "WHERE code = ?");
  q.bind(1, code);
  auto rows = ReadCampaigns(db_, q);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<CampaignRecord> CampaignRepository::FindById(Id id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kCampaignColumns) + "WHERE id = ?");
  q.bind(1, static_cast<int64_t>(id));
  auto rows = ReadCampaigns(db_, q);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<CampaignRecord> CampaignRepository::All() {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(std::string(kCampaignColumns) + "ORDER BY id");
  return ReadCampaigns(db_, q);
}

void CampaignRepository::SetWorkflowVersion(Id campaign_id, int version) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare("UPDATE campaigns SET workflow_version = ? WHERE id = ?");
  SQLite::bind(q, version, static_cast<int64_t>(campaign_id));
  impl.Run(q);
}

Id CampaignRepository::InsertMunicipality(Id campaign_id, const std::string& name) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare("INSERT INTO municipalities (campaign_id, name) VALUES (?, ?)");
  SQLite::bind(q, static_cast<int64_t>(campaign_id), name);
  impl.Run(q);
  return impl.db.getLastInsertRowid();
}

std::vector<MunicipalityRecord> CampaignRepository::Municipalities(Id campaign_id) {
  auto& impl = db_.impl();
  auto& q = impl.Prepare(
      "SELECT id, campaign_id, name FROM municipalities WHERE campaign_id = ? ORDER BY name");
  q.bind(1, static_cast<int64_t>(campaign_id));
  std::vector<MunicipalityRecord> out;
  while (impl.Step(q)) {
    out.push_back(
        {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString()});
  }
  return out;
}

}  // namespace shnor::storage
