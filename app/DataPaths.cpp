#include "app/DataPaths.h"

#include <cstdlib>
#include <string>

namespace shnor::app {

std::filesystem::path DataDir() {
  if (const char* dir = std::getenv("SHNOR_DATA_DIR"); dir && *dir) return dir;
  return SHNOR_DATA_DIR;
}

std::filesystem::path WorkflowFile(const std::string& workflow_id) {
  return DataDir() / "workflows" / (workflow_id + ".yaml");
}

std::filesystem::path CalendarDir() {
  return DataDir() / "workflows" / "calendars";
}

std::filesystem::path TemplateDir() {
  return DataDir() / "templates";
}

std::filesystem::path SampleDir() {
  return DataDir() / "samples" / "tyumen-2024";
}

}  // namespace shnor::app
