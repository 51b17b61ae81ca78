#include "storage/PendingTasks.h"

#include "storage/DatabaseImpl.h"

namespace shnor::storage {

void ForEachPendingTask(Database& db, Id campaign_id,
                        const std::function<void(const PendingTask&)>& visit) {
  auto& impl = db.impl();
  auto& q = impl.Prepare(
      "SELECT c.id, c.school_id, c.workflow_version, t.task_id, t.period, t.due_date, t.due_at, "
      "  t.status "
      "FROM cases c JOIN tasks t ON t.case_id = c.id AND t.stage_id = c.stage_id "
      "WHERE c.campaign_id = ? AND c.status = 'active' AND t.status IN ('open', 'returned') "
      "  AND t.due_date <> '' "
      "ORDER BY c.id");
  q.bind(1, static_cast<int64_t>(campaign_id));
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

}  // namespace shnor::storage
