#pragma once
// The wording of a day's letter: subject, plain text and HTML, in Russian, with deadlines in the
// region's local time. Deterministic, so a letter composed twice is the same letter.
#include <string>

#include "engine/reminders/ReminderPlan.h"
#include "storage/Records.h"

namespace shnor {

struct DigestText {
  std::string subject;
  std::string text;
  std::string html;
};

DigestText ComposeDigest(const DigestLetter& letter, const storage::CampaignRecord& campaign);
std::string DigestSubject(const DigestLetter& letter);

}  // namespace shnor
