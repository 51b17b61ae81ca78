#pragma once
// The document model: what a rendered template is, before it becomes a PDF or an XLSX. Every
// string here is final text (Mustache already expanded, dates already in Russian style), so the
// renderers only lay it out. One model feeds both renderers: the PDF draws every block, the XLSX
// makes one sheet per table block.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace shnor::output {

enum class Align { Justify, Left, Center, Right };

// The ГОСТ Р 7.0.97 edition a document follows: 2025 adds the QR-code requisite on page 1.
enum class Profile { Gost2016, Gost2025 };

// Requisites at the head of page 1: the authority, the kind («ПРИКАЗ»), date, number, place.
struct Letterhead {
  std::vector<std::string> authority;  // lines, centred, bold
  std::string kind;                    // «ПРИКАЗ»; "" for documents without a kind
  std::string date;                    // «23.01.2024»
  std::string number;                  // «83/ОД», printed after «№ »
  std::string place;                   // «г. Тюмень»
  // The sender's address, phone, e-mail: small centred lines under the authority.
  std::vector<std::string> requisites;
  std::string reference;  // «На № … от …», «К приказу … от … № …»: under the date and number
  // A printed бланк carries the authority and its requisites: their space is kept empty.
  bool blank = false;
};

// ГОСТ Р 7.0.97: the addressee at the top right, under the letterhead.
struct Addressee {
  std::vector<std::string> lines;
};

// Отметка об исполнителе: the drafter's name and phone at the foot of the page it falls on.
struct ExecutorMark {
  std::vector<std::string> lines;
};

// «Об организации работы …»: centred (left for 2025-style titles), bold.
struct Title {
  std::string text;
  Align align = Align::Center;
};

struct Paragraph {
  std::string text;
  Align align = Align::Justify;
  bool indent = true;  // 1.25 cm first-line indent
  bool bold = false;
};

// A numbered list with its numbers already computed: "1.", "1.1.", "2.1.3.".
struct ListItem {
  std::string number;
  std::string text;
  int level = 1;  // 1-based depth, for the indent
};

struct NumberedList {
  std::vector<ListItem> items;
};

struct TableColumn {
  std::string header;
  double width_mm = 0;  // required: a template without a width is refused at load
  Align align = Align::Left;
  // XLSX only: cell values are ISO dates to be written as real dates.
  bool date = false;
  // XLSX only: a drop-down of these values (e.g. statuses).
  std::vector<std::string> choices;
};

struct Table {
  std::string caption;  // PDF: a centred line above; XLSX: the merged title row, and the sheet name
  std::string sheet;    // XLSX sheet name ("" = from the caption)
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells
  // XLSX only: the zero-based column whose cell marks an overdue row (an ISO date in the past of
  // `today` with the status column not `done_value`), highlighted by conditional formatting.
  int overdue_date_column = -1;
  int status_column = -1;
  std::string done_value;
  // A row whose `optional_column` cell reads `optional_value` is never overdue (a task «при
  // необходимости»); -1 when every row may be.
  int optional_column = -1;
  std::string optional_value;
};

// Position left, initials and surname right, on one line.
struct Signature {
  std::string position;
  std::string name;  // «Е.В. Иванова»
};

// At the top right: «УТВЕРЖДЕН / приказом … / от … № …»; beside it at the top left, when another
// body agrees the document, «СОГЛАСОВАНО / …».
struct ApprovalStamp {
  std::vector<std::string> lines;
  std::vector<std::string> agreed;
};

// At the top right of an appendix: «Приложение № 1 / к приказу … / от … № …».
struct AppendixHeading {
  std::vector<std::string> lines;
};

struct PageBreak {};

struct Spacer {
  double mm = 5;
};

// A bar chart (PDF: drawn; XLSX: a native chart over the table it follows).
struct BarChart {
  std::string caption;
  std::vector<std::string> labels;
  std::vector<double> values;
};

using Block =
    std::variant<Letterhead, Title, Paragraph, NumberedList, Table, Signature, ApprovalStamp,
                 AppendixHeading, PageBreak, Spacer, BarChart, Addressee, ExecutorMark>;

struct Document {
  std::string template_id;
  int template_version = 0;
  std::string title;    // PDF metadata; also the file's name stem by default
  std::string author;   // PDF metadata: the authority
  std::string subject;  // PDF metadata
  // The document's date, ISO: the PDF's creation date, so the same data gives the same bytes.
  std::string date;
  Profile profile = Profile::Gost2016;
  // Profile 2025's QR code encodes the registry number, date and checksum.
  std::string qr_text;
  std::vector<Block> blocks;
};

}  // namespace shnor::output
