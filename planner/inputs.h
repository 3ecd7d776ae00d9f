// Reading the study's vector inputs: township boundaries (乡镇/街道) and the
// facility register (托育机构 with their places), each record checked, with
// every problem collected (file, record, what, how to fix). load_study()
// (study.h) indexes what this reads and ties facilities to townships.
#pragma once

#include <string>
#include <vector>

#include "gis/crs.h"
#include "gis/text.h"
#include "planner/problems.h"
#include "planner/project.h"
#include "planner/study.h"

namespace tuowei::planner {

struct StudyInputs {
  gis::Crs township_crs;  // the boundaries' CRS (as read or overridden)
  gis::Crs metric_crs;    // for distances and areas
  std::vector<Township> townships;
  std::vector<Facility> facilities;  // lon/lat set; x/y and township not yet
  std::string townships_encoding, facilities_encoding;
};

// What could not be read is left out; a caller must not go on when
// problems.has_errors().
StudyInputs read_inputs(const Project& project, Problems& problems);

// A number as a spreadsheet user writes it ("1,200" included); false unless
// the whole text is one finite number.
bool parse_number(const std::string& text, double& out);

// Facilities' lon/lat sanity: empty when plausible for China, else a message
// (outside China; latitude and longitude look swapped).
gis::Text check_china_lonlat(double lon, double lat);

}  // namespace tuowei::planner
