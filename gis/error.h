// The one exception type gis/ throws. Messages are written for the person
// who holds the data: which file, which record, what was expected.
#pragma once

#include <stdexcept>
#include <string>

namespace tuowei::gis {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The text of GDAL's last error, or "" when there is none.
std::string last_gdal_error();

}  // namespace tuowei::gis
