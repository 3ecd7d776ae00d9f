#include "planner/access.h"

#include <fmt/format.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <unistd.h>

#include "gis/error.h"
#include "gis/floating_catchment.h"
#include "gis/point_index.h"
#include "gis/raster.h"
#include "gis/raster_writer.h"
#include "gis/spatial_index.h"
#include "gis/vector.h"
#include "gis/zonal.h"
#include "planner/demand_grid.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

constexpr double kUnpopulated = 255.0;

gis::DistanceDecay build_decay(const AccessConfig& c) {
  gis::DistanceDecay d;
  d.kind = gis::DistanceDecay::parse_kind(c.decay);
  d.threshold = c.cost_table.empty() ? c.radius_m : c.cost_threshold;
  d.steps = c.steps.empty() ? gis::DistanceDecay::default_steps(d.threshold) : c.steps;
  d.beta = c.power_beta;
  d.min_cost = c.power_min_cost;
  d.validate();
  return d;
}

// The facilities as supply points: all of them are indexed (for coverage);
// the 2SFCA supply is places or inclusive places.
struct Supply {
  std::vector<double> x, y;        // metric CRS
  std::vector<double> places;      // S_j for the 2SFCA
  std::vector<char> inclusive;
  std::vector<char> in_fca;        // counts as supply in the 2SFCA
};

Supply build_supply(const Project& project, const StudyArea& area, Problems& problems) {
  Supply s;
  facility_positions(area, s.x, s.y);
  bool inclusive_only = project.access.supply == "inclusive_places";
  int zero = 0;
  for (const Facility& f : area.facilities) {
    s.places.push_back(inclusive_only && !f.inclusive ? 0.0 : f.places);
    s.inclusive.push_back(f.inclusive);
    s.in_fca.push_back(!inclusive_only || f.inclusive);
    if (f.places == 0) ++zero;
  }
  if (zero > 0) {
    problems.warning(project.facilities.path,
                     fmt::format("{} facilities have 0 places: they count for coverage but add no places", zero));
  }
  return s;
}

// Travel costs from a CSV: origin id -> (facility index, cost).
struct CostTable {
  std::unordered_map<std::string, std::vector<gis::Neighbour>> by_origin;
};

CostTable load_cost_table(const Project& project, const StudyArea& area, const std::vector<std::string>& origins,
                          bool cell_origins, Problems& problems) {
  const AccessConfig& c = project.access;
  gis::VectorTable t;
  try {
    t = gis::read_vector({c.cost_table, "", "auto"});
  } catch (const gis::Error& e) {
    problems.error("[access] cost_table", e.what());
    throw InputError(problems);
  }
  int of = -1, df = -1, cf = -1;
  try {
    of = t.require_field(c.origin_field, "origin id ([access] origin_field)");
    df = t.require_field(c.destination_field, "destination id ([access] destination_field)");
    cf = t.require_field(c.cost_field, "cost ([access] cost_field)");
  } catch (const gis::Error& e) {
    problems.error("[access] cost_table", e.what());
    throw InputError(problems);
  }
  std::unordered_map<std::string, int> facility_by_id;
  for (size_t j = 0; j < area.facilities.size(); ++j) facility_by_id.emplace(area.facilities[j].id, int(j));
  std::unordered_map<std::string, char> origin_known;
  for (const auto& o : origins) origin_known.emplace(o, 1);

  CostTable table;
  std::map<std::pair<std::string, int>, std::pair<double, int>> seen;
  int unknown_origin = 0, unknown_destination = 0, errors = 0;
  std::string first_unknown_origin, first_unknown_destination;
  for (const auto& rec : t.records) {
    auto get = [&](int f) { return rec.values[f] ? *rec.values[f] : std::string(); };
    std::string o = get(of), d = get(df), cost_text = get(cf);
    std::string where = fmt::format("{}, record {}", t.source, rec.number);
    double cost = 0;
    auto [ptr, ec] = std::from_chars(cost_text.data(), cost_text.data() + cost_text.size(), cost);
    if (ec != std::errc() || ptr != cost_text.data() + cost_text.size() || !std::isfinite(cost)) {
      if (++errors <= 20) problems.error(where, fmt::format("cost '{}' is not a number", cost_text));
      continue;
    }
    if (cost < 0) {
      if (++errors <= 20) problems.error(where, fmt::format("cost {} is negative", cost_text));
      continue;
    }
    if (!cell_origins && !origin_known.count(o)) {
      if (unknown_origin++ == 0) first_unknown_origin = o;
      continue;
    }
    auto fac = facility_by_id.find(d);
    if (fac == facility_by_id.end()) {
      if (unknown_destination++ == 0) first_unknown_destination = d;
      continue;
    }
    auto key = std::make_pair(o, fac->second);
    if (auto it = seen.find(key); it != seen.end()) {
      if (it->second.first != cost && ++errors <= 20) {
        problems.error(where, fmt::format("origin {} to destination {} appears again (record {}) with another cost",
                                          o, d, it->second.second),
                       "keep one cost per pair");
      }
      continue;
    }
    seen.emplace(key, std::make_pair(cost, rec.number));
    table.by_origin[o].emplace_back(fac->second, cost);
  }
  if (errors > 20) problems.error(t.source, fmt::format("{} more bad records not listed", errors - 20));
  if (unknown_origin > 0) {
    problems.error(t.source,
                   fmt::format("{} records name origins that are not demand units (first: '{}')", unknown_origin,
                               first_unknown_origin),
                   cell_origins ? "cell origins are written R<row>C<col>" : "origins must be township ids");
  }
  if (unknown_destination > 0) {
    problems.error(t.source,
                   fmt::format("{} records name destinations that are not facility ids (first: '{}')",
                               unknown_destination, first_unknown_destination),
                   fmt::format("destinations must be values of the facilities' {} field", project.facilities.id_field));
  }
  for (auto& [o, list] : table.by_origin) std::sort(list.begin(), list.end());
  if (problems.has_errors()) throw InputError(problems);
  return table;
}

