#include "population.h"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "random.h"

namespace tuowei::demo {
namespace {

constexpr int kBlock = 256;
constexpr double kNoData = -99999.0;
constexpr int kLayers = 2 * kAgeClasses;  // female classes, then male classes

// Rounds to 10 significant mantissa bits (relative error below 0.05 %), so
// that DEFLATE with the floating-point predictor finds long runs of zero
// bits. Values are non-negative.
float quantise(double v) {
  float f = static_cast<float>(v);
  std::uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  bits = (bits + 0x1000u) & ~0x1FFFu;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

struct OgrGeomDeleter {
  void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
using OgrGeom = std::unique_ptr<OGRGeometry, OgrGeomDeleter>;

OgrGeom ogr_from_wkb(std::span<const unsigned char> wkb) {
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g) {
    throw std::runtime_error("WKB to OGR failed");
  }
  return OgrGeom(g);
}

// A one-strip in-memory raster (full grid width, one block row high) into
// which polygons are burnt with their 1-based index.
class StripRasteriser {
 public:
  StripRasteriser(const Grid& grid, std::vector<OgrGeom> geoms, GDALDataType type)
      : grid_(grid), geoms_(std::move(geoms)) {
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem) throw std::runtime_error("GDAL has no MEM driver");
    ds_.reset(mem->Create("", grid.width, kBlock, 1, type, nullptr));
    if (!ds_) throw std::runtime_error("cannot create an in-memory strip");
    for (std::size_t i = 0; i < geoms_.size(); ++i) {
      handles_.push_back(OGRGeometry::ToHandle(geoms_[i].get()));
      burn_.push_back(static_cast<double>(i + 1));
    }
    values_.resize(static_cast<std::size_t>(grid.width) * kBlock);
  }

  // Rasterises strip `by` (rows by*kBlock ...); a cell takes the polygon
  // that contains its centre.
  const std::vector<std::int32_t>& strip(int by) {
    double gt[6] = {grid_.west, grid_.step, 0.0, grid_.north - by * kBlock * grid_.step, 0.0, -grid_.step};
    ds_->SetGeoTransform(gt);
    GDALRasterBand* band = ds_->GetRasterBand(1);
    band->Fill(0.0);
    int bands[1] = {1};
    const CPLErr err = GDALRasterizeGeometries(GDALDataset::ToHandle(ds_.get()), 1, bands,
                                               static_cast<int>(handles_.size()), handles_.data(), nullptr,
                                               nullptr, burn_.data(), nullptr, nullptr, nullptr);
    if (err != CE_None) throw std::runtime_error("rasterising polygons failed");
    if (band->RasterIO(GF_Read, 0, 0, grid_.width, kBlock, values_.data(), grid_.width, kBlock, GDT_Int32, 0, 0,
                       nullptr) != CE_None) {
      throw std::runtime_error("reading a rasterised strip failed");
    }
    return values_;
  }

 private:
  Grid grid_;
  std::vector<OgrGeom> geoms_;
  std::vector<OGRGeometryH> handles_;
  std::vector<double> burn_;
  std::unique_ptr<GDALDataset> ds_;
  std::vector<std::int32_t> values_;
};

std::string layer_name(const PopulationOptions& o, int layer) {
  const bool male = layer >= kAgeClasses;
  const int age = kAgeClassStart[layer % kAgeClasses];
  return fmt::format("{}_{}_{}_{}.tif", o.prefix, male ? 'm' : 'f', age, o.year);
}

std::string age_label(int c) {
  const int a = kAgeClassStart[c];
  if (c == 0) return "under 1";
  if (c == 1) return "1 to 4";
  if (c == kAgeClasses - 1) return "80 and over";
  return fmt::format("{} to {}", a, a + 4);
}

}  // namespace

Grid grid_covering(const Envelope& env) {
  Grid g;
  const double per_degree = 1200.0;
  const double west = std::floor(env.min_x * per_degree);
  const double east = std::ceil(env.max_x * per_degree);
  const double south = std::floor(env.min_y * per_degree);
  const double north = std::ceil(env.max_y * per_degree);
  g.west = west / per_degree;
  g.north = north / per_degree;
  g.step = 1.0 / per_degree;
  g.width = static_cast<int>(east - west);
  g.height = static_cast<int>(north - south);
  return g;
}

PopulationSummary write_population(const std::filesystem::path& dir, const Inputs& inputs,
                                   const GeosContext& ctx, const TownshipSet& townships, DensityModel& model,
                                   std::uint64_t seed, const PopulationOptions& options) {
  PopulationSummary sum;
  const Grid grid = grid_covering(inputs.envelope);
  sum.grid = grid;
  const int nbx = (grid.width + kBlock - 1) / kBlock;
  const int nby = (grid.height + kBlock - 1) / kBlock;

  std::vector<OgrGeom> county_geoms;
  for (const auto& c : inputs.counties) county_geoms.push_back(ogr_from_wkb(c.wkb));
  StripRasteriser counties(grid, std::move(county_geoms), GDT_Byte);
  std::vector<OgrGeom> township_geoms;
  for (const auto& t : townships.townships) township_geoms.push_back(ogr_from_wkb(to_wkb(ctx, t.geometry.get())));
  StripRasteriser township_raster(grid, std::move(township_geoms), GDT_Int16);

  sum.county_residents.assign(inputs.counties.size(), 0.0);
  sum.county_under3.assign(inputs.counties.size(), 0.0);
  sum.township_residents.assign(townships.townships.size(), 0.0);
  sum.township_under3.assign(townships.townships.size(), 0.0);

  // Both passes visit cells in exactly this order and evaluate the model
  // identically, so sums from pass 1 can drive choices in pass 2.
  auto visit = [&](auto&& on_block_start, auto&& on_cell, auto&& on_block_end, bool with_townships) {
    for (int by = 0; by < nby; ++by) {
      const std::vector<std::int32_t>& mask = counties.strip(by);
      const std::vector<std::int32_t>* tmask = with_townships ? &township_raster.strip(by) : nullptr;
      for (int bx = 0; bx < nbx; ++bx) {
        const double lon0 = grid.west + bx * kBlock * grid.step;
        const double lat1 = grid.north - by * kBlock * grid.step;
        model.focus(lon0, lat1 - kBlock * grid.step, lon0 + kBlock * grid.step, lat1);
        on_block_start(bx, by);
        for (int r = 0; r < kBlock; ++r) {
          const int row = by * kBlock + r;
          if (row >= grid.height) break;
          const double lat = grid.north - (row + 0.5) * grid.step;
          const double area = cell_area_km2(lat, grid.step);
          for (int c = 0; c < kBlock; ++c) {
            const int col = bx * kBlock + c;
            if (col >= grid.width) break;
            const std::size_t mi = static_cast<std::size_t>(r) * grid.width + col;
            const int county = mask[mi] - 1;
            if (county < 0) continue;
            const double lon = grid.west + (col + 0.5) * grid.step;
            const CellModel m = model.evaluate(lon, lat, col, row);
            on_cell(r, c, lon, lat, county, tmask ? (*tmask)[mi] - 1 : -1, m, m.density * area);
          }
        }
        on_block_end(bx, by);
      }
    }
  };
  // Nurseries follow the under-3s, leaning towards built-up places.
  auto site_weight = [](const CellModel& m, double raw) {
    return raw * (m.age[0] + 0.5 * m.age[1]) * (0.6 + 0.8 * m.urban);
  };

  // Pass 1: totals for the global scale, the per-class corrections and the
  // nursery draw.
  double raw_total = 0.0;
  std::array<double, kAgeClasses> raw_class{};
  double weight_total = 0.0;
  visit([](int, int) {},
        [&](int, int, double, double, int, int, const CellModel& m, double raw) {
          raw_total += raw;
          for (int k = 0; k < kAgeClasses; ++k) raw_class[k] += raw * m.age[k];
          weight_total += site_weight(m, raw);
          ++sum.cells;
        },
        [](int, int) {}, false);
  if (raw_total <= 0.0) throw std::runtime_error("the model put nobody inside the counties");
  const double scale = options.residents / raw_total;
  // Local age structures vary; these factors bring each class back to its
  // city-wide share so the totals match the pyramid exactly.
  std::array<double, kAgeClasses> correction{};
  for (int k = 0; k < kAgeClasses; ++k) correction[k] = kAgeShare[k] * raw_total / raw_class[k];

  std::vector<double> targets(static_cast<std::size_t>(options.sites));
  {
    Rng rng(seed, "nursery-cells");
    for (double& t : targets) t = rng.uniform() * weight_total;
    std::sort(targets.begin(), targets.end());
  }

  // Pass 2: write.
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (!gtiff) throw std::runtime_error("GDAL has no GTiff driver");
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  char** co = nullptr;
  co = CSLSetNameValue(co, "TILED", "YES");
  co = CSLSetNameValue(co, "BLOCKXSIZE", "256");
  co = CSLSetNameValue(co, "BLOCKYSIZE", "256");
  co = CSLSetNameValue(co, "COMPRESS", "DEFLATE");
  co = CSLSetNameValue(co, "PREDICTOR", "3");
  co = CSLSetNameValue(co, "ZLEVEL", "1");  // 2-3 % larger than the default 6, much faster
  co = CSLSetNameValue(co, "BIGTIFF", "NO");
  std::vector<std::unique_ptr<GDALDataset>> out;
  std::vector<GDALRasterBand*> bands;
  const double gt[6] = {grid.west, grid.step, 0.0, grid.north, 0.0, -grid.step};
  for (int layer = 0; layer < kLayers; ++layer) {
    const std::string name = layer_name(options, layer);
    const std::filesystem::path path = dir / name;
    std::unique_ptr<GDALDataset> ds(gtiff->Create(path.string().c_str(), grid.width, grid.height, 1, GDT_Float32, co));
    if (!ds) throw std::runtime_error(fmt::format("cannot create {}", path.string()));
    ds->SetGeoTransform(const_cast<double*>(gt));
    ds->SetSpatialRef(&srs);
    ds->SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION",
                        fmt::format("tuowei synthetic population (Nanning demo): {}, age {}, residents per cell",
                                    layer >= kAgeClasses ? "male" : "female", age_label(layer % kAgeClasses))
                            .c_str());
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(kNoData);
    bands.push_back(band);
    out.push_back(std::move(ds));
    sum.files.push_back(name);
  }
  CSLDestroy(co);

