// Layer styles in the GeoPackage, so that QGIS opens tuowei.gpkg styled: the
// `layer_styles` table QGIS reads (and writes when a style is saved to a
// GeoPackage), one default QML style per layer: townships and counties as a
// 5-class quantile choropleth of places per 1,000, facilities by type
// (filled: inclusive), deserts, catchments, proposed sites.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "gis/classify.h"

class GDALDataset;

namespace tuowei::planner {

// A graduated fill renderer on `attribute` for the values given (quantile
// classes as in the map), with ColorBrewer colours.
std::string graduated_fill_qml(const std::string& attribute, const std::vector<double>& values, gis::Palette palette);
// Facilities: one rule per type and inclusive flag (filled / hollow circles).
std::string facilities_qml(const std::vector<std::string>& types);
// One fill for every feature (deserts, catchments).
std::string simple_fill_qml(const gis::Rgb& fill, double fill_alpha, const gis::Rgb& outline, double outline_mm);
// Proposed sites: red markers labelled with their rank.
std::string proposals_qml();

// Adds (creating the table when missing) `qml` as the default style of
// `layer` in `ds`. Throws gis::Error naming `file`.
void add_layer_style(GDALDataset& ds, const std::filesystem::path& file, const std::string& layer,
                     const std::string& style_name, const std::string& qml);

}  // namespace tuowei::planner
