// Everything wrong with a project's inputs, collected rather than thrown one
// at a time, so a planner sees every problem in one go.
#pragma once

#include <string>
#include <vector>

namespace tuowei::planner {

enum class Severity { warning, error };

struct Problem {
  Severity severity = Severity::error;
  std::string where;    // "facilities.csv, record 12 (机构编号 NN-0012)"
  std::string message;  // what is wrong, what was expected
  std::string fix;      // how to fix it ("" when obvious)
  bool record = false;  // about one record, which a run may leave out
};

class Problems {
 public:
  void error(std::string where, std::string message, std::string fix = {});
  void warning(std::string where, std::string message, std::string fix = {});
  // An error confined to one record (a facility with unreadable places...).
  void record_error(std::string where, std::string message, std::string fix = {});
  // Turns record errors into warnings: the run goes on without those records.
  void skip_bad_records();
  void append(const Problems& other);
  const std::vector<Problem>& all() const { return items_; }
  bool has_errors() const;
  int count(Severity s) const;
  // One line per problem: "error: WHERE: MESSAGE (fix: FIX)".
  std::string format() const;

 private:
  std::vector<Problem> items_;
};

// Thrown when a step cannot go on; carries every problem found so far.
class InputError : public std::exception {
 public:
  explicit InputError(Problems problems);
  const Problems& problems() const { return problems_; }
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  Problems problems_;
  std::string text_;
};

}  // namespace tuowei::planner
