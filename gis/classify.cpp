#include "gis/classify.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace tuowei::gis {
namespace {

// ColorBrewer 9-class schemes; smaller schemes are ColorBrewer's own subsets.
const char* const kBlues[9][9] = {
    {"#6baed6"},
    {"#c6dbef", "#3182bd"},
    {"#deebf7", "#9ecae1", "#3182bd"},
    {"#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"},
    {"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"},
    {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"},
    {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"},
    {"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"},
    {"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"},
};
const char* const kYlOrRd[9][9] = {
    {"#fd8d3c"},
    {"#fecc5c", "#e31a1c"},
    {"#ffeda0", "#feb24c", "#f03b20"},
    {"#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"},
    {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"},
    {"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"},
    {"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"},
    {"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"},
    {"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"},
};

// Values this close are the same value (planner's ranks tie within 1e-9,
// relative): 4.4999999999 and 4.5 places per 1,000 share a class.
bool same_value(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

}  // namespace

Rgb Rgb::from_hex(const char* hex) {
  const unsigned long v = std::strtoul(hex + (hex[0] == '#' ? 1 : 0), nullptr, 16);
  return {std::uint8_t((v >> 16) & 0xff), std::uint8_t((v >> 8) & 0xff), std::uint8_t(v & 0xff)};
}

std::string Rgb::hex() const { return fmt::format("#{:02x}{:02x}{:02x}", r, g, b); }

std::vector<Rgb> sequential_palette(Palette palette, int n) {
  n = std::clamp(n, 1, 9);
  const auto& scheme = palette == Palette::blues ? kBlues : kYlOrRd;
  std::vector<Rgb> out;
  for (int i = 0; i < n; ++i) out.push_back(Rgb::from_hex(scheme[n - 1][i]));
  return out;
}

Rgb no_data_rgb() { return Rgb::from_hex("#d9d9d9"); }

int ClassBreaks::class_of(double v) const {
  if (std::isnan(v) || edges.size() < 2) return -1;
  for (int k = 0; k + 2 < int(edges.size()); ++k) {
    const double upper = edges[size_t(k) + 1];
    if (v <= upper || same_value(v, upper)) return k;
  }
  return classes() - 1;
}

ClassBreaks quantile_breaks(std::vector<double> values, int classes) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
               values.end());
  ClassBreaks b;
  if (values.empty() || classes < 1) return b;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  // Upper edges at the k/classes quantiles (nearest rank), then the maximum;
  // equal edges collapse, so a tie never leaves an empty class. The first
  // class may be a single value (e.g. townships needing 0 places).
  b.edges.push_back(values.front());
  std::vector<double> upper;
  for (int k = 1; k < classes; ++k) {
    const size_t rank = std::clamp<size_t>(size_t(std::ceil(double(k) * double(n) / classes)), 1, n);
    upper.push_back(values[rank - 1]);
  }
  upper.push_back(values.back());
  for (double e : upper) {
    if (b.edges.size() == 1 || (e > b.edges.back() && !same_value(e, b.edges.back()))) b.edges.push_back(e);
  }
  b.counts.assign(size_t(b.classes()), 0);
  b.lows.assign(size_t(b.classes()), NAN);
  for (double v : values) {  // sorted: the first value of a class is its lowest
    const size_t k = size_t(b.class_of(v));
    if (b.counts[k]++ == 0) b.lows[k] = v;
  }
  return b;
}

Choropleth make_choropleth(const std::vector<double>& base, const std::vector<double>& shown, Palette palette,
                           bool open_top, const std::function<std::string(double)>& text, const std::string& no_data) {
  Choropleth out;
  const ClassBreaks breaks = quantile_breaks(base, 5);
  const std::vector<Rgb> colors = sequential_palette(palette, std::max(1, breaks.classes()));
  std::vector<int> counts(size_t(std::max(0, breaks.classes())), 0);
  int missing = 0;
  for (double v : shown) {
    int k = breaks.class_of(v);
    if (k >= 0 && v < breaks.edges.front()) k = 0;  // below the base's minimum
    if (k < 0) ++missing;
    else ++counts[size_t(k)];
    out.colors.push_back(k < 0 ? no_data_rgb() : colors[size_t(k)]);
  }
  for (int k = 0; k < breaks.classes(); ++k) {
    // The values the class holds, so that a class after an all-zero one
    // reads "0.26 – 1.11", not "0.00 – 1.11".
    const double lo = breaks.lows[size_t(k)];
    const double hi = breaks.edges[size_t(k) + 1];
    std::string label = text(lo) == text(hi) ? text(hi) : text(lo) + " – " + text(hi);
    if (k == breaks.classes() - 1 && open_top) label = "≥ " + text(lo);
    out.legend.push_back({colors[size_t(k)], label, counts[size_t(k)]});
  }
  if (missing > 0) out.legend.push_back({no_data_rgb(), no_data, missing});
  return out;
}

}  // namespace tuowei::gis
