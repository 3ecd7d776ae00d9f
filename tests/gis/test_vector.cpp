// Reading GeoPackages, Shapefiles and CSVs as decoded UTF-8, whatever code
// page Chinese GIS software wrote them in, and the messages for bad input.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include "temp_dir.h"
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gis/error.h"
#include "gis/gdal_env.h"
#include "gis/vector.h"

namespace fs = std::filesystem;
using tuowei::gis::read_vector;
using tuowei::gis::VectorSource;
using tuowei::gis::VectorTable;
namespace gis = tuowei::gis;

using tuowei::test::TempDir;

namespace {

// GBK bytes of the Chinese text used below.
const std::string kGbkXinzhu = "\xD0\xC2\xD6\xF1\xBD\xD6\xB5\xC0";  // 新竹街道
const std::string kGbkName = "\xC3\xFB\xB3\xC6";                    // 名称
const std::string kGbkCsvHeader =
    "\xBB\xFA\xB9\xB9\xC3\xFB\xB3\xC6,\xCD\xD0\xCE\xBB\xCA\xFD,\xBE\xAD\xB6\xC8,\xCE\xB3\xB6\xC8";  // 机构名称,托位数,经度,纬度
const std::string kGbkTuoyu = "\xCD\xD0\xD3\xFD\xD6\xD0\xD0\xC4";                 // 托育中心
const std::string kGbkChangtang = "\xB3\xA4\xCC\xC1\xD5\xF2";                     // 长塘镇


void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}

std::string read_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

struct Feature {
  std::string name;
  std::string code;
  const char* wkt;
};

// Writes a polygon layer with a string field `name_field` and "code",
// through OGR (text given in UTF-8). `layer_options` go to CreateLayer.
void write_layer(GDALDataset& ds, const std::string& layer_name, const std::string& name_field,
                 const std::vector<Feature>& features, CPLStringList layer_options = {}) {
  OGRSpatialReference srs;
  srs.importFromEPSG(4545);
  OGRLayer* layer = ds.CreateLayer(layer_name.c_str(), &srs, wkbPolygon, layer_options.List());
  ASSERT_NE(layer, nullptr);
  OGRFieldDefn name(name_field.c_str(), OFTString);
  ASSERT_EQ(layer->CreateField(&name), OGRERR_NONE);
  OGRFieldDefn code("code", OFTString);
  ASSERT_EQ(layer->CreateField(&code), OGRERR_NONE);
  for (const auto& f : features) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField(0, f.name.c_str());
    feature.SetField(1, f.code.c_str());
    OGRGeometry* g = nullptr;
    ASSERT_EQ(OGRGeometryFactory::createFromWkt(f.wkt, nullptr, &g), OGRERR_NONE);
    feature.SetGeometryDirectly(g);
    ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
}

GDALDataset* create(const std::string& driver, const std::string& path) {
  gis::ensure_gdal();
  GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver.c_str());
  EXPECT_NE(d, nullptr) << driver;
  return d ? d->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr;
}

const std::vector<Feature> kTownships = {
    {"新竹街道", "450103001", "POLYGON((500000 2520000,501000 2520000,501000 2521000,500000 2521000,500000 2520000))"},
    {"长塘镇", "450103100", "POLYGON((501000 2520000,502000 2520000,502000 2521000,501000 2521000,501000 2520000))"},
};

// A Shapefile whose .dbf holds GBK bytes and declares no code page: no .cpg
// and a zero language driver byte, as older Chinese GIS software writes them.
std::string write_undeclared_gbk_shapefile(const TempDir& dir) {
  std::string shp = dir.file("townships.shp");
  {
    std::unique_ptr<GDALDataset> ds(create("ESRI Shapefile", shp));
    EXPECT_NE(ds, nullptr);
    CPLStringList opts;
    opts.SetNameValue("ENCODING", "CP936");
    write_layer(*ds, "townships", "名称", kTownships, opts);
  }
  fs::remove(dir.file("townships.cpg"));
  return shp;
}

VectorSource source(const std::string& path, const std::string& layer = "", const std::string& encoding = "auto") {
  VectorSource s;
  s.path = path;
  s.layer = layer;
  s.encoding = encoding;
  return s;
}

