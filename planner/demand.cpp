#include "planner/demand.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <future>
#include <map>
#include <set>

#include "gis/coverage.h"
#include "gis/error.h"
#include "gis/parallel.h"
#include "gis/raster.h"
#include "gis/zonal.h"
#include "planner/say.h"
#include "planner/study.h"

namespace tuowei::planner {
namespace {

// Cells are kept this far beyond the townships' bounding box: children just
// across the study area's edge still count in the catchments of facilities
// near it.
constexpr double kCellMarginM = 5000.0;

// A cell value that cannot be a count of people: negative, not finite, or
// more than a billion (a fill value such as 3.4e38 that is not the declared
// nodata). Such cells are read as cells without data, and counted.
constexpr double kMostPeopleInACell = 1e9;

struct Layer {
  std::string path;
  int band;
  gis::RasterBand raster;
  double residents_weight = 0.0, children_weight = 0.0;
  // Cells of the strips read holding an impossible value (set by the
  // reader threads, reported after).
  std::shared_ptr<std::atomic<long long>> invalid = std::make_shared<std::atomic<long long>>(0);
};

// A value (not nodata) that cannot be a count of people.
bool impossible(const gis::RasterBand& raster, double v) {
  return !raster.is_nodata(v) && !(v >= 0.0 && v <= kMostPeopleInACell);
}

// Replaces impossible values by NaN in values[0, n); returns how many.
template <class T>
long long drop_impossible(const gis::RasterBand& raster, T* values, size_t n) {
  long long bad = 0;
  for (size_t k = 0; k < n; ++k) {
    if (impossible(raster, double(values[k]))) {
      values[k] = T(NAN);
      ++bad;
    }
  }
  return bad;
}

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
          problems.error(as_is(ref.path), say("population raster not found"),
                         say("check [population] (dir, prefix, year, pattern or the raster paths)"));
          return;
        }
        layers.push_back({ref.path, ref.band, gis::RasterBand::open(ref.path, ref.band)});
      } catch (const gis::Error& e) {
        problems.error(say("population"), gis::text_of(e));
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

OGREnvelope wgs84_envelope(const std::vector<Township>& townships) {
  OGREnvelope all;
  for (const Township& t : townships) {
    if (!t.geometry_wgs84) continue;
    OGREnvelope e;
    t.geometry_wgs84->getEnvelope(&e);
    all.Merge(e);
  }
  return all;
}

void check_layers(const std::vector<Layer>& layers, const std::vector<Township>& townships, Problems& problems) {
  const OGREnvelope all = wgs84_envelope(townships);
  for (const Layer& l : layers) {
    if (l.raster.crs_wkt().empty()) {
      problems.error(as_is(l.path), say("raster has no CRS"), say("assign one, e.g. gdal_edit.py -a_srs EPSG:4326 FILE"));
      continue;
    }
    if (l.raster.nodata() && !l.raster.nodata_fits_type()) {
      problems.warning(as_is(l.path),
                       say("raster declares nodata {} but its cells are {}, which cannot hold that value; "
                           "its fill cells hold something else and are counted as impossible values",
                           *l.raster.nodata(), l.raster.type_name()),
                       say("set the nodata the file really uses, e.g. gdal_edit.py -a_nodata -32768 FILE"));
    }
    if (!l.raster.nodata()) {
      problems.warning(as_is(l.path), say("raster declares no nodata value; every cell is taken as a count of people"),
                       say("set one with gdal_edit.py -a_nodata -99999 FILE if the file has a fill value"));
    }
    // Extent check: do the townships fall within the raster at all?
    if (!all.IsInit()) continue;
    gis::Crs crs = gis::Crs::from_wkt(l.raster.crs_wkt());
    gis::CoordinateTransform ct(gis::Crs::wgs84(), crs);
    double x0 = all.MinX, y0 = all.MinY, x1 = all.MaxX, y1 = all.MaxY;
    if (!ct.apply(x0, y0) || !ct.apply(x1, y1)) continue;
    gis::Box ext = l.raster.grid().extent();
    if (!ext.intersects({std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)})) {
      problems.error(as_is(l.path), say("raster does not overlap the townships at all"),
                     say("check that the raster and the townships are for the same place and that their CRSs are "
                         "right"));
    }
  }
}

