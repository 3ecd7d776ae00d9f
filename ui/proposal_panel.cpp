#include "ui/proposal_panel.h"

#include <QStringList>
#include <QVariantMap>

#include <cmath>
#include <utility>

#include "planner/outputs.h"

namespace tuowei::ui {

void ProposalPanel::set(std::shared_ptr<ProposalResult> result, size_t townships) {
  result_ = std::move(result);
  after_rows_.clear();
  accepted_.clear();
  if (!has_run()) return;
  const planner::IndicatorTable& after = run().after_table;
  if (after.townships.size() == townships) {
    for (const planner::IndicatorRow& r : after.townships) {
      after_rows_.push_back(planner::indicator_row_json(r, after.has_access));
    }
  }
  accepted_.assign(run().proposals.size(), 0);
}

QString ProposalPanel::unit_text(const std::string& unit) {
  if (unit == "children newly covered") return tr("children newly covered");
  if (unit == "children newly served") return tr("children newly served");
  if (unit == "children x metres to the nearest facility") return tr("children × metres saved");
  if (unit == "sites") return tr("sites");
  return QString::fromStdString(unit);
}

QVariantList ProposalPanel::objectives() {
  return {QVariantMap{{"name", "coverage"}, {"label", tr("Cover the most children (maximal covering)")}},
          QVariantMap{{"name", "capacitated"}, {"label", tr("Serve the most children, within places (capacitated)")}},
          QVariantMap{{"name", "setcover"}, {"label", tr("Fewest sites to reach the coverage target (set cover)")}},
          QVariantMap{{"name", "pmedian"}, {"label", tr("Shortest distances to a facility (p-median)")}}};
}

QVariantList ProposalPanel::list(const std::vector<planner::Township>& townships, const QLocale& locale) const {
  QVariantList out;
  if (!has_run()) return out;
  const planner::ProposalRun& r = run();
  for (size_t i = 0; i < r.proposals.size(); ++i) {
    const planner::Proposal& p = r.proposals[i];
    const QString township = p.site.township >= 0 && size_t(p.site.township) < townships.size()
                                 ? QString::fromStdString(townships[size_t(p.site.township)].name)
                                 : QString();
    out.append(QVariantMap{
        {"index", int(i)},
        {"rank", p.rank},
        {"name", QString::fromStdString(p.site.name.empty() ? p.site.id : p.site.name)},
        {"township", township},
        {"places", locale.toString(std::round(p.site.places), 'f', 0)},
        {"gain", locale.toString(p.gain, 'f', 0)},
        {"type", QString::fromStdString(p.site.type)},
        {"newlyCovered", locale.toString(std::round(p.children_newly_covered), 'f', 0)},
        {"alternative", QString::fromStdString(p.alternative_name.empty() ? p.alternative_id : p.alternative_name)},
        {"objectiveAfter", locale.toString(p.objective_after, 'f', 0)},
        {"gcj", QStringLiteral("%1, %2").arg(p.gcj_lon, 0, 'f', 6).arg(p.gcj_lat, 0, 'f', 6)},
        {"accepted", accepted(int(i))},
        {"status", accepted(int(i)) ? tr("built (what-if)") : QString()},
    });
  }
  return out;
}

QString ProposalPanel::summary(const QLocale& locale) const {
  if (!has_run()) return {};
  const planner::ProposalRun& r = run();
  QString text = tr("%n site(s) proposed; gain in %1.", "", int(r.proposals.size())).arg(unit_text(r.objective_unit));
  if (!r.solution.solver.empty()) {
    // The methods in the solver's name, in the interface's language.
    QStringList methods;
    const std::pair<const char*, QString> names[] = {{"greedy", tr("greedy")},
                                                     {"Lagrangian", tr("Lagrangian relaxation")},
                                                     {"interchange", tr("interchange")},
                                                     {"CBC", tr("mixed-integer programme (CBC)")}};
    for (const auto& [key, label] : names) {
      if (r.solution.solver.find(key) != std::string::npos) methods << label;
    }
    const QString how = methods.isEmpty() ? QString::fromStdString(r.solution.solver) : methods.join(tr(", "));
    text += QStringLiteral(" ") + tr("Solver: %1").arg(how);
    if (r.solution.optimal) {
      text += QStringLiteral(" (") + tr("optimal") + QStringLiteral(")");
    } else if (std::isfinite(r.solution.gap)) {
      text += QStringLiteral(" (") + tr("gap %1%").arg(locale.toString(100 * r.solution.gap, 'f', 1)) +
              QStringLiteral(")");
    }
    text += QStringLiteral(".");
  }
  if (!r.summary_zh.empty()) text += QStringLiteral("\n\n") + QString::fromStdString(r.summary_zh);
  return text;
}

QGeoCoordinate ProposalPanel::coordinate(int proposal) const {
  if (proposal < 0 || size_t(proposal) >= size()) return {};
  const planner::Proposal& p = run().proposals[size_t(proposal)];
  return QGeoCoordinate(p.site.lat, p.site.lon);
}

bool ProposalPanel::accepted(int proposal) const {
  return proposal >= 0 && size_t(proposal) < accepted_.size() && accepted_[size_t(proposal)];
}

void ProposalPanel::mark_accepted(int proposal) {
  if (proposal >= 0 && size_t(proposal) < accepted_.size()) accepted_[size_t(proposal)] = 1;
}

}  // namespace tuowei::ui
