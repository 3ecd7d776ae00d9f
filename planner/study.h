// A study loaded once: the project's townships, facilities and population,
// read, checked, indexed and summed in one go. Analyses take a Study, never a
// path, and read no file again. A Study does not change once loaded: what-if
// edits and proposed sites are FacilitySets laid over it (facilities.h).
//
//   project.toml ─┐ read_project
//   boundaries ───┤ read_inputs (check, repair, reproject)      one streamed pass over the rasters
//   facilities ───┼──────────────────────────> Study ─────────────────────────────> Demand
//   rasters ──────┘                            townships + ONE TownshipIndex          per township: residents, under-3s
//   official table (optional) ───────────────> facilities (metric x/y, township)      populated cells: x/y, children, shares
//                                              Projection: figures by year ─────────> Demand of the base year, or of any
//                                                                                      later year (demand_for)
#pragma once

#include <ogr_geometry.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gis/crs.h"
#include "planner/demand.h"
#include "planner/problems.h"
#include "planner/project.h"
#include "planner/projection.h"

namespace tuowei::gis {
class PolygonIndex;
}

namespace tuowei::planner {

// Called with a short stage name ("population", "accessibility") and the
// fraction of that stage done (0..1). It may throw to cancel (the map does).
using Progress = std::function<void(const std::string& stage, double fraction)>;

struct Township {
  std::string id;  // e.g. the 12-digit 统计用区划代码
  std::string name;
  std::string parent_id;  // county/district; "" when not configured
  std::string parent_name;
  OGRGeometryUniquePtr geometry;      // in the source's CRS, repaired if it was invalid
  OGRGeometryUniquePtr geometry_wgs84;
  double area_km2 = 0.0;  // in the study's metric CRS
};

struct Facility {
  int record = 0;  // 1-based record number in the source, for messages; 0 for added ones
  std::string id, name, type, operator_kind;
  double places = 0.0;
  double enrolled = NAN;  // NaN when the source leaves it empty
  bool inclusive = false;
  double lon = 0.0, lat = 0.0;  // WGS84
  double x = 0.0, y = 0.0;      // the study's metric CRS
  int township = -1;            // index into Study::townships(), -1 outside all
};

// Which township holds a point: the one index that the CLI, access, siting,
// what-if and the map's hit test all ask. A Boost R-tree over the
// boundaries' envelopes, then an exact GEOS test on prepared geometries.
class TownshipIndex {
 public:
  TownshipIndex();
  explicit TownshipIndex(const std::vector<Township>& townships);  // borrows their WGS84 geometries
  TownshipIndex(TownshipIndex&&) noexcept;
  TownshipIndex& operator=(TownshipIndex&&) noexcept;
  ~TownshipIndex();
  // The township holding (lon, lat) in WGS84; on a shared border the lowest
  // index; -1 outside every township. One thread at a time (GEOS prepares
  // its own index on first use).
  int at(double lon, double lat) const;

 private:
  std::unique_ptr<gis::PolygonIndex> index_;
};

struct LoadOptions {
  // Keep the populated under-3 cells: catchments, deserts, siting and what-if
  // need them; the township indicators alone do not.
  bool cells = true;
  bool skip_bad_records = false;  // leave out facility records with errors
  Progress progress;
};

class Study {
 public:
  Study(Study&&) noexcept;
  Study& operator=(Study&&) noexcept;
  ~Study();

  const Project& project() const { return project_; }
  const std::vector<Township>& townships() const { return townships_; }
  // The facility register as read (facilities.h lays edits over it).
  const std::vector<Facility>& facilities() const { return facilities_; }
  const TownshipIndex& township_index() const { return index_; }
  const gis::Crs& township_crs() const { return township_crs_; }
  const gis::Crs& metric_crs() const { return metric_crs_; }
  // The population at the base year (the official table's year, else the
  // grid's): the official figures where the table has them, the grid's
  // elsewhere, with the populated cells scaled to them (projection.h).
  const Demand& demand() const { return *demand_; }
  const std::shared_ptr<const Demand>& demand_ptr() const { return demand_; }
  // The same for the end of `year` (0 = the base year). Throws InputError
  // for a year before the base year.
  std::shared_ptr<const Demand> demand_for(int year) const;
  int base_year() const { return projection_->base_year(); }
  const Projection& projection() const { return *projection_; }
  // The rasters' own figures and cells.
  const Demand& grid_demand() const { return *grid_demand_; }
  // Warnings found while loading (errors stop the load).
  const Problems& problems() const { return problems_; }
  const std::string& townships_encoding() const { return townships_encoding_; }
  const std::string& facilities_encoding() const { return facilities_encoding_; }

  // A facility at (lon, lat) WGS84 with its metric position and township set.
  Facility place(Facility f, double lon, double lat) const;

 private:
  Study();
  friend Study load_study(Project project, const LoadOptions& options);
  Project project_;
  std::vector<Township> townships_;
  std::vector<Facility> facilities_;
  TownshipIndex index_;
  gis::Crs township_crs_, metric_crs_;
  std::unique_ptr<gis::CoordinateTransform> wgs84_to_metric_;
  std::shared_ptr<const Demand> grid_demand_, demand_;
  std::unique_ptr<Projection> projection_;
  Problems problems_;
  std::string townships_encoding_, facilities_encoding_;
};

// Reads the project file; throws InputError listing every problem in it.
Project read_project_or_throw(const std::filesystem::path& file);

// Reads, checks and indexes every input and makes the one pass over the
// population rasters. Throws InputError listing every problem found.
Study load_study(Project project, const LoadOptions& options = {});

struct ValidationReport {
  Project project;
  Problems problems;
  int townships = 0;
  int facilities = 0;
  int population_layers = 0;
};

// Reads the project and every input and checks all of it, reading raster
// headers but no cells: what `tuowei validate` prints. `deep` also decodes
// every raster block (truncated files, impossible cell values), as a run
// would read them (`tuowei validate --deep`).
ValidationReport validate_project(const std::filesystem::path& project_file, bool deep = false);

}  // namespace tuowei::planner
