#pragma once
// Plain-text tables for the terminal, aligned by characters rather than UTF-8 bytes.
#include <ostream>
#include <string>
#include <vector>

namespace shnor::app {

std::size_t DisplayWidth(const std::string& utf8);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace shnor::app
