#include "townships.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "nanning_model.h"
#include "random.h"

namespace tuowei::demo {
namespace {

struct Point {
  double lon, lat;
};

double km_between(Point a, Point b) {
  const Km ka = to_km(a.lon, a.lat);
  const Km kb = to_km(b.lon, b.lat);
  return planar_distance(ka.x - kb.x, ka.y - kb.y);
}

int township_digits(const std::string& code) { return std::stoi(code.substr(6, 3)); }

bool is_zone_name(const std::string& name) {
  for (const char* word : {"开发区", "园区", "投资区"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  return false;
}

// Ranks of a county's townships; see Township::rank.
std::vector<int> rank_townships(const std::vector<const TownshipInput*>& list) {
  std::vector<int> rank(list.size(), 2);
  bool any_street = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const int d = township_digits(list[i]->code);
    if (d < 100) {
      rank[i] = 0;
      any_street = true;
    } else if (d >= 400 && d < 600 && is_zone_name(list[i]->name)) {
      rank[i] = 1;
    }
  }
  if (!any_street) {
    // The county seat is the first-coded town (镇 100-199) by convention.
    for (std::size_t i = 0; i < list.size(); ++i) {
      const int d = township_digits(list[i]->code);
      if (d >= 100 && d < 200) {
        rank[i] = 0;
        break;
      }
    }
  }
  return rank;
}

class SeedPlacer {
 public:
  SeedPlacer(const GeosContext& ctx, const GEOSGeometry* county, const GEOSPreparedGeometry* prepared,
             Rng& rng)
      : ctx_(ctx), prepared_(prepared), rng_(rng) {
    double xmin, ymin, xmax, ymax;
    if (!GEOSGeom_getXMin_r(ctx, county, &xmin) || !GEOSGeom_getYMin_r(ctx, county, &ymin) ||
        !GEOSGeom_getXMax_r(ctx, county, &xmax) || !GEOSGeom_getYMax_r(ctx, county, &ymax)) {
      throw std::runtime_error("county envelope");
    }
    min_ = {xmin, ymin};
    max_ = {xmax, ymax};
  }

  bool inside(Point p) const {
    GeosGeom pt = make_point(ctx_, p.lon, p.lat);
    return GEOSPreparedContains_r(ctx_, prepared_, pt.get()) == 1;
  }

  Point uniform_inside() {
    for (int attempt = 0; attempt < 100000; ++attempt) {
      Point p{rng_.uniform(min_.lon, max_.lon), rng_.uniform(min_.lat, max_.lat)};
      if (inside(p)) return p;
    }
    throw std::runtime_error("cannot place a point inside a county");
  }

  // Normal around centre (sd in km), falling back to uniform after many
  // misses (a centre near the county edge).
  Point normal_inside(Point centre, double sd_km) {
    const Km k = to_km(centre.lon, centre.lat);
    const Km k1 = to_km(centre.lon + 1.0, centre.lat + 1.0);
    const double km_per_lon = k1.x - k.x;
    const double km_per_lat = k1.y - k.y;
    for (int attempt = 0; attempt < 2000; ++attempt) {
      Point p{centre.lon + rng_.normal() * sd_km / km_per_lon, centre.lat + rng_.normal() * sd_km / km_per_lat};
      if (inside(p)) return p;
    }
    return uniform_inside();
  }

  static double nearest_km(Point p, const std::vector<Point>& seeds) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& s : seeds) best = std::min(best, km_between(p, s));
    return best;
  }

 private:
  const GeosContext& ctx_;
  const GEOSPreparedGeometry* prepared_;
  Rng& rng_;
  Point min_{}, max_{};
};

GeosGeom valid_polygonal(const GeosContext& ctx, GeosGeom g) {
  if (GEOSisValid_r(ctx, g.get()) == 1) return g;
  GeosGeom fixed = own(ctx, GEOSMakeValid_r(ctx, g.get()), "MakeValid");
  GeosGeom poly = polygonal_part(ctx, fixed.get());
  if (!poly) throw std::runtime_error("geometry vanished when made valid");
  return poly;
}

}  // namespace

