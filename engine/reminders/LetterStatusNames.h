#pragma once
// The Russian words for a reminder letter's status: the CLI's outbox and the web page's use the
// same ones.
#include "storage/OutboxRepository.h"

namespace shnor {

const char* RussianName(storage::LetterStatus status);  // «ожидает отправки», …

}  // namespace shnor
