#include "tests/PdfReading.h"

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <regex>

#include "tests/TestSupport.h"

namespace shnor::test {

ToolResult Run(const std::string& command, const std::filesystem::path& dir) {
  const std::filesystem::path out = dir / "tool-output.txt";
  const int status = std::system((command + " > " + Quote(out) + " 2>&1").c_str());
  ToolResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadText(out);
  return result;
}

std::string Quote(const std::filesystem::path& path) {
  return "'" + path.string() + "'";
}

std::string PdfText(const std::filesystem::path& pdf, int first, int last, bool layout) {
  // The text goes to a folder of its own, so the PDF's folder stays as the code under test left it.
  TempDir dir;
  std::string command = "pdftotext -q -enc UTF-8";
  if (layout) command += " -layout";
  if (first > 0) command += " -f " + std::to_string(first) + " -l " + std::to_string(last);
  const std::filesystem::path text = dir / "text.txt";
  REQUIRE(Run(command + " " + Quote(pdf) + " " + Quote(text), dir.path()).exit_code == 0);
  return ReadText(text);
}

std::vector<WordBox> PdfWords(const std::filesystem::path& pdf, int page) {
  TempDir dir;
  const std::filesystem::path html = dir / "bbox.html";
  const std::string pages = " -f " + std::to_string(page) + " -l " + std::to_string(page);
  REQUIRE(Run("pdftotext -q -bbox" + pages + " " + Quote(pdf) + " " + Quote(html), dir.path())
              .exit_code == 0);
  const std::string text = ReadText(html);
  static const std::regex word(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)"
      "</word>");
  std::vector<WordBox> words;
  for (std::sregex_iterator it(text.begin(), text.end(), word), end; it != end; ++it) {
    words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]),
                     std::stod((*it)[4]), (*it)[5]});
  }
  return words;
}

const WordBox* FindWord(const std::vector<WordBox>& words, const std::string& text) {
  for (const WordBox& word : words) {
    if (word.text == text) return &word;
  }
  return nullptr;
}

std::string Squash(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

std::string MissingInOrder(const std::string& text, const std::vector<std::string>& pieces) {
  std::size_t from = 0;
  for (const std::string& piece : pieces) {
    const std::size_t at = text.find(piece, from);
    if (at == std::string::npos) return piece;
    from = at + piece.size();
  }
  return "";
}

}  // namespace shnor::test
