// CRS parsing, metric zones, PROJ transformations and the GCJ-02 / BD-09
// shifts PROJ does not know.
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "gis/china_offsets.h"
#include "gis/crs.h"
#include "gis/error.h"

using tuowei::gis::CoordinateTransform;
using tuowei::gis::Crs;
using tuowei::gis::LonLat;
using tuowei::gis::metric_crs_for;
namespace gis = tuowei::gis;

namespace {

// Great-circle distance in metres on a sphere of the mean Earth radius.
double haversine_m(LonLat a, LonLat b) {
  constexpr double kR = 6371008.8, kDeg = M_PI / 180.0;
  double dlat = (b.lat - a.lat) * kDeg, dlon = (b.lon - a.lon) * kDeg;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(h)));
}

// A lattice over mainland China and its coast: 73E-135E, 18N-53N.
std::vector<LonLat> china_lattice() {
  std::vector<LonLat> pts;
  for (double lon = 73.0; lon <= 135.0; lon += 0.5) {
    for (double lat = 18.0; lat <= 53.0; lat += 0.5) pts.push_back({lon + 0.123, lat + 0.0456});
  }
  return pts;
}

std::unique_ptr<OGRGeometry> wkt(const char* text) {
  OGRGeometry* g = nullptr;
  EXPECT_EQ(OGRGeometryFactory::createFromWkt(text, nullptr, &g), OGRERR_NONE);
  return std::unique_ptr<OGRGeometry>(g);
}

