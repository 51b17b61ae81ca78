#include "bench/BenchSupport.h"

#include <sys/resource.h>

#include <filesystem>

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

}  // namespace shnor::bench
