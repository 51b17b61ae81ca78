// The regional order as DOCX, in one run, three ways side by side: (a) ours, template + DOCX
// (RenderTemplate, RenderDocx), 200 documents on one thread; (b) the floor: the same parts'
// bytes written by plain string appends from the already expanded document and zipped with
// the same libzip calls (the whole file must come out byte for byte as ours, or the bench
// fails); (c) python3-docxtpl filling a Word template of the same order (written once by
// bench/docx_order_template.py with python-docx) from the same context as JSON, timed per
// document inside one Python process (bench/docx_order_fill.py). Prints the per-document times
// and the ratios against the targets of issue 14: ours >= 20x docxtpl, ours <= 1.3x the floor.
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "app/MemoryPolicy.h"
#include "output/DocxPackageParts.h"
#include "output/DocxRenderer.h"
#include "output/DocxSettings.h"
#include "output/DocxStyles.h"
#include "output/DocxXml.h"
#include "output/RussianText.h"
#include "output/Template.h"
#include "output/TemplateRenderer.h"
#include "output/Typography.h"

using namespace shnor;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kDocs = 200;
constexpr int kReps = 3;          // interleaved runs, the fastest counting: the machine is shared
constexpr int kDocxtplDocs = 20;  // docxtpl is slow; its per-document time is what counts
constexpr std::size_t kRows = 40;
const fs::path kSource = SHNOR_SOURCE_DIR;
constexpr const char* kPython = "/usr/bin/python3";  // Debian's, with python3-docx and docxtpl

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "bench_docx: %s\n", what.c_str());
  std::exit(1);
}

double Since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

// This thread's CPU seconds: on a shared machine the wall clock also counts others' work.
double ThreadCpu() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  if (!in) Fail("cannot read " + path.string());
  return nlohmann::json::parse(in);
}

// As bench_documents: kRows schools in lists 1.1 and 1.2 together.
nlohmann::json OrderContext() {
  nlohmann::json context = ReadJson(kSource / "tests/data/contexts/campaign.json");
  nlohmann::json& first = context["list_1_1"];
  nlohmann::json& second = context["list_1_2"];
  while (first.size() + second.size() > kRows && !second.empty()) second.erase(second.size() - 1);
  for (int n = 1; first.size() + second.size() < kRows; ++n) {
    second.push_back({{"name", "МАОУ СОШ № " + std::to_string(200 + n) + " г. Тюмени"},
                      {"municipality", "г. Тюмень"}});
  }
  return context;
}

// ---------------------------------------------------------------------------------------------
// The floor: document.xml and core.xml by string appends, in the very bytes pugixml writes for
// ours; the constant parts (styles, settings, headers, relationships) as the byte strings they
// are (ours builds them once per process too); the zip by the same straight libzip calls.

namespace floor_docx {

using namespace output;
using namespace output::docx;

void Escape(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
}

const char* Jc(Align align) {
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

void Runs(std::string& out, std::string_view text, bool bold = false) {
  if (text.empty() && !bold) {
    out += "<w:r/>";
    return;
  }
  out += "<w:r>";
  if (bold) out += "<w:rPr><w:b/></w:rPr>";
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find_first_of("\n\t", start), text.size());
    if (end > start) {
      out += "<w:t xml:space=\"preserve\">";
      Escape(out, text.substr(start, end - start));
      out += "</w:t>";
    }
    if (end == text.size()) break;
    out += text[end] == '\n' ? "<w:br/>" : "<w:tab/>";
    start = end + 1;
  }
  out += "</w:r>";
}

// A paragraph held back until the next one starts: a signature may still ask it to keep with
// the next, a letterhead or stamp to add space after it.
struct Para {
  const char* style = nullptr;
  bool keep_next = false;
  bool page_break = false;
  std::string spacing;  // attributes
  std::string ind;      // the whole element
  const char* jc = nullptr;
  std::string runs;
};

class Writer {
 public:
  explicit Writer(const Document& doc) : doc_(doc) {}

