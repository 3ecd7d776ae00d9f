#include "planner/population.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "gis/coverage.h"
#include "gis/error.h"
#include "gis/zonal.h"

namespace tuowei::planner {
namespace {

struct Layer {
  std::string path;
  int band;
  gis::RasterBand raster;
  double residents_weight = 0.0, children_weight = 0.0;
};

// Opens each distinct (path, band) once, merging the weights it has in the
// residents and children lists.
std::vector<Layer> open_layers(const PopulationConfig& config, Problems& problems) {
  std::vector<Layer> layers;
  std::map<std::pair<std::string, int>, size_t> index;
  std::set<std::pair<std::string, int>> failed;  // reported once, though listed twice
  auto add = [&](const RasterRef& ref, bool residents) {
    auto key = std::make_pair(ref.path, ref.band);
    if (failed.count(key)) return;
    auto it = index.find(key);
    if (it == index.end()) {
      failed.insert(key);
      try {
        if (!std::filesystem::exists(ref.path) && ref.path.rfind("/vsi", 0) != 0) {
          problems.error(ref.path, "population raster not found",
                         "check [population] (dir, prefix, year, pattern or the raster paths)");
          return;
        }
        layers.push_back({ref.path, ref.band, gis::RasterBand::open(ref.path, ref.band)});
      } catch (const gis::Error& e) {
        problems.error("population", e.what());
        return;
      }
      failed.erase(key);
      it = index.emplace(key, layers.size() - 1).first;
    }
    (residents ? layers[it->second].residents_weight : layers[it->second].children_weight) += ref.weight;
  };
  for (const auto& r : config.residents) add(r, true);
  for (const auto& r : config.children_0_3) add(r, false);
  return layers;
}

// Groups of layers that share a grid and a CRS.
std::vector<std::vector<const Layer*>> group_by_grid(const std::vector<Layer>& layers) {
  std::vector<std::vector<const Layer*>> groups;
  for (const Layer& l : layers) {
    auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& grp) {
      return grp.front()->raster.grid().same_as(l.raster.grid()) &&
             grp.front()->raster.crs_wkt() == l.raster.crs_wkt();
    });
    if (g == groups.end()) groups.push_back({&l});
    else g->push_back(&l);
  }
  return groups;
}

void check_layers(const std::vector<Layer>& layers, const StudyArea& area, Problems& problems) {
  for (const Layer& l : layers) {
    if (l.raster.crs_wkt().empty()) {
      problems.error(l.path, "raster has no CRS", "assign one, e.g. gdal_edit.py -a_srs EPSG:4326 FILE");
      continue;
    }
    if (!l.raster.nodata()) {
      problems.warning(l.path, "raster declares no nodata value; every cell is taken as a count of people",
                       "set one with gdal_edit.py -a_nodata -99999 FILE if the file has a fill value");
    }
    // Extent check: do the townships fall within the raster at all?
    if (area.townships.empty() || !area.township_crs.valid()) continue;
    gis::Crs crs = gis::Crs::from_wkt(l.raster.crs_wkt());
    gis::CoordinateTransform ct(gis::Crs::wgs84(), crs);
    OGREnvelope all;
    for (const Township& t : area.townships) {
      if (!t.geometry_wgs84) continue;
      OGREnvelope e;
      t.geometry_wgs84->getEnvelope(&e);
      all.Merge(e);
    }
    double x0 = all.MinX, y0 = all.MinY, x1 = all.MaxX, y1 = all.MaxY;
    if (!ct.apply(x0, y0) || !ct.apply(x1, y1)) continue;
    gis::Box ext = l.raster.grid().extent();
    if (!ext.intersects({std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)})) {
      problems.error(l.path, "raster does not overlap the townships at all",
                     "check that the raster and the townships are for the same place and that their CRSs are right");
    }
  }
}

}  // namespace

std::vector<gis::CoveragePolygon> township_zones(const StudyArea& area, const gis::Grid& grid,
                                                 const gis::Crs& grid_crs) {
  gis::CoordinateTransform ct(area.township_crs, grid_crs);
  std::vector<gis::CoveragePolygon> zones;
  zones.reserve(area.townships.size());
  for (const Township& t : area.townships) {
    std::unique_ptr<OGRGeometry> g(t.geometry->clone());
    if (!ct.is_identity()) {
      // Straight edges bend under reprojection: densify first.
      OGREnvelope e;
      g->getEnvelope(&e);
      g->segmentize(std::max(e.MaxX - e.MinX, e.MaxY - e.MinY) / 256.0);
      if (!ct.apply(*g)) {
        Problems p;
        p.error(fmt::format("township {} {}", t.id, t.name),
                fmt::format("cannot be transformed into the raster's CRS ({})", grid_crs.name()));
        throw InputError(p);
      }
    }
    zones.push_back(gis::CoveragePolygon::from_ogr(*g, grid));
  }
  return zones;
}

void check_population_rasters(const PopulationConfig& config, const StudyArea& area, Problems& problems) {
  std::vector<Layer> layers = open_layers(config, problems);
  check_layers(layers, area, problems);
}

std::vector<TownshipPopulation> township_population(const PopulationConfig& config, const StudyArea& area,
                                                    Problems& problems,
                                                    const std::function<void(double)>& progress) {
  Problems local;
  std::vector<Layer> layers = open_layers(config, local);
  check_layers(layers, area, local);
  for (const Problem& p : local.all()) {
    (p.severity == Severity::error ? problems.error(p.where, p.message, p.fix)
                                   : problems.warning(p.where, p.message, p.fix));
  }
  if (local.has_errors()) throw InputError(local);

  std::vector<TownshipPopulation> out(area.townships.size());
  for (auto& o : out) o.data_share = 1.0;
  auto groups = group_by_grid(layers);
  size_t total_layers = layers.size(), done_layers = 0;

  for (const auto& group : groups) {
    const gis::Grid& grid = group.front()->raster.grid();
    gis::Crs crs = gis::Crs::from_wkt(group.front()->raster.crs_wkt());
    std::vector<gis::CoveragePolygon> zones = township_zones(area, grid, crs);
    std::vector<const gis::RasterBand*> bands;
    for (const Layer* l : group) bands.push_back(&l->raster);
    gis::ZonalOptions opts;
    size_t before = done_layers;
    if (progress) {
      opts.progress = [&](double f) { progress((double(before) + f * double(group.size())) / double(total_layers)); };
    }
    std::vector<gis::ZonalStats> stats = gis::zonal_sums(zones, bands, opts);
    done_layers += group.size();

    for (size_t z = 0; z < stats.size(); ++z) {
      for (size_t l = 0; l < group.size(); ++l) {
        out[z].residents += group[l]->residents_weight * stats[z].sum[l];
        out[z].children_0_3 += group[l]->children_weight * stats[z].sum[l];
        double share = stats[z].area_cells > 0 ? stats[z].valid_cells[l] / stats[z].area_cells : 0.0;
        out[z].data_share = std::min(out[z].data_share, share);
      }
    }
  }
  for (size_t z = 0; z < out.size(); ++z) {
    if (out[z].data_share < 0.95) {
      const Township& t = area.townships[z];
      problems.warning(fmt::format("township {} {}", t.id, t.name),
                       fmt::format("population rasters have data for only {:.1f}% of its area; the uncovered part "
                                   "counts as nobody",
                                   100.0 * out[z].data_share),
                       "use rasters that cover the whole study area");
    }
  }
  return out;
}

}  // namespace tuowei::planner
