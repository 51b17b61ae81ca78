#pragma once
// The sample region imported by the real `shnor` binary into a database of its own, for tests
// that drive the command line: init, the schools and the people, then any command through Run.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/TestSupport.h"

namespace shnor::test {

struct CliSample {
  CliSample() {
    const std::string sample = (SourceDir() / "samples/tyumen-2024").string();
    REQUIRE(Run("init").exit_code == 0);
    REQUIRE(Run("import schools '" + sample + "/schools.csv'").exit_code == 0);
    REQUIRE(Run("import people '" + sample + "/people.csv'").exit_code == 0);
  }
  ProcessResult Run(const std::string& args, const std::string& today = "2024-02-10") {
    return RunShnor("--db '" + db().string() + "' --today " + today + " " + args);
  }
  std::filesystem::path db() const { return dir / "shnor.db"; }
  TempDir dir;
};

}  // namespace shnor::test
