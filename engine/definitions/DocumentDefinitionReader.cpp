#include <set>

#include "engine/definitions/WorkflowReaders.h"

namespace shnor::detail {
namespace {

std::vector<DocumentFormat> ReadFormats(const Reader& r, const YAML::Node& node) {
  std::vector<DocumentFormat> formats;
  auto one = [&](const YAML::Node& item) {
    std::string text = item.IsScalar() ? item.Scalar() : "";
    if (text == "pdf") {
      formats.push_back(DocumentFormat::Pdf);
    } else if (text == "xlsx") {
      formats.push_back(DocumentFormat::Xlsx);
    } else if (text == "docx") {
      formats.push_back(DocumentFormat::Docx);
    } else {
      r.Fail(item, "неизвестный формат документа «" + text + "» (pdf, xlsx, docx)");
    }
  };
  if (node.IsSequence()) {
    for (const auto& item : node) one(item);
  } else {
    one(node);
  }
  if (formats.empty()) r.Fail(node, "не указан формат документа (format)");
  return formats;
}

DocumentDefinition ReadDocument(const Reader& r, const std::string& id, const YAML::Node& node) {
  if (!node.IsMap()) r.Fail(node, "документ «" + id + "» должен быть словарём");
  r.OnlyKeys(node, {"number", "format", "scope", "number_from"}, "документе «" + id + "»");
  DocumentDefinition d;
  d.id = id;
  d.line = node.Mark().line + 1;
  d.number = r.Text(node, "number", "документе «" + id + "»");
  std::size_t at = d.number.find("{n}");
  if (at == std::string::npos || d.number.find("{n}", at + 1) != std::string::npos) {
    r.Fail(node["number"], "в шаблоне номера документа «" + id + "» должно быть ровно одно {n}");
  }
  if (!node["format"]) r.Fail(node, "не указан формат документа «" + id + "» (format)");
  d.formats = ReadFormats(r, node["format"]);
  std::string from = r.OptionalText(node, "number_from", "sequence");
  if (from == "campaign-order") {
    d.campaign_order = true;
  } else if (from != "sequence") {
    r.Fail(node["number_from"],
           "неизвестный источник номера «" + from + "» (sequence, campaign-order)");
  }
  std::string scope = r.OptionalText(node, "scope", "school");
  if (scope == "campaign") {
    d.scope = DocumentScope::Campaign;
  } else if (scope != "school") {
    r.Fail(node["scope"], "неизвестная область документа «" + scope + "» (school, campaign)");
  }
  return d;
}

}  // namespace

std::vector<DocumentDefinition> ReadDocuments(const Reader& r, const YAML::Node& node) {
  std::vector<DocumentDefinition> documents;
  if (!node) return documents;
  if (!node.IsMap()) r.Fail(node, "раздел «documents» должен быть словарём");
  for (const auto& item : node) {
    documents.push_back(ReadDocument(r, item.first.as<std::string>(), item.second));
  }
  return documents;
}

}  // namespace shnor::detail