  std::vector<float> block(static_cast<std::size_t>(kLayers) * kBlock * kBlock);
  double cumulative = 0.0;
  std::size_t next_target = 0;
  const auto block_cells = static_cast<std::size_t>(kBlock) * kBlock;
  visit([&](int, int) { std::fill(block.begin(), block.end(), static_cast<float>(kNoData)); },
        [&](int r, int c, double lon, double lat, int county, int township, const CellModel& m, double raw) {
          const std::size_t off = static_cast<std::size_t>(r) * kBlock + c;
          const double people = raw * scale;
          double cell_total = 0.0;
          double cell_under3 = 0.0;
          for (int k = 0; k < kAgeClasses; ++k) {
            const double in_class = people * m.age[k] * correction[k];
            const float f = quantise(in_class * (1.0 - kMaleShare[k]));
            const float mm = quantise(in_class * kMaleShare[k]);
            block[static_cast<std::size_t>(k) * block_cells + off] = f;
            block[static_cast<std::size_t>(kAgeClasses + k) * block_cells + off] = mm;
            sum.female[k] += f;
            sum.male[k] += mm;
            cell_total += static_cast<double>(f) + mm;
            if (k == 0) cell_under3 += static_cast<double>(f) + mm;
            if (k == 1) cell_under3 += 0.5 * (static_cast<double>(f) + mm);
          }
          sum.county_residents[county] += cell_total;
          sum.county_under3[county] += cell_under3;
          if (township >= 0) {
            sum.township_residents[township] += cell_total;
            sum.township_under3[township] += cell_under3;
          }
          cumulative += site_weight(m, raw);
          while (next_target < targets.size() && targets[next_target] < cumulative) {
            Site s;
            s.lon = lon;
            s.lat = lat;
            s.half_step = 0.5 * grid.step;
            s.county_index = county;
            s.urban = m.urban;
            sum.sites.push_back(s);
            ++next_target;
          }
        },
        [&](int bx, int by) {
          for (int layer = 0; layer < kLayers; ++layer) {
            float* data = block.data() + static_cast<std::size_t>(layer) * block_cells;
            if (bands[layer]->WriteBlock(bx, by, data) != CE_None) {
              throw std::runtime_error(fmt::format("writing block {},{} of {} failed", bx, by, sum.files[layer]));
            }
          }
        },
        true);
  // Rounding can leave the last target a hair above the running sum.
  while (next_target < targets.size() && !sum.sites.empty()) {
    sum.sites.push_back(sum.sites.back());
    ++next_target;
  }
  CPLErrorReset();
  out.clear();  // closing flushes the last tiles and the directory
  if (CPLGetLastErrorType() == CE_Failure) throw std::runtime_error("closing a GeoTIFF failed");

  for (int k = 0; k < kAgeClasses; ++k) sum.residents += sum.female[k] + sum.male[k];
  sum.under3 = sum.female[0] + sum.male[0] + 0.5 * (sum.female[1] + sum.male[1]);
  return sum;
}

}  // namespace tuowei::demo
