#pragma once
// Requisite 31 of ГОСТ Р 7.0.97-2025, chosen by the campaign (`profile: 2025`): the QR code on
// page 1 carries the document's registry number and date as a verification address on the
// campaign's public site, so a reader's phone opens the registry's record of it.
#include <optional>
#include <string>

#include "storage/Records.h"

namespace shnor {

// "https://shnor.example.ru/documents/verify?number=83%2F%D0%9E%D0%94&date=2024-01-23";
// without a public address, the same query alone. nullopt when the campaign keeps the 2016
// profile (no QR code).
std::optional<std::string> DocumentQrText(const storage::CampaignRecord& campaign,
                                          const std::string& number, const std::string& iso_date);

// Percent-encoding of a query value (RFC 3986 unreserved characters stay).
std::string UrlEncode(const std::string& text);

}  // namespace shnor
