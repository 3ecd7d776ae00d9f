#include "ui/choropleth.h"

namespace tuowei::ui {

QColor to_qcolor(const gis::Rgb& c) { return QColor(c.r, c.g, c.b); }

std::vector<QColor> sequential_palette(Palette palette, int n) {
  std::vector<QColor> out;
  for (const gis::Rgb& c : gis::sequential_palette(palette, n)) out.push_back(to_qcolor(c));
  return out;
}

QColor no_data_color() { return to_qcolor(gis::no_data_rgb()); }

Choropleth make_choropleth(const std::vector<double>& base, const std::vector<double>& shown, Palette palette,
                           bool open_top, const std::function<QString(double)>& text, const QString& no_data) {
  const gis::Choropleth c = gis::make_choropleth(
      base, shown, palette, open_top, [&](double v) { return text(v).toStdString(); }, no_data.toStdString());
  Choropleth out;
  for (const gis::Rgb& color : c.colors) out.colors.push_back(to_qcolor(color));
  for (const auto& e : c.legend) out.legend.push_back({to_qcolor(e.color), QString::fromStdString(e.label), e.count});
  return out;
}

}  // namespace tuowei::ui
