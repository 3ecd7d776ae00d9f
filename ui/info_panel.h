// What the info panel says about the selection: a township's indicators
// (now, and before the edits or the proposals where they differ), a
// facility's details and catchment, a proposed site's effect. Text only;
// MapController shows it.
#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QVariantList>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "planner/access.h"
#include "planner/siting/propose.h"
#include "ui/indicator_text.h"

namespace tuowei::ui {

class InfoPanelText : public QObject {
  Q_OBJECT

 public:
  struct Content {
    QString title, subtitle;
    // {label, value, highlight, before}: before is "" unless it differs.
    QVariantList rows;
  };

  // Rows are planner::indicator_row_json; `indicator` is highlighted.
  static Content township(const nlohmann::json& now, const nlohmann::json& before,
                          const std::vector<IndicatorInfo>& catalog, const std::string& indicator, bool chinese,
                          const QLocale& locale);
  // `catchment` is null without access.
  static Content facility(const planner::Facility& f, const std::vector<planner::Township>& townships,
                          const planner::Catchment* catchment, const QLocale& locale);
  static Content proposal(const planner::Proposal& p, const QString& unit,
                          const std::vector<planner::Township>& townships, const QLocale& locale);

  // One or two lines for a tooltip.
  static QString facility_hover(const planner::Facility& f, const QLocale& locale);
  static QString proposal_hover(const planner::Proposal& p, const QLocale& locale);
};

}  // namespace tuowei::ui