  std::string DocumentXml() {
    out_.reserve(64 * 1024);
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"";
    out_ += kMainNs;
    out_ += "\" xmlns:r=\"";
    out_ += kRelNs;
    out_ +=
        "\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
        "<w:body>";
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      std::visit([this](const auto& b) { Write(b); }, doc_.blocks[i]);
      if (open_ && SignatureFollows(i)) para_.keep_next = true;
    }
    Flush();
    out_ +=
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:headerReference "
        "w:type=\"first\" r:id=\"rIdHeaderFirst\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar "
        "w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" "
        "w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr></w:body></w:document>";
    return std::move(out_);
  }

 private:
  // Whether only spacers stand between block i and a signature.
  bool SignatureFollows(std::size_t i) const {
    for (std::size_t k = i + 1; k < doc_.blocks.size(); ++k) {
      if (std::holds_alternative<Signature>(doc_.blocks[k])) return true;
      if (!std::holds_alternative<Spacer>(doc_.blocks[k])) return false;
    }
    return false;
  }

  void Start(const char* style) {
    Flush();
    para_ = Para{};
    para_.style = style;
    para_.page_break = pending_break_;
    pending_break_ = false;
    open_ = true;
    any_ = true;
  }

  void Flush() {
    if (!open_) return;
    out_ += "<w:p><w:pPr><w:pStyle w:val=\"";
    out_ += para_.style;
    out_ += "\"/>";
    if (para_.keep_next) out_ += "<w:keepNext/>";
    if (para_.page_break) out_ += "<w:pageBreakBefore/>";
    if (!para_.spacing.empty()) out_ += "<w:spacing" + para_.spacing + "/>";
    out_ += para_.ind;
    if (para_.jc) out_ += std::string("<w:jc w:val=\"") + para_.jc + "\"/>";
    out_ += "</w:pPr>";
    out_ += para_.runs;
    out_ += "</w:p>";
    open_ = false;
  }

  void Simple(const char* style, const std::string& text) {
    Start(style);
    Runs(para_.runs, text);
  }

  void SpaceAfter(int after) {
    if (open_) para_.spacing += " w:after=\"" + std::to_string(after) + "\"";
  }

  void Gap(int height) {
    Start(kBodyStyle);
    para_.spacing = " w:line=\"" + std::to_string(std::max(height, 20)) + "\" w:lineRule=\"exact\"";
    para_.runs.clear();
  }

  void Write(const Letterhead& h) {
    if (h.blank || !h.requisites.empty() || !h.reference.empty()) {
      Fail("floor: the order's letterhead has no requisites, reference or blank");
    }
    for (const std::string& line : h.authority) Simple(kLetterheadStyle, line);
    if (!h.kind.empty()) {
      Start(kLetterheadStyle);
      para_.spacing = " w:before=\"161\"";
      Runs(para_.runs, h.kind);
    }
    if (!h.date.empty() || !h.number.empty()) {
      Simple(kDateNumberStyle, h.date + "\t" + (h.number.empty() ? "" : "№ " + h.number));
    }
    if (!h.place.empty()) Simple(kPlaceStyle, h.place);
    SpaceAfter(360);
  }

  void Write(const Title& t) {
    Start(kTitleStyle);
    if (t.align != Align::Center) para_.jc = Jc(t.align);
    Runs(para_.runs, t.text);
  }

  void Write(const Paragraph& p) {
    Start(kBodyStyle);
    const bool indented = p.indent && (p.align == Align::Justify || p.align == Align::Left);
    if (!indented) para_.ind = "<w:ind w:firstLine=\"0\"/>";
    if (p.align != Align::Justify) para_.jc = Jc(p.align);
    Runs(para_.runs, p.text, p.bold);
  }

  void Write(const NumberedList& list) {
    for (const ListItem& item : list.items) {
      Start(kListStyle);
      para_.ind = "<w:ind w:left=\"0\" w:firstLine=\"" + std::to_string(kIndent) + "\"/>";
      Runs(para_.runs, item.number + " " + item.text);
    }
  }

  void Write(const Table& t) {
    if (!t.caption.empty()) {
      Simple(kCaptionStyle, t.caption);
    } else if (pending_break_) {
      Gap(120);
    }
    Flush();
    std::vector<int> widths;
    double total_twips = 0;
    for (const TableColumn& c : t.columns) total_twips += Twips(std::max(c.width_mm, 5.0));
    const double scale = total_twips > kTextWidth ? kTextWidth / total_twips : 1.0;
    int total = 0;
    for (const TableColumn& c : t.columns) {
      widths.push_back(static_cast<int>(Twips(std::max(c.width_mm, 5.0)) * scale));
      total += widths.back();
    }
    out_ += "<w:tbl><w:tblPr><w:tblStyle w:val=\"ShnorTable\"/><w:tblW w:w=\"" +
            std::to_string(total) +
            "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
    for (int w : widths) out_ += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    out_ += "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      Cell(widths[c], kTableHeaderStyle, nullptr, t.columns[c].header);
    }
    out_ += "</w:tr>";
    for (const std::vector<std::string>& row : t.rows) {
      out_ += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
      for (std::size_t c = 0; c < row.size(); ++c) {
        const TableColumn& column = t.columns[c];
        const auto date = column.date ? NumericDate(row[c]) : std::nullopt;
        Cell(widths[c], kTableTextStyle, column.align != Align::Left ? Jc(column.align) : nullptr,
             date ? *date : row[c]);
      }
      out_ += "</w:tr>";
    }
    out_ += "</w:tbl>";
    Gap(120);
  }

  void Cell(int width, const char* style, const char* jc, const std::string& text) {
    out_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) +
            "\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"";
    out_ += style;
    out_ += "\"/>";
    if (jc) out_ += std::string("<w:jc w:val=\"") + jc + "\"/>";
    out_ += "</w:pPr>";
    Runs(out_, text);
    out_ += "</w:p></w:tc>";
  }

  void Write(const Signature& s) { Simple(kSignatureStyle, s.position + "\t" + s.name); }

  void Corner(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) Simple(kStampStyle, line);
    SpaceAfter(240);
  }
  void Write(const ApprovalStamp& s) {
    if (!s.agreed.empty()) Fail("floor: the order has no СОГЛАСОВАНО");
    Corner(s.lines);
  }
  void Write(const Addressee&) { Fail("floor: the order has no addressee"); }
  void Write(const ExecutorMark& mark) {
    for (std::size_t i = 0; i < mark.lines.size(); ++i) {
      Start(kExecutorStyle);
      if (i == 0) para_.spacing = " w:before=\"240\"";
      Runs(para_.runs, mark.lines[i]);
    }
  }
  void Write(const AppendixHeading& s) { Corner(s.lines); }
  void Write(const PageBreak&) {
    if (any_) pending_break_ = true;
  }
  void Write(const Spacer& s) {
    if (s.mm > 0) Gap(Twips(s.mm));
  }
  void Write(const BarChart&) { Fail("floor: the order has no chart"); }

  const Document& doc_;
  std::string out_;
  Para para_;
  bool open_ = false;
  bool any_ = false;
  bool pending_break_ = false;
};

