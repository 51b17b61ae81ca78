#pragma once
// Importing schools and people into a campaign. All rows are checked first; if any row is bad,
// the report lists every bad row and nothing is stored.
#include <string>
#include <vector>

#include "engine/workflow/Command.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

struct SchoolRow {
  int line = 0;
  std::string code;
  std::string name;
  std::string municipality;
  std::string list;            // "1.1" or "1.2"
  std::string partner_school;  // optional
};

struct PersonRow {
  int line = 0;
  std::string full_name;
  std::string role;  // куратор, муниципальный координатор, ответственный от ОО, наставник
  std::string municipalities;  // a curator's list, separated by commas or semicolons
  std::string school_code;
  std::string email;
  std::string phone;
};

struct ImportIssue {
  int line = 0;  // 0 = the file as a whole
  std::string message;
};

struct ImportReport {
  std::string source;
  std::vector<ImportIssue> issues;
  int imported = 0;
  bool ok() const { return issues.empty(); }
  std::string Text() const;  // "schools.csv, строка 5: ..." one per line
};

ImportReport ImportSchools(Workspace& workspace, const storage::CampaignRecord& campaign,
                           const std::string& source, const std::vector<SchoolRow>& rows,
                           const Actor& actor);
ImportReport ImportPeople(Workspace& workspace, const storage::CampaignRecord& campaign,
                          const std::string& source, const std::vector<PersonRow>& rows,
                          const Actor& actor);

}  // namespace shnor
