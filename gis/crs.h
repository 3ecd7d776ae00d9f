// Coordinate reference systems, including the two web-map systems PROJ does
// not know (GCJ-02, BD-09), and transformations between any two of them.
#pragma once

#include <memory>
#include <vector>
#include <optional>
#include <string>
#include <string_view>
#include <cstddef>

class OGRSpatialReference;
class OGRCoordinateTransformation;
class OGRGeometry;

namespace tuowei::gis {

class Crs {
 public:
  // GCJ-02 and BD-09 are WGS84 longitude/latitude plus a published shift.
  enum class Shift { none, gcj02, bd09 };

  Crs();  // invalid ("no CRS")
  // "EPSG:4545", "4490", "WGS84", "CGCS2000", "GCJ-02" (also gcj02, amap,
  // tencent), "BD-09" (bd09, baidu), WKT, PROJJSON or a PROJ string.
  // Throws gis::Error saying what was not understood.
  static Crs parse(std::string_view text);
  static Crs from_wkt(const std::string& wkt);  // "" gives an invalid Crs
  static Crs epsg(int code);
  static Crs wgs84() { return epsg(4326); }

  bool valid() const { return srs_ != nullptr; }
  Shift shift() const { return shift_; }
  // The PROJ-known part (WGS84 for shifted systems). Axis order: x = east
  // (longitude), y = north (latitude), whatever the authority says.
  const OGRSpatialReference& srs() const { return *srs_; }
  bool is_geographic() const;
  std::optional<int> epsg_code() const;
  std::string name() const;  // "EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E)"
  std::string wkt() const;
  bool same_as(const Crs& other) const;

 private:
  std::shared_ptr<OGRSpatialReference> srs_;
  Shift shift_ = Shift::none;
};

// A metric CRS for distances around (lon, lat): in China the CGCS2000
// 3-degree Gauss-Kruger zone of its central meridian (EPSG:4534-4554),
// elsewhere the WGS84 UTM zone.
Crs metric_crs_for(double lon, double lat);

class CoordinateTransform {
 public:
  // Throws gis::Error when PROJ has no transformation between the two.
  CoordinateTransform(const Crs& from, const Crs& to);
  ~CoordinateTransform();
  CoordinateTransform(CoordinateTransform&&) noexcept;
  CoordinateTransform& operator=(CoordinateTransform&&) noexcept;

  // False when the point cannot be transformed (outside the CRS's domain).
  bool apply(double& x, double& y) const;
  // Transforms n points in place; failed points become NaN. False when any fails.
  bool apply(size_t n, double* x, double* y) const;
  // The same, on every core (gis/parallel.h): each worker transforms a
  // chunk with its own copy of the transformation (PROJ objects are not
  // shared between threads). Results equal apply(n, x, y)'s.
  bool apply_parallel(size_t n, double* x, double* y) const;
  // A copy for another thread: make it in the thread that will use it (its
  // PROJ objects belong to the thread that makes them). Copies are made one
  // at a time, so several threads may ask at once.
  std::unique_ptr<CoordinateTransform> clone() const;
  // Transforms in place; false when any vertex fails.
  bool apply(OGRGeometry& geometry) const;
  // Every vertex of every geometry in one batch (points, lines, polygons and
  // collections of them): far fewer PROJ calls than one per ring. With
  // `parallel`, on every core (apply_parallel). False when any vertex fails.
  bool apply_all(const std::vector<OGRGeometry*>& geometries, bool parallel = false) const;
  bool is_identity() const { return identity_; }

 private:
  CoordinateTransform() = default;  // for clone()
  std::unique_ptr<OGRCoordinateTransformation> ct_;
  bool identity_ = false;
};

}  // namespace tuowei::gis
