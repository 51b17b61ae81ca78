#include "engine/workflow/StatusNames.h"

namespace shnor {

const char* RussianName(CaseStatus status) {
  switch (status) {
    case CaseStatus::Active:
      return "в работе";
    case CaseStatus::Withdrawn:
      return "выбыла из проекта";
    case CaseStatus::Completed:
      return "завершила проект";
  }
  return "?";
}

const char* RussianName(TaskStatus status) {
  switch (status) {
    case TaskStatus::Open:
      return "не сдана";
    case TaskStatus::Submitted:
      return "на проверке";
    case TaskStatus::Approved:
      return "утверждена";
    case TaskStatus::Returned:
      return "возвращена на доработку";
  }
  return "?";
}

}  // namespace shnor
