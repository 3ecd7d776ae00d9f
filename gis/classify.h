// Classing values for choropleth maps: quantile class breaks and ColorBrewer
// sequential palettes (Brewer, Hatchard & Harrower 2003, colorbrewer2.org),
// shared by every map tuowei draws (the desktop map, the report's pages).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tuowei::gis {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  // "#rrggbb"
  static Rgb from_hex(const char* hex);
  std::string hex() const;
  bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

enum class Palette { blues, yl_or_rd };

// The n-class ColorBrewer scheme (n in 1..9), lightest first.
std::vector<Rgb> sequential_palette(Palette palette, int n);

// The colour of features with no value (NaN).
Rgb no_data_rgb();

struct ClassBreaks {
  // Class k holds values in [edges[k], edges[k + 1]] (the first class
  // closed, the others open on the left); edges.size() == classes + 1.
  std::vector<double> edges;
  std::vector<int> counts;   // features per class
  std::vector<double> lows;  // smallest value in each class (for legend labels)
  int classes() const { return edges.empty() ? 0 : int(edges.size()) - 1; }
  // The class of v, or -1 for NaN (no data).
  int class_of(double v) const;
};

// Quantile breaks: about equally many features in each of up to `classes`
// classes. Ties that would make a class empty merge classes, so a column
// that is mostly 0 gets fewer classes. Values within 1e-9 (relative) are the
// same value. NaN values are left out; no finite value gives no classes.
ClassBreaks quantile_breaks(std::vector<double> values, int classes = 5);

// A choropleth: each feature's colour and the legend.
struct Choropleth {
  std::vector<Rgb> colors;  // per feature
  struct Entry {
    Rgb color;
    std::string label;
    int count = 0;
  };
  std::vector<Entry> legend;  // the classes, lightest first, then "no data" when any
};

// Classes from the values `base` (5 quantile classes), applied to `shown` (a
// changed state drawn on the same scale; values below base's minimum go to
// the first class). With `open_top` the last class reads "≥ low". `text`
// writes a value; `no_data` labels features without one.
Choropleth make_choropleth(const std::vector<double>& base, const std::vector<double>& shown, Palette palette,
                           bool open_top, const std::function<std::string(double)>& text, const std::string& no_data);

}  // namespace tuowei::gis
