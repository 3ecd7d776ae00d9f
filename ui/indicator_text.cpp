#include "ui/indicator_text.h"

#include <cmath>
#include <map>

#include "planner/outputs.h"

namespace tuowei::ui {
namespace {

struct Presentation {
  const char* label_en;
  ValueFormat format;
  bool mappable;
  Palette palette;
};

// Columns where more means more need (people, missing places, deserts) use
// the warm scheme; supply and access use blues.
const std::map<std::string, Presentation>& presentations() {
  static const std::map<std::string, Presentation> p = {
      {"id", {"Code", ValueFormat::text, false, Palette::blues}},
      {"name", {"Name", ValueFormat::text, false, Palette::blues}},
      {"parent_id", {"County code", ValueFormat::text, false, Palette::blues}},
      {"parent_name", {"County", ValueFormat::text, false, Palette::blues}},
      {"area_km2", {"Area (km²)", ValueFormat::area, false, Palette::blues}},
      {"population", {"Residents", ValueFormat::count, true, Palette::yl_or_rd}},
      {"children_0_3", {"Children under 3", ValueFormat::count, true, Palette::yl_or_rd}},
      {"facilities", {"Facilities", ValueFormat::count, true, Palette::blues}},
      {"places", {"Places", ValueFormat::count, true, Palette::blues}},
      {"inclusive_places", {"Inclusive places", ValueFormat::count, true, Palette::blues}},
      {"enrolled", {"Enrolled", ValueFormat::count, true, Palette::blues}},
      {"places_per_1000", {"Places per 1,000 residents", ValueFormat::decimal2, true, Palette::blues}},
      {"enrolment_rate", {"Enrolment rate", ValueFormat::rate, true, Palette::blues}},
      {"inclusive_share", {"Inclusive share of places", ValueFormat::rate, true, Palette::blues}},
      {"places_needed", {"Places needed to reach the target", ValueFormat::count, true, Palette::yl_or_rd}},
      {"rank_in_parent", {"Rank in county", ValueFormat::rank, false, Palette::blues}},
      {"rank_overall", {"Rank overall", ValueFormat::rank, false, Palette::blues}},
      {"population_data_share", {"Population data coverage", ValueFormat::rate, false, Palette::blues}},
      {"places_per_100_children", {"Places per 100 children under 3", ValueFormat::decimal2, true, Palette::blues}},
      {"places_needed_for_share",
       {"Places needed for the care share of under-3s", ValueFormat::count, true, Palette::yl_or_rd}},
      {"year", {"Population year", ValueFormat::text, false, Palette::blues}},
      {"population_source", {"Residents from", ValueFormat::text, false, Palette::blues}},
      {"children_source", {"Under-3s from", ValueFormat::text, false, Palette::blues}},
      {"grid_population", {"Residents on the grid", ValueFormat::count, true, Palette::yl_or_rd}},
      {"grid_children_0_3", {"Under-3s on the grid", ValueFormat::count, true, Palette::yl_or_rd}},
      {"population_vs_grid", {"Residents: official / grid", ValueFormat::decimal2, true, Palette::blues}},
      {"children_vs_grid", {"Under-3s: official / grid", ValueFormat::decimal2, true, Palette::blues}},
      {"children_covered", {"Children within a catchment", ValueFormat::count, true, Palette::blues}},
      {"coverage_rate", {"Coverage rate", ValueFormat::rate, true, Palette::blues}},
      {"inclusive_coverage_rate", {"Inclusive coverage rate", ValueFormat::rate, true, Palette::blues}},
      {"access_2sfca", {"Accessibility (places per child, 2SFCA)", ValueFormat::access, true, Palette::blues}},
      {"access_index", {"Accessibility index (1 = area mean)", ValueFormat::decimal2, true, Palette::blues}},
      {"children_in_deserts", {"Children in service deserts", ValueFormat::count, true, Palette::yl_or_rd}},
      {"desert_area_km2", {"Service desert area (km²)", ValueFormat::area, true, Palette::yl_or_rd}},
  };
  return p;
}

}  // namespace

std::vector<IndicatorInfo> indicator_catalog(bool with_access) {
  std::vector<IndicatorInfo> out;
  for (const planner::Column& c : planner::indicator_columns(with_access)) {
    IndicatorInfo info;
    info.name = c.name;
    info.label_zh = QString::fromUtf8(c.label_zh);
    auto it = presentations().find(c.name);
    if (it != presentations().end()) {
      info.label_en = QString::fromUtf8(it->second.label_en);
      info.format = it->second.format;
      info.mappable = it->second.mappable;
      info.palette = it->second.palette;
    } else {
      // A column planner added since: show it with its own name.
      info.label_en = QString::fromStdString(c.name).replace('_', ' ');
      info.mappable = true;
    }
    out.push_back(std::move(info));
  }
  return out;
}

double number_of(const nlohmann::json& value) {
  return value.is_number() ? value.get<double>() : NAN;
}

QString format_value(const nlohmann::json& value, ValueFormat format, const QLocale& locale) {
  if (value.is_string()) return QString::fromStdString(value.get<std::string>());
  const double v = number_of(value);
  if (std::isnan(v)) return QStringLiteral("–");
  switch (format) {
    case ValueFormat::text:
      return QString::number(v);
    case ValueFormat::count:
      return locale.toString(std::round(v), 'f', 0);
    case ValueFormat::rank:
      return v > 0 ? locale.toString(int(v)) : QStringLiteral("–");
    case ValueFormat::rate: {
      // Small shares keep a second decimal: 0.3%, not 0.0%, next to 0%.
      const double pct = v * 100.0;
      return locale.toString(pct, 'f', pct != 0 && std::abs(pct) < 1 ? 2 : 1) + QStringLiteral("%");
    }
    case ValueFormat::access:
      return locale.toString(v, 'f', 4);
    case ValueFormat::area:
    case ValueFormat::decimal2:
      return locale.toString(v, 'f', 2);
  }
  return QString::number(v);
}

}  // namespace tuowei::ui