// A raster's error without the "PATH: " it starts with (said beside the path
// already), in each language.
Text without_path(const Text& why, const std::string& path) {
  auto strip = [&](std::string s) {
    for (const std::string& prefix : {path + ": ", path + "："}) {
      if (s.rfind(prefix, 0) == 0) return s.erase(0, prefix.size());
    }
    return s;
  };
  return Text(strip(why.en()), strip(why.zh()));
}

// The cells of `grid` within kCellMarginM of the zones' bounding box.
gis::CellWindow cell_window(const std::vector<gis::CoveragePolygon>& zones, const gis::Grid& grid,
                            const gis::Crs& grid_crs, const gis::Crs& metric) {
  gis::CellWindow w;
  bool any = false;
  int c0 = 0, r0 = 0, c1 = 0, r1 = 0;
  for (const auto& z : zones) {
    const gis::CellWindow& zw = z.window();
    if (zw.empty()) continue;
    if (!any) {
      c0 = zw.col0, r0 = zw.row0, c1 = zw.col0 + zw.cols, r1 = zw.row0 + zw.rows;
      any = true;
    } else {
      c0 = std::min(c0, zw.col0), r0 = std::min(r0, zw.row0);
      c1 = std::max(c1, zw.col0 + zw.cols), r1 = std::max(r1, zw.row0 + zw.rows);
    }
  }
  if (!any) return w;
  // The cell size in metres at the window's centre.
  const double cc = 0.5 * (c0 + c1), rc = 0.5 * (r0 + r1);
  double xs[3] = {grid.x_of(cc), grid.x_of(cc + 1), grid.x_of(cc)};
  double ys[3] = {grid.y_of(rc), grid.y_of(rc), grid.y_of(rc + 1)};
  gis::CoordinateTransform(grid_crs, metric).apply(3, xs, ys);
  const double cw = std::hypot(xs[1] - xs[0], ys[1] - ys[0]), ch = std::hypot(xs[2] - xs[0], ys[2] - ys[0]);
  const int mc = std::isfinite(cw) && cw > 0 ? int(std::ceil(kCellMarginM / cw)) : 0;
  const int mr = std::isfinite(ch) && ch > 0 ? int(std::ceil(kCellMarginM / ch)) : 0;
  w.col0 = std::max(0, c0 - mc);
  w.row0 = std::max(0, r0 - mr);
  w.cols = std::min(grid.cols, c1 + mc) - w.col0;
  w.rows = std::min(grid.rows, r1 + mr) - w.row0;
  return w;
}

}  // namespace

const char* name(PopulationSource source) {
  switch (source) {
    case PopulationSource::grid: return "grid";
    case PopulationSource::official: return "official";
    case PopulationSource::ages: return "ages";
    case PopulationSource::births: return "births";
  }
  return "?";
}

int DemandCells::main_township(size_t i) const { return layout_->main_township(i); }

int DemandCells::Layout::main_township(size_t i) const {
  int best = -1;
  double most = 0.0;
  for (size_t k = share_start[i]; k < share_start[i + 1]; ++k) {
    const TownshipShare& s = shares[k];
    if (s.fraction > most || (s.fraction == most && best >= 0 && s.township < best)) {
      most = s.fraction;
      best = s.township;
    }
  }
  return best;
}

void DemandCells::Layout::group_by_township(size_t townships) {
  const size_t n = share_start.size() - 1;
  std::vector<int> main(n);
  by_township_start.assign(townships + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    main[i] = main_township(i);
    if (main[i] >= 0) ++by_township_start[size_t(main[i]) + 1];
  }
  for (size_t t = 0; t < townships; ++t) by_township_start[t + 1] += by_township_start[t];
  by_township.resize(by_township_start[townships]);
  std::vector<size_t> next(by_township_start.begin(), by_township_start.end() - 1);
  for (size_t i = 0; i < n; ++i) {
    if (main[i] >= 0) by_township[next[size_t(main[i])]++] = i;
  }
}