TownshipSet build_townships(const GeosContext& ctx, const Inputs& inputs, std::uint64_t seed) {
  TownshipSet set;
  for (std::size_t ci = 0; ci < inputs.counties.size(); ++ci) {
    const CountyInput& county = inputs.counties[ci];
    GeosGeom shape = valid_polygonal(ctx, from_wkb(ctx, county.wkb));
    GeosPrepared prepared = prepare(ctx, shape.get());

    std::vector<const TownshipInput*> list;
    for (const auto& t : inputs.townships) {
      if (t.county_code == county.code) list.push_back(&t);
    }
    const std::vector<int> rank = rank_townships(list);
    const std::size_t n = list.size();
    const auto k0 = static_cast<std::size_t>(std::count(rank.begin(), rank.end(), 0));

    Rng rng(seed, "township-seeds", std::stoull(county.code));
    SeedPlacer placer(ctx, shape.get(), prepared.get(), rng);

    Point core{};
    if (const CountyCore* c = county_core(county.code); c && placer.inside({c->lon, c->lat})) {
      core = {c->lon, c->lat};
    } else {
      GeosGeom pos = own(ctx, GEOSPointOnSurface_r(ctx, shape.get()), "PointOnSurface");
      GEOSGeomGetX_r(ctx, pos.get(), &core.lon);
      GEOSGeomGetY_r(ctx, pos.get(), &core.lat);
    }

    // Seeds: the core first, the other street-level seeds clustered around
    // it (best of several normal candidates, for even spacing), then the
    // rest spread over the county with a mild pull towards the core.
    std::vector<Point> seeds;
    seeds.push_back(core);
    const double cluster_sd_km = 1.2 * std::sqrt(static_cast<double>(std::max<std::size_t>(k0, 1)));
    for (std::size_t i = 1; i < k0; ++i) {
      Point best{};
      double best_score = -1.0;
      for (int c = 0; c < 12; ++c) {
        const Point p = placer.normal_inside(core, cluster_sd_km);
        // Spacing, but without pushing every seed to the rim of the cluster
        // (which would leave one huge cell in the densest place).
        const double d = km_between(p, core) / cluster_sd_km;
        const double score = SeedPlacer::nearest_km(p, seeds) * std::exp(-0.5 * d * d);
        if (score > best_score) {
          best_score = score;
          best = p;
        }
      }
      seeds.push_back(best);
    }
    const double area_km2 = area_of(ctx, shape.get()) * cell_area_km2(core.lat, 1.0);
    const double county_radius_km = std::sqrt(area_km2 / std::numbers::pi);
    while (seeds.size() < n) {
      Point best{};
      double best_score = -1.0;
      for (int c = 0; c < 30; ++c) {
        const Point p = placer.uniform_inside();
        const double score =
            SeedPlacer::nearest_km(p, seeds) / (1.0 + km_between(p, core) / county_radius_km);
        if (score > best_score) {
          best_score = score;
          best = p;
        }
      }
      seeds.push_back(best);
    }

    // Codes to seeds: street-level codes take the seeds nearest the core,
    // then development zones, then everything else, each in code order.
    std::vector<std::size_t> street_seeds(k0), other_seeds;
    for (std::size_t i = 0; i < k0; ++i) street_seeds[i] = i;
    for (std::size_t i = k0; i < n; ++i) other_seeds.push_back(i);
    auto by_core_distance = [&](std::size_t a, std::size_t b) {
      return km_between(seeds[a], core) < km_between(seeds[b], core);
    };
    std::stable_sort(street_seeds.begin(), street_seeds.end(), by_core_distance);
    std::stable_sort(other_seeds.begin(), other_seeds.end(), by_core_distance);
    std::vector<std::size_t> seed_of(n);
    {
      std::size_t si = 0, oi = 0;
      for (int r = 0; r <= 2; ++r) {
        for (std::size_t t = 0; t < n; ++t) {
          if (rank[t] != r) continue;
          seed_of[t] = (r == 0) ? street_seeds[si++] : other_seeds[oi++];
        }
      }
    }

    // Voronoi cells of the seeds, over a box a little larger than the county.
    std::vector<GEOSGeometry*> points;
    for (const auto& s : seeds) points.push_back(ctx.check(GEOSGeom_createPointFromXY_r(ctx, s.lon, s.lat), "point"));
    GeosGeom multipoint = own(ctx,
                              GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, points.data(),
                                                          static_cast<unsigned>(points.size())),
                              "multipoint");
    const auto& e = county.envelope;
    GeosGeom frame =
        own(ctx, GEOSGeom_createRectangle_r(ctx, e.min_x - 0.1, e.min_y - 0.1, e.max_x + 0.1, e.max_y + 0.1),
            "rectangle");
    GeosGeom diagram = own(ctx, GEOSVoronoiDiagram_r(ctx, multipoint.get(), frame.get(), 0.0, 0), "Voronoi");
    std::vector<GeosGeom> cell_of_seed(n);
    const int ncells = GEOSGetNumGeometries_r(ctx, diagram.get());
    if (static_cast<std::size_t>(ncells) != n) throw std::runtime_error("Voronoi cell count mismatch");
    for (int c = 0; c < ncells; ++c) {
      const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, diagram.get(), c);
      GeosPrepared pc = prepare(ctx, cell);
      for (std::size_t s = 0; s < n; ++s) {
        if (cell_of_seed[s]) continue;
        GeosGeom pt = make_point(ctx, seeds[s].lon, seeds[s].lat);
        if (GEOSPreparedContains_r(ctx, pc.get(), pt.get()) == 1) {
          cell_of_seed[s] = own(ctx, GEOSGeom_clone_r(ctx, cell), "clone");
          break;
        }
      }
    }

    std::vector<GEOSGeometry*> pieces;
    double pieces_area = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
      const std::size_t s = seed_of[t];
      if (!cell_of_seed[s]) throw std::runtime_error("a seed has no Voronoi cell");
      GeosGeom clipped = own(ctx, GEOSIntersection_r(ctx, cell_of_seed[s].get(), shape.get()), "Intersection");
      GeosGeom poly = polygonal_part(ctx, clipped.get());
      if (!poly) throw std::runtime_error(fmt::format("township {} is empty", list[t]->code));
      poly = valid_polygonal(ctx, std::move(poly));
      pieces_area += area_of(ctx, poly.get());
      pieces.push_back(ctx.check(GEOSGeom_clone_r(ctx, poly.get()), "clone"));

      Township tw;
      tw.code = list[t]->code;
      tw.name = list[t]->name;
      tw.county_code = list[t]->county_code;
      tw.county = list[t]->county;
      tw.county_index = static_cast<int>(ci);
      tw.rank = rank[t];
      tw.seed_lon = seeds[s].lon;
      tw.seed_lat = seeds[s].lat;
      tw.geometry = std::move(poly);
      set.townships.push_back(std::move(tw));
    }

    // The pieces must tile the county: no gap (union equals the county) and
    // no overlap (their areas add up to the county's).
    const double county_area = area_of(ctx, shape.get());
    GeosGeom all = own(ctx,
                       GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, pieces.data(),
                                                   static_cast<unsigned>(pieces.size())),
                       "collection");
    GeosGeom united = own(ctx, GEOSUnaryUnion_r(ctx, all.get()), "UnaryUnion");
    GeosGeom diff = own(ctx, GEOSSymDifference_r(ctx, united.get(), shape.get()), "SymDifference");
    const double gap = area_of(ctx, diff.get()) / county_area;
    const double overlap = std::fabs(pieces_area - county_area) / county_area;
    set.worst_tiling_error = std::max({set.worst_tiling_error, gap, overlap});
    set.counties.push_back(std::move(shape));
  }
  std::sort(set.townships.begin(), set.townships.end(),
            [](const Township& a, const Township& b) { return a.code < b.code; });
  return set;
}

