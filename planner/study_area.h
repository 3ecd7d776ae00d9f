// The study area: townships (乡镇/街道) with their boundaries and facilities
// (托育机构) with their places, read from the project's sources, checked, and
// tied together (each facility assigned to the township that holds it).
#pragma once

#include <ogr_geometry.h>

#include <cmath>
#include <string>
#include <vector>

#include "gis/crs.h"
#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct Township {
  std::string id;  // e.g. the 12-digit 统计用区划代码
  std::string name;
  std::string parent_id;  // county/district; "" when not configured
  std::string parent_name;
  OGRGeometryUniquePtr geometry;      // in source_crs, repaired if it was invalid
  OGRGeometryUniquePtr geometry_wgs84;
  double area_km2 = 0.0;  // in the study area's metric CRS
};

struct Facility {
  int record = 0;  // 1-based record number in the source, for messages
  std::string id, name, type, operator_kind;
  double places = 0.0;
  double enrolled = NAN;  // NaN when the source leaves it empty
  bool inclusive = false;
  double lon = 0.0, lat = 0.0;  // WGS84
  int township = -1;            // index into StudyArea::townships, -1 outside all
};

struct StudyArea {
  gis::Crs township_crs;  // the boundaries' CRS (as read or overridden)
  gis::Crs metric_crs;    // for distances and areas
  std::vector<Township> townships;
  std::vector<Facility> facilities;
  std::string townships_encoding, facilities_encoding;
};

// Reads and checks townships and facilities. Problems found are added to
// `problems`; what could not be read is left out (a caller must not go on
// when problems.has_errors()).
StudyArea load_study_area(const Project& project, Problems& problems);

// The facilities' positions in the study area's metric CRS, in their order.
void facility_positions(const StudyArea& area, std::vector<double>& x, std::vector<double>& y);

// The township holding (lon, lat) in WGS84, lowest index on a border; -1 if none.
int locate_township(const StudyArea& area, double lon, double lat);
// Adds a facility (lon/lat set) and assigns it to the township holding it.
void add_facility(StudyArea& area, Facility facility);

// Facilities' lon/lat sanity: "" when plausible for China, else a message
// (outside China; latitude and longitude look swapped).
std::string check_china_lonlat(double lon, double lat);

}  // namespace tuowei::planner