// Streams one group of layers (one grid): sums per township and, for the
// under-3 grid, the populated cells.
class DemandReader {
 public:
  DemandReader(const std::vector<const Layer*>& layers, const std::vector<Township>& townships,
               const gis::Crs& township_crs)
      : layers_(layers),
        grid_(layers.front()->raster.grid()),
        crs_(gis::Crs::from_wkt(layers.front()->raster.crs_wkt())),
        zones_(township_zones(townships, township_crs, grid_, crs_)) {
    const int block = std::max(1, layers.front()->raster.block_rows());
    strip_rows_ = block * std::max(1, 256 / block);
    single_ = layers.size() == 1 && layers.front()->raster.fits_float();
  }

  // Keeps the populated cells into `cells` (in `metric`), at most max_cells.
  void keep_cells(DemandCells& cells, const gis::Crs& metric, double max_cells) {
    cells_ = &cells;
    max_cells_ = max_cells;
    window_ = cell_window(zones_, grid_, crs_, metric);
    cells.layout_ = std::make_shared<DemandCells::Layout>();
    cells.layout_->points = gis::CellPoints(grid_, crs_, metric);
    cells.layout_->grid_crs = crs_;
    cells.layout_->grid_wkt = layers_.front()->raster.crs_wkt();
  }

  int strips() const { return (grid_.rows + strip_rows_ - 1) / strip_rows_; }

  // Reads every strip that a township (or the cells' window) touches. The
  // next strip is read (blocks decoded by GDAL's threads, layers summed) on
  // another thread while this one is summed per township and its cells kept.
  void run(std::vector<TownshipPopulation>& out, const std::function<void(double)>& progress) {
    std::vector<char> needed(size_t(strips()), 0);
    for (const auto& z : zones_) mark(z.window(), needed);
    if (cells_) mark(window_, needed);
    auto next_needed = [&](int s) {
      while (s < strips() && !needed[size_t(s)]) ++s;
      return s;
    };
    enum { kResidents, kChildren, kLayers };
    // A cell has data where its residents layers hold a value (or, on a grid
    // of under-3 layers alone, those).
    const bool has_residents = std::any_of(layers_.begin(), layers_.end(),
                                           [](const Layer* l) { return l->residents_weight != 0.0; });
    const int data_layer = has_residents ? kResidents : kChildren;
    // One layer on this grid (a residents raster that is also the under-3
    // one, scaled): its values are summed as read, and scaled after.
    gis::ZonalAccumulator acc(zones_, grid_, single_ ? 1 : kLayers);
    const std::vector<double> nodata = {single_ ? layers_.front()->raster.nodata().value_or(NAN) : NAN};
    Strip strip, next;
    std::vector<gis::CellShare> shares;
    std::future<void> reading;
    int s = next_needed(0), reported = 0;
    if (s < strips()) reading = std::async(std::launch::async, [&, s] { read_strip(s, next); });
    while (s < strips()) {
      reading.get();
      std::swap(strip, next);
      const int following = next_needed(s + 1);
      if (following < strips()) reading = std::async(std::launch::async, [&, following] { read_strip(following, next); });
      const unsigned char* keep = cells_ ? strip.keep.data() : nullptr;
      if (single_) {
        acc.add_strip(strip.row0, strip.nrows, {strip.buf.data()}, nodata, keep, cells_ ? &shares : nullptr);
      } else {
        acc.add_strip(strip.row0, strip.nrows, {strip.residents.data(), strip.children.data()}, keep,
                      cells_ ? &shares : nullptr);
      }
      if (cells_) add_cells(strip, shares);
      for (; reported < following; ++reported) {
        if (progress) progress(double(reported + 1) / strips());
      }
      s = following;
    }
    if (cells_) finish_cells(zones_.size());
    for (size_t z = 0; z < zones_.size(); ++z) {
      const gis::ZonalStats& st = acc.stats()[z];
      if (single_) {
        out[z].residents += layers_.front()->residents_weight * st.sum[0];
        out[z].children_0_3 += layers_.front()->children_weight * st.sum[0];
      } else {
        out[z].residents += st.sum[kResidents];
        out[z].children_0_3 += st.sum[kChildren];
      }
      const double valid = st.valid_cells[single_ ? 0 : size_t(data_layer)];
      out[z].data_share = std::min(out[z].data_share, st.area_cells > 0 ? valid / st.area_cells : 0.0);
    }
  }

