#include "ui/info_panel.h"

#include <QVariantMap>

#include <cmath>

namespace tuowei::ui {
namespace {

nlohmann::json value_in(const nlohmann::json& row, const std::string& name) {
  const auto it = row.find(name);
  return it == row.end() ? nlohmann::json() : *it;
}

void add_row(InfoPanelText::Content& c, const QString& label, const QString& value, bool highlight = false,
             const QString& before = {}) {
  c.rows.append(QVariantMap{{"label", label}, {"value", value}, {"highlight", highlight}, {"before", before}});
}

QString township_name(int t, const std::vector<planner::Township>& townships, const QString& outside) {
  return t >= 0 && size_t(t) < townships.size() ? QString::fromStdString(townships[size_t(t)].name) : outside;
}

}  // namespace

InfoPanelText::Content InfoPanelText::township(const nlohmann::json& now, const nlohmann::json& before,
                                               const std::vector<IndicatorInfo>& catalog,
                                               const std::string& indicator, bool chinese, const QLocale& locale) {
  Content c;
  c.title = QString::fromStdString(now.value("name", std::string()));
  const QString county = QString::fromStdString(now.value("parent_name", std::string()));
  const QString code = QString::fromStdString(now.value("id", std::string()));
  c.subtitle = county.isEmpty() ? code : county + QStringLiteral(" · ") + code;
  for (const IndicatorInfo& info : catalog) {
    if (info.format == ValueFormat::text) continue;
    const QString value = format_value(value_in(now, info.name), info.format, locale);
    const QString was = format_value(value_in(before, info.name), info.format, locale);
    add_row(c, info.label(chinese), value, info.name == indicator, was != value ? was : QString());
  }
  return c;
}

InfoPanelText::Content InfoPanelText::facility(const planner::Facility& f,
                                               const std::vector<planner::Township>& townships,
                                               const planner::Catchment* catchment, const QLocale& locale) {
  Content c;
  c.title = QString::fromStdString(f.name);
  c.subtitle = QString::fromStdString(f.id);
  add_row(c, tr("Type"), QString::fromStdString(f.type));
  add_row(c, tr("Operator"), QString::fromStdString(f.operator_kind));
  add_row(c, tr("Places"), locale.toString(std::round(f.places), 'f', 0), true);
  add_row(c, tr("Enrolled"), std::isnan(f.enrolled) ? QStringLiteral("–") : locale.toString(std::round(f.enrolled), 'f', 0));
  add_row(c, tr("Inclusive (普惠)"), f.inclusive ? tr("yes") : tr("no"));
  add_row(c, tr("Township"), township_name(f.township, townships, tr("outside every township")));
  if (catchment) {
    add_row(c, tr("Children in the catchment"), locale.toString(std::round(catchment->weighted_demand), 'f', 0));
    add_row(c, tr("Places per child in the catchment"),
            std::isnan(catchment->places_per_child) ? QStringLiteral("–")
                                                    : locale.toString(catchment->places_per_child, 'f', 3));
  }
  return c;
}

InfoPanelText::Content InfoPanelText::proposal(const planner::Proposal& p, const QString& unit,
                                               const std::vector<planner::Township>& townships,
                                               const QLocale& locale) {
  Content c;
  c.title = tr("Proposed site %1").arg(p.rank);
  c.subtitle = QString::fromStdString(p.site.name.empty() ? p.site.id : p.site.name);
  add_row(c, tr("Township"), township_name(p.site.township, townships, tr("outside every township")));
  if (!p.site.type.empty()) add_row(c, tr("Type"), QString::fromStdString(p.site.type));
  add_row(c, tr("Places"), locale.toString(std::round(p.site.places), 'f', 0));
  if (std::isfinite(p.site.cost)) add_row(c, tr("Cost"), locale.toString(p.site.cost, 'f', 0));
  if (p.site.radius_m > 0) add_row(c, tr("Catchment"), tr("%1 m").arg(locale.toString(p.site.radius_m, 'f', 0)));
  add_row(c, tr("Gain (%1)").arg(unit), locale.toString(p.gain, 'f', 0), true);
  add_row(c, tr("Objective with this and higher-ranked sites"), locale.toString(p.objective_after, 'f', 0));
  // Why this site, each child counted once in rank order.
  add_row(c, tr("Children newly covered"), locale.toString(std::round(p.children_newly_covered), 'f', 0));
  if (p.desert_children_removed > 0) {
    add_row(c, tr("Desert removed"),
            tr("%1 children, %2 km²")
                .arg(locale.toString(std::round(p.desert_children_removed), 'f', 0),
                     locale.toString(p.desert_km2_removed, 'f', 2)));
  }
  if (std::isfinite(p.township_per_1000_before)) {
    add_row(c, tr("Township places per 1,000"),
            tr("%1 → %2").arg(locale.toString(p.township_per_1000_before, 'f', 2),
                              locale.toString(p.township_per_1000_after, 'f', 2)));
  }
  if (!p.alternative_id.empty()) {
    add_row(c, tr("Best alternative nearby"),
            tr("%1, %2 m away, %3 if swapped")
                .arg(QString::fromStdString(p.alternative_name.empty() ? p.alternative_id : p.alternative_name),
                     locale.toString(p.alternative_distance_m, 'f', 0),
                     (p.alternative_change > 0 ? QStringLiteral("+") : QString()) +
                         locale.toString(p.alternative_change, 'f', 0)));
  }
  add_row(c, tr("Longitude, latitude (WGS84)"),
          QStringLiteral("%1, %2").arg(p.site.lon, 0, 'f', 6).arg(p.site.lat, 0, 'f', 6));
  add_row(c, tr("Longitude, latitude (GCJ-02)"), QStringLiteral("%1, %2").arg(p.gcj_lon, 0, 'f', 6).arg(p.gcj_lat, 0, 'f', 6));
  return c;
}

QString InfoPanelText::facility_hover(const planner::Facility& f, const QLocale& locale) {
  return tr("%1\n%2 · %3 places · %4")
      .arg(QString::fromStdString(f.name), QString::fromStdString(f.type),
           locale.toString(std::round(f.places), 'f', 0), f.inclusive ? tr("inclusive") : tr("not inclusive"));
}

QString InfoPanelText::proposal_hover(const planner::Proposal& p, const QLocale& locale) {
  return tr("Proposed site %1\n%2 places · gain %3")
      .arg(p.rank)
      .arg(locale.toString(std::round(p.site.places), 'f', 0), locale.toString(p.gain, 'f', 0));
}

}  // namespace tuowei::ui