std::string csv_gbk() {
  return kGbkCsvHeader + "\r\n" + kGbkXinzhu + kGbkTuoyu + ",120,108.31,22.81\r\n" + kGbkChangtang +
         ",,108.52,22.93\r\n";
}

}  // namespace

// ---- GeoPackage -------------------------------------------------------------

TEST(ReadVector, GeoPackageUtf8NamesAndGeometries) {
  TempDir dir;
  std::string path = dir.file("zones.gpkg");
  {
    std::unique_ptr<GDALDataset> ds(create("GPKG", path));
    ASSERT_NE(ds, nullptr);
    write_layer(*ds, "townships", "名称", kTownships);
  }
  VectorTable t = read_vector(source(path));
  EXPECT_EQ(t.driver, "GPKG");
  EXPECT_EQ(t.layer, "townships");
  EXPECT_EQ(t.encoding, "UTF-8");
  ASSERT_EQ(t.fields, (std::vector<std::string>{"名称", "code"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].values[0], "新竹街道");
  EXPECT_EQ(t.records[1].values[0], "长塘镇");
  EXPECT_EQ(t.records[1].values[1], "450103100");
  EXPECT_EQ(t.records[0].number, 1);
  EXPECT_EQ(t.records[1].number, 2);
  ASSERT_NE(t.records[0].geometry, nullptr);
  EXPECT_DOUBLE_EQ(t.records[0].geometry->toPolygon()->get_Area(), 1e6);
  EXPECT_EQ(t.crs.epsg_code(), 4545);
}

TEST(ReadVector, NullFieldsAreNullopt) {
  TempDir dir;
  std::string path = dir.file("n.gpkg");
  {
    std::unique_ptr<GDALDataset> ds(create("GPKG", path));
    ASSERT_NE(ds, nullptr);
    write_layer(*ds, "t", "name", {{"a", "1", "POLYGON((0 0,1 0,1 1,0 0))"}});
    OGRLayer* l = ds->GetLayer(0);
    OGRFeature f(l->GetLayerDefn());
    f.SetField(0, "b");
    f.SetFieldNull(1);
    ASSERT_EQ(l->CreateFeature(&f), OGRERR_NONE);
  }
  VectorTable t = read_vector(source(path));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].values[1], "1");
  EXPECT_FALSE(t.records[1].values[1].has_value());
  EXPECT_EQ(t.records[1].geometry, nullptr);
}

TEST(ReadVector, NamedLayerOfAMultiLayerGeoPackage) {
  TempDir dir;
  std::string path = dir.file("two.gpkg");
  {
    std::unique_ptr<GDALDataset> ds(create("GPKG", path));
    ASSERT_NE(ds, nullptr);
    write_layer(*ds, "townships", "name", kTownships);
    write_layer(*ds, "districts", "name", {{"青秀区", "450103", "POLYGON((0 0,1 0,1 1,0 0))"}});
  }
  VectorTable t = read_vector(source(path, "districts"));
  EXPECT_EQ(t.layer, "districts");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].values[0], "青秀区");
  EXPECT_EQ(gis::list_layers(path), (std::vector<std::string>{"townships", "districts"}));
}