 private:
  // One strip of the weighted sums, and the populated cells to keep.
  struct Strip {
    int row0 = 0, nrows = 0;
    std::vector<double> residents, children;
    std::vector<unsigned char> keep;
    std::vector<float> buf;  // one layer as read
    std::vector<double> buf64;
  };

  void mark(const gis::CellWindow& w, std::vector<char>& needed) const {
    if (w.empty()) return;
    for (int s = w.row0 / strip_rows_; s <= (w.row0 + w.rows - 1) / strip_rows_; ++s) needed[size_t(s)] = 1;
  }

  // Strip s of the weighted sums of the layers, cell by cell: residents and
  // children under 3 (NaN where none of their layers has a value).
  void read_strip(int s, Strip& out) const {
    out.row0 = s * strip_rows_;
    out.nrows = std::min(strip_rows_, grid_.rows - out.row0);
    const size_t n = size_t(out.nrows) * grid_.cols;
    if (single_) {
      // As read; the under-3 values are the layer's times its weight.
      const Layer& l = *layers_.front();
      out.buf.resize(n);
      l.raster.read_rows(out.row0, out.nrows, out.buf.data());
      if (const long long bad = drop_impossible(l.raster, out.buf.data(), n)) *l.invalid += bad;
      if (cells_) {
        out.keep.assign(n, 0);
        out.children.resize(n);
        const gis::CellWindow w = window_.intersect({0, out.row0, grid_.cols, out.nrows});
        for (int r = w.row0; r < w.row0 + w.rows; ++r) {
          const size_t base = size_t(r - out.row0) * grid_.cols;
          for (int c = w.col0; c < w.col0 + w.cols; ++c) {
            const double v = out.buf[base + c];
            if (l.raster.is_nodata(v)) continue;
            out.children[base + c] = l.children_weight * v;
            out.keep[base + c] = out.children[base + c] > 0;
          }
        }
      }
      return;
    }
    out.residents.assign(n, NAN);
    out.children.assign(n, NAN);
    for (const Layer* l : layers_) {
      // Floats where they hold the values exactly: half the memory traffic.
      const bool as_float = l->raster.fits_float();
      if (as_float) {
        out.buf.resize(n);
        l->raster.read_rows(out.row0, out.nrows, out.buf.data());
        if (const long long bad = drop_impossible(l->raster, out.buf.data(), n)) *l->invalid += bad;
      } else {
        out.buf64.resize(n);
        l->raster.read_rows(out.row0, out.nrows, out.buf64.data());
        if (const long long bad = drop_impossible(l->raster, out.buf64.data(), n)) *l->invalid += bad;
      }
      const double wr = l->residents_weight, wc = l->children_weight;
      gis::parallel_for(n, 1 << 16, [&](size_t b, size_t e, int) {
        for (size_t k = b; k < e; ++k) {
          const double v = as_float ? double(out.buf[k]) : out.buf64[k];
          if (l->raster.is_nodata(v)) continue;
          if (wr != 0.0) out.residents[k] = std::isnan(out.residents[k]) ? wr * v : out.residents[k] + wr * v;
          if (wc != 0.0) out.children[k] = std::isnan(out.children[k]) ? wc * v : out.children[k] + wc * v;
        }
      });
    }
    if (!cells_) return;
    out.keep.assign(n, 0);
    const gis::CellWindow w = window_.intersect({0, out.row0, grid_.cols, out.nrows});
    for (int r = w.row0; r < w.row0 + w.rows; ++r) {
      const size_t base = size_t(r - out.row0) * grid_.cols;
      for (int c = w.col0; c < w.col0 + w.cols; ++c) out.keep[base + c] = out.children[base + c] > 0;
    }
  }

