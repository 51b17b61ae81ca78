#pragma once
// Maps the columns of an imported table to school and person rows by their Russian headers, as
// regions write them (with common variants). A missing required column is a TableError naming
// the header line.
#include <vector>

#include "app/import/Table.h"
#include "engine/cases/DirectoryImport.h"

namespace shnor::app {

std::vector<SchoolRow> SchoolRowsFrom(const import::Table& table);
std::vector<PersonRow> PersonRowsFrom(const import::Table& table);

}  // namespace shnor::app
