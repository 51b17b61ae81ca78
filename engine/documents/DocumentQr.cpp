#include "engine/documents/DocumentQr.h"

#include "engine/definitions/CampaignDetails.h"

namespace shnor {

std::string UrlEncode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> DocumentQrText(const storage::CampaignRecord& campaign,
                                          const std::string& number, const std::string& iso_date) {
  const CampaignDetails details = DetailsFromJson(campaign.details);
  if (details.profile != 2025) return std::nullopt;
  return details.public_url + "/documents/verify?number=" + UrlEncode(number) +
         "&date=" + UrlEncode(iso_date);
}

}  // namespace shnor
