// The school-scope keys that read the case beyond its current state: what a notice asks of the
// school (`school_tasks`) and when the school really was on each stage (`stage_history`).
#include "engine/documents/CaseHistory.h"
#include "engine/documents/DocumentContext.h"
#include "engine/documents/SchoolAgenda.h"
#include "storage/AuditLog.h"

namespace shnor {

void DocumentContext::AddSchoolHistory(nlohmann::json& c, const CaseRecord& record) {
  const std::string date = c["document"]["iso"];
  nlohmann::json stage = {{"id", record.stage_id}};
  for (const nlohmann::json& s : c["stages"]) {
    if (s["id"] == record.stage_id) stage = s;
  }
  c["school_tasks"] = SchoolAgenda(def_, record, stage, date);
  const auto events = storage::AuditLog(ws_.db()).Events(campaign_.id, record.id);
  c["stage_history"] = StageHistory(events, def_, date);
}

}  // namespace shnor
