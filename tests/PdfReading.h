#pragma once
// Reading a written PDF back for tests through the poppler and qpdf tools, and comparing the
// text they extract.
#include <filesystem>
#include <string>
#include <vector>

namespace shnor::test {

struct ToolResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs the shell `command` with its output captured in a file of `dir`.
ToolResult Run(const std::string& command, const std::filesystem::path& dir);

// The path in single quotes, for a shell command.
std::string Quote(const std::filesystem::path& path);

// The text of the PDF (pages first..last when given) as `pdftotext` sees it, `-layout` when
// asked. Fails the test when pdftotext does.
std::string PdfText(const std::filesystem::path& pdf, int first = 0, int last = 0,
                    bool layout = false);

// A word of a page and its box in points, y from the top of the page (pdftotext -bbox).
struct WordBox {
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
  std::string text;
};

// The words of page `page` (1-based) in pdftotext's reading order.
std::vector<WordBox> PdfWords(const std::filesystem::path& pdf, int page);

// The first word whose text is `text`, or nullptr.
const WordBox* FindWord(const std::vector<WordBox>& words, const std::string& text);

// Whitespace (line ends, several spaces) collapsed to single spaces.
std::string Squash(const std::string& text);

// The first of `pieces` not found in `text` after the one before it; "" when all are.
std::string MissingInOrder(const std::string& text, const std::vector<std::string>& pieces);

}  // namespace shnor::test
