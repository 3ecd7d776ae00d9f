#include "planner/problems.h"

#include <algorithm>

namespace tuowei::planner {

void Problems::error(std::string where, std::string message, std::string fix) {
  items_.push_back({Severity::error, std::move(where), std::move(message), std::move(fix)});
}

void Problems::warning(std::string where, std::string message, std::string fix) {
  items_.push_back({Severity::warning, std::move(where), std::move(message), std::move(fix)});
}

void Problems::record_error(std::string where, std::string message, std::string fix) {
  items_.push_back({Severity::error, std::move(where), std::move(message), std::move(fix), true});
}

void Problems::skip_bad_records() {
  for (Problem& p : items_) {
    if (p.record && p.severity == Severity::error) {
      p.severity = Severity::warning;
      p.message += "; the record is left out";
    }
  }
}

void Problems::append(const Problems& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

bool Problems::has_errors() const { return count(Severity::error) > 0; }

int Problems::count(Severity s) const {
  return int(std::count_if(items_.begin(), items_.end(), [s](const Problem& p) { return p.severity == s; }));
}

std::string Problems::format() const {
  std::string out;
  for (const Problem& p : items_) {
    out += p.severity == Severity::error ? "error: " : "warning: ";
    if (!p.where.empty()) out += p.where + ": ";
    out += p.message;
    if (!p.fix.empty()) out += " (fix: " + p.fix + ")";
    out += '\n';
  }
  return out;
}

InputError::InputError(Problems problems) : problems_(std::move(problems)) {
  text_ = problems_.format();
  if (text_.empty()) text_ = "invalid input";
}

}  // namespace tuowei::planner
