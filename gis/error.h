// The one exception type gis/ throws. Messages are written for the person
// who holds the data: which file, which record, what was expected; in
// English and Chinese (gis/text.h), what() in the current language.
#pragma once

#include <stdexcept>
#include <string>

#include "gis/text.h"

namespace tuowei::gis {

class Error : public std::runtime_error {
 public:
  explicit Error(Text text) : std::runtime_error(text.en()), text_(std::move(text)) {}
  const Text& text() const { return text_; }
  const char* what() const noexcept override { return text_.str().c_str(); }

 private:
  Text text_;
};

// What an exception says, in both languages: a gis::Error's Text (a
// planner::InputError's too, through its own overload), else its what().
inline Text text_of(const std::exception& e) {
  if (const auto* g = dynamic_cast<const Error*>(&e)) return g->text();
  return as_is(e.what());
}

// The text of GDAL's last error, or "" when there is none.
std::string last_gdal_error();

}  // namespace tuowei::gis
