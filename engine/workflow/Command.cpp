#include "engine/workflow/Command.h"

namespace shnor {

const char* ToString(CommandKind kind) {
  switch (kind) {
    case CommandKind::Advance:
      return "advance";
    case CommandKind::Return:
      return "return";
    case CommandKind::Withdraw:
      return "withdraw";
    case CommandKind::Reinstate:
      return "reinstate";
    case CommandKind::Complete:
      return "complete";
    case CommandKind::TaskSubmit:
      return "task-submit";
    case CommandKind::TaskApprove:
      return "task-approve";
    case CommandKind::TaskReturn:
      return "task-return";
    case CommandKind::TaskExtend:
      return "task-extend";
    case CommandKind::Recompute:
      return "recompute";
  }
  return "?";
}

}  // namespace shnor
