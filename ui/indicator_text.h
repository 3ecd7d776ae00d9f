// The indicator columns as the map shows them: planner's column names and
// Chinese labels (planner::indicator_columns), English labels, how each
// value is written, and which columns can colour the map.
#pragma once

#include <QLocale>
#include <QString>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/choropleth.h"

namespace tuowei::ui {

enum class ValueFormat { text, count, decimal2, rate, access, area, rank };

struct IndicatorInfo {
  std::string name;  // planner's column name, e.g. "places_per_1000"
  QString label_zh;  // planner's Chinese label, e.g. 千人口托位数
  QString label_en;
  ValueFormat format = ValueFormat::decimal2;
  bool mappable = false;  // offered as a choropleth
  Palette palette = Palette::blues;

  QString label(bool chinese) const { return chinese ? label_zh : label_en; }
};

// Every column of planner's indicator table, in planner's order.
std::vector<IndicatorInfo> indicator_catalog(bool with_access);

// A value of planner::indicator_row_json as text: counts with thousands
// separators, rates as percentages, "–" for no value.
QString format_value(const nlohmann::json& value, ValueFormat format, const QLocale& locale);

// The number behind a value (NaN for null or text), for sorting and classes.
double number_of(const nlohmann::json& value);

}  // namespace tuowei::ui
