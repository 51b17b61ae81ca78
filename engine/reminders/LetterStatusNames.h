#pragma once
// The Russian words for a reminder letter's status and the remark beside it: the CLI's outbox and
// the web page's use the same ones.
#include <string>

#include "engine/calendar/Clock.h"
#include "storage/OutboxRepository.h"

namespace shnor {

const char* RussianName(storage::LetterStatus status);  // «ожидает отправки», …

// Who is sending the letter and until when they hold it (or that they stopped holding it
// without finishing), and whether it may have arrived more than once because its sender died
// after handing it to the mail server; "" when there is nothing to say.
std::string LetterRemark(const storage::OutboxLetter& letter, TimePoint now, int offset_minutes);

}  // namespace shnor
