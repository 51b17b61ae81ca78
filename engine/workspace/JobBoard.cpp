#include "engine/workspace/JobBoard.h"

#include <sodium.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

#include "engine/base/Errors.h"

namespace shnor {
namespace {

constexpr int kJobNice = 10;

std::string NewJobId() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  return sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
}

// Who a job belongs to: the same person acting in the same role.
std::string OwnerKey(const Actor& actor) {
  return std::string(ToString(actor.role)) + ":" + actor.name;
}

}  // namespace

const char* ToString(JobState state) {
  switch (state) {
    case JobState::Running:
      return "running";
    case JobState::Done:
      return "done";
    case JobState::Failed:
      return "failed";
  }
  return "running";
}

struct JobBoard::Entry {
  std::string owner;
  JobStatus status;
};

class JobBoard::EntryProgress : public JobProgress {
 public:
  EntryProgress(std::mutex& mutex, Entry& entry) : mutex_(mutex), entry_(entry) {}
  void Report(std::size_t done, std::size_t total, std::size_t refused) override {
    std::lock_guard lock(mutex_);
    entry_.status.done = done;
    entry_.status.total = total;
    entry_.status.refused = refused;
  }

 private:
  std::mutex& mutex_;
  Entry& entry_;
};

JobBoard::~JobBoard() {
  std::vector<std::thread> running;
  {
    std::lock_guard lock(mutex_);
    running.swap(threads_);
  }
  for (auto& t : running) t.join();
}

JobStatus JobBoard::Start(const Actor& owner, const std::string& kind, Work work) {
  auto entry = std::make_shared<Entry>();
  entry->owner = OwnerKey(owner);
  entry->status.id = NewJobId();
  entry->status.kind = kind;
  std::lock_guard lock(mutex_);
  jobs_.emplace(entry->status.id, entry);
  order_.push_back(entry->status.id);
  ForgetOld();
  threads_.emplace_back([this, entry, work = std::move(work)] { Run(entry, work); });
  return entry->status;
}

void JobBoard::Run(std::shared_ptr<Entry> entry, Work work) {
  // Long work yields the cores to the requests people wait on; on Linux the nice value is the
  // thread's own and is inherited by the threads it starts (the document renderers).
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kJobNice);
  EntryProgress progress(mutex_, *entry);
  std::string result;
  std::string error;
  try {
    auto ws = origin_.Another();
    result = work(*ws, progress);
  } catch (const std::exception& e) {
    error = e.what();
  }
  std::lock_guard lock(mutex_);
  entry->status.state = error.empty() ? JobState::Done : JobState::Failed;
  entry->status.result_json = std::move(result);
  entry->status.error = std::move(error);
}

JobStatus JobBoard::Get(const std::string& id, const Actor& viewer) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  bool visible = it != jobs_.end() &&
                 (it->second->owner == OwnerKey(viewer) || viewer.role == Role::Administrator);
  if (!visible) throw NotFound("Нет задания «" + id + "»");
  return it->second->status;
}

// Under the lock. Running jobs are never forgotten.
void JobBoard::ForgetOld() {
  for (auto it = order_.begin(); order_.size() > kKeptJobs && it != order_.end();) {
    auto job = jobs_.find(*it);
    if (job != jobs_.end() && job->second->status.state == JobState::Running) {
      ++it;
      continue;
    }
    if (job != jobs_.end()) jobs_.erase(job);
    it = order_.erase(it);
  }
}

}  // namespace shnor
