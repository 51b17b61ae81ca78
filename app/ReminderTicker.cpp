#include "app/ReminderTicker.h"

#include <algorithm>
#include <iostream>

#include "app/ReminderReport.h"

namespace shnor::app {

std::chrono::steady_clock::duration ReminderTicker::Tick() {
  TimePoint next;
  ReminderPass pass = scheduler_.Tick(next);
  Report(pass, next);
  auto pause = std::chrono::duration_cast<std::chrono::steady_clock::duration>(next - clock_.Now());
  return std::clamp<std::chrono::steady_clock::duration>(pause, std::chrono::seconds{1},
                                                         kLongestSleep);
}

void ReminderTicker::Report(const ReminderPass& pass, TimePoint next) {
  if (pass.planned) {
    PrintPlan(std::cout, pass.plan, false);
    PrintWrite(std::cout, pass.written);
    PrintProblems(std::cerr, pass.plan, pass.delivery);
  }
  if (pass.planned || pass.delivery.sent + pass.delivery.retrying + pass.delivery.failed > 0) {
    PrintDelivery(std::cout, pass.delivery, "планировщик");
    if (!pass.planned) PrintProblems(std::cerr, pass.plan, pass.delivery);
    std::cout << "Следующий запуск: " << FormatLocal(next, offset_) << "\n" << std::flush;
  }
}

}  // namespace shnor::app
