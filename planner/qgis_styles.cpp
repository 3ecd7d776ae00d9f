#include "planner/qgis_styles.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>

#include "gis/error.h"
#include "gis/gdal_env.h"
#include "planner/say.h"

namespace tuowei::planner {
namespace {

// QGIS reads styles written for older versions; the header names the one
// these follow.
constexpr const char* kHeader =
    "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.28.0\" "
    "styleCategories=\"Symbology|Labeling\" labelsEnabled=\"{}\">\n";

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string rgba(const gis::Rgb& c, double alpha = 1.0) {
  return fmt::format("{},{},{},{}", c.r, c.g, c.b, int(std::lround(255 * alpha)));
}

std::string fill_symbol(int name, const gis::Rgb& fill, double alpha, const gis::Rgb& outline, double outline_mm,
                        bool no_fill = false) {
  return fmt::format(
      "      <symbol type=\"fill\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      "        <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
      "          <prop k=\"color\" v=\"{}\"/>\n"
      "          <prop k=\"style\" v=\"{}\"/>\n"
      "          <prop k=\"outline_color\" v=\"{}\"/>\n"
      "          <prop k=\"outline_style\" v=\"{}\"/>\n"
      "          <prop k=\"outline_width\" v=\"{}\"/>\n"
      "          <prop k=\"outline_width_unit\" v=\"MM\"/>\n"
      "        </layer>\n"
      "      </symbol>\n",
      name, rgba(fill, alpha), no_fill ? "no" : "solid", rgba(outline), outline_mm > 0 ? "solid" : "no",
      outline_mm);
}

std::string marker_symbol(int name, const std::string& shape, const gis::Rgb& fill, bool hollow, double size_mm) {
  return fmt::format(
      "      <symbol type=\"marker\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      "        <layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
      "          <prop k=\"name\" v=\"{}\"/>\n"
      "          <prop k=\"color\" v=\"{}\"/>\n"
      "          <prop k=\"outline_color\" v=\"{}\"/>\n"
      "          <prop k=\"outline_width\" v=\"{}\"/>\n"
      "          <prop k=\"outline_width_unit\" v=\"MM\"/>\n"
      "          <prop k=\"size\" v=\"{}\"/>\n"
      "          <prop k=\"size_unit\" v=\"MM\"/>\n"
      "        </layer>\n"
      "      </symbol>\n",
      name, shape, hollow ? "255,255,255,255" : rgba(fill), hollow ? rgba(fill) : "255,255,255,255",
      hollow ? 0.6 : 0.3, size_mm);
}

std::string number(double v) { return std::isfinite(v) ? fmt::format("{:.2f}", v) : "-"; }

// Facility types get the map's colours in the order given.
const char* const kTypeColours[] = {"#7b3294", "#1a9850", "#d01c8b", "#404040", "#a6611a", "#2166ac", "#b2182b"};

}  // namespace

std::string graduated_fill_qml(const std::string& attribute, const std::vector<double>& values, gis::Palette palette) {
  const gis::ClassBreaks breaks = gis::quantile_breaks(values, 5);
  const std::vector<gis::Rgb> colours = gis::sequential_palette(palette, std::max(1, breaks.classes()));
  std::string ranges, symbols;
  for (int k = 0; k < breaks.classes(); ++k) {
    const double lo = breaks.edges[size_t(k)], hi = breaks.edges[size_t(k) + 1];
    const double shown_lo = breaks.lows[size_t(k)];
    const std::string label = number(shown_lo) == number(hi) ? number(hi) : number(shown_lo) + " – " + number(hi);
    ranges += fmt::format("      <range lower=\"{:.15g}\" upper=\"{:.15g}\" symbol=\"{}\" label=\"{}\" render=\"true\"/>\n",
                          lo, hi, k, xml_escape(label));
    symbols += fill_symbol(k, colours[size_t(k)], 1.0, {120, 120, 120}, 0.2);
  }
  return fmt::format(kHeader, 0) +
         fmt::format("  <renderer-v2 type=\"graduatedSymbol\" attr=\"{}\" graduatedMethod=\"GraduatedColor\" "
                     "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n    <ranges>\n{}    </ranges>\n"
                     "    <symbols>\n{}    </symbols>\n  </renderer-v2>\n</qgis>\n",
                     xml_escape(attribute), ranges, symbols);
}

std::string facilities_qml(const std::vector<std::string>& types) {
  std::string rules, symbols;
  int n = 0;
  for (size_t t = 0; t < types.size(); ++t) {
    const gis::Rgb colour = gis::Rgb::from_hex(kTypeColours[t % (sizeof kTypeColours / sizeof *kTypeColours)]);
    for (int inclusive : {1, 0}) {
      std::string quoted;  // a QGIS string literal: ' doubled
      for (char ch : types[t]) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
      const std::string filter = fmt::format("\"type\" = '{}' AND \"inclusive\" = {}", quoted, inclusive);
      const std::string label = types[t] + (inclusive ? "（普惠）" : "（非普惠）");
      rules += fmt::format("      <rule key=\"r{}\" symbol=\"{}\" label=\"{}\" filter=\"{}\"/>\n", n, n,
                           xml_escape(label), xml_escape(filter));
      symbols += marker_symbol(n, "circle", colour, inclusive == 0, 2.6);
      ++n;
    }
  }
  return fmt::format(kHeader, 0) +
         fmt::format("  <renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
                     "    <rules key=\"root\">\n{}    </rules>\n    <symbols>\n{}    </symbols>\n  </renderer-v2>\n"
                     "</qgis>\n",
                     rules, symbols);
}

std::string simple_fill_qml(const gis::Rgb& fill, double fill_alpha, const gis::Rgb& outline, double outline_mm) {
  return fmt::format(kHeader, 0) +
         fmt::format("  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
                     "    <symbols>\n{}    </symbols>\n  </renderer-v2>\n</qgis>\n",
                     fill_symbol(0, fill, fill_alpha, outline, outline_mm, fill_alpha == 0.0));
}

std::string proposals_qml() {
  return fmt::format(kHeader, 1) +
         fmt::format("  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n"
                     "    <symbols>\n{}    </symbols>\n  </renderer-v2>\n"
                     "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n"
                     "      <text-style fieldName=\"rank\" isExpression=\"0\" fontSize=\"9\" fontWeight=\"75\" "
                     "textColor=\"189,0,38,255\"/>\n"
                     "      <text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferColor=\"255,255,255,255\"/>\n"
                     "      <placement placement=\"1\" dist=\"1.5\"/>\n"
                     "    </settings>\n  </labeling>\n</qgis>\n",
                     marker_symbol(0, "star", {189, 0, 38}, false, 5.0));
}

void add_layer_style(GDALDataset& ds, const std::filesystem::path& file, const std::string& layer,
                     const std::string& style_name, const std::string& qml) {
  OGRLayer* styles = ds.GetLayerByName("layer_styles");
  if (!styles) {
    styles = ds.CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
    if (!styles) {
      throw gis::Error(say("{}: cannot create the layer_styles table ({})", file.string(), gis::last_gdal_error()));
    }
    for (const char* name : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                             "styleQML", "styleSLD", "description", "owner", "ui", "update_time"}) {
      OGRFieldDefn f(name, OFTString);
      styles->CreateField(&f);
    }
    OGRFieldDefn use("useAsDefault", OFTInteger);
    use.SetSubType(OFSTBoolean);
    styles->CreateField(&use);
  }
  OGRLayer* target = ds.GetLayerByName(layer.c_str());
  OGRFeature f(styles->GetLayerDefn());
  f.SetField("f_table_catalog", "");
  f.SetField("f_table_schema", "");
  f.SetField("f_table_name", layer.c_str());
  f.SetField("f_geometry_column", target && target->GetGeometryColumn() ? target->GetGeometryColumn() : "geom");
  f.SetField("styleName", style_name.c_str());
  f.SetField("styleQML", qml.c_str());
  f.SetField("styleSLD", "");
  f.SetField("useAsDefault", 1);
  f.SetField("description", "tuowei");
  f.SetField("owner", "");
  f.SetField("ui", "");
  if (styles->CreateFeature(&f) != OGRERR_NONE) {
    throw gis::Error(say("{}: cannot write the style of {} ({})", file.string(), layer, gis::last_gdal_error()));
  }
}

}  // namespace tuowei::planner