std::string CoreXml(const Document& doc) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  auto text = [&out](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += std::string("<") + name + ">";
    Escape(out, value);
    out += std::string("</") + name + ">";
  };
  text("dc:title", doc.title);
  text("dc:subject", doc.subject);
  text("dc:creator", doc.author);
  text("dc:language", "ru-RU");
  const std::string date = doc.date + "T00:00:00Z";
  out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:created>";
  out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:modified>";
  out += "</cp:coreProperties>";
  return out;
}

std::string Zip(const std::vector<std::pair<const char*, const std::string*>>& parts,
                zip_uint16_t dos_date) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!zip) Fail("floor: zip_open_from_source");
  zip_source_keep(buffer);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* data = zip_source_buffer(zip, bytes->data(), bytes->size(), 0);
    const auto i = static_cast<zip_uint64_t>(zip_file_add(zip, name, data, 0));
    zip_file_set_dostime(zip, i, 0, dos_date, 0);
    zip_file_set_external_attributes(zip, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
    zip_set_file_compression(zip, i, ZIP_CM_DEFLATE, 6);
  }
  if (zip_close(zip) != 0) Fail("floor: zip_close");
  zip_stat_t stat;
  zip_stat_init(&stat);
  zip_source_stat(buffer, &stat);
  zip_source_open(buffer);
  std::string out(stat.size, '\0');
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

