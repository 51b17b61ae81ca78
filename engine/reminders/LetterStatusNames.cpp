#include "engine/reminders/LetterStatusNames.h"

namespace shnor {

const char* RussianName(storage::LetterStatus status) {
  switch (status) {
    case storage::LetterStatus::Planned:
      return "ожидает отправки";
    case storage::LetterStatus::Sending:
      return "отправляется";
    case storage::LetterStatus::Sent:
      return "отправлено";
    case storage::LetterStatus::Failed:
      return "не отправлено";
  }
  return "";
}

}  // namespace shnor
