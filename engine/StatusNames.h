#pragma once
// How statuses read to a person, in Russian.
#include "storage/Records.h"

namespace shnor {

const char* RussianName(storage::CaseStatus status);  // «в работе», «выбыла», «завершила проект»
const char* RussianName(storage::TaskStatus status);  // «не сдана», «на проверке», …

}  // namespace shnor
