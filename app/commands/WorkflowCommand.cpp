// shnor workflow load: store a new version of a workflow definition.
#include <iostream>

#include "app/Commands.h"
#include "engine/cases/WorkflowAdoption.h"

namespace shnor::app {
namespace {

struct WorkflowOptions {
  std::string file;
  bool adopt = false;
};

void RunLoad(CliContext& ctx, const WorkflowOptions& o) {
  auto ws = ctx.Open();
  auto campaign = ws->Campaign(ctx.options.campaign);
  LoadedWorkflow loaded =
      LoadWorkflowVersion(*ws, campaign, o.file, o.adopt, ctx.ActingPerson(*ws, campaign));
  std::cout << "Загружено определение «" << loaded.id << "» версии " << loaded.version << ".\n";
  if (loaded.adopted) {
    std::cout << "Новые школы проекта «" << campaign.code << "» начнут по этой версии; "
              << "дела, уже идущие, продолжают по своим.\n";
  } else {
    std::cout << "Идущие дела не изменены (чтобы новые школы начинали по ней, добавьте --adopt).\n";
  }
}

}  // namespace

void AddWorkflowCommand(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<WorkflowOptions>();
  auto* cmd = app.add_subcommand("workflow", "определения процесса");
  cmd->require_subcommand(1);
  auto* load = cmd->add_subcommand("load", "загрузить новую версию определения из YAML");
  load->add_option("file", options->file, "файл определения")->required();
  load->add_flag("--adopt", options->adopt, "новые школы проекта начинают по этой версии");
  load->callback([&ctx, options] { RunLoad(ctx, *options); });
}

}  // namespace shnor::app