TEST(ReadVector, WrongLayerErrorListsTheLayers) {
  TempDir dir;
  std::string path = dir.file("two.gpkg");
  {
    std::unique_ptr<GDALDataset> ds(create("GPKG", path));
    ASSERT_NE(ds, nullptr);
    write_layer(*ds, "townships", "name", kTownships);
    write_layer(*ds, "districts", "name", kTownships);
  }
  try {
    read_vector(source(path, "villages"));
    FAIL() << "expected gis::Error";
  } catch (const gis::Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find("'villages'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("townships, districts"), std::string::npos) << msg;
  }
}

// ---- Shapefile ----------------------------------------------------------------

TEST(ReadVector, ShapefileFixtureReallyHoldsUndeclaredGbk) {
  TempDir dir;
  std::string shp = write_undeclared_gbk_shapefile(dir);
  EXPECT_FALSE(fs::exists(dir.file("townships.cpg")));
  std::string dbf = read_bytes(dir.file("townships.dbf"));
  ASSERT_GT(dbf.size(), 32u);
  EXPECT_EQ(dbf[29], '\0');  // no language driver id
  EXPECT_NE(dbf.find(kGbkXinzhu), std::string::npos);
  EXPECT_NE(dbf.find(kGbkName), std::string::npos);
}

TEST(ReadVector, ShapefileWithUndeclaredGbkIsDetectedAndDecoded) {
  TempDir dir;
  std::string shp = write_undeclared_gbk_shapefile(dir);
  VectorTable t = read_vector(source(shp));
  EXPECT_EQ(t.driver, "ESRI Shapefile");
  EXPECT_EQ(t.encoding, "GB18030");
  EXPECT_EQ(t.fields, (std::vector<std::string>{"名称", "code"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].values[0], "新竹街道");
  EXPECT_EQ(t.records[1].values[0], "长塘镇");
  EXPECT_EQ(t.records[1].values[1], "450103100");
  EXPECT_EQ(t.crs.epsg_code(), 4545);
  ASSERT_NE(t.records[1].geometry, nullptr);
  EXPECT_DOUBLE_EQ(t.records[1].geometry->toPolygon()->get_Area(), 1e6);
}

TEST(ReadVector, ShapefileWithDeclaredCodePageIsDecodedByItsDeclaration) {
  TempDir dir;
  std::string shp = write_undeclared_gbk_shapefile(dir);
  write_bytes(dir.file("townships.cpg"), "936");
  VectorTable t = read_vector(source(shp));
  EXPECT_EQ(t.fields[0], "名称");
  EXPECT_EQ(t.records[0].values[0], "新竹街道");
  EXPECT_EQ(t.records[1].values[0], "长塘镇");
}

TEST(ReadVector, ACpgSayingUtf8OverGbkBytesIsDecodedAndSaid) {
  TempDir dir;
  std::string shp = write_undeclared_gbk_shapefile(dir);
  write_bytes(dir.file("townships.cpg"), "UTF-8");  // wrong: the bytes are GBK
  VectorTable t = read_vector(source(shp));
  EXPECT_EQ(t.encoding, "GB18030");
  EXPECT_EQ(t.fields[0], "名称");
  EXPECT_EQ(t.records[0].values[0], "新竹街道");
  EXPECT_EQ(t.records[1].values[0], "长塘镇");
  ASSERT_EQ(t.notes.size(), 1u);
  EXPECT_NE(t.notes[0].en().find(".cpg file says the text is UTF-8, but it is not"), std::string::npos)
      << t.notes[0].en();
  EXPECT_NE(t.notes[0].en().find("write 936"), std::string::npos) << t.notes[0].en();
  EXPECT_NE(t.notes[0].zh().find("实际不是"), std::string::npos) << t.notes[0].zh();
  // A right .cpg says nothing.
  write_bytes(dir.file("townships.cpg"), "936");
  EXPECT_TRUE(read_vector(source(shp)).notes.empty());
}

TEST(ReadVector, ExplicitGbkOverridesAWrongCodePageDeclaration) {
  TempDir dir;
  std::string shp = write_undeclared_gbk_shapefile(dir);
  write_bytes(dir.file("townships.cpg"), "UTF-8");  // wrong: the bytes are GBK
  VectorTable t = read_vector(source(shp, "", "GBK"));
  EXPECT_EQ(t.encoding, "GB18030");
  EXPECT_EQ(t.fields[0], "名称");
  EXPECT_EQ(t.records[0].values[0], "新竹街道");
  EXPECT_EQ(t.records[1].values[0], "长塘镇");
}

// ---- CSV ----------------------------------------------------------------------

TEST(ReadVector, GbkCsvHeadersAndValuesAreDecoded) {
  TempDir dir;
  std::string path = dir.file("facilities.csv");
  write_bytes(path, csv_gbk());
  VectorTable t = read_vector(source(path));
  EXPECT_EQ(t.driver, "CSV");
  EXPECT_EQ(t.encoding, "GB18030");
  EXPECT_EQ(t.fields, (std::vector<std::string>{"机构名称", "托位数", "经度", "纬度"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].values[0], "新竹街道托育中心");
  EXPECT_EQ(t.records[0].values[1], "120");
  EXPECT_EQ(t.records[0].values[2], "108.31");  // text as written, not a parsed number
  EXPECT_EQ(t.records[1].values[0], "长塘镇");
  EXPECT_FALSE(t.records[1].values[1].has_value());  // empty cell
  EXPECT_EQ(t.records[1].values[3], "22.93");
}

TEST(ReadVector, ExplicitGbkIsHonouredForCsv) {
  TempDir dir;
  std::string path = dir.file("facilities.csv");
  write_bytes(path, csv_gbk());
  VectorTable t = read_vector(source(path, "", "gbk"));
  EXPECT_EQ(t.encoding, "GB18030");
  EXPECT_EQ(t.fields[1], "托位数");
  EXPECT_EQ(t.records[0].values[0], "新竹街道托育中心");
}

TEST(ReadVector, GbkValuesInAFileSaidToBeUtf8AreNamedByRecordAndByte) {
  TempDir dir;
  std::string path = dir.file("facilities.csv");
  write_bytes(path, "name,places\nok,1\n" + kGbkChangtang + ",2\n");
  try {
    read_vector(source(path, "", "UTF-8"));
    FAIL() << "expected gis::Error";
  } catch (const gis::Error& e) {
    const std::string m = e.text().en();
    EXPECT_NE(m.find("record 2, column 'name': byte 1"), std::string::npos) << m;
    EXPECT_NE(m.find("encoding = \"auto\""), std::string::npos) << m;
  }
}

TEST(ReadVector, Utf8CsvWithBomHasNoBomInItsFirstHeader) {
  TempDir dir;
  std::string path = dir.file("facilities.csv");
  write_bytes(path, "\xEF\xBB\xBF机构名称,托位数,经度,纬度\n新竹街道托育中心,120,108.31,22.81\n");
  VectorTable t = read_vector(source(path));
  EXPECT_EQ(t.encoding, "UTF-8");
  ASSERT_EQ(t.fields.size(), 4u);
  EXPECT_EQ(t.fields[0], "机构名称");
  EXPECT_EQ(t.field_index("机构名称"), 0);
  EXPECT_EQ(t.records[0].values[0], "新竹街道托育中心");
}

// ---- Fields and errors ----------------------------------------------------------

TEST(VectorTable, FieldIndexPrefersExactThenIgnoresCase) {
  VectorTable t;
  t.fields = {"NAME", "name", "Code", "托位数"};
  EXPECT_EQ(t.field_index("name"), 1);
  EXPECT_EQ(t.field_index("NAME"), 0);
  EXPECT_EQ(t.field_index("Name"), 0);  // no exact match: first ignoring case
  EXPECT_EQ(t.field_index("code"), 2);
  EXPECT_EQ(t.field_index("托位数"), 3);
  EXPECT_EQ(t.field_index("capacity"), -1);
}

TEST(VectorTable, RequireFieldErrorNamesTheRoleAndListsTheFields) {
  VectorTable t;
  t.source = "facilities.csv";
  t.layer = "facilities";
  t.fields = {"机构名称", "托位数", "经度", "纬度"};
  EXPECT_EQ(t.require_field("托位数", tuowei::gis::as_is("capacity")), 1);
  try {
    t.require_field("capacity", tuowei::gis::as_is("capacity"));
    FAIL() << "expected gis::Error";
  } catch (const gis::Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("facilities.csv"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'capacity'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("机构名称, 托位数, 经度, 纬度"), std::string::npos) << msg;
  }
}

TEST(ReadVector, MissingFileErrorNamesThePath) {
  TempDir dir;
  std::string path = dir.file("nowhere/zones.gpkg");
  try {
    read_vector(source(path));
    FAIL() << "expected gis::Error";
  } catch (const gis::Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find("not found"), std::string::npos) << msg;
  }
}

TEST(ReadVector, UnreadableFileErrorNamesThePath) {
  TempDir dir;
  std::string path = dir.file("zones.gpkg");
  write_bytes(path, "this is not a GeoPackage");
  try {
    read_vector(source(path));
    FAIL() << "expected gis::Error";
  } catch (const gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(ReadVector, EmptyAndUtf16FilesAndRepeatedColumnsAreSaidPlainly) {
  TempDir d("vector-odd-files");
  const fs::path empty = d.path() / "empty.csv", utf16 = d.path() / "u16.csv", dup = d.path() / "dup.csv";
  std::ofstream(empty, std::ios::binary).flush();
  std::ofstream(utf16, std::ios::binary) << std::string("\xFF\xFE" "i\0d\0\n\0", 8);
  std::ofstream(dup, std::ios::binary) << "id,places,places\nA,1,2\n";
  auto message = [](const fs::path& p) {
    try {
      tuowei::gis::read_vector({p.string()});
    } catch (const tuowei::gis::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(empty).find("is empty (0 bytes)"), std::string::npos) << message(empty);
  EXPECT_NE(message(utf16).find("is UTF-16 text"), std::string::npos) << message(utf16);
  // A repeated name is an error only where it is asked for.
  const VectorTable t = read_vector({dup.string()});
  EXPECT_EQ(t.field_index("id"), 0);
  try {
    t.field_index("places");
    FAIL();
  } catch (const tuowei::gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find("columns 2 and 3 are both named 'places'"), std::string::npos) << e.what();
  }
}

TEST(ReadVector, AGeoPackageDeclaringItsCrsUndefinedHasNone) {
  TempDir d("vector-srs0");
  for (const char* wkt : {"", "ENGCRS[\"Undefined Cartesian SRS\",EDATUM[\"\"],CS[Cartesian,2],"
                              "AXIS[\"easting\",east,ORDER[1],LENGTHUNIT[\"metre\",1]],"
                              "AXIS[\"northing\",north,ORDER[2],LENGTHUNIT[\"metre\",1]]]"}) {
    const fs::path file = d.path() / (std::string(*wkt ? "cartesian" : "geographic") + ".gpkg");
    {
      GDALDatasetUniquePtr ds(create("GPKG", file.string()));
      ASSERT_TRUE(ds);
      OGRSpatialReference srs;
      // srs_id 0 ("Undefined geographic SRS") is what GDAL writes for a
      // geographic CRS it cannot name; -1 for a Cartesian one.
      if (*wkt) srs.importFromWkt(wkt);
      else srs.SetWellKnownGeogCS("WGS84"), srs.SetNode("GEOGCS", "Undefined geographic SRS");
      char** options = CSLSetNameValue(nullptr, "SRID", *wkt ? "-1" : "0");
      OGRLayer* l = ds->CreateLayer("t", &srs, wkbPoint, options);
      CSLDestroy(options);
      ASSERT_TRUE(l);
      OGRFeature f(l->GetLayerDefn());
      OGRPoint pt(108.3, 22.8);
      f.SetGeometry(&pt);
      ASSERT_EQ(l->CreateFeature(&f), OGRERR_NONE);
    }
    const VectorTable t = read_vector({file.string()});
    EXPECT_FALSE(t.crs.valid()) << file;
    EXPECT_NE(t.missing_crs_hint.en().find("srs_id"), std::string::npos) << t.missing_crs_hint.en();
  }
}

TEST(ReadVector, AGbkValueInAUtf8FileIsNamedByRecordColumnAndByte) {
  TempDir d("vector-mixed");
  const fs::path file = d.path() / "mixed.csv";
  // UTF-8 header and first record; the second record's name in GBK (甲 = B C C9).
  std::ofstream(file, std::ios::binary) << "编号,名称\nA,新竹\nB,x\xBC\xD7\n";
  try {
    read_vector({file.string()});
    FAIL() << "a mixed file must not be decoded as GBK";
  } catch (const tuowei::gis::Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("record 2, column '名称': byte 2 of the value is not UTF-8"), std::string::npos) << m;
  }
  // Wholly GBK (header too) is still read as GBK.
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "\xB1\xE0\xBA\xC5,\xC3\xFB\xB3\xC6\nA,\xBC\xD7\n";
  const VectorTable t = read_vector({file.string()});
  EXPECT_EQ(t.fields[0], "编号");
  EXPECT_EQ(*t.records[0].values[1], "甲");
}
