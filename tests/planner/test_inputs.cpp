// Reading and checking townships and population inputs: the problems a
// planner's data really has.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "gis/crs.h"
#include "gis/gdal_env.h"
#include "mini_project.h"
#include "planner/study.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::test::MiniProject;
using tuowei::test::Cleanup;
using tuowei::test::row;

namespace {


std::string feature(const std::string& code, const std::string& name, const std::string& coords) {
  return R"({"type":"Feature","properties":{"code":")" + code + R"(","name":")" + name +
         R"(","county_code":"450101","county":"甲区"},"geometry":{"type":"Polygon","coordinates":)" + coords + "}}";
}

std::string collection(const std::vector<std::string>& features) {
  std::string s = R"({"type":"FeatureCollection","features":[)";
  for (size_t i = 0; i < features.size(); ++i) s += (i ? "," : "") + features[i];
  return s + "]}";
}

bool has(const Problems& p, const std::string& text) {
  for (const auto& x : p.all()) {
    if ((x.where.en() + ": " + x.message.en()).find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST(StudyArea, DuplicateTownshipIdsAreErrorsNamingBothRecords) {
  MiniProject p = MiniProject::create("dup");
  Cleanup c{p.dir};
  p.write_file("townships.geojson",
               collection({feature("450103001000", "甲", "[[[108,22.8],[108.1,22.8],[108.1,22.9],[108,22.9],[108,22.8]]]"),
                           feature("450103001000", "乙", "[[[108.1,22.8],[108.2,22.8],[108.2,22.9],[108.1,22.9],[108.1,22.8]]]")}));
  ValidationReport r = validate_project(p.toml);
  EXPECT_TRUE(has(r.problems, "record 2 (code 450103001000): duplicate township id: record 1 has the same id"))
      << r.problems.format();
}

TEST(StudyArea, EmptyTownshipLayerIsAnError) {
  MiniProject p = MiniProject::create("empty");
  Cleanup c{p.dir};
  p.write_file("townships.geojson", collection({}));
  ValidationReport r = validate_project(p.toml);
  EXPECT_TRUE(has(r.problems, "has no features")) << r.problems.format();
}

TEST(StudyArea, SelfIntersectingBoundaryIsRepairedWithAWarning) {
  MiniProject p = MiniProject::create("bowtie");
  Cleanup c{p.dir};
  // A bow-tie: two triangles meeting at (108.05, 22.85).
  p.write_file("townships.geojson",
               collection({feature("450103001000", "甲", "[[[108,22.8],[108.1,22.9],[108.1,22.8],[108,22.9],[108,22.8]]]")}));
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml);
  EXPECT_TRUE(has(run.problems(), "repaired with GEOS MakeValid")) << run.problems().format();
  // Half of the 0.1 x 0.1 degree square, at 100 residents per 0.01 degree cell.
  EXPECT_NEAR(run.table().townships[0].population, 5000, 1e-6);
}

TEST(StudyArea, RasterNotCoveringATownshipIsWarnedAboutWithTheShare) {
  MiniProject p = MiniProject::create("partial");
  Cleanup c{p.dir};
  // A township half outside the 108.0-108.2 E raster.
  p.write_file("townships.geojson",
               collection({feature("450103001000", "甲", "[[[108.15,22.8],[108.25,22.8],[108.25,22.9],[108.15,22.9],[108.15,22.8]]]")}));
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml);
  EXPECT_TRUE(has(run.problems(), "population rasters have data for only 50.0% of its area")) << run.problems().format();
  EXPECT_NEAR(run.table().townships[0].population, 10000, 1e-6);  // 5 x 10 cells of 200 inside the raster
  EXPECT_NEAR(run.table().townships[0].population_data_share, 0.5, 1e-9);
}

TEST(StudyArea, TownshipsInAnotherCrsAreReprojectedNotRejected) {
  MiniProject p = MiniProject::create("gk");
  Cleanup c{p.dir};
  // The four townships written in CGCS2000 / Gauss-Kruger CM 108E (EPSG:4545).
  tuowei::gis::ensure_gdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDatasetUniquePtr ds(drv->Create((p.dir / "gk.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  tuowei::gis::Crs gk = tuowei::gis::Crs::epsg(4545);
  OGRLayer* layer = ds->CreateLayer("towns", const_cast<OGRSpatialReference*>(&gk.srs()), wkbPolygon, nullptr);
  for (const char* f : {"code", "name", "county_code", "county"}) {
    OGRFieldDefn d(f, OFTString);
    layer->CreateField(&d);
  }
  tuowei::gis::CoordinateTransform to_gk(tuowei::gis::Crs::wgs84(), gk);
  const char* names[] = {"新竹街道", "南湖街道", "长塘镇", "伶俐镇"};
  double x0[] = {108.0, 108.1, 108.0, 108.1}, y0[] = {22.8, 22.8, 22.7, 22.7};
  for (int i = 0; i < 4; ++i) {
    OGRLinearRing ring;
    ring.addPoint(x0[i], y0[i]);
    ring.addPoint(x0[i] + 0.1, y0[i]);
    ring.addPoint(x0[i] + 0.1, y0[i] + 0.1);
    ring.addPoint(x0[i], y0[i] + 0.1);
    ring.closeRings();
    OGRPolygon poly;
    poly.addRing(&ring);
    poly.segmentize(0.0005);  // keep the edges straight in degrees after projection
    to_gk.apply(poly);
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("code", std::to_string(i).c_str());
    f.SetField("name", names[i]);
    f.SetField("county_code", i < 2 ? "450101" : "450102");
    f.SetField("county", i < 2 ? "甲区" : "乙县");
    f.SetGeometry(&poly);
    ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  }
  ds.reset();
  std::string toml = "[townships]\npath = \"gk.gpkg\"\nparent_id_field = \"county_code\"\nparent_name_field = \"county\"\n"
                     "[population]\nlayout = \"rasters\"\nresidents = \"residents.tif\"\nchildren_0_3 = \"under3.tif\"\n"
                     "[facilities]\npath = \"facilities.csv\"\ncrs = \"EPSG:4326\"\n";
  p.write_file("project.toml", toml);
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml);
  ASSERT_EQ(run.table().townships.size(), 4u);
  EXPECT_NEAR(run.table().townships[1].population, 20000, 20000 * 1e-6);
  EXPECT_NEAR(run.table().townships[3].population, 5000, 5000 * 1e-6);
  EXPECT_EQ(run.table().townships[0].facilities, 2);
  EXPECT_NEAR(run.study->townships()[0].area_km2, 10.26 * 11.07, 2.0);  // 0.1 degree at 22.85 N, about 113 km2
}

TEST(StudyArea, FacilitiesFromAnExcelWorkbook) {
  MiniProject p = MiniProject::create("xlsx", {}, "path = \"facilities.xlsx\"\ncrs = \"EPSG:4326\"\n");
  Cleanup c{p.dir};
  // The same register saved from Excel: a sheet with Chinese headers.
  tuowei::gis::ensure_gdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("XLSX");
  ASSERT_NE(drv, nullptr);
  GDALDatasetUniquePtr ds(drv->Create((p.dir / "facilities.xlsx").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRLayer* sheet = ds->CreateLayer("托育机构", nullptr, wkbNone, nullptr);
  for (const char* f : {"机构编号", "机构名称", "托位数", "在托人数", "是否普惠", "经度", "纬度"}) {
    OGRFieldDefn d(f, OFTString);
    ASSERT_EQ(sheet->CreateField(&d), OGRERR_NONE);
  }
  const char* rows[][7] = {{"F1", "新竹社区托育中心", "45", "30", "是", "108.05", "22.85"},
                           {"F3", "南湖幼儿园托班", "90", "60", "是", "108.15", "22.85"}};
  for (auto& r : rows) {
    OGRFeature f(sheet->GetLayerDefn());
    for (int i = 0; i < 7; ++i) f.SetField(i, r[i]);
    ASSERT_EQ(sheet->CreateFeature(&f), OGRERR_NONE);
  }
  ds.reset();
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml);
  ASSERT_EQ(run.facilities().size(), 2u);
  EXPECT_EQ(run.facilities()[0].name, "新竹社区托育中心");
  EXPECT_EQ(run.table().total.places, 135);
  EXPECT_EQ(run.table().total.inclusive_places, 135);
}
