// The optional basemap: a project's [map] tile_url in the form Qt Location's
// "osm" plugin takes (osm.mapping.custom.host).
#pragma once

#include <QString>

#include <string>

namespace tuowei::ui {

struct Basemap {
  QString custom_host;  // for osm.mapping.custom.host; "" = no basemap (offline)
  QString problem;      // why a tile_url that is set cannot be used
};

// Qt 5.15's osm plugin requests custom_host + "%z/%x/%y.png" (it appends
// the tile path itself), so "http://tiles.example/{z}/{x}/{y}.png" becomes
// "http://tiles.example/". Other layouts ({y} before {x}, .jpg, a query
// string) cannot be expressed that way and leave the map without a basemap.
Basemap basemap_for(const std::string& tile_url);

}  // namespace tuowei::ui