std::string Render(const Document& doc) {
  static const std::string types = ContentTypesXml(false);
  static const std::string document_rels = DocumentRelsXml(false);
  const std::string core = CoreXml(doc);
  // The same typography as ours: its cost is the document's, not the writer's.
  output::Document typeset = doc;
  output::TypesetDocument(typeset);
  const std::string body = Writer(typeset).DocumentXml();
  const int year = std::stoi(doc.date.substr(0, 4));
  const int month = std::stoi(doc.date.substr(5, 2));
  const int day = std::stoi(doc.date.substr(8, 2));
  const auto dos_date = static_cast<zip_uint16_t>(((year - 1980) << 9) | (month << 5) | day);
  return Zip({{"[Content_Types].xml", &types},
              {"_rels/.rels", &RootRelsXml()},
              {"docProps/core.xml", &core},
              {"docProps/app.xml", &AppXml()},
              {"word/document.xml", &body},
              {"word/_rels/document.xml.rels", &document_rels},
              {"word/styles.xml", &StylesXml()},
              {"word/settings.xml", &SettingsXml()},
              {"word/header1.xml", &FirstPageHeaderXml()},
              {"word/header2.xml", &PageNumberHeaderXml()}},
             dos_date);
}

}  // namespace floor_docx

// ---------------------------------------------------------------------------------------------

struct Run {
  double wall = 0;
  double cpu = 0;
  double template_s = 0;
  double docx_s = 0;
};

Run Ours(const output::Template& tmpl, nlohmann::json context) {
  Run run;
  const auto start = Steady::now();
  const double cpu = ThreadCpu();
  std::size_t bytes = 0;
  for (int i = 0; i < kDocs; ++i) {
    context["order"]["number"] = std::to_string(i + 1) + "/ОД";
    const double t0 = ThreadCpu();
    const output::Document doc = output::RenderTemplate(tmpl, context);
    const double t1 = ThreadCpu();
    bytes += output::RenderDocx(doc).size();
    run.template_s += t1 - t0;
    run.docx_s += ThreadCpu() - t1;
  }
  run.wall = Since(start);
  run.cpu = ThreadCpu() - cpu;
  if (bytes < kDocs * 1000u) Fail("our DOCX too small");
  return run;
}

// Our renderer alone, from the expanded document, as the floor starts.
double OursDocxCpu(const output::Document& sample) {
  const double cpu = ThreadCpu();
  std::size_t bytes = 0;
  for (int i = 0; i < kDocs; ++i) bytes += output::RenderDocx(sample).size();
  if (bytes < kDocs * 1000u) Fail("our DOCX too small");
  return ThreadCpu() - cpu;
}

struct FloorRun {
  double wall = 0;
  double cpu = 0;
};

FloorRun Floor(const output::Document& sample) {
  const auto start = Steady::now();
  const double cpu = ThreadCpu();
  std::size_t bytes = 0;
  for (int i = 0; i < kDocs; ++i) bytes += floor_docx::Render(sample).size();
  if (bytes < kDocs * 1000u) Fail("floor DOCX too small");
  return {Since(start), ThreadCpu() - cpu};
}

nlohmann::json Docxtpl(const fs::path& dir, const nlohmann::json& context) {
  nlohmann::json data = context;
  data["approved"] = "УТВЕРЖДЕН";
  std::ofstream(dir / "order.json") << data.dump();
  const fs::path tpl = dir / "order-template.docx";
  const std::string make = std::string(kPython) + " " +
                           (kSource / "bench/docx_order_template.py").string() + " " + tpl.string();
  if (std::system(make.c_str()) != 0) Fail("cannot write the Word template: " + make);
  const fs::path out = dir / "docxtpl.json";
  const std::string fill =
      std::string(kPython) + " " + (kSource / "bench/docx_order_fill.py").string() + " " +
      tpl.string() + " " + (dir / "order.json").string() + " " + std::to_string(kDocxtplDocs) +
      " " + (dir / "order-docxtpl.docx").string() + " > " + out.string();
  if (std::system(fill.c_str()) != 0) Fail("docxtpl failed: " + fill);
  return ReadJson(out);
}

}  // namespace