// Reach of one demand unit, split into what the 2SFCA sees and coverage.
struct Reach {
  std::vector<gis::Neighbour> all, fca;
  bool covered = false, covered_inclusive = false;
};

class ReachFinder {
 public:
  ReachFinder(const Supply& s, const gis::DistanceDecay& decay, const CostTable* table)
      : supply_(s), decay_(decay), table_(table) {
    if (!table) index_ = std::make_unique<gis::PointIndex>(s.x, s.y);
  }
  void find(double x, double y, const std::string* origin, Reach& r) const {
    if (table_) {
      r.all.clear();
      auto it = table_->by_origin.find(*origin);
      if (it != table_->by_origin.end()) {
        for (const auto& n : it->second) {
          if (n.second <= decay_.threshold) r.all.push_back(n);
        }
      }
    } else {
      index_->within(x, y, decay_.threshold, r.all);
    }
    r.fca.clear();
    r.covered = !r.all.empty();
    r.covered_inclusive = false;
    for (const auto& n : r.all) {
      if (supply_.inclusive[n.first]) r.covered_inclusive = true;
      if (supply_.in_fca[n.first]) r.fca.push_back(n);
    }
  }

 private:
  const Supply& supply_;
  const gis::DistanceDecay& decay_;
  const CostTable* table_;
  std::unique_ptr<gis::PointIndex> index_;
};

bool is_desert(double children, double access, bool covered, const AccessConfig& c) {
  if (!(children > 0) || children < c.desert_min_children) return false;
  if (!covered || std::isnan(access)) return true;
  return access * c.desert_children_per_place < 1.0;  // more than N children per place
}

// --- demand = cells --------------------------------------------------------

std::string cell_id(int row, int col) { return fmt::format("R{}C{}", row, col); }

