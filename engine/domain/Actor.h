#pragma once
// Who gives a command or asks a question: their name for the audit log, the role they act in and
// the schools they may see. Every command and every query of the engine takes one, so the rules
// about who may do what are asked in one place (engine/access/AccessPolicy.h) whichever adapter
// built it.
#include <optional>
#include <set>
#include <string>

#include "engine/domain/CaseRecords.h"
#include "engine/domain/Role.h"

namespace shnor {

// The schools one may read: everything (administrator, observer) or those of the listed
// municipalities (a curator's, a coordinator's) and the listed schools (a school's own). Empty
// sets without `everything` see nothing.
struct Scope {
  bool everything = false;
  std::set<Id> municipalities;
  std::set<Id> schools;
};

struct Actor {
  std::string name;  // shown in the audit log beside the login, for reading
  Role role = Role::Administrator;
  Scope scope{true, {}, {}};
  // Who it is, for the audit log: the user account and its login (for the command line's --as,
  // the person's e-mail, and their account when they have one). Names may repeat; these do not.
  // None and "" for the command line's own administrator.
  std::optional<Id> account_id{};
  std::string login{};
};

}  // namespace shnor
