#pragma once
// Where reminders go from the command line: the SMTP relay named by SHNOR_SMTP_* when it is set,
// otherwise (and always with --mail-dir) a folder of .eml files next to the database.
#include <filesystem>
#include <memory>
#include <string>

#include "engine/letters/MailChannel.h"
#include "storage/Records.h"

namespace shnor::app {

// `mail_dir` empty: SMTP when configured, else the folder "<database name>-mail" beside it.
// Throws InputError (Russian) for malformed SMTP settings.
std::unique_ptr<mail::Channel> ReminderChannel(const std::filesystem::path& db,
                                               const std::string& mail_dir);
// The institute as sender: SHNOR_MAIL_FROM, else SHNOR_SMTP_FROM, else noreply@shnor.local.
mail::MailAddress ReminderSender(const storage::CampaignRecord& campaign);

}  // namespace shnor::app