int main() {
  shnor::app::KeepFreedMemoryForReuse();
  const fs::path dir = fs::temp_directory_path() / "shnor-bench-docx";
  fs::remove_all(dir);
  fs::create_directories(dir);
  try {
    const output::Template tmpl = output::LoadTemplate(kSource / "templates/regional-order.yaml");
    const nlohmann::json context = OrderContext();
    const output::Document sample = output::RenderTemplate(tmpl, context);
    const std::string ours_once = output::RenderDocx(sample);
    const std::string floor_once = floor_docx::Render(sample);
    std::ofstream(dir / "order-ours.docx", std::ios::binary) << ours_once;
    std::ofstream(dir / "order-floor.docx", std::ios::binary) << floor_once;
    if (ours_once != floor_once) Fail("the floor's bytes differ from ours (order-*.docx)");
    Run best;
    FloorRun floor;
    double docx_cpu = 0;
    for (int rep = 0; rep < kReps; ++rep) {
      const Run run = Ours(tmpl, context);
      if (best.cpu == 0 || run.cpu < best.cpu) best = run;
      const double alone = OursDocxCpu(sample);
      if (docx_cpu == 0 || alone < docx_cpu) docx_cpu = alone;
      const FloorRun f = Floor(sample);
      if (floor.cpu == 0 || f.cpu < floor.cpu) floor = f;
    }
    const nlohmann::json tpl = Docxtpl(dir, context);
    auto ms = [](double seconds) { return seconds * 1000 / kDocs; };
    const double tpl_cpu = tpl["cpu_ms"].get<double>();
    std::printf(
        "Regional order as DOCX (%zu schools in appendix 1, %zu bytes), one thread, "
        "CPU ms per document (wall in brackets; the machine is shared):\n",
        kRows, ours_once.size());
    std::printf("  ours, template + DOCX:   %7.3f (%.3f)  of which template %.3f, DOCX %.3f\n",
                ms(best.cpu), ms(best.wall), ms(best.template_s), ms(best.docx_s));
    std::printf("  ours, DOCX alone:        %7.3f      from the expanded document\n", ms(docx_cpu));
    std::printf("  floor, string appends:   %7.3f (%.3f)  same bytes as ours: yes\n", ms(floor.cpu),
                ms(floor.wall));
    std::printf("  docxtpl 0.16, Word tpl:  %7.3f (%.3f fastest wall, %.3f median), %d docs\n",
                tpl_cpu, tpl["min_ms"].get<double>(), tpl["median_ms"].get<double>(), kDocxtplDocs);
    auto verdict = [](bool ok) { return ok ? "OK" : "MISSED"; };
    const double alone_floor = docx_cpu / floor.cpu;
    const double total_floor = best.cpu / floor.cpu;
    const double tpl_alone = tpl_cpu / ms(docx_cpu);
    const double tpl_total = tpl_cpu / ms(best.cpu);
    std::printf(
        "  ours / floor:   DOCX alone %5.2fx (target <= 1.3x) %s; with the template %.2fx\n",
        alone_floor, verdict(alone_floor <= 1.3), total_floor);
    std::printf(
        "  docxtpl / ours: DOCX alone %5.1fx (target >= 20x) %s; with the template %.1fx %s\n",
        tpl_alone, verdict(tpl_alone >= 20), tpl_total, verdict(tpl_total >= 20));
  } catch (const std::exception& e) {
    Fail(e.what());
  }
  if (!std::getenv("SHNOR_BENCH_KEEP")) fs::remove_all(dir);
  return 0;
}