std::string error_of(const std::string& text) {
  try {
    Crs::parse(text);
  } catch (const gis::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// ---- GCJ-02 and BD-09 ------------------------------------------------------

TEST(ChinaOffsets, Wgs84ToGcj02ToWgs84RoundTripsWithinAMillimetre) {
  double worst = 0;
  for (LonLat p : china_lattice()) {
    LonLat back = gis::gcj02_to_wgs84(gis::wgs84_to_gcj02(p));
    worst = std::max(worst, haversine_m(p, back));
  }
  EXPECT_LT(worst, 1e-3);
}

TEST(ChinaOffsets, RoundTripsHoldAtTheEdgeOfTheOffsetBox) {
  // Points just inside the box whose shifted position leaves it (found by
  // fuzzing): the inverse still finds them.
  for (LonLat p : {LonLat{72.004, 0.8293}, LonLat{72.0041, 30.0}, LonLat{137.8346, 45.0}, LonLat{110.0, 55.8270}}) {
    ASSERT_TRUE(gis::in_gcj02_area(p));
    const LonLat back = gis::gcj02_to_wgs84(gis::wgs84_to_gcj02(p));
    EXPECT_NEAR(back.lon, p.lon, 1e-9);
    EXPECT_NEAR(back.lat, p.lat, 1e-9);
    const LonLat back_bd = gis::bd09_to_wgs84(gis::wgs84_to_bd09(p));
    EXPECT_NEAR(back_bd.lon, p.lon, 1e-9);
    EXPECT_NEAR(back_bd.lat, p.lat, 1e-9);
  }
  // Outside the box GCJ-02 is WGS84, also just beyond its edge.
  const LonLat out{71.99, 30.0};
  EXPECT_EQ(gis::gcj02_to_wgs84(out).lon, out.lon);
}

TEST(ChinaOffsets, Wgs84ToBd09ToWgs84RoundTripsWithinAMillimetre) {
  double worst = 0;
  for (LonLat p : china_lattice()) {
    LonLat back = gis::bd09_to_wgs84(gis::wgs84_to_bd09(p));
    worst = std::max(worst, haversine_m(p, back));
  }
  EXPECT_LT(worst, 1e-3);
}

TEST(ChinaOffsets, Gcj02ToBd09ToGcj02RoundTripsWithinAMillimetre) {
  double worst = 0;
  for (LonLat p : china_lattice()) {
    LonLat back = gis::bd09_to_gcj02(gis::gcj02_to_bd09(p));
    worst = std::max(worst, haversine_m(p, back));
  }
  EXPECT_LT(worst, 1e-3);
}

TEST(ChinaOffsets, BeijingShiftIsAFewHundredMetres) {
  LonLat wgs{116.397128, 39.916527};
  double d = haversine_m(wgs, gis::wgs84_to_gcj02(wgs));
  EXPECT_GT(d, 100.0);
  EXPECT_LT(d, 700.0);
  // BD-09 adds a further shift of a few hundred metres on top.
  double bd = haversine_m(gis::wgs84_to_gcj02(wgs), gis::wgs84_to_bd09(wgs));
  EXPECT_GT(bd, 100.0);
  EXPECT_LT(bd, 1500.0);
}

TEST(ChinaOffsets, ForwardShiftsMatchThePublishedReferenceValues) {
  // The values printed by the widely used coordtransform package for
  // (116.404, 39.915).
  LonLat gcj = gis::wgs84_to_gcj02({116.404, 39.915});
  EXPECT_NEAR(gcj.lon, 116.41024449916938, 1e-9);
  EXPECT_NEAR(gcj.lat, 39.91640428150164, 1e-9);
  LonLat bd = gis::gcj02_to_bd09({116.404, 39.915});
  EXPECT_NEAR(bd.lon, 116.41036949371029, 1e-9);
  EXPECT_NEAR(bd.lat, 39.92133699351021, 1e-9);
}

TEST(ChinaOffsets, InverseIsExactWhereTheOneStepFormulaIsNot) {
  // The one-step inverse gives (116.39775550083061, 39.91359571849836),
  // which the forward shift does not take back onto the input; the
  // iterated inverse does, to a few micrometres.
  const LonLat gcj{116.404, 39.915};
  LonLat again = gis::wgs84_to_gcj02(gis::gcj02_to_wgs84(gcj));
  EXPECT_LT(haversine_m(again, gcj), 1e-5);
  LonLat one_step = gis::wgs84_to_gcj02({116.39775550083061, 39.91359571849836});
  EXPECT_GT(haversine_m(one_step, gcj), 0.01);
}

TEST(ChinaOffsets, OutsideChinaThereIsNoGcj02Shift) {
  for (LonLat p : {LonLat{2.35, 48.85}, LonLat{-74.0, 40.7}, LonLat{151.2, -33.9}, LonLat{139.0, 35.0}}) {
    EXPECT_FALSE(gis::in_gcj02_area(p));
    LonLat g = gis::wgs84_to_gcj02(p);
    EXPECT_EQ(g.lon, p.lon);
    EXPECT_EQ(g.lat, p.lat);
    LonLat w = gis::gcj02_to_wgs84(p);
    EXPECT_EQ(w.lon, p.lon);
    EXPECT_EQ(w.lat, p.lat);
  }
  EXPECT_TRUE(gis::in_gcj02_area({108.3, 22.8}));
}

// ---- Crs::parse ------------------------------------------------------------

TEST(CrsParse, EpsgCodeWithAuthority) {
  Crs c = Crs::parse("EPSG:4326");
  ASSERT_TRUE(c.valid());
  EXPECT_EQ(c.epsg_code(), 4326);
  EXPECT_TRUE(c.is_geographic());
  EXPECT_EQ(c.shift(), Crs::Shift::none);
  EXPECT_EQ(c.name(), "EPSG:4326 (WGS 84)");
}

TEST(CrsParse, BareEpsgNumber) {
  Crs c = Crs::parse("4490");
  EXPECT_EQ(c.epsg_code(), 4490);
  EXPECT_TRUE(c.is_geographic());
}

TEST(CrsParse, Cgcs2000IsEpsg4490) {
  EXPECT_EQ(Crs::parse("CGCS2000").epsg_code(), 4490);
  EXPECT_TRUE(Crs::parse("cgcs2000").same_as(Crs::epsg(4490)));
}

TEST(CrsParse, ProjectedEpsgCodeIsNamed) {
  Crs c = Crs::parse("EPSG:4545");
  EXPECT_FALSE(c.is_geographic());
  EXPECT_EQ(c.name(), "EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E)");
}

TEST(CrsParse, Gcj02SpellingsGiveTheShiftedWgs84) {
  for (const char* s : {"GCJ-02", "gcj02", "GCJ02", "amap", "Tencent"}) {
    Crs c = Crs::parse(s);
    ASSERT_TRUE(c.valid()) << s;
    EXPECT_EQ(c.shift(), Crs::Shift::gcj02) << s;
    EXPECT_EQ(c.name(), "GCJ-02") << s;
    EXPECT_FALSE(c.epsg_code().has_value()) << s;
    EXPECT_TRUE(c.is_geographic()) << s;
  }
}

TEST(CrsParse, Bd09SpellingsGiveTheShiftedWgs84) {
  for (const char* s : {"BD-09", "bd09", "baidu", "BD09LL"}) {
    Crs c = Crs::parse(s);
    EXPECT_EQ(c.shift(), Crs::Shift::bd09) << s;
    EXPECT_EQ(c.name(), "BD-09") << s;
  }
}

TEST(CrsParse, ShiftedSystemsDifferFromEachOtherAndFromWgs84) {
  Crs wgs = Crs::wgs84(), gcj = Crs::parse("GCJ-02"), bd = Crs::parse("BD-09");
  EXPECT_FALSE(gcj.same_as(wgs));
  EXPECT_FALSE(gcj.same_as(bd));
  EXPECT_TRUE(gcj.same_as(Crs::parse("gcj02")));
}

TEST(CrsParse, ProjString) {
  Crs c = Crs::parse("+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs");
  ASSERT_TRUE(c.valid());
  EXPECT_FALSE(c.is_geographic());
  EXPECT_EQ(c.shift(), Crs::Shift::none);
  // Same projection as EPSG:4545, so the same coordinates.
  CoordinateTransform a(Crs::wgs84(), c), b(Crs::wgs84(), Crs::epsg(4545));
  double x1 = 108.5, y1 = 23.1, x2 = 108.5, y2 = 23.1;
  ASSERT_TRUE(a.apply(x1, y1));
  ASSERT_TRUE(b.apply(x2, y2));
  EXPECT_NEAR(x1, x2, 1e-6);
  EXPECT_NEAR(y1, y2, 1e-6);
}

TEST(CrsParse, WktRoundTrips) {
  Crs c = Crs::epsg(4545);
  Crs back = Crs::parse(c.wkt());
  EXPECT_TRUE(back.same_as(c));
  EXPECT_FALSE(Crs::from_wkt("").valid());
}

TEST(CrsParse, GibberishThrowsNamingItAndTheAcceptedForms) {
  std::string msg = error_of("not a crs at all");
  ASSERT_FALSE(msg.empty()) << "no gis::Error thrown";
  EXPECT_NE(msg.find("'not a crs at all'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("EPSG:4326"), std::string::npos) << msg;
  EXPECT_NE(msg.find("GCJ-02"), std::string::npos) << msg;
}

TEST(CrsParse, UnknownEpsgCodeThrowsNamingTheCode) {
  std::string msg = error_of("999999");
  ASSERT_FALSE(msg.empty()) << "no gis::Error thrown";
  EXPECT_NE(msg.find("EPSG:999999"), std::string::npos) << msg;
}

TEST(Crs, DefaultConstructedIsInvalid) {
  Crs c;
  EXPECT_FALSE(c.valid());
  EXPECT_EQ(c.name(), "no CRS");
  EXPECT_EQ(c.wkt(), "");
  EXPECT_TRUE(c.same_as(Crs()));
  EXPECT_FALSE(c.same_as(Crs::wgs84()));
}

// ---- metric_crs_for --------------------------------------------------------

TEST(MetricCrs, NanningIsTheGaussKrugerZoneOf108E) {
  EXPECT_EQ(metric_crs_for(108.3, 22.8).epsg_code(), 4545);
}

TEST(MetricCrs, ChinaZonesFollowTheNearestCentralMeridian) {
  EXPECT_EQ(metric_crs_for(116.4, 39.9).epsg_code(), 4548);  // CM 117E
  EXPECT_EQ(metric_crs_for(121.47, 31.23).epsg_code(), 4549);  // CM 120E
  EXPECT_EQ(metric_crs_for(73.6, 39.5).epsg_code(), 4534);   // CM 75E, the westernmost
  EXPECT_EQ(metric_crs_for(134.9, 48.3).epsg_code(), 4554);  // CM 135E, the easternmost
}

TEST(MetricCrs, ParisIsUtm31North) {
  EXPECT_EQ(metric_crs_for(2.35, 48.85).epsg_code(), 32631);
}

TEST(MetricCrs, SouthernHemisphereUsesSouthUtmZones) {
  EXPECT_EQ(metric_crs_for(151.2, -33.9).epsg_code(), 32756);
}

// ---- CoordinateTransform ---------------------------------------------------

TEST(Transform, Wgs84ToGaussKrugerOnTheCentralMeridian) {
  CoordinateTransform t(Crs::parse("EPSG:4326"), Crs::epsg(4545));
  EXPECT_FALSE(t.is_identity());
  double x = 108.0, y = 22.8;  // longitude first whatever EPSG's axis order
  ASSERT_TRUE(t.apply(x, y));
  EXPECT_NEAR(x, 500000.0, 1e-3);
  EXPECT_NEAR(y, 2522389.0556, 1e-3);
}

TEST(Transform, SameCrsIsTheIdentity) {
  CoordinateTransform t(Crs::epsg(4545), Crs::parse("EPSG:4545"));
  EXPECT_TRUE(t.is_identity());
  double x = 1.5, y = 2.5;
  EXPECT_TRUE(t.apply(x, y));
  EXPECT_EQ(x, 1.5);
  EXPECT_EQ(y, 2.5);
  EXPECT_TRUE(CoordinateTransform(Crs::parse("GCJ-02"), Crs::parse("gcj02")).is_identity());
}

TEST(Transform, Gcj02ToGaussKrugerIsUnshiftThenProject) {
  CoordinateTransform direct(Crs::parse("GCJ-02"), Crs::epsg(4545));
  CoordinateTransform proj(Crs::wgs84(), Crs::epsg(4545));
  for (LonLat gcj : {LonLat{108.366, 22.817}, LonLat{107.9, 23.4}, LonLat{109.5, 21.7}}) {
    double x = gcj.lon, y = gcj.lat;
    ASSERT_TRUE(direct.apply(x, y));
    LonLat wgs = gis::gcj02_to_wgs84(gcj);
    double ex = wgs.lon, ey = wgs.lat;
    ASSERT_TRUE(proj.apply(ex, ey));
    EXPECT_NEAR(x, ex, 1e-6);
    EXPECT_NEAR(y, ey, 1e-6);
  }
}

TEST(Transform, GaussKrugerToBd09IsProjectThenShift) {
  CoordinateTransform direct(Crs::epsg(4545), Crs::parse("BD-09"));
  CoordinateTransform proj(Crs::epsg(4545), Crs::wgs84());
  double x = 537000.0, y = 2524000.0, ex = x, ey = y;
  ASSERT_TRUE(direct.apply(x, y));
  ASSERT_TRUE(proj.apply(ex, ey));
  LonLat bd = gis::wgs84_to_bd09({ex, ey});
  EXPECT_NEAR(x, bd.lon, 1e-12);
  EXPECT_NEAR(y, bd.lat, 1e-12);
}

TEST(Transform, Gcj02ToBd09NeedsNoProj) {
  CoordinateTransform t(Crs::parse("GCJ-02"), Crs::parse("BD-09"));
  EXPECT_FALSE(t.is_identity());
  double x = 108.366, y = 22.817;
  ASSERT_TRUE(t.apply(x, y));
  LonLat bd = gis::gcj02_to_bd09({108.366, 22.817});
  EXPECT_NEAR(x, bd.lon, 1e-11);
  EXPECT_NEAR(y, bd.lat, 1e-11);
}

TEST(Transform, WithoutACrsThrows) {
  EXPECT_THROW(CoordinateTransform(Crs(), Crs::wgs84()), gis::Error);
}

TEST(Transform, PolygonVerticesAreEachTransformed) {
  auto poly = wkt("POLYGON((108 22.8,108.01 22.8,108.01 22.81,108 22.81,108 22.8))");
  CoordinateTransform t(Crs::wgs84(), Crs::epsg(4545));
  ASSERT_TRUE(t.apply(*poly));
  const OGRLinearRing* ring = poly->toPolygon()->getExteriorRing();
  ASSERT_EQ(ring->getNumPoints(), 5);
  const double lonlat[4][2] = {{108, 22.8}, {108.01, 22.8}, {108.01, 22.81}, {108, 22.81}};
  for (int i = 0; i < 4; ++i) {
    double x = lonlat[i][0], y = lonlat[i][1];
    ASSERT_TRUE(t.apply(x, y));
    EXPECT_NEAR(ring->getX(i), x, 1e-9) << i;
    EXPECT_NEAR(ring->getY(i), y, 1e-9) << i;
  }
  EXPECT_NEAR(ring->getX(0), 500000.0, 1e-3);
  // About 1026 m x 1107 m.
  EXPECT_NEAR(poly->toPolygon()->get_Area(), 1.136e6, 0.01e6);
}

TEST(Transform, TransformedGeometryKeepsItsCrsAfterTheTransformIsGone) {
  auto poly = wkt("POLYGON((500000 2522000,501000 2522000,501000 2523000,500000 2522000))");
  {
    CoordinateTransform t(Crs::epsg(4545), Crs::parse("GCJ-02"));
    ASSERT_TRUE(t.apply(*poly));
  }
  const OGRSpatialReference* srs = poly->getSpatialReference();
  ASSERT_NE(srs, nullptr);
  EXPECT_TRUE(srs->IsGeographic());
  EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4326");
  // Longitude first, as for every Crs.
  EXPECT_EQ(srs->GetAxisMappingStrategy(), OAMS_TRADITIONAL_GIS_ORDER);
  auto copy = std::unique_ptr<OGRGeometry>(poly->clone());
  poly.reset();
  EXPECT_NE(copy->getSpatialReference(), nullptr);
}

TEST(Transform, GeometryInGcj02LandsOnItsWgs84Place) {
  auto pt = wkt("POINT(108.366 22.817)");
  CoordinateTransform t(Crs::parse("GCJ-02"), Crs::wgs84());
  ASSERT_TRUE(t.apply(*pt));
  LonLat wgs = gis::gcj02_to_wgs84({108.366, 22.817});
  EXPECT_NEAR(pt->toPoint()->getX(), wgs.lon, 1e-12);
  EXPECT_NEAR(pt->toPoint()->getY(), wgs.lat, 1e-12);
}
