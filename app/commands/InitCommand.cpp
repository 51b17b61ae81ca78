// shnor init: create the database and a campaign from its settings file, and the key that
// signs its audit log.
#include <iostream>

#include "app/Commands.h"
#include "app/DataPaths.h"
#include "engine/cases/CampaignSetup.h"

namespace shnor::app {
namespace {

struct InitOptions {
  std::string campaign_file;
  std::string workflow_file;
};

void PrintKey(Workspace& ws, const AuditSeal::KeyInfo& key) {
  std::cout << (key.created ? "Создан ключ подписи журнала: " : "Ключ подписи журнала: ")
            << ws.audit_seal().key_file().string() << "\n"
            << "Открытый ключ подписи журнала: " << key.public_key << "\n";
  if (!key.created) return;
  std::cout << "Сохраните копию файла ключа отдельно от резервных копий базы, а открытый ключ — "
               "в записях администратора: без ключа журнал не подписать, по открытому ключу "
               "подпись проверяет shnor log --verify.\n";
}

void RunInit(CliContext& ctx, const InitOptions& o) {
  std::filesystem::path campaign_file = o.campaign_file.empty()
                                            ? SampleDir() / "campaign.yaml"
                                            : std::filesystem::path(o.campaign_file);
  CampaignConfig config = LoadCampaignConfig(campaign_file);
  std::filesystem::path workflow_file = o.workflow_file.empty()
                                            ? WorkflowFile(config.campaign.workflow_id)
                                            : std::filesystem::path(o.workflow_file);
  auto ws = ctx.Open(storage::OpenMode::CreateIfMissing);
  AuditSeal::KeyInfo key = ws->audit_seal().EnsureKey();
  storage::CampaignRecord campaign =
      CreateCampaign(*ws, config, workflow_file, ctx.ActingPerson(*ws, config.campaign));
  std::cout << "Создан проект «" << campaign.code << "» (" << campaign.region << ", "
            << config.municipalities.size() << " муниципальных образований) в базе "
            << ctx.options.db << "\n"
            << "Процесс: " << campaign.workflow_id << " версии " << campaign.workflow_version
            << "\n";
  PrintKey(*ws, key);
}

}  // namespace

void AddInitCommand(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<InitOptions>();
  auto* cmd = app.add_subcommand("init", "создать базу и проект по файлу настроек");
  cmd->add_option("campaign_file", options->campaign_file,
                  "файл настроек проекта (по умолчанию samples/tyumen-2024/campaign.yaml)");
  cmd->add_option("--workflow", options->workflow_file,
                  "файл определения процесса (по умолчанию workflows/<id>.yaml)");
  cmd->callback([&ctx, options] { RunInit(ctx, *options); });
}

}  // namespace shnor::app