void write_townships_shapefile(const GeosContext& ctx, const TownshipSet& set, const std::filesystem::path& shp) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
  if (!driver) throw std::runtime_error("GDAL has no ESRI Shapefile driver");
  {
    std::unique_ptr<GDALDataset> ds(driver->Create(shp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error(fmt::format("cannot create {}", shp.string()));
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // ENCODING makes the driver recode our UTF-8 to code page 936 (GBK); it
    // also writes a .cpg declaring it, which is removed below.
    char** options = CSLSetNameValue(nullptr, "ENCODING", "CP936");
    // A fixed header date instead of today's keeps the output reproducible.
    options = CSLSetNameValue(options, "DBF_DATE_LAST_UPDATE", "2020-11-01");
    OGRLayer* layer = ds->CreateLayer(shp.stem().string().c_str(), &srs, wkbPolygon, options);
    CSLDestroy(options);
    if (!layer) throw std::runtime_error("cannot create the township layer");
    auto add_field = [&](const char* name, int width) {
      OGRFieldDefn def(name, OFTString);
      def.SetWidth(width);
      if (layer->CreateField(&def) != OGRERR_NONE) throw std::runtime_error(fmt::format("cannot add field {}", name));
    };
    add_field(kCodeField, 12);
    add_field(kNameField, 40);
    // dBASE field names hold at most 10 characters, so not "county_code".
    add_field(kCountyCodeField, 6);
    add_field(kCountyField, 20);

    for (const auto& t : set.townships) {
      OGRFeature feature(layer->GetLayerDefn());
      feature.SetField(kCodeField, t.code.c_str());
      feature.SetField(kNameField, t.name.c_str());
      feature.SetField(kCountyCodeField, t.county_code.c_str());
      feature.SetField(kCountyField, t.county.c_str());
      const std::vector<unsigned char> wkb = to_wkb(ctx, t.geometry.get());
      OGRGeometry* geom = nullptr;
      if (OGRGeometryFactory::createFromWkb(wkb.data(), &srs, &geom, wkb.size()) != OGRERR_NONE || !geom) {
        throw std::runtime_error("WKB to OGR failed");
      }
      feature.SetGeometryDirectly(geom);
      if (layer->CreateFeature(&feature) != OGRERR_NONE) {
        throw std::runtime_error(fmt::format("cannot write township {}", t.code));
      }
    }
  }
  std::filesystem::path cpg = shp;
  cpg.replace_extension(".cpg");
  std::filesystem::remove(cpg);
}

}  // namespace tuowei::demo
