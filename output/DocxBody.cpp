#include "output/DocxBody.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <variant>

#include "output/DocxPackageParts.h"
#include "output/DocxQr.h"
#include "output/DocxRenderer.h"
#include "output/DocxStyles.h"
#include "output/DocxXml.h"
#include "output/RussianText.h"
#include "output/Typography.h"

namespace shnor::output::docx {
namespace {

constexpr int kHalfLine = 161;         // half a 14 pt line at 1.15, twips
constexpr int kAfterLetterhead = 360;  // 18 pt, as the PDF
constexpr int kAfterStamp = 240;
constexpr int kTableGap = 120;         // 6 pt after a table, as the PDF's kAroundTable
constexpr int kAboveRequisites = 115;  // half a 10 pt line
constexpr int kAboveExecutor = 240;
constexpr int kAgreedRight = Twips(10);  // room between СОГЛАСОВАНО and УТВЕРЖДАЮ

// The valid start of a text before its bad byte, at most ~60 bytes, for a message.
std::string Preview(std::string_view text, std::size_t bad) {
  std::size_t cut = std::min<std::size_t>(bad, 60);
  while (cut > 0 && cut < bad && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

// Text as it goes into w:t: valid UTF-8, no XML-forbidden bytes (copied only when it has some).
std::string_view Text(std::string_view text, std::string& storage) {
  const std::size_t bad = InvalidUtf8At(text);
  if (bad != std::string_view::npos) {
    throw DocxError("текст «" + Preview(text, bad) + "…» не в кодировке UTF-8: неверный байт " +
                    std::to_string(bad + 1));
  }
  if (!HasXmlForbidden(text)) return text;
  storage = XmlSafe(text);
  return storage;
}

const char* Justification(Align align) {
  switch (align) {
    case Align::Justify:
      return "both";
    case Align::Left:
      return "left";
    case Align::Center:
      return "center";
    case Align::Right:
      return "right";
  }
  return "both";
}

// «12», «12,5»: Russian decimal comma, no trailing zeros, as the PDF's chart labels.
std::string FormatValue(double value) {
  if (!std::isfinite(value)) return "—";
  return DecimalComma(value);
}

// The PDF's column widths: at least 5 mm each, scaled down together to the text width.
std::vector<int> ColumnWidths(const Table& table) {
  std::vector<double> mm;
  double total = 0;
  for (const TableColumn& column : table.columns) {
    mm.push_back(std::max(column.width_mm, 5.0));
    total += Twips(mm.back());
  }
  const double scale = total > kTextWidth ? kTextWidth / total : 1.0;
  std::vector<int> widths;
  for (double w : mm) widths.push_back(static_cast<int>(Twips(w) * scale));
  return widths;
}

void CheckRows(const Table& table) {
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].size() == table.columns.size()) continue;
    throw DocxError("в таблице «" + table.caption + "» строка " + std::to_string(r + 1) + " из " +
                    std::to_string(table.rows[r].size()) + " ячеек, а столбцов " +
                    std::to_string(table.columns.size()));
  }
}

// Runs of `text`: '\n' becomes a line break, '\t' a tab.
void AddRuns(pugi::xml_node paragraph, std::string_view text, bool bold = false) {
  std::string storage;
  const std::string_view safe = Text(text, storage);
  pugi::xml_node run = paragraph.append_child("w:r");
  if (bold) run.append_child("w:rPr").append_child("w:b");
  std::size_t start = 0;
  while (start <= safe.size()) {
    const std::size_t end = std::min(safe.find_first_of("\n\t", start), safe.size());
    if (end > start) {
      pugi::xml_node t = run.append_child("w:t");
      t.append_attribute("xml:space") = "preserve";
      t.text().set(safe.data() + start, end - start);
    }
    if (end == safe.size()) break;
    run.append_child(safe[end] == '\n' ? "w:br" : "w:tab");
    start = end + 1;
  }
}

class BodyWriter {
 public:
  explicit BodyWriter(pugi::xml_node body) : body_(body) {}

  void Write(const Letterhead& head) {
    WriteAuthority(head);
    if (!head.kind.empty()) {
      pugi::xml_node p = NewParagraph(kLetterheadStyle);
      SpaceBefore(p, kHalfLine);
      AddRuns(p, head.kind);
    }
    if (!head.date.empty() || !head.number.empty()) {
      pugi::xml_node p = NewParagraph(kDateNumberStyle);
      AddRuns(p, head.date + "\t" + (head.number.empty() ? "" : "№ " + head.number));
    }
    if (!head.reference.empty()) AddRuns(NewParagraph(kReferenceStyle), head.reference);
    if (!head.place.empty()) AddRuns(NewParagraph(kPlaceStyle), head.place);
    SpaceAfterLast(kAfterLetterhead);
  }