  void add_cells(const Strip& strip, const std::vector<gis::CellShare>& shares) {
    DemandCells& cells = *cells_;
    const size_t kept = size_t(std::count(strip.keep.begin(), strip.keep.end(), 1));
    if (double(cells.size() + kept) > max_cells_) {
      Problems p;
      p.error(as_is(layers_.front()->path),
              say("the under-3 grid holds more than {:.0f} populated cells in the study area (reached at row "
                  "{} of {}); cell-level access would need about {:.1f} GB of memory for all of them",
                  max_cells_, strip.row0 + strip.nrows, grid_.rows,
                  double(cells.size() + kept) * 100e-9 * double(grid_.rows) / double(strip.row0 + strip.nrows)),
              say("use a coarser grid (gdalwarp -tr), [access] demand = \"townships\", a smaller study area, or raise "
                  "[population] max_cells if the machine has the memory"));
      throw InputError(p);
    }
    DemandCells::Layout& layout = *cells.layout_;
    layout.points.add_rows(strip.row0, strip.nrows, strip.keep.data());
    auto s = shares.begin();
    for (size_t k = 0; k < strip.keep.size(); ++k) {
      if (!strip.keep[k]) continue;
      cells.children_.push_back(strip.children[k]);
      for (; s != shares.end() && s->offset < k; ++s) {
      }
      for (; s != shares.end() && s->offset == k; ++s) layout.shares.push_back({s->zone, s->fraction});
      layout.share_start.push_back(layout.shares.size());
    }
  }

  // Closes the points and groups the cells by main township.
  void finish_cells(size_t townships) {
    cells_->layout_->points.finish();
    cells_->layout_->group_by_township(townships);
  }

  const std::vector<const Layer*>& layers_;
  gis::Grid grid_;
  gis::Crs crs_;
  std::vector<gis::CoveragePolygon> zones_;
  int strip_rows_ = 256;
  bool single_ = false;  // one layer, its values floats
  DemandCells* cells_ = nullptr;
  double max_cells_ = 0;
  gis::CellWindow window_;
};

namespace {

gis::CoveragePolygon township_zone(const Township& t, const gis::CoordinateTransform& ct, const gis::Grid& grid,
                                   const gis::Crs& grid_crs) {
  std::unique_ptr<OGRGeometry> g(t.geometry->clone());
  if (!ct.is_identity()) {
    // Straight edges bend under reprojection: densify first.
    OGREnvelope e;
    g->getEnvelope(&e);
    g->segmentize(std::max(e.MaxX - e.MinX, e.MaxY - e.MinY) / 256.0);
    if (!ct.apply(*g)) {
      Problems p;
      p.error(say("township {} {}", t.id, t.name), say("cannot be transformed into the raster's CRS ({})", grid_crs.name()));
      throw InputError(p);
    }
  }
  return gis::CoveragePolygon::from_ogr(*g, grid);
}

}  // namespace

std::vector<gis::CoveragePolygon> township_zones(const std::vector<Township>& townships,
                                                 const gis::Crs& township_crs, const gis::Grid& grid,
                                                 const gis::Crs& grid_crs) {
  gis::CoordinateTransform ct(township_crs, grid_crs);
  std::vector<gis::CoveragePolygon> zones;
  zones.reserve(townships.size());
  for (const Township& t : townships) zones.push_back(township_zone(t, ct, grid, grid_crs));
  return zones;
}

// Builds the scaled copies of DemandCells (scaled_demand()).
struct Scaler {
  const DemandCells& in;
  std::vector<double> k;  // per township
  double k_out = 1.0;     // parts outside every township

