#include "planner/problems.h"

#include <algorithm>

#include "planner/say.h"

namespace tuowei::planner {

void Problems::error(gis::Text where, gis::Text message, gis::Text fix) {
  items_.push_back({Severity::error, std::move(where), std::move(message), std::move(fix)});
}

void Problems::warning(gis::Text where, gis::Text message, gis::Text fix) {
  items_.push_back({Severity::warning, std::move(where), std::move(message), std::move(fix)});
}

void Problems::record_error(gis::Text where, gis::Text message, gis::Text fix) {
  items_.push_back({Severity::error, std::move(where), std::move(message), std::move(fix), true});
}

void Problems::skip_bad_records() {
  for (Problem& p : items_) {
    if (p.record && p.severity == Severity::error) {
      p.severity = Severity::warning;
      p.message += say("; the record is left out");
    }
  }
}

void Problems::append(const Problems& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

bool Problems::has_errors() const { return count(Severity::error) > 0; }

int Problems::count(Severity s) const {
  return int(std::count_if(items_.begin(), items_.end(), [s](const Problem& p) { return p.severity == s; }));
}

std::string Problems::format(gis::Lang lang) const {
  std::string out;
  for (const Problem& p : items_) {
    gis::Text line = p.severity == Severity::error ? say("error: ") : say("warning: ");
    if (!p.where.empty()) line += say("{}: ", p.where);
    line += p.message;
    if (!p.fix.empty()) line += say(" (fix: {})", p.fix);
    out += line.in(lang);
    out += '\n';
  }
  return out;
}

InputError::InputError(Problems problems) : problems_(std::move(problems)) {
  en_ = problems_.format(gis::Lang::en);
  zh_ = problems_.format(gis::Lang::zh);
  if (en_.empty()) {
    const gis::Text none = say("invalid input");
    en_ = none.en();
    zh_ = none.zh();
  }
}

const char* InputError::what() const noexcept { return (gis::language() == gis::Lang::zh ? zh_ : en_).c_str(); }

}  // namespace tuowei::planner
