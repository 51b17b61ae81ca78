#include "engine/StatusNames.h"

namespace shnor {

const char* RussianName(storage::CaseStatus status) {
  switch (status) {
    case storage::CaseStatus::Active:
      return "в работе";
    case storage::CaseStatus::Withdrawn:
      return "выбыла из проекта";
    case storage::CaseStatus::Completed:
      return "завершила проект";
  }
  return "?";
}

const char* RussianName(storage::TaskStatus status) {
  switch (status) {
    case storage::TaskStatus::Open:
      return "не сдана";
    case storage::TaskStatus::Submitted:
      return "на проверке";
    case storage::TaskStatus::Approved:
      return "утверждена";
    case storage::TaskStatus::Returned:
      return "возвращена на доработку";
  }
  return "?";
}

}  // namespace shnor