  // The cell's scaled under-3s; its children shares into `out` when given.
  double scale(size_t i, std::vector<TownshipShare>* out) const {
    const double c = in.children(i);
    double inside = 0.0, scaled = 0.0;
    for (const TownshipShare& s : in.shares(i)) {
      inside += s.fraction;
      scaled += c * s.fraction * k[size_t(s.township)];
    }
    scaled += c * std::max(0.0, 1.0 - inside) * k_out;
    if (out) {
      for (const TownshipShare& s : in.shares(i)) {
        out->push_back({s.township, scaled > 0 ? c * s.fraction * k[size_t(s.township)] / scaled : s.fraction});
      }
    }
    return scaled;
  }

  // Same layout, children scaled.
  DemandCells scaled() const {
    DemandCells out;
    out.layout_ = in.layout_;
    out.children_.resize(in.size());
    auto shares = std::make_shared<std::vector<TownshipShare>>();
    shares->reserve(in.layout_->shares.size());
    for (size_t i = 0; i < in.size(); ++i) out.children_[i] = scale(i, shares.get());
    out.children_shares_ = std::move(shares);
    return out;
  }

  struct Spread {
    int row, col, township;
    double fraction, children;
  };
  // A new layout holding the cells and the `spread` ones.
  DemandCells with(std::vector<Spread> spread, size_t townships) const {
    std::sort(spread.begin(), spread.end(), [](const Spread& a, const Spread& b) {
      return std::tie(a.row, a.col, a.township) < std::tie(b.row, b.col, b.township);
    });
    std::vector<std::pair<int, int>> extra;
    for (const Spread& e : spread) extra.emplace_back(e.row, e.col);
    DemandCells out;
    out.layout_ = std::make_shared<DemandCells::Layout>();
    DemandCells::Layout& layout = *out.layout_;
    layout.points = in.points().with_cells(std::move(extra));
    layout.grid_crs = in.grid_crs();
    layout.grid_wkt = in.grid_wkt();
    auto shares = std::make_shared<std::vector<TownshipShare>>();
    std::vector<TownshipShare> mine;
    auto e = spread.begin();
    for (size_t j = 0; j < layout.points.size(); ++j) {
      const int row = layout.points.row(j), col = layout.points.col(j);
      double children = 0.0;
      mine.clear();
      if (const long i = in.points().find(row, col); i >= 0) {
        children = scale(size_t(i), &mine);
        for (TownshipShare& s : mine) s.fraction *= children;  // as under-3s for now
        const auto& area = in.layout_->shares;
        for (size_t k = in.layout_->share_start[size_t(i)]; k < in.layout_->share_start[size_t(i) + 1]; ++k) {
          layout.shares.push_back(area[k]);
        }
      }
      for (; e != spread.end() && e->row == row && e->col == col; ++e) {
        layout.shares.push_back({e->township, e->fraction});
        mine.push_back({e->township, e->children});
        children += e->children;
      }
      layout.share_start.push_back(layout.shares.size());
      for (TownshipShare& s : mine) s.fraction = children > 0 ? s.fraction / children : 0.0;
      shares->insert(shares->end(), mine.begin(), mine.end());
      out.children_.push_back(children);
    }
    layout.group_by_township(townships);
    out.children_shares_ = std::move(shares);
    return out;
  }
};

int check_population_rasters(const PopulationConfig& config, const std::vector<Township>& townships,
                             Problems& problems, bool deep) {
  std::vector<Layer> layers = open_layers(config, problems);
  check_layers(layers, townships, problems);
  if (deep) {
    // Every block decoded, as a run would: a truncated or corrupt file is
    // found here, not halfway through an analysis.
    for (const Layer& l : layers) {
      const gis::Grid& g = l.raster.grid();
      const int rows = std::max(1, int((64u << 20) / (sizeof(float) * size_t(std::max(1, g.cols)))));
      std::vector<float> buf;
      long long bad = 0;
      try {
        for (int r0 = 0; r0 < g.rows; r0 += rows) {
          const int nr = std::min(rows, g.rows - r0);
          buf.resize(size_t(nr) * size_t(g.cols));
          l.raster.read_rows(r0, nr, buf.data());
          bad += drop_impossible(l.raster, buf.data(), buf.size());
        }
      } catch (const gis::Error& e) {
        problems.error(as_is(l.path), say("cannot be read to the end: {}", without_path(gis::text_of(e), l.path)),
                       say("the file may be truncated or damaged; copy or download it again"));
        continue;
      }
      if (bad > 0) {
        problems.warning(as_is(l.path),
                         say("{} cells hold a value that cannot be a count of people (negative, infinite or "
                             "more than {:.0e}); a run reads them as cells without data",
                             bad, kMostPeopleInACell),
                         say("check the file's nodata value (gdal_edit.py -a_nodata VALUE FILE)"));
      }
    }
  }
  return int(layers.size());
}

