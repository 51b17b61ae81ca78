#pragma once
// Long work (a bulk advance of a national stage) as a job: the request that starts it returns at
// once with the job's id, the work runs on a thread of its own with a Workspace of its own, and
// its progress (done / total, refusals so far) and its result are kept for whoever started it.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/domain/Actor.h"
#include "engine/workspace/Workspace.h"

namespace shnor {

enum class JobState { Running, Done, Failed };
const char* ToString(JobState state);

struct JobStatus {
  std::string id;    // 32 hex digits: unguessable, so a link to it reveals nothing else
  std::string kind;  // "bulk-advance"
  JobState state = JobState::Running;
  std::size_t done = 0;
  std::size_t total = 0;
  std::size_t refused = 0;
  std::string result_json;  // once done: what the request would have answered
  std::string error;        // once failed: why, in Russian
};

// What the work reports as it goes; safe from the job's thread.
class JobProgress {
 public:
  virtual ~JobProgress() = default;
  virtual void Report(std::size_t done, std::size_t total, std::size_t refused) = 0;
};

class JobBoard {
 public:
  // Jobs open their Workspace from `origin` (Workspace::Another), which must outlive the board.
  explicit JobBoard(const Workspace& origin) : origin_(origin) {}
  ~JobBoard();  // waits for the running jobs
  JobBoard(const JobBoard&) = delete;
  JobBoard& operator=(const JobBoard&) = delete;

  // The work returns the result's JSON; what it throws fails the job with its message.
  using Work = std::function<std::string(Workspace&, JobProgress&)>;
  JobStatus Start(const Actor& owner, const std::string& kind, Work work);
  // The job as it stands. Throws NotFound unless `viewer` started it or administers the system:
  // a job's result lists schools, which only its owner was allowed to see together.
  JobStatus Get(const std::string& id, const Actor& viewer) const;

  static constexpr std::size_t kKeptJobs = 200;  // finished ones beyond are forgotten, oldest first

 private:
  struct Entry;
  class EntryProgress;
  void Run(std::shared_ptr<Entry> entry, Work work);
  void ForgetOld();

  const Workspace& origin_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> jobs_;
  std::vector<std::string> order_;  // ids, oldest first
  std::vector<std::thread> threads_;
};

}  // namespace shnor
