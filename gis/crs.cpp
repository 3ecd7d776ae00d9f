#include "gis/crs.h"

#include <fmt/format.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <cctype>
#include <cmath>
#include <vector>

#include "gis/china_offsets.h"
#include "gis/error.h"
#include "gis/gdal_env.h"
#include "gis/parallel.h"

namespace tuowei::gis {
namespace {

std::string lower_alnum(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += char(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::shared_ptr<OGRSpatialReference> make_srs() {
  auto srs = std::make_shared<OGRSpatialReference>();
  srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

// Undoes the source's shift, runs PROJ, applies the target's shift.
//
// The CRSs are reference-counted clones, not members: OGRGeometry::transform
// attaches GetTargetCS() to the geometry and holds a reference to it, so it
// must survive this object when the geometry does.
class ShiftingTransformation final : public OGRCoordinateTransformation {
 public:
  ShiftingTransformation(Crs::Shift from_shift, Crs::Shift to_shift,
                         std::unique_ptr<OGRCoordinateTransformation> proj, const OGRSpatialReference& source,
                         const OGRSpatialReference& target)
      : from_(from_shift), to_(to_shift), proj_(std::move(proj)), source_(source.Clone()),
        target_(target.Clone()) {}
  ~ShiftingTransformation() override {
    source_->Release();
    target_->Release();
  }
  ShiftingTransformation(const ShiftingTransformation&) = delete;
  ShiftingTransformation& operator=(const ShiftingTransformation&) = delete;

  OGRSpatialReference* GetSourceCS() override { return source_; }
  OGRSpatialReference* GetTargetCS() override { return target_; }

  int Transform(int n, double* x, double* y, double* z, double* t, int* ok) override {
    for (int i = 0; i < n; ++i) {
      if (ok) ok[i] = TRUE;
      if (from_ == Crs::Shift::none) continue;
      LonLat p{x[i], y[i]};
      p = from_ == Crs::Shift::gcj02 ? gcj02_to_wgs84(p) : bd09_to_wgs84(p);
      x[i] = p.lon;
      y[i] = p.lat;
    }
    int all = TRUE;
    if (proj_) all = proj_->Transform(n, x, y, z, t, ok);
    for (int i = 0; i < n; ++i) {
      if (to_ == Crs::Shift::none || (ok && !ok[i])) continue;
      LonLat p{x[i], y[i]};
      p = to_ == Crs::Shift::gcj02 ? wgs84_to_gcj02(p) : wgs84_to_bd09(p);
      x[i] = p.lon;
      y[i] = p.lat;
    }
    return all;
  }

  OGRCoordinateTransformation* Clone() const override {
    return new ShiftingTransformation(from_, to_, std::unique_ptr<OGRCoordinateTransformation>(
                                                      proj_ ? proj_->Clone() : nullptr),
                                      *source_, *target_);
  }
  OGRCoordinateTransformation* GetInverse() const override {
    return new ShiftingTransformation(to_, from_, std::unique_ptr<OGRCoordinateTransformation>(
                                                      proj_ ? proj_->GetInverse() : nullptr),
                                      *target_, *source_);
  }

 private:
  Crs::Shift from_, to_;
  std::unique_ptr<OGRCoordinateTransformation> proj_;
  OGRSpatialReference *source_, *target_;
};

}  // namespace

Crs::Crs() = default;

Crs Crs::epsg(int code) {
  ensure_gdal();
  Crs c;
  auto srs = make_srs();
  if (srs->importFromEPSG(code) != OGRERR_NONE) {
    throw Error(say("EPSG:{} is not a CRS PROJ knows", code));
  }
  c.srs_ = std::move(srs);
  return c;
}

Crs Crs::parse(std::string_view text) {
  ensure_gdal();
  std::string key = lower_alnum(text);
  if (key == "gcj02" || key == "gcj" || key == "amap" || key == "gaode" || key == "tencent" || key == "mars") {
    Crs c = wgs84();
    c.shift_ = Shift::gcj02;
    return c;
  }
  if (key == "bd09" || key == "bd09ll" || key == "baidu") {
    Crs c = wgs84();
    c.shift_ = Shift::bd09;
    return c;
  }
  if (key == "wgs84") return wgs84();
  if (key == "cgcs2000") return epsg(4490);
  std::string s(text);
  if (!s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return std::isdigit((unsigned char)ch); })) {
    return epsg(std::stoi(s));
  }
  Crs c;
  auto srs = make_srs();
  if (srs->SetFromUserInput(s.c_str()) != OGRERR_NONE) {
    throw Error(say("'{}' is not a CRS tuowei understands; use an EPSG code (EPSG:4326, EPSG:4490, "
                    "EPSG:4545), GCJ-02, BD-09, WKT or a PROJ string",
                    s));
  }
  c.srs_ = std::move(srs);
  return c;
}

Crs Crs::from_wkt(const std::string& wkt) {
  ensure_gdal();
  Crs c;
  if (wkt.empty()) return c;
  auto srs = make_srs();
  if (srs->importFromWkt(wkt.c_str()) != OGRERR_NONE) return c;
  c.srs_ = std::move(srs);
  return c;
}

bool Crs::is_geographic() const { return srs_ && srs_->IsGeographic(); }

std::optional<int> Crs::epsg_code() const {
  if (!srs_ || shift_ != Shift::none) return std::nullopt;
  const char* name = srs_->GetAuthorityName(nullptr);
  const char* code = srs_->GetAuthorityCode(nullptr);
  if (name && code && std::string(name) == "EPSG") return std::atoi(code);
  return std::nullopt;
}

std::string Crs::name() const {
  if (!srs_) return "no CRS";
  if (shift_ == Shift::gcj02) return "GCJ-02";
  if (shift_ == Shift::bd09) return "BD-09";
  const char* n = srs_->GetName();
  std::string label = n ? n : "unnamed CRS";
  if (auto code = epsg_code()) return fmt::format("EPSG:{} ({})", *code, label);
  return label;
}

std::string Crs::wkt() const {
  if (!srs_) return {};
  char* w = nullptr;
  const char* opts[] = {"FORMAT=WKT2_2018", nullptr};
  srs_->exportToWkt(&w, opts);
  std::string out = w ? w : "";
  CPLFree(w);
  return out;
}

bool Crs::same_as(const Crs& o) const {
  if (!srs_ || !o.srs_) return srs_ == o.srs_;
  return shift_ == o.shift_ && srs_->IsSame(o.srs_.get());
}

Crs metric_crs_for(double lon, double lat) {
  // CGCS2000 3-degree Gauss-Kruger zones with CM 75E..135E: EPSG:4534..4554.
  if (lat > 0 && lat < 56 && lon >= 73.5 && lon < 136.5) {
    int cm = int(std::lround(lon / 3.0)) * 3;
    cm = std::clamp(cm, 75, 135);
    return Crs::epsg(4534 + (cm - 75) / 3);
  }
  int zone = std::clamp(int(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
  return Crs::epsg((lat >= 0 ? 32600 : 32700) + zone);
}

CoordinateTransform::CoordinateTransform(const Crs& from, const Crs& to) {
  if (!from.valid() || !to.valid()) throw Error(say("cannot transform coordinates without a CRS on both sides"));
  std::unique_ptr<OGRCoordinateTransformation> proj;
  if (!from.srs().IsSame(&to.srs())) {
    proj.reset(OGRCreateCoordinateTransformation(&from.srs(), &to.srs()));
    if (!proj) {
      throw Error(say("PROJ has no transformation from {} to {} ({})", from.name(), to.name(), last_gdal_error()));
    }
  }
  // The same shift on both sides cancels (both bases are then WGS84).
  Crs::Shift from_shift = from.shift(), to_shift = to.shift();
  if (from_shift == to_shift) from_shift = to_shift = Crs::Shift::none;
  identity_ = !proj && from_shift == Crs::Shift::none && to_shift == Crs::Shift::none;
  ct_ = std::make_unique<ShiftingTransformation>(from_shift, to_shift, std::move(proj), from.srs(), to.srs());
}

CoordinateTransform::~CoordinateTransform() = default;
CoordinateTransform::CoordinateTransform(CoordinateTransform&&) noexcept = default;
CoordinateTransform& CoordinateTransform::operator=(CoordinateTransform&&) noexcept = default;

bool CoordinateTransform::apply(double& x, double& y) const {
  if (identity_) return true;
  int ok = TRUE;
  double z = 0.0;
  return ct_->Transform(1, &x, &y, &z, nullptr, &ok) && ok;
}

bool CoordinateTransform::apply(size_t n, double* x, double* y) const {
  if (identity_ || n == 0) return true;
  std::vector<int> ok(n, TRUE);
  std::vector<double> z(n, 0.0);
  bool all = ct_->Transform(int(n), x, y, z.data(), nullptr, ok.data());
  for (size_t i = 0; i < n; ++i) {
    if (!ok[i]) {
      x[i] = y[i] = NAN;
      all = false;
    }
  }
  return all;
}

std::unique_ptr<CoordinateTransform> CoordinateTransform::clone() const {
  static std::mutex clone_mutex;
  std::lock_guard<std::mutex> lock(clone_mutex);
  auto copy = std::unique_ptr<CoordinateTransform>(new CoordinateTransform());
  copy->ct_.reset(ct_->Clone());
  copy->identity_ = identity_;
  return copy;
}

bool CoordinateTransform::apply_parallel(size_t n, double* x, double* y) const {
  const size_t workers = size_t(thread_count());
  if (identity_ || workers <= 1 || n < 16384) return apply(n, x, y);
  std::atomic<bool> all{true};
  parallel_for(n, (n + workers - 1) / workers, [&](size_t begin, size_t end, int) {
    if (!clone()->apply(end - begin, x + begin, y + begin)) all = false;
  });
  return all;
}

namespace {

// Whether every part of `g` is a point, a line string or a polygon.
bool batchable(const OGRGeometry& g) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint:
    case wkbLineString:
    case wkbLinearRing:
    case wkbPolygon:
      return true;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) {
        if (!batchable(*part)) return false;
      }
      return true;
    default:
      return false;
  }
}

// Calls fn(x, y) for every vertex of a batchable geometry, in a fixed order.
template <class Fn>
void each_vertex(OGRGeometry& g, Fn&& fn) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
      OGRPoint& p = *g.toPoint();
      double x = p.getX(), y = p.getY();
      fn(x, y);
      p.setX(x);
      p.setY(y);
      return;
    }
    case wkbLineString:
    case wkbLinearRing: {
      OGRSimpleCurve& c = *g.toSimpleCurve();
      for (int i = 0; i < c.getNumPoints(); ++i) {
        double x = c.getX(i), y = c.getY(i);
        fn(x, y);
        c.setPoint(i, x, y);
      }
      return;
    }
    case wkbPolygon:
      for (OGRLinearRing* ring : *g.toPolygon()) each_vertex(*ring, fn);
      return;
    default:
      for (OGRGeometry* part : *g.toGeometryCollection()) each_vertex(*part, fn);
      return;
  }
}

}  // namespace

bool CoordinateTransform::apply_all(const std::vector<OGRGeometry*>& geometries, bool parallel) const {
  if (identity_) return true;
  bool ok = true;
  std::vector<OGRGeometry*> batch;
  for (OGRGeometry* g : geometries) {
    if (!g) continue;
    if (batchable(*g)) batch.push_back(g);
    else ok = apply(*g) && ok;  // curves and the like: one by one
  }
  std::vector<double> x, y;
  for (OGRGeometry* g : batch) {
    each_vertex(*g, [&](double& px, double& py) {
      x.push_back(px);
      y.push_back(py);
    });
  }
  ok = (parallel ? apply_parallel(x.size(), x.data(), y.data()) : apply(x.size(), x.data(), y.data())) && ok;
  size_t k = 0;
  for (OGRGeometry* g : batch) {
    each_vertex(*g, [&](double& px, double& py) {
      px = x[k];
      py = y[k];
      ++k;
    });
    g->assignSpatialReference(ct_->GetTargetCS());
  }
  return ok;
}

bool CoordinateTransform::apply(OGRGeometry& geometry) const {
  if (identity_) return true;
  return geometry.transform(ct_.get()) == OGRERR_NONE;
}

}  // namespace tuowei::gis
