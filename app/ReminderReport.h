#pragma once
// How `remind`, `scheduler` and `demo` tell a person what a reminder pass did.
#include <ostream>
#include <string>

#include "engine/reminders/ReminderScheduler.h"

namespace shnor::app {

// The letters of the plan: one line per recipient, with dry_run as "would be sent".
void PrintPlan(std::ostream& out, const ReminderPlan& plan, bool dry_run);
void PrintWrite(std::ostream& out, const PlanWriteResult& written);
void PrintDelivery(std::ostream& out, const DeliveryReport& delivery, const std::string& where);
// Items nobody can be told of, unusable addresses and failed deliveries.
void PrintProblems(std::ostream& err, const ReminderPlan& plan, const DeliveryReport& delivery);

}  // namespace shnor::app
