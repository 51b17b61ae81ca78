#pragma once
// Do the registry and the documents folder agree? Every registered file must exist with its
// registered checksum, and no document file may lie there unregistered. `serve` sweeps at start-up
// and `shnor fsck` checks, sweeps and, with repair, makes a lost or altered document again.
#include <string>
#include <vector>

#include "engine/documents/DocumentService.h"

namespace shnor {

struct DocumentProblem {
  storage::DocumentRecord document;
  bool missing = false;     // no file; otherwise its checksum differs
  bool superseded = false;  // a newer version exists, so it cannot be made again
  std::vector<storage::DocumentRecord> repaired;  // the new version, when repaired
  std::string repair_error;                       // why it could not be made again
};

struct DocumentStoreReport {
  std::size_t checked = 0;
  std::vector<DocumentProblem> problems;
  DocumentFiles::SweepReport sweep;
  // Problems of latest versions (what a package would carry) not repaired. A superseded version
  // that is lost is reported, but a newer version stands for it and it cannot be made again.
  std::size_t Unresolved() const;
};

class DocumentStoreCheck {
 public:
  DocumentStoreCheck(Workspace& workspace, DocumentService& documents)
      : ws_(workspace), documents_(documents) {}

  // Removes unregistered document files and stale temporary files, unless a writer is at work.
  DocumentFiles::SweepReport Sweep();
  // Sweeps, then checks every registered file; with `repair`, makes each lost or altered latest
  // version again as a new version with the same number.
  DocumentStoreReport Check(bool repair);

 private:
  void Repair(DocumentProblem& problem);

  Workspace& ws_;
  DocumentService& documents_;
};

}  // namespace shnor