  // The authority and its requisites; for a printed бланк, their lines left empty, so the
  // бланк's own print fills the room.
  void WriteAuthority(const Letterhead& head) {
    for (const std::string& line : head.authority) {
      AddRuns(NewParagraph(kLetterheadStyle), head.blank ? "" : line);
    }
    for (std::size_t i = 0; i < head.requisites.size(); ++i) {
      pugi::xml_node p = NewParagraph(kRequisitesStyle);
      if (i == 0) SpaceBefore(p, kAboveRequisites);
      AddRuns(p, head.blank ? "" : head.requisites[i]);
    }
  }

  // ГОСТ: at the top right, under the letterhead.
  void Write(const Addressee& addressee) {
    for (const std::string& line : addressee.lines) AddRuns(NewParagraph(kAddresseeStyle), line);
    SpaceAfterLast(kAfterLetterhead);
  }

  // The last paragraphs, small: Word keeps no foot of a page for them as the PDF does.
  void Write(const ExecutorMark& mark) {
    for (std::size_t i = 0; i < mark.lines.size(); ++i) {
      pugi::xml_node p = NewParagraph(kExecutorStyle);
      if (i == 0) SpaceBefore(p, kAboveExecutor);
      AddRuns(p, mark.lines[i]);
    }
  }

  void Write(const Title& title) {
    pugi::xml_node p = NewParagraph(kTitleStyle);
    if (title.align != Align::Center) AddVal(p.child("w:pPr"), "w:jc", Justification(title.align));
    AddRuns(p, title.text, false);
  }

  void Write(const Paragraph& paragraph) {
    pugi::xml_node p = NewParagraph(kBodyStyle);
    const bool indented =
        paragraph.indent && (paragraph.align == Align::Justify || paragraph.align == Align::Left);
    if (!indented) p.child("w:pPr").append_child("w:ind").append_attribute("w:firstLine") = 0;
    if (paragraph.align != Align::Justify) {
      AddVal(p.child("w:pPr"), "w:jc", Justification(paragraph.align));
    }
    AddRuns(p, paragraph.text, paragraph.bold);
  }

  // ГОСТ Р 7.0.97 numbers points the way it writes paragraphs, as the PDF does: the number at
  // the 1.25 cm paragraph indent, the item's further lines back at the left margin; sub-items the
  // same. The number is text, so it reads and copies with the item; no Word numbering to drift.
  void Write(const NumberedList& list) {
    for (const ListItem& item : list.items) {
      pugi::xml_node p = NewParagraph(kListStyle);
      pugi::xml_node ind = p.child("w:pPr").append_child("w:ind");
      ind.append_attribute("w:left") = 0;
      ind.append_attribute("w:firstLine") = kIndent;
      AddRuns(p, item.number + " " + item.text);
    }
  }

  void Write(const Table& table) {
    CheckRows(table);
    if (!table.caption.empty()) {
      AddRuns(NewParagraph(kCaptionStyle), table.caption);
    } else if (break_pending_) {
      Gap(kTableGap);
    }
    const std::vector<int> widths = ColumnWidths(table);
    pugi::xml_node tbl = body_.append_child("w:tbl");
    AddTableProperties(tbl, widths);
    AddHeaderRow(tbl, table, widths);
    for (const std::vector<std::string>& row : table.rows) AddRow(tbl, table, widths, row);
    Gap(kTableGap);
  }

  // The position at the margin, the name at a right tab stop on the text's edge.
  void Write(const Signature& signature) {
    KeepLastWithNext();
    AddRuns(NewParagraph(kSignatureStyle), signature.position + "\t" + signature.name);
  }

  void Write(const ApprovalStamp& stamp) {
    if (stamp.agreed.empty()) return WriteCorner(stamp.lines);
    WriteSideBySide(stamp.agreed, stamp.lines);
  }
  void Write(const AppendixHeading& heading) { WriteCorner(heading.lines); }

  void Write(const PageBreak&) {
    if (body_.first_child()) break_pending_ = true;
  }

  void Write(const Spacer& spacer) {
    if (spacer.mm > 0) Gap(Twips(spacer.mm));
  }

