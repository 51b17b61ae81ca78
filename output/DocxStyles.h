#pragma once
// word/styles.xml: the styles a clerk reuses when editing, with Russian names, and the document
// defaults (Times New Roman 14 pt, ru-RU, so Word and LibreOffice hyphenate by Russian rules).
#include <string>

namespace shnor::output::docx {

// Paragraph style ids (ASCII, as Word wants them; their names are Russian).
inline constexpr const char* kBodyStyle = "ShnorBody";
inline constexpr const char* kTitleStyle = "ShnorTitle";
inline constexpr const char* kLetterheadStyle = "ShnorLetterhead";
inline constexpr const char* kRequisitesStyle = "ShnorRequisites";
inline constexpr const char* kDateNumberStyle = "ShnorDateNumber";
inline constexpr const char* kPlaceStyle = "ShnorPlace";
inline constexpr const char* kReferenceStyle = "ShnorReference";
inline constexpr const char* kStampStyle = "ShnorStamp";
inline constexpr const char* kListStyle = "ShnorListItem";
inline constexpr const char* kCaptionStyle = "ShnorCaption";
inline constexpr const char* kTableTextStyle = "ShnorTableText";
inline constexpr const char* kTableHeaderStyle = "ShnorTableHeader";
inline constexpr const char* kSignatureStyle = "ShnorSignature";
inline constexpr const char* kExecutorStyle = "ShnorExecutor";
inline constexpr const char* kAddresseeStyle = "ShnorAddressee";
inline constexpr const char* kPageNumberStyle = "ShnorPageNumber";
inline constexpr const char* kTableStyle = "ShnorTable";
// Without borders or cell padding: СОГЛАСОВАНО beside УТВЕРЖДАЮ.
inline constexpr const char* kLayoutTableStyle = "ShnorLayoutTable";

// The part's bytes; the same on every call (built once).
const std::string& StylesXml();

}  // namespace shnor::output::docx
