#pragma once
// Where the data folders (workflows/, samples/) are: $SHNOR_DATA_DIR, else the source tree the
// binary was built from.
#include <filesystem>

namespace shnor::app {

std::filesystem::path DataDir();
std::filesystem::path WorkflowFile(const std::string& workflow_id);  // DataDir()/workflows/ID.yaml
std::filesystem::path SampleDir();
std::filesystem::path TemplateDir();  // DataDir()/templates
std::filesystem::path
CalendarDir();  // DataDir()/workflows/calendars  // DataDir()/samples/tyumen-2024

}  // namespace shnor::app
