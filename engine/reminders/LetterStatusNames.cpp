#include "engine/reminders/LetterStatusNames.h"

#include "engine/calendar/Date.h"

namespace shnor {
namespace {

std::string HolderNote(const storage::OutboxLetter& letter, TimePoint now, int offset_minutes) {
  if (letter.status != storage::LetterStatus::Sending) return "";
  std::string until =
      FormatLocal(TimePoint{std::chrono::seconds{letter.lease_until}}, offset_minutes);
  if (letter.lease_until > now.time_since_epoch().count()) {
    return "отправляет «" + letter.claimant + "», письмо закреплено за ним до " + until;
  }
  return "«" + letter.claimant + "» не закончил отправку к " + until +
         ": письмо отправит следующий запуск рассылки";
}

std::string ResendNote(const storage::OutboxLetter& letter) {
  if (letter.resends == 0) return "";
  if (letter.resends == 1) {
    return "повторная отправка после сбоя: письмо могло быть доставлено дважды";
  }
  return "повторные отправки после сбоев (" + std::to_string(letter.resends) +
         "): письмо могло быть доставлено несколько раз";
}

}  // namespace

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

std::string LetterRemark(const storage::OutboxLetter& letter, TimePoint now, int offset_minutes) {
  std::string holder = HolderNote(letter, now, offset_minutes);
  std::string resend = ResendNote(letter);
  if (holder.empty() || resend.empty()) return holder + resend;
  return holder + "; " + resend;
}

}  // namespace shnor