Demand read_demand(const PopulationConfig& config, const std::vector<Township>& townships,
                   const gis::Crs& township_crs, const gis::Crs& metric, bool cells, Problems& problems,
                   const std::function<void(double)>& progress) {
  Problems local;
  std::vector<Layer> layers = open_layers(config, local);
  check_layers(layers, townships, local);
  problems.append(local);
  if (local.has_errors()) throw InputError(local);

  Demand demand;
  demand.raster_layers = int(layers.size());
  demand.townships.assign(townships.size(), TownshipPopulation{});
  const auto groups = group_by_grid(layers);
  // The under-3 grid: the group that holds every under-3 layer.
  const auto is_child = [](const Layer* l) { return l->children_weight != 0.0; };
  const long child_layers = std::count_if(layers.begin(), layers.end(), [](const Layer& l) {
    return l.children_weight != 0.0;
  });
  int cell_group = -1;
  for (size_t g = 0; g < groups.size(); ++g) {
    if (child_layers > 0 && std::count_if(groups[g].begin(), groups[g].end(), is_child) == child_layers) {
      cell_group = int(g);
    }
  }
  if (cells && cell_group < 0) {
    demand.cells_unavailable = child_layers == 0
                                   ? say("[population] names no under-3 rasters")
                                   : say("the under-3 rasters are not on one grid; cell-level access needs them on "
                                         "one grid (resample with gdalwarp, or set [access] demand = "
                                         "\"townships\")");
  }
  int strips_total = 0, strips_done = 0;
  std::vector<DemandReader> readers;
  readers.reserve(groups.size());
  for (const auto& group : groups) {
    readers.emplace_back(group, townships, township_crs);
    strips_total += readers.back().strips();
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    if (cells && int(g) == cell_group) readers[g].keep_cells(demand.cells, metric, config.max_cells);
    const int before = strips_done;
    readers[g].run(demand.townships, [&](double f) {
      if (progress) progress((before + f * readers[g].strips()) / std::max(1, strips_total));
    });
    strips_done += readers[g].strips();
  }
  for (const Layer& l : layers) {
    if (const long long bad = *l.invalid) {
      problems.warning(as_is(l.path),
                       say("{} cells hold a value that cannot be a count of people (negative, infinite, NaN "
                           "other than nodata, or more than {:.0e}); they are read as cells without data",
                           bad, kMostPeopleInACell),
                       say("check the file: a fill value other than its declared nodata (set it with gdal_edit.py "
                           "-a_nodata VALUE FILE), or values of another quantity"));
    }
  }
  for (size_t z = 0; z < townships.size(); ++z) {
    if (demand.townships[z].data_share < 0.95) {
      const Township& t = townships[z];
      problems.warning(say("township {} {}", t.id, t.name),
                       say("population rasters have data for only {:.1f}% of its area; the uncovered part "
                           "counts as nobody",
                           100.0 * demand.townships[z].data_share),
                       say("use rasters that cover the whole study area"));
    }
  }
  return demand;
}

