#include "gis/osm_file.h"

#include <fmt/format.h>

#include <filesystem>
#include <osmium/builder/attr.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/memory/buffer.hpp>

#include "gis/error.h"

namespace tuowei::gis {

void write_osm(const std::string& path, const std::vector<OsmNode>& nodes, const std::vector<OsmWay>& ways,
               const Box* bounds) {
  using namespace osmium::builder::attr;
  try {
    osmium::io::Header header;
    header.set("generator", "tuowei");
    if (bounds) {
      header.add_box(osmium::Box(osmium::Location(bounds->xmin, bounds->ymin),
                                 osmium::Location(bounds->xmax, bounds->ymax)));
    }
    std::error_code ec;
    std::filesystem::remove(path, ec);
    osmium::io::Writer writer(path, header, osmium::io::overwrite::allow);
    osmium::memory::Buffer buffer(1 << 20, osmium::memory::Buffer::auto_grow::yes);
    auto flush = [&](bool force) {
      if (force || buffer.committed() > (1 << 19)) {
        writer(std::move(buffer));
        buffer = osmium::memory::Buffer(1 << 20, osmium::memory::Buffer::auto_grow::yes);
      }
    };
    for (const OsmNode& n : nodes) {
      osmium::builder::add_node(buffer, _id(n.id), _version(1), _location(osmium::Location(n.lon, n.lat)));
      flush(false);
    }
    for (const OsmWay& w : ways) {
      osmium::builder::add_way(buffer, _id(w.id), _version(1), _nodes(w.nodes), _tags(w.tags));
      flush(false);
    }
    flush(true);
    writer.close();
  } catch (const std::exception& e) {
    throw Error(say("{}: writing OpenStreetMap data failed: {}", path, text_of(e)));
  }
}

}  // namespace tuowei::gis
