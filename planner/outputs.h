// Writing results: GeoPackage layers, Excel-friendly CSV, summary JSON.
// Every file is written under a temporary name and renamed into place.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <functional>
#include <nlohmann/json.hpp>

class GDALDataset;
class OGRLayer;
class OGRFeature;

#include "planner/access.h"
#include "planner/facilities.h"
#include "planner/indicators.h"
#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct Analysis;
struct ProposalRun;

enum class Labels { en, zh };

struct WriteOptions {
  Labels labels = Labels::en;
  // access.tif, coverage.tif, deserts.tif on the population grid (cell-level access only).
  bool rasters = true;
  // Merged into summary.json at the top level (the report's equity...).
  nlohmann::json summary_extra;
};

// DIR/tuowei.gpkg, townships.csv, counties.csv (when townships have parents),
// summary.json and, with cell-level access and options.rasters, the three
// GeoTIFFs. `extra` may add layers to the GeoPackage. Returns the files.
std::vector<std::filesystem::path> write_results(const std::filesystem::path& dir, const Analysis& results,
                                                 const WriteOptions& options,
                                                 const std::function<void(GDALDataset&)>& extra = {});

// A proposal run beside its base: the results of the base (as write_results,
// without rasters) plus the layers proposals and townships_after in
// tuowei.gpkg, proposals.csv, townships_before_after.csv, proposals.txt and
// proposals.json.
std::vector<std::filesystem::path> write_proposals(const std::filesystem::path& dir, const Analysis& base,
                                                   const ProposalRun& run, Labels labels,
                                                   const nlohmann::json& summary_extra = {});

// The layers proposals and townships_after (no styles) into `ds`; `file`
// names it in messages.
void add_proposal_layers(GDALDataset& ds, const std::filesystem::path& file, const Analysis& base,
                         const ProposalRun& run);

// What summary.json says of a run (passwords in the inputs' paths masked),
// and what proposals.json says of a proposal run.
nlohmann::json summary_json(const Analysis& results);
nlohmann::json proposals_json(const Analysis& base, const ProposalRun& run);

// The places needed by year (places_needed_by_year()), one row per township
// and year and one for the total: as CSV (Excel-friendly, with a BOM), and
// as the attribute table places_needed_by_year of a GeoPackage.
void write_year_needs_csv(const std::filesystem::path& file, const std::vector<YearNeed>& needs,
                          const std::vector<Township>& townships, Labels labels);
void add_year_needs_layer(GDALDataset& ds, const std::filesystem::path& file, const std::vector<YearNeed>& needs,
                          const std::vector<Township>& townships);

// access.tif (A_i), coverage.tif (0 beyond every catchment, 1 in one, 2 in
// an inclusive one) and deserts.tif (1 desert, 0 served) on the population
// grid of `cells` (those `access` was computed on), 255 / NaN where no
// child lives.
std::vector<std::filesystem::path> write_access_rasters(const std::filesystem::path& dir, const DemandCells& cells,
                                                        const AccessResult& access);

// The stable English column names and their Chinese labels, in output order.
struct Column {
  const char* name;
  const char* label_zh;
};
std::vector<Column> indicator_columns(bool with_access);

// A GeoPackage with layers townships (polygons + indicators), counties (when
// parents are known: dissolved polygons + indicators), facilities (points +
// assigned township). All in WGS84 (EPSG:4326).
// With `access`: also layers deserts (desert patches merged per township)
// and catchments (facility catchment circles, or facility points with a
// cost table). `extra` (optional) may add layers before the file is committed.
void write_geopackage(const std::filesystem::path& file, const FacilitySet& facilities, const IndicatorTable& table,
                      const AccessResult* access = nullptr,
                      const std::function<void(GDALDataset&)>& extra = {});
// The layers of write_geopackage (without the QGIS styles) into any dataset:
// the GeoPackage, or the in-memory one that goes to PostGIS. `file` names it
// in messages.
void add_result_layers(GDALDataset& ds, const std::filesystem::path& file, const FacilitySet& facilities,
                       const IndicatorTable& table, const AccessResult* access);
// The indicator columns as fields of a layer, and a row's values into a feature.
void add_indicator_fields(OGRLayer& layer, const std::filesystem::path& file, bool with_access);
void set_indicator_fields(OGRFeature& feature, const IndicatorRow& row, bool with_access);

// UTF-8 with a byte-order mark so that Excel shows Chinese correctly.
void write_indicator_csv(const std::filesystem::path& file, const std::vector<IndicatorRow>& rows, Labels labels,
                         bool with_access);

nlohmann::json indicator_row_json(const IndicatorRow& row, bool with_access);
void write_json(const std::filesystem::path& file, const nlohmann::json& doc);
void write_text(const std::filesystem::path& file, const std::string& text);
// Quotes a CSV field when it holds a comma, a quote or a line break.
std::string csv_quote(const std::string& field);

}  // namespace tuowei::planner