  // A chart becomes its table of labels and values: what a clerk can edit and Word can chart.
  void Write(const BarChart& chart) {
    Table table;
    table.caption = chart.caption;
    table.columns.resize(2);
    table.columns[0].header = "Показатель";
    table.columns[0].width_mm = 125;
    table.columns[1].header = "Значение";
    table.columns[1].width_mm = 40;
    table.columns[1].align = Align::Right;
    for (std::size_t i = 0; i < chart.labels.size(); ++i) {
      const double value = i < chart.values.size() ? chart.values[i] : NAN;
      table.rows.push_back({chart.labels[i], FormatValue(value)});
    }
    Write(table);
  }

  void Finish() { AddSection(); }

 private:
  pugi::xml_node NewParagraph(const char* style) {
    pugi::xml_node p = body_.append_child("w:p");
    pugi::xml_node properties = p.append_child("w:pPr");
    AddVal(properties, "w:pStyle", style);
    if (break_pending_) properties.append_child("w:pageBreakBefore");
    break_pending_ = false;
    return p;
  }

  // An empty paragraph exactly `height` twips tall.
  void Gap(int height) {
    pugi::xml_node p = NewParagraph(kBodyStyle);
    pugi::xml_node spacing = p.child("w:pPr").append_child("w:spacing");
    spacing.append_attribute("w:line") = std::max(height, 20);
    spacing.append_attribute("w:lineRule") = "exact";
  }

  static void SpaceBefore(pugi::xml_node p, int before) {
    p.child("w:pPr").append_child("w:spacing").append_attribute("w:before") = before;
  }

  // Space after the last paragraph written, when it has no spacing of its own yet.
  void SpaceAfterLast(int after) {
    pugi::xml_node properties = body_.last_child().child("w:pPr");
    if (!properties) return;
    pugi::xml_node spacing = properties.child("w:spacing");
    if (!spacing) spacing = properties.append_child("w:spacing");
    spacing.append_attribute("w:after") = after;
  }

  // So that no page holds only the signature: the last paragraph of text before it goes with
  // it, and the spacers between them (paragraphs without runs).
  void KeepLastWithNext() {
    for (pugi::xml_node p = body_.last_child(); p && std::string_view(p.name()) == "w:p";
         p = p.previous_sibling()) {
      pugi::xml_node properties = p.child("w:pPr");
      if (!properties.child("w:keepNext")) {
        properties.insert_child_after("w:keepNext", properties.child("w:pStyle"));
      }
      if (p.child("w:r")) break;
    }
  }

  void WriteCorner(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) AddRuns(NewParagraph(kStampStyle), line);
    SpaceAfterLast(kAfterStamp);
  }

  // «СОГЛАСОВАНО» at the top left beside «УТВЕРЖДАЮ» at the top right: a borderless table of
  // two cells, the right one where the PDF puts the stamp.
  void WriteSideBySide(const std::vector<std::string>& left,
                       const std::vector<std::string>& right) {
    if (break_pending_) Gap(kTableGap);
    const std::vector<int> widths = {kStampLeft, kTextWidth - kStampLeft};
    pugi::xml_node tbl = body_.append_child("w:tbl");
    AddTableProperties(tbl, widths, kLayoutTableStyle);
    pugi::xml_node row = NewRow(tbl, false);
    AddStampCell(row, widths[0], left, kAgreedRight);
    AddStampCell(row, widths[1], right, 0);
    Gap(kAfterStamp);
  }

  static void AddStampCell(pugi::xml_node row, int width, const std::vector<std::string>& lines,
                           int right) {
    pugi::xml_node cell = NewCell(row, width);
    for (const std::string& line : lines) {
      pugi::xml_node p = cell.append_child("w:p");
      pugi::xml_node properties = p.append_child("w:pPr");
      AddVal(properties, "w:pStyle", kStampStyle);
      pugi::xml_node ind = properties.append_child("w:ind");
      ind.append_attribute("w:left") = 0;
      ind.append_attribute("w:right") = right;
      AddRuns(p, line);
    }
    if (lines.empty()) cell.append_child("w:p");  // a cell must hold a paragraph
  }

  static void AddTableProperties(pugi::xml_node tbl, const std::vector<int>& widths,
                                 const char* style = kTableStyle) {
    pugi::xml_node properties = tbl.append_child("w:tblPr");
    AddVal(properties, "w:tblStyle", style);
    pugi::xml_node width = properties.append_child("w:tblW");
    int total = 0;
    for (int w : widths) total += w;
    width.append_attribute("w:w") = total;
    width.append_attribute("w:type") = "dxa";
    properties.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
    pugi::xml_node grid = tbl.append_child("w:tblGrid");
    for (int w : widths) grid.append_child("w:gridCol").append_attribute("w:w") = w;
  }