Demand scaled_demand(const Demand& grid, std::vector<TownshipPopulation> figures, int year,
                     const std::vector<Township>& townships, const gis::Crs& township_crs) {
  Demand out;
  out.year = year;
  out.raster_layers = grid.raster_layers;
  out.cells_unavailable = grid.cells_unavailable;
  out.townships = std::move(figures);
  const DemandCells& in = grid.cells;
  if (!in.has_grid()) return out;
  // The cells' under-3s per township, as the grid has them.
  std::vector<double> have(townships.size(), 0.0);
  for (size_t i = 0; i < in.size(); ++i) {
    for (const TownshipShare& s : in.shares(i)) have[size_t(s.township)] += in.children(i) * s.fraction;
  }
  Scaler scaler{in, std::vector<double>(townships.size(), 1.0), 1.0};
  double want_all = 0.0, have_all = 0.0;
  std::vector<size_t> spread;
  for (size_t t = 0; t < townships.size(); ++t) {
    const double want = out.townships[t].children_0_3;
    // Below this the grid holds no one there, only rounding dust of the
    // coverage fractions of its neighbours' cells.
    if (have[t] > 1e-9 * std::max(1.0, want)) {
      scaler.k[t] = want / have[t];
      want_all += want;
      have_all += have[t];
    } else {
      scaler.k[t] = 0.0;
      if (want > 0) spread.push_back(t);
    }
  }
  // Children just outside the townships change as the study's do.
  if (have_all > 0) scaler.k_out = want_all / have_all;
  const bool same = scaler.k_out == 1.0 &&
                    std::all_of(scaler.k.begin(), scaler.k.end(), [](double k) { return k == 1.0; });
  if (spread.empty()) {
    out.cells = same ? in : scaler.scaled();
    return out;
  }
  // Townships with under-3s and no populated cell: spread over their area.
  const gis::Grid& g = in.points().grid();
  gis::CoordinateTransform ct(township_crs, in.grid_crs());
  std::vector<Scaler::Spread> cells;
  std::vector<double> fr;
  for (size_t t : spread) {
    const Township& town = townships[t];
    const gis::CoveragePolygon zone = township_zone(town, ct, g, in.grid_crs());
    const gis::CellWindow& w = zone.window();
    const size_t first = cells.size();
    double area = 0.0;
    if (!w.empty()) {
      zone.coverage(w, fr);
      for (int r = 0; r < w.rows; ++r) {
        for (int c = 0; c < w.cols; ++c) {
          const double f = fr[size_t(r) * w.cols + c];
          if (!(f > 0)) continue;
          const double a = f * in.points().cell_area_km2(w.row0 + r);
          cells.push_back({w.row0 + r, w.col0 + c, int(t), std::min(f, 1.0), a});
          area += a;
        }
      }
    }
    const double want = out.townships[t].children_0_3;
    const Text where = say("township {} {}", town.id, town.name);
    if (!(area > 0)) {
      out.problems.warning(where,
                           say("has {:.0f} under-3s but lies outside the under-3 grid; they count in its "
                               "indicators but in no catchment",
                               want),
                           say("use a grid that covers the whole study area"));
      continue;
    }
    for (size_t k = first; k < cells.size(); ++k) cells[k].children = want * cells[k].children / area;
    out.problems.warning(where,
                         say("has {:.0f} under-3s in the official figures but none in the grid; they are "
                             "spread evenly over its area ({} cells)",
                             want, cells.size() - first),
                         say("check the township's code in the table, or use a grid that shows where its people "
                             "live"));
  }
  out.cells = scaler.with(std::move(cells), townships.size());
  return out;
}

void DemandCells::within(double x, double y, double radius, std::vector<gis::Neighbour>& out) const {
  const WalkingNetwork* w = walking();
  if (!w) {
    layout_->points.within(x, y, radius, out);
    return;
  }
  // One search (its scratch space) per thread and network.
  thread_local long long search_for = -1;
  thread_local std::unique_ptr<gis::NetworkSearch> search;
  if (search_for != w->id) {
    search = std::make_unique<gis::NetworkSearch>(w->streets);
    search_for = w->id;
  }
  search->within(w->streets.snap(x, y, w->max_snap_m), w->cells, radius, out);
}

}  // namespace tuowei::planner
