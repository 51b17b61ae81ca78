#include "output/DocxStyles.h"

#include "output/DocxXml.h"

namespace shnor::output::docx {
namespace {

// One paragraph style; zero means "as the document default".
struct StyleSpec {
  const char* id;
  const char* name;
  const char* align = "both";
  int size = 0;  // half-points
  bool bold = false;
  int first_line = 0;
  int left = 0;
  int hanging = 0;
  int before = 0;
  int after = 0;
  bool keep_next = false;
  int right_tab = 0;  // a right tab stop at this position
  // Headings, requisites and stamps are not hyphenated, as office practice sets them.
  bool whole_words = false;
};

const StyleSpec kStyles[] = {
    {kBodyStyle, "Текст документа", "both", 0, false, kIndent},
    {kTitleStyle, "Заголовок документа", "center", 0, true, 0, 0, 0, 0, 240, true, 0, true},
    {kLetterheadStyle, "Реквизиты бланка", "center", 0, true, 0, 0, 0, 0, 0, true, 0, true},
    {kRequisitesStyle, "Справочные данные", "center", kSmallSize, false, 0, 0, 0, 0, 0, true, 0,
     true},
    {kDateNumberStyle, "Дата и номер документа", "left", 0, false, 0, 0, 0, 161, 0, true,
     kTextWidth, true},
    {kPlaceStyle, "Место издания", "center", 0, false, 0, 0, 0, 0, 0, true, 0, true},
    {kReferenceStyle, "Ссылка на документ", "left", kTableSize, false, 0, 0, 0, 0, 0, true, 0,
     true},
    {kStampStyle, "Гриф утверждения", "left", 0, false, 0, kStampLeft, 0, 0, 0, true, 0, true},
    {kListStyle, "Пункт документа", "both", 0, false, kIndent},
    {kCaptionStyle, "Название таблицы", "center", 0, false, 0, 0, 0, 120, 80, true, 0, true},
    {kTableTextStyle, "Текст таблицы", "left", kTableSize},
    {kTableHeaderStyle, "Заголовок таблицы", "center", kTableSize, true},
    {kSignatureStyle, "Подпись", "left", 0, false, 0, 0, 0, 644, 0, false, kTextWidth, true},
    {kExecutorStyle, "Отметка об исполнителе", "left", kSmallSize},
    {kAddresseeStyle, "Адресат", "left", 0, false, 0, kAddresseeLeft, 0, 0, 0, true, 0, true},
    {kPageNumberStyle, "Номер страницы", "center", kTableSize},
};

void AddDefaults(pugi::xml_node styles) {
  pugi::xml_node defaults = styles.append_child("w:docDefaults");
  pugi::xml_node run = defaults.append_child("w:rPrDefault").append_child("w:rPr");
  pugi::xml_node fonts = run.append_child("w:rFonts");
  for (const char* slot : {"w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"}) {
    fonts.append_attribute(slot) = "Times New Roman";
  }
  AddVal(run, "w:sz", kBodySize);
  AddVal(run, "w:szCs", kBodySize);
  pugi::xml_node lang = AddVal(run, "w:lang", "ru-RU");
  lang.append_attribute("w:eastAsia") = "ru-RU";
  lang.append_attribute("w:bidi") = "ar-SA";
  pugi::xml_node paragraph = defaults.append_child("w:pPrDefault").append_child("w:pPr");
  pugi::xml_node spacing = paragraph.append_child("w:spacing");
  spacing.append_attribute("w:after") = 0;
  spacing.append_attribute("w:line") = kLineSpacing;
  spacing.append_attribute("w:lineRule") = "auto";
}

pugi::xml_node AddStyle(pugi::xml_node styles, const char* type, const char* id, const char* name) {
  pugi::xml_node style = styles.append_child("w:style");
  style.append_attribute("w:type") = type;
  style.append_attribute("w:styleId") = id;
  AddVal(style, "w:name", name);
  return style;
}

void AddParagraphProperties(pugi::xml_node style, const StyleSpec& spec) {
  pugi::xml_node p = style.append_child("w:pPr");
  if (spec.keep_next) p.append_child("w:keepNext");
  if (spec.right_tab) {
    pugi::xml_node tab = p.append_child("w:tabs").append_child("w:tab");
    tab.append_attribute("w:val") = "right";
    tab.append_attribute("w:pos") = spec.right_tab;
  }
  if (spec.whole_words) p.append_child("w:suppressAutoHyphens");
  if (spec.before || spec.after) {
    pugi::xml_node spacing = p.append_child("w:spacing");
    spacing.append_attribute("w:before") = spec.before;
    spacing.append_attribute("w:after") = spec.after;
  }
  pugi::xml_node ind = p.append_child("w:ind");
  ind.append_attribute("w:left") = spec.left;
  ind.append_attribute("w:right") = 0;
  if (spec.hanging) ind.append_attribute("w:hanging") = spec.hanging;
  ind.append_attribute("w:firstLine") = spec.first_line;
  AddVal(p, "w:jc", spec.align);
}

void AddRunProperties(pugi::xml_node style, const StyleSpec& spec) {
  if (!spec.bold && !spec.size) return;
  pugi::xml_node r = style.append_child("w:rPr");
  if (spec.bold) r.append_child("w:b");
  if (spec.size) {
    AddVal(r, "w:sz", spec.size);
    AddVal(r, "w:szCs", spec.size);
  }
}

void AddParagraphStyle(pugi::xml_node styles, const StyleSpec& spec) {
  pugi::xml_node style = AddStyle(styles, "paragraph", spec.id, spec.name);
  AddVal(style, "w:basedOn", "Normal");
  style.append_child("w:qFormat");
  AddParagraphProperties(style, spec);
  AddRunProperties(style, spec);
}

void AddNormal(pugi::xml_node styles) {
  pugi::xml_node style = AddStyle(styles, "paragraph", "Normal", "Normal");
  style.append_attribute("w:default") = 1;
  style.append_child("w:qFormat");
}

// Single borders, 0.5 pt, and cell padding of 1.5 mm left and right, as the PDF's tables.
void AddTableStyle(pugi::xml_node styles) {
  pugi::xml_node style = AddStyle(styles, "table", kTableStyle, "Таблица документа");
  pugi::xml_node table = style.append_child("w:tblPr");
  pugi::xml_node borders = table.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    pugi::xml_node border = AddVal(borders, side, "single");
    border.append_attribute("w:sz") = 4;
    border.append_attribute("w:space") = 0;
    border.append_attribute("w:color") = "000000";
  }
  pugi::xml_node margins = table.append_child("w:tblCellMar");
  for (const char* side : {"w:left", "w:right"}) {
    pugi::xml_node margin = margins.append_child(side);
    margin.append_attribute("w:w") = Twips(1.5);
    margin.append_attribute("w:type") = "dxa";
  }
}

void AddLayoutTableStyle(pugi::xml_node styles) {
  pugi::xml_node style = AddStyle(styles, "table", kLayoutTableStyle, "Таблица без границ");
  pugi::xml_node table = style.append_child("w:tblPr");
  pugi::xml_node borders = table.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    AddVal(borders, side, "nil");
  }
  pugi::xml_node margins = table.append_child("w:tblCellMar");
  for (const char* side : {"w:left", "w:right"}) {
    pugi::xml_node margin = margins.append_child(side);
    margin.append_attribute("w:w") = 0;
    margin.append_attribute("w:type") = "dxa";
  }
}

std::string Build() {
  pugi::xml_document part;
  AddDeclaration(part);
  pugi::xml_node styles = part.append_child("w:styles");
  styles.append_attribute("xmlns:w") = kMainNs;
  AddDefaults(styles);
  AddNormal(styles);
  for (const StyleSpec& spec : kStyles) AddParagraphStyle(styles, spec);
  AddTableStyle(styles);
  AddLayoutTableStyle(styles);
  return Serialise(part);
}

}  // namespace

const std::string& StylesXml() {
  static const std::string bytes = Build();
  return bytes;
}

}  // namespace shnor::output::docx
