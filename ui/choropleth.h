// The map's choropleth: gis/classify.h's quantile classes and ColorBrewer
// palettes, as Qt colours and texts. Display only: the values come from
// planner's indicator table.
#pragma once

#include <QColor>
#include <QString>

#include <functional>
#include <vector>

#include "gis/classify.h"

namespace tuowei::ui {

using gis::ClassBreaks;
using gis::Palette;
using gis::quantile_breaks;

QColor to_qcolor(const gis::Rgb& c);

// The n-class ColorBrewer scheme (n in 1..9), lightest first.
std::vector<QColor> sequential_palette(Palette palette, int n);

// Colour for features with no value (NaN: no residents, no access data).
QColor no_data_color();

// A choropleth: each feature's colour and the legend.
struct Choropleth {
  std::vector<QColor> colors;  // per feature
  struct Entry {
    QColor color;
    QString label;
    int count = 0;
  };
  std::vector<Entry> legend;  // the classes, lightest first, then "no data" when any
};

// gis::make_choropleth: classes from the values as loaded (`base`), so that a
// changed state (`shown`: after proposals or edits) is drawn on the same
// scale and changes show as colour.
Choropleth make_choropleth(const std::vector<double>& base, const std::vector<double>& shown, Palette palette,
                           bool open_top, const std::function<QString(double)>& text, const QString& no_data);

}  // namespace tuowei::ui
