#pragma once
// Who gives a command or asks a question: their name for the audit log, the role they act in and
// the schools they may see. Every command and every query of the engine takes one, so the rules
// about who may do what are asked in one place (engine/access/AccessPolicy.h) whichever adapter
// built it.
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
  std::string name;  // shown in the audit log
  Role role = Role::Administrator;
  Scope scope{true, {}, {}};
};

}  // namespace shnor