void polygonize_deserts(const fs::path& mask_file, const fs::path& children_file, const ChildrenLayers& layers,
                        const StudyArea& area, AccessResult& result) {
  GDALDatasetUniquePtr mask(GDALDataset::Open(mask_file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  if (!mask) throw gis::Error(fmt::format("{}: cannot reopen ({})", mask_file.string(), gis::last_gdal_error()));
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
  GDALDatasetUniquePtr vec(mem->Create("deserts", 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference srs = layers.crs.srs();
  OGRLayer* layer = vec->CreateLayer("deserts", &srs, wkbPolygon, nullptr);
  OGRFieldDefn dn("dn", OFTInteger);
  layer->CreateField(&dn);
  GDALRasterBand* band = mask->GetRasterBand(1);
  // 4-connected regions of equal value: one desert area per township patch.
  if (GDALPolygonize(band, band->GetMaskBand(), layer, 0, nullptr, nullptr, nullptr) != CE_None) {
    throw gis::Error(fmt::format("polygonizing the desert cells failed ({})", gis::last_gdal_error()));
  }
  std::vector<OGRGeometryUniquePtr> polys;
  std::vector<int> township_of;
  for (auto& f : *layer) {
    int v = f->GetFieldAsInteger(0);
    if (v <= 0 || !f->GetGeometryRef()) continue;
    polys.emplace_back(f->StealGeometry());
    township_of.push_back(v - 1);
  }
  // Children per desert polygon: exact zonal sums of the desert cells' children.
  std::vector<gis::CoveragePolygon> zones;
  for (const auto& p : polys) zones.push_back(gis::CoveragePolygon::from_ogr(*p, layers.grid));
  gis::RasterBand children = gis::RasterBand::open(children_file.string(), 1);
  std::vector<gis::ZonalStats> stats = gis::zonal_sums(zones, {&children});

  gis::CoordinateTransform to_wgs(layers.crs, gis::Crs::wgs84());
  gis::CoordinateTransform to_metric(layers.crs, area.metric_crs);
  double half_cell = 0.5 * std::min(layers.grid.cell_width, layers.grid.cell_height);
  for (size_t i = 0; i < polys.size(); ++i) {
    DesertArea d;
    d.children_0_3 = stats[i].sum[0];
    std::unique_ptr<OGRGeometry> metric(polys[i]->clone());
    to_metric.apply(*metric);
    d.area_km2 = OGR_G_Area(OGRGeometry::ToHandle(metric.get())) / 1e6;
    // Staircase edges are smoothed for display; counts come from the cells.
    OGRGeometryUniquePtr shown(polys[i]->SimplifyPreserveTopology(half_cell));
    if (!shown || shown->IsEmpty()) shown.reset(polys[i]->clone());
    to_wgs.apply(*shown);
    d.township = township_of[i] < int(area.townships.size()) ? township_of[i] : -1;
    d.geometry = std::move(shown);
    result.deserts.push_back(std::move(d));
  }
  std::sort(result.deserts.begin(), result.deserts.end(),
            [](const DesertArea& a, const DesertArea& b) { return a.children_0_3 > b.children_0_3; });
}

void access_on_cells(const Project& project, const StudyArea& area, const Supply& supply,
                     const gis::DistanceDecay& decay, const AccessOptions& options, Problems& problems,
                     AccessResult& result) {
  const AccessConfig& cfg = project.access;
  ChildrenLayers layers = open_children(project);
  const gis::Grid& grid = layers.grid;
  CellStream stream(layers, area.metric_crs);
  auto progress = [&](const std::string& stage, double f) {
    if (options.progress) options.progress(stage, f);
  };

  std::unique_ptr<CostTable> table;
  if (!cfg.cost_table.empty()) table = std::make_unique<CostTable>(load_cost_table(project, area, {}, true, problems));
  ReachFinder finder(supply, decay, table.get());
  std::vector<double> fca_supply;
  for (size_t j = 0; j < supply.places.size(); ++j) fca_supply.push_back(supply.in_fca[j] ? supply.places[j] : 0.0);
  gis::FloatingCatchment fca(fca_supply, decay);

  CellStream::Strip strip;
  Reach reach;
  std::string id;
  // Step 1: demand in each catchment.
  for (int s = 0; s < stream.strips(); ++s) {
    stream.read(s, strip);
    for (size_t i = 0; i < strip.populated.size(); ++i) {
      int k = strip.populated[i];
      if (table) id = cell_id(strip.row0 + k / grid.cols, k % grid.cols);
      finder.find(strip.x[i], strip.y[i], &id, reach);
      fca.add_demand(strip.children[k], reach.fca);
    }
    progress("accessibility, step 1", double(s + 1) / stream.strips());
  }
  fca.finish_step1();

  // Step 2: accessibility per cell, rasters, township sums.
  fs::path dir = options.raster_dir;
  fs::path tmp_dir;
  if (dir.empty()) {
    tmp_dir = fs::temp_directory_path() / fmt::format("tuowei-access-{}", ::getpid());
    fs::create_directories(tmp_dir);
    dir = tmp_dir;
  }
  struct TmpCleanup {
    fs::path p;
    ~TmpCleanup() {
      std::error_code ec;
      if (!p.empty()) fs::remove_all(p, ec);
    }
  } cleanup{tmp_dir};
  fs::path scratch = dir / fmt::format(".tuowei-deserts-{}", ::getpid());
  fs::create_directories(scratch);
  struct ScratchCleanup {
    fs::path p;
    ~ScratchCleanup() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } scratch_cleanup{scratch};

  const std::string& wkt = layers.bands.front().crs_wkt();
  // The three result rasters only when the caller keeps them (a what-if
  // session or a proposal's "after" run does not).
  const bool keep = !options.raster_dir.empty();
  std::optional<gis::RasterWriter> access_tif, coverage_tif, deserts_tif;
  if (keep) {
    access_tif.emplace(dir / "access.tif", grid, wkt, gis::RasterWriter::Type::float32, NAN,
                       fmt::format("{} per child under 3 ({})", cfg.supply, decay.describe()));
    coverage_tif.emplace(dir / "coverage.tif", grid, wkt, gis::RasterWriter::Type::byte, kUnpopulated,
                         "0 = beyond every catchment, 1 = in a catchment, 2 = in an inclusive facility's");
    deserts_tif.emplace(dir / "deserts.tif", grid, wkt, gis::RasterWriter::Type::byte, kUnpopulated,
                        "1 = service desert, 0 = served; populated cells only");
  }
  gis::RasterWriter mask_tif(scratch / "mask.tif", grid, wkt, gis::RasterWriter::Type::int32, 0.0);
  std::vector<const OGRGeometry*> town_shapes;
  for (const Township& t : area.townships) town_shapes.push_back(t.geometry_wgs84.get());
  gis::PolygonIndex town_index(town_shapes);
  gis::CoordinateTransform grid_to_wgs(layers.crs, gis::Crs::wgs84());
  gis::RasterWriter desert_children_tif(scratch / "children.tif", grid, wkt, gis::RasterWriter::Type::float32, NAN);

  std::vector<gis::CoveragePolygon> zones = township_zones(area, grid, layers.crs);
  enum { kChildren, kCovered, kCoveredIncl, kChildAccess, kWithAccess, kDesertChildren, kDesertArea, kLayers };
  gis::ZonalAccumulator acc(zones, grid, kLayers);
  std::vector<std::vector<double>> z(kLayers);
  std::vector<double> a_buf, cov_buf, des_buf, mask_buf, dch_buf;
  for (int s = 0; s < stream.strips(); ++s) {
    stream.read(s, strip);
    size_t n = strip.children.size();
    a_buf.assign(n, NAN);
    cov_buf.assign(n, kUnpopulated);
    des_buf.assign(n, kUnpopulated);
    mask_buf.assign(n, 0.0);
    dch_buf.assign(n, NAN);
    for (auto& v : z) v.assign(n, NAN);
    std::vector<double> row_area(strip.rows);
    for (int r = 0; r < strip.rows; ++r) row_area[r] = stream.cell_area_km2(strip.row0 + r);
    for (size_t k = 0; k < n; ++k) {
      if (!std::isnan(strip.children[k])) {
        z[kChildren][k] = strip.children[k];
        cov_buf[k] = strip.children[k] > 0 ? 0.0 : kUnpopulated;
        des_buf[k] = strip.children[k] > 0 ? 0.0 : kUnpopulated;
      }
    }
    for (size_t i = 0; i < strip.populated.size(); ++i) {
      int k = strip.populated[i];
      double p = strip.children[k];
      if (table) id = cell_id(strip.row0 + k / grid.cols, k % grid.cols);
      finder.find(strip.x[i], strip.y[i], &id, reach);
      double a = fca.accessibility(reach.fca);
      a_buf[k] = a;
      cov_buf[k] = reach.covered_inclusive ? 2.0 : reach.covered ? 1.0 : 0.0;
      bool desert = is_desert(p, a, reach.covered, cfg);
      des_buf[k] = desert ? 1.0 : 0.0;
      z[kCovered][k] = reach.covered ? p : 0.0;
      z[kCoveredIncl][k] = reach.covered_inclusive ? p : 0.0;
      z[kChildAccess][k] = std::isnan(a) ? 0.0 : p * a;
      z[kWithAccess][k] = std::isnan(a) ? 0.0 : p;
      z[kDesertChildren][k] = desert ? p : 0.0;
      z[kDesertArea][k] = desert ? row_area[k / grid.cols] : 0.0;
      if (desert) {
        double lon = grid.x_of(k % grid.cols + 0.5), lat = grid.y_of(strip.row0 + int(k / grid.cols) + 0.5);
        grid_to_wgs.apply(lon, lat);
        int t = town_index.locate(lon, lat);
        mask_buf[k] = t >= 0 ? double(t + 1) : double(area.townships.size() + 1);
        dch_buf[k] = p;
      }
      result.demand_total += p;
      if (!std::isnan(a)) result.demand_times_access += p * a;
    }
    if (keep) {
      access_tif->write_rows(strip.row0, strip.rows, a_buf.data());
      coverage_tif->write_rows(strip.row0, strip.rows, cov_buf.data());
      deserts_tif->write_rows(strip.row0, strip.rows, des_buf.data());
    }
    mask_tif.write_rows(strip.row0, strip.rows, mask_buf.data());
    desert_children_tif.write_rows(strip.row0, strip.rows, dch_buf.data());
    std::vector<const double*> ptrs;
    for (auto& v : z) ptrs.push_back(v.data());
    acc.add_strip(strip.row0, strip.rows, ptrs);
    progress("accessibility, step 2", double(s + 1) / stream.strips());
  }
  mask_tif.commit();
  desert_children_tif.commit();

  result.townships.resize(area.townships.size());
  for (size_t t = 0; t < area.townships.size(); ++t) {
    const auto& st = acc.stats()[t];
    TownshipAccess& ta = result.townships[t];
    double children = st.sum[kChildren];
    ta.children_covered = st.sum[kCovered];
    ta.children_covered_inclusive = st.sum[kCoveredIncl];
    ta.children_with_access = st.sum[kWithAccess];
    ta.access_2sfca = children > 0 ? st.sum[kChildAccess] / children : NAN;
    ta.children_in_deserts = st.sum[kDesertChildren];
    ta.desert_area_km2 = st.sum[kDesertArea];
  }
  progress("desert polygons", 0.0);
  polygonize_deserts(scratch / "mask.tif", scratch / "children.tif", layers, area, result);
  progress("desert polygons", 1.0);
  result.catchments.resize(supply.x.size());
  for (size_t j = 0; j < supply.x.size(); ++j) {
    Catchment& c = result.catchments[j];
    c.facility = int(j);
    c.supply = fca_supply[j];
    c.weighted_demand = fca.weighted_demand()[j];
    c.places_per_child = fca.ratio()[j];
  }
  result.supply_reached = fca.supply_reached();
  if (keep) {
    access_tif->commit();
    coverage_tif->commit();
    deserts_tif->commit();
    result.rasters = {access_tif->path(), coverage_tif->path(), deserts_tif->path()};
  }
}

// --- demand = townships ---------------------------------------------------

void access_on_townships(const Project& project, const StudyArea& area, const std::vector<TownshipPopulation>& pop,
                         const Supply& supply, const gis::DistanceDecay& decay, Problems& problems,
                         AccessResult& result) {
  const AccessConfig& cfg = project.access;
  std::vector<std::string> ids;
  for (const Township& t : area.townships) ids.push_back(t.id);
  std::unique_ptr<CostTable> table;
  if (!cfg.cost_table.empty()) table = std::make_unique<CostTable>(load_cost_table(project, area, ids, false, problems));
  ReachFinder finder(supply, decay, table.get());
  std::vector<double> fca_supply;
  for (size_t j = 0; j < supply.places.size(); ++j) fca_supply.push_back(supply.in_fca[j] ? supply.places[j] : 0.0);
  gis::FloatingCatchment fca(fca_supply, decay);

  gis::CoordinateTransform to_metric(gis::Crs::wgs84(), area.metric_crs);
  std::vector<double> x(area.townships.size()), y(area.townships.size());
  for (size_t t = 0; t < area.townships.size(); ++t) {
    // A point inside the township even when it is concave.
    OGRGeometryUniquePtr p(OGRGeometry::FromHandle(
        OGR_G_PointOnSurface(OGRGeometry::ToHandle(area.townships[t].geometry_wgs84.get()))));
    bool ok = p && wkbFlatten(p->getGeometryType()) == wkbPoint;
    x[t] = ok ? p->toPoint()->getX() : NAN;
    y[t] = ok ? p->toPoint()->getY() : NAN;
  }
  to_metric.apply(x.size(), x.data(), y.data());
  std::vector<Reach> reach(area.townships.size());
  for (size_t t = 0; t < area.townships.size(); ++t) {
    finder.find(x[t], y[t], &ids[t], reach[t]);
    fca.add_demand(pop[t].children_0_3, reach[t].fca);
  }
  fca.finish_step1();
  result.townships.resize(area.townships.size());
  for (size_t t = 0; t < area.townships.size(); ++t) {
    double p = pop[t].children_0_3;
    double a = fca.accessibility(reach[t].fca);
    TownshipAccess& ta = result.townships[t];
    ta.access_2sfca = p > 0 ? (std::isnan(a) ? 0.0 : a) : NAN;
    ta.children_covered = reach[t].covered ? p : 0.0;
    ta.children_covered_inclusive = reach[t].covered_inclusive ? p : 0.0;
    ta.children_with_access = std::isnan(a) ? 0.0 : p;
    if (is_desert(p, a, reach[t].covered, cfg)) {
      ta.children_in_deserts = p;
      ta.desert_area_km2 = area.townships[t].area_km2;
      DesertArea d;
      d.geometry.reset(area.townships[t].geometry_wgs84->clone());
      d.children_0_3 = p;
      d.area_km2 = area.townships[t].area_km2;
      d.township = int(t);
      result.deserts.push_back(std::move(d));
    }
    if (p > 0) {
      result.demand_total += p;
      if (!std::isnan(a)) result.demand_times_access += p * a;
    }
  }
  result.catchments.resize(supply.x.size());
  for (size_t j = 0; j < supply.x.size(); ++j) {
    result.catchments[j].facility = int(j);
    result.catchments[j].supply = fca_supply[j];
    result.catchments[j].weighted_demand = fca.weighted_demand()[j];
    result.catchments[j].places_per_child = fca.ratio()[j];
  }
  result.supply_reached = fca.supply_reached();
}

}  // namespace

void check_access(const Project& project, const StudyArea& area, Problems& problems) {
  try {
    build_decay(project.access);
  } catch (const gis::Error& e) {
    problems.error(project.file.string(), fmt::format("[access]: {}", e.what()));
  }
  if (area.facilities.empty()) {
    problems.error("facilities", "no facility to compute catchments or accessibility from",
                   "check [facilities] path; at least one facility is needed");
  }
  if (!project.access.cost_table.empty() && !std::filesystem::exists(project.access.cost_table)) {
    problems.error(project.access.cost_table, "cost table not found", "check [access] cost_table");
  }
  std::map<std::string, int> ids;
  if (!project.access.cost_table.empty()) {
    for (const Facility& f : area.facilities) {
      if (f.id.empty()) {
        problems.error(fmt::format("facility record {}", f.record), "has no id; a cost table needs facility ids",
                       fmt::format("fill the {} field", project.facilities.id_field));
      } else if (++ids[f.id] == 2) {
        problems.error(fmt::format("facility {}", f.id), "id is not unique; a cost table needs unique facility ids");
      }
    }
  }
}

AccessResult compute_access(const Project& project, const StudyArea& area,
                            const std::vector<TownshipPopulation>& population, const AccessOptions& options,
                            Problems& problems) {
  Problems local;
  check_access(project, area, local);
  if (local.has_errors()) {
    problems.append(local);
    throw InputError(problems);
  }
  AccessResult result;
  result.decay = build_decay(project.access);
  result.demand = project.access.demand;
  result.supply = project.access.supply;
  result.cost_table = !project.access.cost_table.empty();
  Supply supply = build_supply(project, area, problems);
  if (project.access.demand == "townships") {
    access_on_townships(project, area, population, supply, result.decay, problems, result);
  } else {
    access_on_cells(project, area, supply, result.decay, options, problems, result);
  }
  result.mean_access = result.demand_total > 0 ? result.demand_times_access / result.demand_total : NAN;
  if (!result.cost_table) {
    gis::CoordinateTransform to_wgs(area.metric_crs, gis::Crs::wgs84());
    for (Catchment& c : result.catchments) {
      OGRPoint centre(supply.x[c.facility], supply.y[c.facility]);
      OGRGeometryUniquePtr circle(centre.Buffer(result.decay.threshold, 16));
      if (circle && to_wgs.apply(*circle)) c.geometry = std::move(circle);
    }
  }
  return result;
}

}  // namespace tuowei::planner
