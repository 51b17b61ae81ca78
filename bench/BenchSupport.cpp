#include "bench/BenchSupport.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "engine/cases/CaseService.h"
#include "engine/workflow/StateMachine.h"
#include "storage/CampaignRepository.h"
#include "storage/CaseRepository.h"
#include "storage/DirectoryRepository.h"

namespace shnor::bench {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long PeakMemoryMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

CampaignConfig NationalConfig(const std::string& code, int municipalities) {
  CampaignConfig config = LoadCampaignConfig(std::filesystem::path(SHNOR_SOURCE_DIR) /
                                             "samples/tyumen-2024/campaign.yaml");
  config.campaign.code = code;
  config.municipalities.clear();
  for (int i = 0; i < municipalities; ++i) {
    config.municipalities.push_back("Муниципальный округ № " + std::to_string(i + 1));
  }
  return config;
}

std::vector<SchoolRow> NationalSchools(const CampaignConfig& config, int count) {
  std::vector<SchoolRow> rows;
  rows.reserve(count);
  const int municipalities = static_cast<int>(config.municipalities.size());
  for (int i = 0; i < count; ++i) {
    rows.push_back({i + 2, "r-" + std::to_string(i), "МБОУ СОШ № " + std::to_string(i + 1),
                    config.municipalities[i % municipalities], i % 3 ? "1.2" : "1.1", ""});
  }
  return rows;
}

void AddNationalPeople(Workspace& ws, const storage::CampaignRecord& campaign,
                       int municipalities_per_curator) {
  storage::DirectoryRepository people(ws.db());
  auto municipalities = storage::CampaignRepository(ws.db()).Municipalities(campaign.id);
  storage::Database::Transaction tx(ws.db());
  auto person = [&](const std::string& name, const std::string& email) {
    storage::PersonRecord p;
    p.campaign_id = campaign.id;
    p.full_name = name;
    p.email = email;
    return people.InsertPerson(p);
  };
  storage::Id curator = 0;
  for (std::size_t m = 0; m < municipalities.size(); ++m) {
    if (m % municipalities_per_curator == 0) {
      curator = person("Куратор " + std::to_string(m), "curator" + std::to_string(m) + "@ex.ru");
    }
    people.InsertRole({curator, storage::PersonRole::Curator, municipalities[m].id, {}});
    storage::Id coordinator =
        person("Координатор " + std::to_string(m), "coord" + std::to_string(m) + "@ex.ru");
    people.InsertRole({coordinator, storage::PersonRole::Coordinator, municipalities[m].id, {}});
  }
  for (const auto& school : people.Schools(campaign.id)) {
    storage::Id contact =
        person("Ответственный " + school.school.code, school.school.code + "@ex.ru");
    people.InsertRole({contact, storage::PersonRole::SchoolContact, {}, school.school.id});
  }
  tx.Commit();
}

// Submits and approves the required stage I tasks of the schools of one municipality, one
// command at a time as the CLI would; returns the number of commands.
int FinishStageOne(Workspace& ws, const storage::CampaignRecord& campaign,
                   const std::string& municipality, const Actor& actor) {
  CaseService cases(ws);
  const WorkflowDefinition& def =
      ws.workflows().Get(campaign.workflow_id, campaign.workflow_version);
  auto tasks = TasksForStage(def, def.initial_stage, ws.TimeOf(campaign));
  int commands = 0;
  for (const auto& member :
       storage::CaseRepository(ws.db()).ActiveInStage(campaign.id, "I", municipality)) {
    for (const auto& task : tasks) {
      if (!def.FindTask(task.task_id)->required) continue;
      std::string ref = TaskReference(task.task_id, task.period);
      for (CommandKind kind : {CommandKind::TaskSubmit, CommandKind::TaskApprove}) {
        if (!cases.Execute(member.case_id, Command{kind, "", false, ref, {}, ""}, actor)
                 .applied()) {
          std::fprintf(stderr, "unexpected refusal for %s\n", member.school_code.c_str());
          std::exit(1);
        }
        ++commands;
      }
    }
  }
  return commands;
}

}  // namespace shnor::bench
