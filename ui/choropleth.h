// Choropleth classes for the map: quantile class breaks and ColorBrewer
// sequential palettes (Brewer, Hatchard & Harrower 2003, colorbrewer2.org).
// Display only: the values come from planner's indicator table.
#pragma once

#include <QColor>
#include <QString>

#include <functional>
#include <vector>

namespace tuowei::ui {

enum class Palette { blues, yl_or_rd };

// The n-class ColorBrewer scheme (n in 1..9), lightest first.
std::vector<QColor> sequential_palette(Palette palette, int n);

// Colour for features with no value (NaN: no residents, no access data).
QColor no_data_color();

struct ClassBreaks {
  // Class k holds values in [edges[k], edges[k + 1]] (the first class
  // closed, the others open on the left); edges.size() == classes + 1.
  std::vector<double> edges;
  std::vector<int> counts;     // features per class
  std::vector<double> lows;    // smallest value in each class (for legend labels)
  int classes() const { return edges.empty() ? 0 : int(edges.size()) - 1; }
  // The class of v, or -1 for NaN (no data).
  int class_of(double v) const;
};

// Quantile breaks: about equally many features in each of up to `classes`
// classes. Ties that would make a class empty merge classes, so a column
// that is mostly 0 (places needed) gets fewer classes. NaN values are left
// out; no finite value gives no classes.
ClassBreaks quantile_breaks(std::vector<double> values, int classes = 5);

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

// Classes from the values as loaded (`base`), so that a changed state
// (`shown`: after proposals or edits) is drawn on the same scale and changes
// show as colour; values below the loaded minimum go to the first class, and
// with `open_top` the last class reads "≥ low". `text` writes a value;
// `no_data` labels features without one.
Choropleth make_choropleth(const std::vector<double>& base, const std::vector<double>& shown, Palette palette,
                           bool open_top, const std::function<QString(double)>& text, const QString& no_data);

}  // namespace tuowei::ui
