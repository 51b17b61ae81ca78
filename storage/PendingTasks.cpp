#include "storage/PendingTasks.h"

#include "storage/DatabaseImpl.h"

namespace shnor::storage {

namespace {

// ISO dates need no escaping.
std::string JsonArray(const std::vector<std::string>& dates) {
  std::string out = "[";
  for (const std::string& d : dates) out += (out.size() > 1 ? ",\"" : "\"") + d + "\"";
  return out + "]";
}

}  // namespace

void ForEachPendingTask(Database& db, Id campaign_id, const PendingFilter& filter,
                        const std::function<void(const PendingTask&)>& visit) {
  auto& impl = db.impl();
  auto& q = impl.Prepare(
      "SELECT c.id, c.school_id, c.workflow_version, t.task_id, t.period, t.due_date, t.due_at, "
      "  t.status "
      "FROM cases c JOIN tasks t ON t.case_id = c.id AND t.stage_id = c.stage_id "
      "WHERE c.campaign_id = ? AND c.status = 'active' AND t.status IN ('open', 'returned') "
      "  AND t.due_date <> '' "
      "  AND (?2 = '' OR t.due_date <= ?2 "
      "       OR t.due_date IN (SELECT value FROM json_each(?3)))");
  // No ORDER BY: sorting 600,000 rows would cost more than the scan, and the planner sorts
  // each letter's items itself. The index walk gives a case's tasks together.
  q.bind(1, static_cast<int64_t>(campaign_id));
  q.bind(2, filter.due_until);
  q.bind(3, JsonArray(filter.due_on));
  SingleRow scope(q);  // a visitor that throws must not leave the read transaction open
  PendingTask row;
  while (impl.Step(q)) {
    row.case_id = q.getColumn(0).getInt64();
    row.school_id = q.getColumn(1).getInt64();
    row.workflow_version = q.getColumn(2).getInt();
    row.task_id = q.getColumn(3).getString();
    row.period = q.getColumn(4).getString();
    row.due_date = q.getColumn(5).getString();
    row.due_at = q.getColumn(6).getInt64();
    row.status = ParseTaskStatus(q.getColumn(7).getString()).value_or(TaskStatus::Open);
    visit(row);
  }
}

std::vector<int> CaseWorkflowVersions(Database& db, Id campaign_id) {
  auto& impl = db.impl();
  auto& q =
      impl.Prepare("SELECT DISTINCT workflow_version FROM cases WHERE campaign_id = ? ORDER BY 1");
  q.bind(1, static_cast<int64_t>(campaign_id));
  SingleRow scope(q);
  std::vector<int> versions;
  while (impl.Step(q)) versions.push_back(q.getColumn(0).getInt());
  return versions;
}

}  // namespace shnor::storage
