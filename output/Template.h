#pragma once
// A document template as loaded from templates/*.yaml: the blocks of the document and its static
// data with their strings still Mustache, each string remembering its line for error messages.
// Loading checks the structure (block types, table widths, balanced sections); rendering against a
// context checks every name (TemplateRenderer).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/Document.h"
#include "output/RussianText.h"

namespace shnor::output {

// «templates/order.yaml:12: …» — the file, the line and what is wrong, in Russian.
class TemplateError : public std::runtime_error {
 public:
  TemplateError(const std::string& file, int line, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

struct TemplateText {
  std::string text;  // Mustache
  int line = 0;
};

struct ColumnSpec {
  TemplateText header;
  TemplateText value;  // per row, against the row's element
  double width_mm = 0;
  Align align = Align::Left;
  bool date = false;
  std::vector<std::string> choices;
};

// A list item: its text, or one item per element of a context list (`each`), and sub-items.
struct ListItemSpec {
  TemplateText text;
  std::string each;  // "" = one item
  std::vector<ListItemSpec> items;
};

enum class BlockType {
  Letterhead,
  Title,
  Paragraph,
  List,
  Table,
  Signature,
  Approval,
  Appendix,
  PageBreak,
  Spacer,
  BarChart,
  Addressee,
  Executor
};

struct BlockSpec {
  BlockType type = BlockType::Paragraph;
  int line = 0;
  std::vector<TemplateText> lines;  // letterhead authority, approval, appendix, addressee,
                                    // executor lines
  TemplateText text;                // title, paragraph, caption, signature position, kind
  TemplateText second;              // signature name, letterhead number
  TemplateText date;                // letterhead date
  TemplateText place;               // letterhead place
  // Letterhead: the sender's requisites (lines that come out empty are dropped), the reference
  // line, and `blank` ("true" / "false" once rendered).
  std::vector<TemplateText> requisites;
  TemplateText reference;
  TemplateText blank;
  std::vector<TemplateText> agreed;  // approval: «СОГЛАСОВАНО …» lines
  Align align = Align::Justify;
  bool indent = true;
  bool bold = false;
  double mm = 5;
  std::vector<ListItemSpec> items;  // list
  std::string rows;                 // table, chart: the context list
  std::vector<ColumnSpec> columns;  // table
  TemplateText label;               // chart: per row
  TemplateText value;               // chart: per row, a number
  std::string sheet;
  int overdue_date_column = -1;
  int status_column = -1;
  std::string done_value;
  int optional_column = -1;
  std::string optional_value;
};

// A value of the template's `data:` map. Strings are Mustache like every other string of the
// template, rendered against the context; plain `true` / `false` are flags (for sections),
// `~` or nothing is "", and lists and maps nest.
struct DataField;
struct DataValue {
  enum class Kind { Text, Flag, List, Map };
  Kind kind = Kind::Text;
  TemplateText text;              // Text; Flag: "true" or "false"
  std::vector<DataValue> items;   // List
  std::vector<DataField> fields;  // Map, in the file's order
};
struct DataField {
  std::string key;
  int line = 0;  // of the key: a collision with the context is reported here
  DataValue value;
};

struct Template {
  std::string file;  // for messages
  std::string id;
  int version = 0;
  Gender gender = Gender::Masculine;  // of the document, for «УТВЕРЖДЕН/А/О/Ы»
  Profile profile = Profile::Gost2016;
  TemplateText title;
  TemplateText author;
  TemplateText subject;
  TemplateText date;  // the document's ISO date, for the PDF's metadata
  // Static lists and values the blocks use as if the context had them (the eleven sections of a
  // road map and their measures). Rendered against the context first, then merged into it; a
  // key the context already has is refused at render, naming the key's line.
  std::vector<DataField> data;
  std::vector<BlockSpec> blocks;
};

// Throws TemplateError with the file and line: unknown block type or field, a table column
// without a width, an unclosed or stray Mustache section, a missing id, version or title, a
// `data:` that is not a map or a data key with a '.' (Mustache reads it as a path).
Template LoadTemplate(const std::filesystem::path& path);
Template ParseTemplate(const std::string& yaml, const std::string& file);

}  // namespace shnor::output
