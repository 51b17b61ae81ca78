#pragma once
// How statuses read to a person, in Russian.
#include "engine/domain/CaseRecords.h"

namespace shnor {

const char* RussianName(CaseStatus status);  // «в работе», «выбыла», «завершила проект»
const char* RussianName(TaskStatus status);  // «не сдана», «на проверке», …

}  // namespace shnor
