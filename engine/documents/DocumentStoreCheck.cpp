#include "engine/documents/DocumentStoreCheck.h"

#include <set>

#include "output/DocumentPackage.h"
#include "storage/CampaignRepository.h"
#include "storage/CaseRepository.h"

namespace shnor {
namespace fs = std::filesystem;

std::size_t DocumentStoreReport::Unresolved() const {
  std::size_t left = 0;
  for (const DocumentProblem& p : problems) left += !p.superseded && p.repaired.empty();
  return left;
}

DocumentFiles::SweepReport DocumentStoreCheck::Sweep() {
  return documents_.files().Sweep([this] {
    storage::Database::ReadSnapshot snapshot(ws_.db());
    auto paths = storage::DocumentRegistry(ws_.db()).Paths();
    return std::set<std::string>(paths.begin(), paths.end());
  });
}

DocumentStoreReport DocumentStoreCheck::Check(bool repair) {
  DocumentStoreReport report;
  report.sweep = Sweep();
  std::vector<DocumentProblem> found;
  {
    storage::Database::ReadSnapshot snapshot(ws_.db());
    storage::DocumentRegistry registry(ws_.db());
    for (const auto& campaign : storage::CampaignRepository(ws_.db()).All()) {
      storage::DocumentFilter all;
      all.campaign_id = campaign.id;
      all.latest_only = false;
      for (auto& doc : registry.List(all)) {
        ++report.checked;
        const fs::path file = documents_.root() / doc.path;
        std::error_code error;
        const bool exists = fs::is_regular_file(file, error);
        if (exists && output::FileSha256(file) == doc.sha256) continue;
        auto latest =
            registry.Current({doc.campaign_id, doc.case_id, doc.kind, doc.stage, doc.format});
        found.push_back({doc, !exists, latest && latest->id != doc.id, {}, ""});
      }
    }
  }
  report.problems = std::move(found);
  if (repair) {
    for (DocumentProblem& p : report.problems) {
      if (!p.superseded) Repair(p);
    }
  }
  return report;
}

// The document made again from today's data under its number, as `docs render` would, for the
// stage it belongs to; the broken row stays in the registry as the version it was.
void DocumentStoreCheck::Repair(DocumentProblem& problem) {
  const storage::DocumentRecord& doc = problem.document;
  auto campaign = storage::CampaignRepository(ws_.db()).FindById(doc.campaign_id);
  if (!campaign) return;
  DocumentRequest request{doc.kind, doc.case_id, nullptr, nlohmann::json::object()};
  std::optional<CaseRecord> record;
  if (doc.case_id) {
    record = storage::CaseRepository(ws_.db()).Load(*doc.case_id);
    if (!record) return;
    record->stage_id = doc.stage;
    request.record = &*record;
  }
  try {
    for (auto& made : documents_.Make(*campaign, request)) {
      if (made.format == doc.format) problem.repaired.push_back(std::move(made));
    }
  } catch (const std::exception& e) {
    // The interview schedule, say, needs the days it was made for: only a person can remake it.
    problem.repair_error = e.what();
  }
}

}  // namespace shnor
