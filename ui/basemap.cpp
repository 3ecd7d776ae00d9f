#include "ui/basemap.h"

namespace tuowei::ui {

Basemap basemap_for(const std::string& tile_url) {
  Basemap b;
  QString url = QString::fromStdString(tile_url).trimmed();
  if (url.isEmpty()) return b;
  // Qt's own placeholders, in case the URL was written for Qt already.
  url.replace(QStringLiteral("%z"), QStringLiteral("{z}"));
  url.replace(QStringLiteral("%x"), QStringLiteral("{x}"));
  url.replace(QStringLiteral("%y"), QStringLiteral("{y}"));
  const QString suffix = QStringLiteral("{z}/{x}/{y}.png");
  if (url.endsWith(suffix) && url.contains(QStringLiteral("://"))) {
    b.custom_host = url.left(url.size() - suffix.size());
    return b;
  }
  b.problem = QStringLiteral("the map can only use a tile server whose URL ends in {z}/{x}/{y}.png, e.g. "
                             "http://tiles.example/{z}/{x}/{y}.png; the map is shown without a basemap");
  return b;
}

}  // namespace tuowei::ui
