#include "app/MailSetup.h"

#include <cstdlib>
#include <stdexcept>

#include "engine/base/Errors.h"
#include "mail/FileChannel.h"
#include "mail/SmtpChannel.h"

namespace shnor::app {

std::unique_ptr<mail::Channel> ReminderChannel(const std::filesystem::path& db,
                                               const std::string& mail_dir) {
  if (!mail_dir.empty()) return std::make_unique<mail::FileChannel>(mail_dir);
  try {
    if (auto smtp = mail::SmtpSettingsFromEnvironment()) {
      return std::make_unique<mail::SmtpChannel>(*smtp);
    }
  } catch (const std::invalid_argument& error) {
    throw InputError(std::string("настройки SMTP: ") + error.what());
  }
  std::filesystem::path folder = db.parent_path() / (db.stem().string() + "-mail");
  return std::make_unique<mail::FileChannel>(folder);
}

mail::MailAddress ReminderSender(const storage::CampaignRecord& campaign) {
  std::string email = "noreply@shnor.local";
  for (const char* name : {"SHNOR_SMTP_FROM", "SHNOR_MAIL_FROM"}) {
    if (const char* value = std::getenv(name); value && *value) email = value;
  }
  std::string who = campaign.operator_name.empty() ? "shnor" : campaign.operator_name;
  return {who + ": проект ШНОР", email};
}

}  // namespace shnor::app
