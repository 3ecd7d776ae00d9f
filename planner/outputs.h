// Writing results: GeoPackage layers, Excel-friendly CSV, summary JSON.
// Every file is written under a temporary name and renamed into place.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <functional>

class GDALDataset;
class OGRLayer;
class OGRFeature;

#include "planner/indicators.h"
#include "planner/problems.h"
#include "planner/project.h"
#include "planner/study_area.h"

namespace tuowei::planner {

enum class Labels { en, zh };

// The stable English column names and their Chinese labels, in output order.
struct Column {
  const char* name;
  const char* label_zh;
};
std::vector<Column> indicator_columns(bool with_access);

// DIR/tuowei.gpkg: layers townships (polygons + indicators), counties (when
// parents are known: dissolved polygons + indicators), facilities (points +
// assigned township). All in WGS84 (EPSG:4326).
// With `access`: also layers deserts (desert polygons) and catchments
// (facility catchment circles, or facility points with a cost table).
struct AccessResult;
// `extra` (optional) may add layers before the file is committed.
void write_geopackage(const std::filesystem::path& file, const StudyArea& area, const IndicatorTable& table,
                      const AccessResult* access = nullptr,
                      const std::function<void(GDALDataset&)>& extra = {});
// The indicator columns as fields of a layer, and a row's values into a feature.
void add_indicator_fields(OGRLayer& layer, const std::filesystem::path& file, bool with_access);
void set_indicator_fields(OGRFeature& feature, const IndicatorRow& row, bool with_access);

// UTF-8 with a byte-order mark so that Excel shows Chinese correctly.
void write_indicator_csv(const std::filesystem::path& file, const std::vector<IndicatorRow>& rows, Labels labels,
                         bool with_access);

nlohmann::json indicator_row_json(const IndicatorRow& row, bool with_access);
void write_json(const std::filesystem::path& file, const nlohmann::json& doc);

}  // namespace tuowei::planner
