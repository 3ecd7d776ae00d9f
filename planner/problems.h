// Everything wrong with a project's inputs, collected rather than thrown one
// at a time, so a planner sees every problem in one go.
#pragma once

#include <string>
#include <vector>

#include "gis/text.h"

namespace tuowei::planner {

enum class Severity { warning, error };

struct Problem {
  Severity severity = Severity::error;
  gis::Text where;    // "facilities.csv, record 12 (机构编号 NN-0012)"
  gis::Text message;  // what is wrong, what was expected
  gis::Text fix;      // how to fix it (empty when obvious)
  bool record = false;  // about one record, which a run may leave out
};

class Problems {
 public:
  void error(gis::Text where, gis::Text message, gis::Text fix = {});
  void warning(gis::Text where, gis::Text message, gis::Text fix = {});
  // An error confined to one record (a facility with unreadable places...).
  void record_error(gis::Text where, gis::Text message, gis::Text fix = {});
  // Turns record errors into warnings: the run goes on without those records.
  void skip_bad_records();
  void append(const Problems& other);
  const std::vector<Problem>& all() const { return items_; }
  bool has_errors() const;
  int count(Severity s) const;
  // One line per problem: "error: WHERE: MESSAGE (fix: FIX)", in `lang`.
  std::string format(gis::Lang lang = gis::language()) const;

 private:
  std::vector<Problem> items_;
};

// Thrown when a step cannot go on; carries every problem found so far.
class InputError : public std::exception {
 public:
  explicit InputError(Problems problems);
  const Problems& problems() const { return problems_; }
  // In the current language.
  const char* what() const noexcept override;

 private:
  Problems problems_;
  std::string en_, zh_;
};

}  // namespace tuowei::planner