  // Repeated on every page the table runs over; like every row, never split across pages.
  void AddHeaderRow(pugi::xml_node tbl, const Table& table, const std::vector<int>& widths) {
    pugi::xml_node row = NewRow(tbl, true);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      AddRuns(NewCellParagraph(row, widths[c], kTableHeaderStyle), table.columns[c].header);
    }
  }

  void AddRow(pugi::xml_node tbl, const Table& table, const std::vector<int>& widths,
              const std::vector<std::string>& cells) {
    pugi::xml_node row = NewRow(tbl, false);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const TableColumn& column = table.columns[c];
      pugi::xml_node p = NewCellParagraph(row, widths[c], kTableTextStyle);
      if (column.align != Align::Left) {
        AddVal(p.child("w:pPr"), "w:jc", Justification(column.align));
      }
      std::optional<std::string> date = column.date ? NumericDate(cells[c]) : std::nullopt;
      AddRuns(p, date ? *date : cells[c]);
    }
  }

  static pugi::xml_node NewRow(pugi::xml_node tbl, bool header) {
    pugi::xml_node row = tbl.append_child("w:tr");
    pugi::xml_node properties = row.append_child("w:trPr");
    properties.append_child("w:cantSplit");
    if (header) properties.append_child("w:tblHeader");
    return row;
  }

  static pugi::xml_node NewCell(pugi::xml_node row, int width) {
    pugi::xml_node cell = row.append_child("w:tc");
    pugi::xml_node cell_width = cell.append_child("w:tcPr").append_child("w:tcW");
    cell_width.append_attribute("w:w") = width;
    cell_width.append_attribute("w:type") = "dxa";
    return cell;
  }

  static pugi::xml_node NewCellParagraph(pugi::xml_node row, int width, const char* style) {
    pugi::xml_node p = NewCell(row, width).append_child("w:p");
    AddVal(p.append_child("w:pPr"), "w:pStyle", style);
    return p;
  }

  void AddSection() {
    pugi::xml_node section = body_.append_child("w:sectPr");
    AddHeaderReference(section, "default", kHeaderId);
    AddHeaderReference(section, "first", kFirstHeaderId);
    pugi::xml_node size = section.append_child("w:pgSz");
    size.append_attribute("w:w") = kPageWidth;
    size.append_attribute("w:h") = kPageHeight;
    pugi::xml_node margins = section.append_child("w:pgMar");
    margins.append_attribute("w:top") = kMarginTop;
    margins.append_attribute("w:right") = kMarginRight;
    margins.append_attribute("w:bottom") = kMarginBottom;
    margins.append_attribute("w:left") = kMarginLeft;
    margins.append_attribute("w:header") = Twips(10);
    margins.append_attribute("w:footer") = Twips(10);
    margins.append_attribute("w:gutter") = 0;
    section.append_child("w:titlePg");
  }

  static void AddHeaderReference(pugi::xml_node section, const char* type, const char* id) {
    pugi::xml_node reference = section.append_child("w:headerReference");
    reference.append_attribute("w:type") = type;
    reference.append_attribute("r:id") = id;
  }

  pugi::xml_node body_;
  bool break_pending_ = false;  // the next paragraph starts a page
};

}  // namespace

std::string DocumentXml(const Document& doc) {
  pugi::xml_document part;
  AddDeclaration(part);
  pugi::xml_node root = part.append_child("w:document");
  root.append_attribute("xmlns:w") = kMainNs;
  root.append_attribute("xmlns:r") = kRelNs;
  root.append_attribute("xmlns:wp") =
      "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
  pugi::xml_node body = root.append_child("w:body");
  BodyWriter writer(body);
  // The PDF's typography, so that both files of a document read alike.
  Document typeset = doc;
  TypesetDocument(typeset);
  for (const Block& block : typeset.blocks) {
    std::visit([&writer](const auto& b) { writer.Write(b); }, block);
  }
  if (doc.profile == Profile::Gost2025) {
    pugi::xml_node first = body.child("w:p");
    AddQrDrawing(first ? first : body.prepend_child("w:p"), kQrImageId);
  }
  writer.Finish();
  return Serialise(part);
}

}  // namespace shnor::output::docx
