// Choropleth classes for the map: quantile class breaks and ColorBrewer
// sequential palettes (Brewer, Hatchard & Harrower 2003, colorbrewer2.org).
// Display only: the values come from planner's indicator table.
#pragma once

#include <QColor>

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

}  // namespace tuowei::ui
