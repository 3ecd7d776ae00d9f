// The command line, run as a planner would: on good and broken projects.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>
#include <vector>

#include "gis/vector.h"
#include "mini_project.h"

namespace fs = std::filesystem;
using tuowei::test::MiniProject;
using tuowei::test::Cleanup;
using tuowei::test::row;
using tuowei::test::run_command;

namespace {

std::string cli() { return TUOWEI_CLI; }

std::string slurp(const fs::path& p) {
  std::ifstream is(p, std::ios::binary);
  std::stringstream ss;
  ss << is.rdbuf();
  return ss.str();
}


}  // namespace

TEST(Cli, IndicatorsWritesGeoPackageCsvAndSummary) {
  MiniProject p = MiniProject::create("cli-ok");
  Cleanup c{p.dir};
  std::string out;
  int rc = run_command(cli() + " indicators " + p.toml.string() + " --out " + (p.dir / "out").string(), out);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("新竹街道"), std::string::npos) << out;
  EXPECT_NE(out.find("outside every township"), std::string::npos) << out;

  auto towns = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "townships"});
  ASSERT_EQ(towns.records.size(), 4u);
  int ppt = towns.require_field("places_per_1000", tuowei::gis::as_is("test"));
  int name = towns.require_field("name", tuowei::gis::as_is("test"));
  EXPECT_EQ(*towns.records[0].values[name], "新竹街道");
  EXPECT_NEAR(std::stod(*towns.records[0].values[ppt]), 6.0, 1e-9);
  auto fac = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "facilities"});
  EXPECT_EQ(fac.records.size(), 5u);
  auto counties = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "counties"});
  EXPECT_EQ(counties.records.size(), 2u);

  std::string csv = slurp(p.dir / "out/townships.csv");
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");  // Excel needs the BOM to read UTF-8
  EXPECT_NE(csv.find("id,name,parent_id,parent_name,area_km2,population,children_0_3"), std::string::npos);
  EXPECT_NE(csv.find("450103104000,伶俐镇,450102,乙县"), std::string::npos);
  std::string summary = slurp(p.dir / "out/summary.json");
  EXPECT_NE(summary.find("\"unassigned_facilities\""), std::string::npos);
  EXPECT_NE(summary.find("\"F5\""), std::string::npos);
}

TEST(Cli, ChineseLabelsOption) {
  MiniProject p = MiniProject::create("cli-zh");
  Cleanup c{p.dir};
  std::string out;
  ASSERT_EQ(run_command(cli() + " -q indicators " + p.toml.string() + " --labels zh --out " + (p.dir / "o").string(), out), 0)
      << out;
  std::string csv = slurp(p.dir / "o/townships.csv");
  EXPECT_NE(csv.find("区划代码,名称,上级代码,上级名称"), std::string::npos);
  EXPECT_NE(csv.find("千人口托位数"), std::string::npos);
}

TEST(Cli, ValidateReportsEveryBadRecordAtOnceAndExitsOne) {
  std::string facilities =
      "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\n"
      "F1,甲,托育机构,公办,-5,3,是,108.05,22.85\n"
      "F2,乙,托育机构,公办,abc,3,是,108.05,22.85\n"
      "F3,丙,托育机构,公办,30,3,是,22.85,108.05\n"
      "F4,丁,托育机构,公办,30,3,是,-70.1,40.2\n";
  MiniProject p = MiniProject::create("cli-bad", facilities);
  Cleanup c{p.dir};
  std::string out;
  int rc = run_command(cli() + " validate " + p.toml.string(), out);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("record 1 (机构编号 F1): 托位数 '-5'"), std::string::npos) << out;
  EXPECT_NE(out.find("record 2 (机构编号 F2): 托位数 'abc'"), std::string::npos) << out;
  EXPECT_NE(out.find("look swapped"), std::string::npos) << out;
  EXPECT_NE(out.find("outside China"), std::string::npos) << out;
  EXPECT_NE(out.find("4 error(s)"), std::string::npos) << out;
}

TEST(Cli, BadInputsStopTheRunAndWriteNothing) {
  std::string facilities = "机构编号,机构名称,托位数,经度,纬度\nF1,甲,many,108.05,22.85\n";
  MiniProject p = MiniProject::create("cli-stop", facilities);
  Cleanup c{p.dir};
  std::string out;
  int rc = run_command(cli() + " indicators " + p.toml.string() + " --out " + (p.dir / "out").string(), out);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("nothing was written"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(p.dir / "out/tuowei.gpkg"));
}

TEST(Cli, SkipBadRecordsLeavesThemOutAndGoesOn) {
  std::string facilities = "机构编号,机构名称,托位数,经度,纬度\nF1,甲,many,108.05,22.85\nF2,乙,30,108.05,22.85\n";
  MiniProject p = MiniProject::create("cli-skip", facilities);
  Cleanup c{p.dir};
  std::string out;
  int rc = run_command(
      cli() + " indicators --skip-bad-records " + p.toml.string() + " --out " + (p.dir / "out").string(), out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("the record is left out"), std::string::npos) << out;
  auto fac = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "facilities"});
  EXPECT_EQ(fac.records.size(), 1u);
}

TEST(Cli, MissingFieldListsTheFieldsThatExist) {
  MiniProject p = MiniProject::create("cli-field", {}, "crs = \"EPSG:4326\"\nplaces_field = \"床位数\"\n");
  Cleanup c{p.dir};
  std::string out;
  EXPECT_EQ(run_command(cli() + " validate " + p.toml.string(), out), 1);
  EXPECT_NE(out.find("no field '床位数'"), std::string::npos) << out;
  EXPECT_NE(out.find("托位数"), std::string::npos) << out;
}

TEST(Cli, MissingCrsForCsvSaysWhatToAdd) {
  MiniProject p = MiniProject::create("cli-crs", {}, "encoding = \"auto\"\n");
  Cleanup c{p.dir};
  std::string out;
  EXPECT_EQ(run_command(cli() + " validate " + p.toml.string(), out), 1);
  EXPECT_NE(out.find("has no CRS"), std::string::npos) << out;
  EXPECT_NE(out.find("GCJ-02"), std::string::npos) << out;
}

TEST(Cli, MissingProjectFileAndUsageErrorsHaveTheirOwnExitCodes) {
  std::string out;
  EXPECT_EQ(run_command(cli() + " validate /nonexistent/project.toml", out), 1);
  EXPECT_NE(out.find("project file not found"), std::string::npos) << out;
  EXPECT_EQ(run_command(cli() + " indicators", out), 2);
  EXPECT_EQ(run_command(cli() + " --help", out), 0);
  EXPECT_NE(out.find("indicators"), std::string::npos);
}

TEST(Cli, InvalidTomlNamesTheLine) {
  MiniProject p = MiniProject::create("cli-toml");
  Cleanup c{p.dir};
  p.write_file("project.toml", "[townships]\npath = \"x.shp\n");
  std::string out;
  EXPECT_EQ(run_command(cli() + " validate " + p.toml.string(), out), 1);
  EXPECT_NE(out.find("line 2"), std::string::npos) << out;
}

TEST(Cli, GcjCoordinatesAreShiftedBackBeforeAssignment) {
  // GCJ-02 (108.1030, 22.8445) lies east of the 108.1 border, in 南湖街道;
  // its WGS84 position (108.0988, 22.8472) is in 新竹街道.
  std::string facilities = "机构编号,机构名称,托位数,经度,纬度\nF1,甲,30,108.103000,22.844500\n";
  MiniProject p = MiniProject::create("cli-gcj", facilities, "crs = \"GCJ-02\"\n");
  Cleanup c{p.dir};
  std::string out;
  ASSERT_EQ(run_command(cli() + " -q indicators " + p.toml.string() + " --out " + (p.dir / "o").string(), out), 0) << out;
  auto fac = tuowei::gis::read_vector({(p.dir / "o/tuowei.gpkg").string(), "facilities"});
  int town = fac.require_field("township_name", tuowei::gis::as_is("test"));
  int lon = fac.require_field("lon", tuowei::gis::as_is("test"));
  ASSERT_EQ(fac.records.size(), 1u);
  EXPECT_LT(std::stod(*fac.records[0].values[lon]), 108.1);
  EXPECT_EQ(*fac.records[0].values[town], "新竹街道");
}

// An output folder is replaced as one set, or not at all.
namespace {

// Every file of a folder with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) files[e.path().filename().string()] = slurp(e.path());
  }
  return files;
}

std::vector<std::string> hidden_files(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string()[0] == '.') names.push_back(e.path().filename().string());
  }
  return names;
}

}  // namespace

TEST(CliOutputs, AKilledRunLeavesThePreviousResultsAndNoTemporaryFile) {
  MiniProject p = MiniProject::create("cli-kill");
  Cleanup c{p.dir};
  const fs::path out = p.dir / "out", marker = p.dir / "writing";
  std::string text;
  ASSERT_EQ(run_command(cli() + " -q run " + p.toml.string() + " --radius 800 --out " + out.string(), text), 0) << text;
  const auto before = snapshot(out);
  ASSERT_GE(before.size(), 5u);
  // A second run with another target stops with every file written and
  // none moved into place; it is killed there.
  const std::string command = "TUOWEI_TEST_PAUSE_BEFORE_COMMIT=" + marker.string() + " TUOWEI_TEST_PAUSE_SECONDS=60 " +
                              cli() + " -q run " + p.toml.string() + " --radius 800 --target 3 --out " +
                              out.string() + " >/dev/null 2>&1 &";
  ASSERT_EQ(std::system(command.c_str()), 0);
  for (int k = 0; k < 600 && !fs::exists(marker); ++k) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(fs::exists(marker)) << "the run never reached the end of writing";
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const pid_t pid = pid_t(std::stol(slurp(marker)));
  EXPECT_FALSE(hidden_files(out).empty()) << "the new files wait under temporary names";
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  for (int k = 0; k < 100 && ::kill(pid, 0) == 0; ++k) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(snapshot(out), before) << "the folder holds the previous results byte for byte";
  EXPECT_TRUE(hidden_files(out).empty()) << "the killed run removed its temporary files";
}

TEST(CliOutputs, ARunFailingAtTheEndLeavesTheOldSetAndSaysWhichFile) {
  MiniProject p = MiniProject::create("cli-fail-set");
  Cleanup c{p.dir};
  const fs::path out = p.dir / "out";
  std::string text;
  ASSERT_EQ(run_command(cli() + " -q indicators " + p.toml.string() + " --out " + out.string(), text), 0) << text;
  // summary.json cannot be replaced: a folder of that name is in the way.
  fs::remove(out / "summary.json");
  fs::create_directories(out / "summary.json" / "x");
  const auto before = snapshot(out);
  const int rc = run_command(cli() + " -q indicators " + p.toml.string() + " --target 3 --out " + out.string(), text);
  EXPECT_NE(rc, 0) << text;
  EXPECT_NE(text.find("summary.json"), std::string::npos) << text;
  EXPECT_NE(text.find("keeps the previous results"), std::string::npos) << text;
  EXPECT_EQ(snapshot(out), before) << "townships.csv and tuowei.gpkg were not replaced either";
  EXPECT_TRUE(hidden_files(out).empty());
}

TEST(CliOutputs, AnOutputThatWouldReplaceAnInputIsRefused) {
  MiniProject p = MiniProject::create("cli-input-out");
  Cleanup c{p.dir};
  // The facility register is called townships.csv, and the outputs would go beside it.
  fs::rename(p.dir / "facilities.csv", p.dir / "townships.csv");
  std::string toml = slurp(p.toml);
  toml.replace(toml.find("\"facilities.csv\""), 16, "\"townships.csv\"");
  std::ofstream(p.toml, std::ios::binary) << toml;
  const std::string register_before = slurp(p.dir / "townships.csv");
  std::string text;
  const int rc = run_command(cli() + " -q indicators " + p.toml.string() + " --out " + p.dir.string(), text);
  EXPECT_NE(rc, 0) << text;
  EXPECT_NE(text.find("townships.csv"), std::string::npos) << text;
  EXPECT_NE(text.find("inputs"), std::string::npos) << text;
  EXPECT_EQ(slurp(p.dir / "townships.csv"), register_before);
  EXPECT_FALSE(fs::exists(p.dir / "tuowei.gpkg")) << "nothing of the set was moved into place";
}

// Raster cells that cannot be counts of people are left out and said.
namespace {

// Sets cells (column, row) of a mini-project raster.
void set_cells(const fs::path& file, const std::vector<std::tuple<int, int, float>>& cells) {
  GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
  ASSERT_TRUE(ds);
  for (auto [c, r, v] : cells) {
    ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, c, r, 1, 1, &v, 1, 1, GDT_Float32, 0, 0, nullptr), CE_None);
  }
}

}  // namespace

TEST(CliInputs, ImpossibleRasterCellsAreLeftOutAndCounted) {
  MiniProject p = MiniProject::create("cli-bad-cells");
  Cleanup c{p.dir};
  // In 伶俐镇 (columns 10-19, rows 10-19: 50 residents a cell): +inf, a
  // fill of 3.4e38 and a negative count.
  set_cells(p.dir / "residents.tif", {{12, 12, INFINITY}, {13, 12, 3.4e38f}, {14, 12, -50.0f}});
  std::string out;
  const int rc = run_command(cli() + " indicators " + p.toml.string() + " --out " + (p.dir / "out").string(), out);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("residents.tif"), std::string::npos) << out;
  EXPECT_NE(out.find("3 cells hold a value that cannot be a count of people"), std::string::npos) << out;
  // The three cells count as without data: 97 cells of 50.
  auto towns = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "townships"});
  const int name = towns.require_field("name", tuowei::gis::as_is("t")), pop = towns.require_field("population", tuowei::gis::as_is("t"));
  for (const auto& rec : towns.records) {
    if (*rec.values[name] == "伶俐镇") {
      EXPECT_NEAR(std::stod(*rec.values[pop]), 97 * 50.0, 1e-6);
    }
  }
}

TEST(CliInputs, NodataTheBandCannotHoldIsSaid) {
  MiniProject p = MiniProject::create("cli-int16-nodata");
  Cleanup c{p.dir};
  // An Int16 copy of the residents declaring -99999, with -32768 as its fill.
  {
    GDALDatasetUniquePtr src(GDALDataset::Open((p.dir / "residents.tif").c_str(), GDAL_OF_RASTER));
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(drv->Create((p.dir / "r16.tif").c_str(), 20, 20, 1, GDT_Int16, nullptr));
    double gt[6];
    src->GetGeoTransform(gt);
    ds->SetGeoTransform(gt);
    ds->SetSpatialRef(src->GetSpatialRef());
    std::vector<short> v(400, 100);
    v[0] = -32768;
    ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 20, 20, v.data(), 20, 20, GDT_Int16, 0, 0, nullptr),
              CE_None);
    ds->GetRasterBand(1)->SetNoDataValue(-99999);
  }
  std::string toml = slurp(p.toml);
  toml.replace(toml.find("residents.tif"), 13, "r16.tif");
  std::ofstream(p.toml, std::ios::binary) << toml;
  std::string out;
  ASSERT_EQ(run_command(cli() + " indicators " + p.toml.string() + " --out " + (p.dir / "out").string(), out), 0)
      << out;
  EXPECT_NE(out.find("declares nodata -99999 but its cells are Int16"), std::string::npos) << out;
  EXPECT_NE(out.find("1 cells hold a value that cannot be a count of people"), std::string::npos) << out;
}

TEST(CliInputs, AShapefileInGbkWhoseCpgSaysUtf8IsReadAndSaid) {
  // The register as a shapefile in GBK, its .cpg saying UTF-8 (written by
  // hand, or by a tool that did not convert): validate says so, and a run
  // reads the names right.
  MiniProject p = MiniProject::create("cli-cpg", {}, "path = \"fac.shp\"\n");
  Cleanup c{p.dir};
  {
    const char* open_options[] = {"X_POSSIBLE_NAMES=经度", "Y_POSSIBLE_NAMES=纬度", nullptr};
    GDALDatasetUniquePtr csv(GDALDataset::Open((p.dir / "facilities.csv").c_str(), GDAL_OF_VECTOR, nullptr,
                                               open_options));
    ASSERT_TRUE(csv);
    const char* args[] = {"-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", "-a_srs", "EPSG:4326", nullptr};
    GDALVectorTranslateOptions* o = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
    GDALDatasetH src = GDALDataset::ToHandle(csv.get());
    GDALDatasetH made = GDALVectorTranslate((p.dir / "fac.shp").c_str(), nullptr, 1, &src, o, nullptr);
    GDALVectorTranslateOptionsFree(o);
    ASSERT_NE(made, nullptr);
    GDALClose(made);
  }
  ASSERT_NE(slurp(p.dir / "fac.dbf").find("\xD0\xC2\xD6\xF1"), std::string::npos) << "新竹 in GBK";
  std::ofstream(p.dir / "fac.cpg", std::ios::binary) << "UTF-8";
  std::string out;
  EXPECT_EQ(run_command(cli() + " validate " + p.toml.string(), out), 0) << out;
  EXPECT_NE(out.find("fac.shp: the .cpg file says the text is UTF-8, but it is not"), std::string::npos) << out;
  ASSERT_EQ(run_command(cli() + " -q indicators " + p.toml.string() + " --out " + (p.dir / "o").string(), out), 0)
      << out;
  auto fac = tuowei::gis::read_vector({(p.dir / "o/tuowei.gpkg").string(), "facilities"});
  const int name = fac.require_field("name", tuowei::gis::as_is("test"));
  EXPECT_EQ(*fac.records[0].values[size_t(name)], "新竹社区托育中心");
}

TEST(CliInputs, AFolderOrAPipeAsTheProjectAndAnUnknownEncodingAreSaidPlainly) {
  MiniProject p = MiniProject::create("cli-odd-project");
  Cleanup c{p.dir};
  std::string out;
  EXPECT_EQ(run_command(cli() + " -q indicators " + p.dir.string() + " --out " + (p.dir / "o").string(), out), 1);
  EXPECT_NE(out.find("is a folder, not a project file"), std::string::npos) << out;
  EXPECT_NE(out.find("project.toml"), std::string::npos) << out;
  const fs::path pipe = p.dir / "pipe.toml";
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  EXPECT_EQ(run_command("timeout 20 " + cli() + " -q indicators " + pipe.string() + " --out " +
                            (p.dir / "o").string(),
                        out),
            1);
  EXPECT_NE(out.find("is not a regular file"), std::string::npos) << out;
  std::string toml = slurp(p.toml);
  toml.replace(toml.find("[facilities]"), 12, "[facilities]\nencoding = \"klingon\"");
  std::ofstream(p.toml, std::ios::binary) << toml;
  EXPECT_EQ(run_command(cli() + " -q indicators " + p.toml.string() + " --out " + (p.dir / "o").string(), out), 1);
  EXPECT_NE(out.find("unknown text encoding 'klingon'"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(p.dir / "o" / "tuowei.gpkg"));
}

TEST(CliInputs, NumbersMustBeFiniteAndInTheirDomain) {
  MiniProject p = MiniProject::create("cli-numbers", {},
                                     "crs = \"EPSG:4326\"\n[proposals]\ncoverage_target = 1.5\n"
                                     "sites = 199999999990\nmax_per_township = 2.5\n");
  Cleanup c{p.dir};
  std::string toml = slurp(p.toml);
  toml.replace(toml.find("places_per_1000 = 4.5"), 21, "places_per_1000 = inf");
  std::ofstream(p.toml, std::ios::binary) << toml;
  std::string out;
  EXPECT_EQ(run_command(cli() + " -q indicators " + p.toml.string() + " --out " + (p.dir / "o").string(), out), 1);
  EXPECT_NE(out.find("places_per_1000 must be a finite number"), std::string::npos) << out;
  EXPECT_NE(out.find("coverage_target must be a share in (0, 1]"), std::string::npos) << out;
  // Whole numbers (found by fuzzing: 2e11 sites overflowed an int).
  EXPECT_NE(out.find("[proposals] sites must be a whole number from 1 to 100000, not 199999999990"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("[proposals] max_per_township must be a whole number from 0 to 100000, not 2.5"),
            std::string::npos)
      << out;
  MiniProject q = MiniProject::create("cli-numbers-ok");
  Cleanup d{q.dir};
  EXPECT_EQ(run_command(cli() + " -q run " + q.toml.string() + " --radius nan --out " + (q.dir / "o").string(), out),
            2);
  EXPECT_NE(out.find("--radius: nan is not a finite number"), std::string::npos) << out;
  EXPECT_EQ(run_command(cli() + " -q run " + q.toml.string() + " --target -1 --out " + (q.dir / "o").string(), out), 2);
  EXPECT_NE(out.find("--target: -1 is not a number > 0"), std::string::npos) << out;
}

TEST(CliInputs, ARadiusInKilometresTypedAsMetresStopsBeforeTheMemoryRunsOut) {
  // 5 facilities and 400 populated cells: at 50 km every facility reaches
  // every cell, 2,000 pairs, above this project's max_pairs of 500.
  MiniProject p = MiniProject::create("cli-radius", {}, "crs = \"EPSG:4326\"\n[access]\nmax_pairs = 500\n");
  Cleanup c{p.dir};
  const fs::path out = p.dir / "o";
  std::string text;
  ASSERT_EQ(run_command(cli() + " -q run " + p.toml.string() + " --radius 800 --out " + out.string(), text), 0) << text;
  const auto before = snapshot(out);
  EXPECT_EQ(run_command(cli() + " -q run " + p.toml.string() + " --radius 50000 --out " + out.string(), text), 1);
  EXPECT_NE(text.find("catchments of 50000 m around 5 facilities would hold about 2e+03 cell pairs"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("give the radius in metres"), std::string::npos) << text;
  EXPECT_EQ(snapshot(out), before);
  // Siting checks its candidates the same way.
  EXPECT_EQ(run_command(cli() + " -q propose " + p.toml.string() + " -n 1 --radius 50000 --out " + out.string(), text),
            1);
  EXPECT_NE(text.find("would hold about"), std::string::npos) << text;
}

TEST(CliInputs, AnImplausibleNumberOfPlacesIsARecordError) {
  std::string facilities = "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\n"
                           "F1,甲,托育机构,公办,1e308,3,是,108.05,22.85\n"
                           "F2,乙,托育机构,公办,12000,3,是,108.05,22.85\n"
                           "F3,丙,托育机构,公办,150,3,是,108.05,22.85\n";
  MiniProject p = MiniProject::create("cli-places", facilities);
  Cleanup c{p.dir};
  std::string out;
  EXPECT_EQ(run_command(cli() + " validate " + p.toml.string(), out), 1) << out;
  EXPECT_NE(out.find("record 1 (机构编号 F1): 托位数 1e308 is not a plausible"), std::string::npos) << out;
  EXPECT_NE(out.find("12000 is not a plausible number of places"), std::string::npos) << out;
  EXPECT_EQ(out.find("F3"), std::string::npos) << out;
}

TEST(CliInputs, OverlappingTownshipsAreSaidWithTheArea) {
  MiniProject p = MiniProject::create("cli-overlap");
  Cleanup c{p.dir};
  // 南湖街道's square drawn again over half of 伶俐镇's (108.1-108.2 E, 22.75-22.85 N).
  std::string geojson = slurp(p.dir / "townships.geojson");
  const std::string from = "[[[108.100000,22.800000],[108.200000,22.800000],[108.200000,22.900000],"
                           "[108.100000,22.900000],[108.100000,22.800000]]]";
  const size_t at = geojson.find(from);
  ASSERT_NE(at, std::string::npos) << geojson.substr(0, 600);
  geojson.replace(at, from.size(),
                  "[[[108.100000,22.750000],[108.200000,22.750000],[108.200000,22.900000],"
                  "[108.100000,22.900000],[108.100000,22.750000]]]");
  std::ofstream(p.dir / "townships.geojson", std::ios::binary) << geojson;
  std::string out;
  ASSERT_EQ(run_command(cli() + " validate " + p.toml.string(), out), 0) << out;
  EXPECT_NE(out.find("1 pairs of townships overlap"), std::string::npos) << out;
  EXPECT_NE(out.find("南湖街道 and"), std::string::npos) << out;
  EXPECT_NE(out.find("伶俐镇"), std::string::npos) << out;
  // Without the change, neighbours sharing borders are not an overlap.
  MiniProject q = MiniProject::create("cli-apart");
  Cleanup d{q.dir};
  ASSERT_EQ(run_command(cli() + " validate " + q.toml.string(), out), 0) << out;
  EXPECT_EQ(out.find("townships overlap"), std::string::npos) << out;
}

TEST(CliInputs, TwoColumnsOfTheNameAskedForAreSaidNotGuessed) {
  std::string facilities = "机构编号,机构名称,类型,举办性质,托位数,托位数,在托人数,是否普惠,经度,纬度\n"
                           "F1,甲,托育机构,公办,45,90,30,是,108.05,22.85\n";
  MiniProject p = MiniProject::create("cli-dup-column", facilities);
  Cleanup c{p.dir};
  std::string out;
  const int rc = run_command(cli() + " validate " + p.toml.string(), out);
  EXPECT_NE(rc, 0) << out;
  EXPECT_NE(out.find("columns 5 and 6 are both named '托位数'"), std::string::npos) << out;
}

TEST(CliInputs, ValidateDeepFindsATruncatedRasterThatTheHeadersHide) {
  MiniProject p = MiniProject::create("cli-truncated");
  Cleanup c{p.dir};
  const fs::path raster = p.dir / "residents.tif";
  fs::resize_file(raster, fs::file_size(raster) / 2);
  std::string out;
  EXPECT_EQ(run_command(cli() + " validate " + p.toml.string(), out), 0) << out;  // headers only
  EXPECT_EQ(run_command(cli() + " validate --deep " + p.toml.string(), out), 1) << out;
  EXPECT_NE(out.find("residents.tif: cannot be read to the end"), std::string::npos) << out;
}

// ---- Messages in the planner's language ---------------------------------------

namespace {

// Lines of `text` that read as English sentences: an English word of four
// letters or more outside paths, names and the identifiers a message quotes
// (fields, TOML keys, options, formats).
std::vector<std::string> english_lines(const std::string& text) {
  static const std::set<std::string> identifiers = {"toml", "tuowei", "gpkg", "json", "xlsx", "EPSG", "WGS84",
                                                    "UTF-8", "path", "places_per_1000", "facilities", "csv",
                                                    "PROJECT", "PostGIS", "Excel", "validate", "indicators", "access",
                                                    "propose", "report", "postgis", "schema"};
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::string words;
    bool english = false;
    std::istringstream tokens(line);
    std::string token;
    while (tokens >> token) {
      if (token.find('/') != std::string::npos || token.find('_') != std::string::npos ||
          token.find('[') != std::string::npos || token.find('-') == 0 || token.find('.') != std::string::npos ||
          token.find('\'') != std::string::npos || token.find('"') != std::string::npos)
        continue;  // a path, a key, an option, a quoted value
      int letters = 0;
      for (char ch : token) letters += std::isalpha(static_cast<unsigned char>(ch)) ? 1 : 0;
      if (letters >= 4 && letters == int(token.size()) && !identifiers.count(token)) english = true;
    }
    if (english) out.push_back(line);
  }
  return out;
}

}  // namespace

TEST(CliLanguage, ErrorsWarningsAndFixesInChineseWithLangZh) {
  std::string facilities =
      "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\n"
      "F1,甲,托育机构,公办,-5,3,是,108.05,22.85\n"
      "F2,乙,托育机构,公办,abc,3,是,108.05,22.85\n"
      "F3,丙,托育机构,公办,30,3,是,22.85,108.05\n";
  MiniProject p = MiniProject::create("cli-zh", facilities);
  Cleanup c{p.dir};
  const fs::path out = p.dir / "out";
  std::string text;
  ASSERT_EQ(run_command(cli() + " --lang zh validate " + p.toml.string(), text), 1) << text;
  EXPECT_NE(text.find("错误："), std::string::npos) << text;
  EXPECT_NE(text.find("第 2 条记录"), std::string::npos) << text;
  EXPECT_NE(text.find("错误 3 处"), std::string::npos) << text;
  EXPECT_EQ(text.find("error:"), std::string::npos) << text;
  EXPECT_TRUE(english_lines(text).empty()) << english_lines(text).front();
  // The same in a run, the option after the subcommand; nothing written.
  EXPECT_EQ(run_command(cli() + " indicators " + p.toml.string() + " --out " + out.string() + " --lang zh", text), 1);
  EXPECT_NE(text.find("已停止：输入数据有 3 处错误；未写出任何文件"), std::string::npos) << text;
  EXPECT_TRUE(english_lines(text).empty()) << english_lines(text).front();
  EXPECT_FALSE(fs::exists(out / "tuowei.gpkg"));
  // English on request.
  EXPECT_EQ(run_command(cli() + " --lang en validate " + p.toml.string(), text), 1);
  EXPECT_NE(text.find("record 2 (机构编号 F2): 托位数 'abc'"), std::string::npos) << text;
}

TEST(CliLanguage, TheLocaleChoosesWhenLangIsNotGiven) {
  MiniProject p = MiniProject::create("cli-locale");
  Cleanup c{p.dir};
  const fs::path out = p.dir / "out";
  std::string text;
  ASSERT_EQ(run_command("LANG=zh_CN.UTF-8 " + cli() + " indicators " + p.toml.string() + " --out " + out.string(),
                        text),
            0)
      << text;
  EXPECT_NE(text.find("千人口托位数"), std::string::npos) << text;
  EXPECT_NE(text.find("已写出"), std::string::npos) << text;
  EXPECT_TRUE(english_lines(text).empty()) << english_lines(text).front();
  // --lang wins over the locale; LANGUAGE (GNU) over LANG.
  ASSERT_EQ(run_command("LANG=zh_CN.UTF-8 " + cli() + " --lang en indicators " + p.toml.string() + " --out " +
                            out.string(),
                        text),
            0);
  EXPECT_NE(text.find("places per 1,000 residents"), std::string::npos) << text;
  ASSERT_EQ(run_command("LANG=en_US.UTF-8 LANGUAGE=zh_CN " + cli() + " indicators " + p.toml.string() + " --out " +
                            out.string(),
                        text),
            0);
  EXPECT_NE(text.find("千人口托位数"), std::string::npos) << text;
  // A language the program does not speak is a usage error.
  EXPECT_EQ(run_command(cli() + " --lang fr indicators " + p.toml.string() + " --out " + out.string(), text), 2);
  EXPECT_NE(text.find("--lang"), std::string::npos) << text;
}

TEST(CliLanguage, TheHelpInChinese) {
  std::string text;
  for (const std::string command : {"", " propose", " report"}) {
    ASSERT_EQ(run_command(cli() + " --lang zh" + command + " --help", text), 0) << text;
    EXPECT_NE(text.find("用法"), std::string::npos) << text;
    EXPECT_NE(text.find("显示本帮助后退出"), std::string::npos) << text;
    EXPECT_EQ(text.find("Options"), std::string::npos) << text;
    EXPECT_TRUE(english_lines(text).empty()) << english_lines(text).front();
  }
  ASSERT_EQ(run_command(cli() + " propose --help", text), 0) << text;
  EXPECT_NE(text.find("catchment radius in metres"), std::string::npos) << text;
}

TEST(CliLanguage, CommandLineNumbersAreCheckedInChinese) {
  MiniProject p = MiniProject::create("cli-zh-numbers");
  Cleanup c{p.dir};
  std::string text;
  EXPECT_EQ(run_command(cli() + " --lang zh run " + p.toml.string() + " --radius nan --out " +
                            (p.dir / "out").string(),
                        text),
            2);
  EXPECT_NE(text.find("nan 不是有限的数值"), std::string::npos) << text;
}

// ---- A full disk -----------------------------------------------------------------

TEST(CliOutputs, AFullDiskIsSaidAndTheEarlierResultsStay) {
  MiniProject p = MiniProject::create("cli-full");
  Cleanup c{p.dir};
  const fs::path disk = p.dir / "disk", out = disk / "out";
  fs::create_directories(disk);
  // A small file system of its own (root, or a user namespace where
  // mounting is allowed).
  if (std::system(("mount -t tmpfs -o size=4m tmpfs " + disk.string() + " 2>/dev/null").c_str()) != 0) {
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
  }
  struct Unmount {
    fs::path dir;
    ~Unmount() { std::system(("umount " + dir.string()).c_str()); }
  } unmount{disk};
  std::string text;
  ASSERT_EQ(run_command(cli() + " -q indicators " + p.toml.string() + " --out " + out.string(), text), 0) << text;
  const auto before = snapshot(out);
  // Fill the disk but for a few kilobytes.
  const std::string fill = "dd if=/dev/zero of=" + (disk / "filler").string() + " bs=4k 2>/dev/null";
  EXPECT_NE(std::system(fill.c_str()), 0) << "dd stops when the disk is full";
  const int rc = run_command(cli() + " -q indicators " + p.toml.string() + " --target 3 --out " + out.string(), text);
  EXPECT_EQ(rc, 3) << text;
  EXPECT_NE(text.find("is full"), std::string::npos) << text;
  EXPECT_NE(text.find("MB free"), std::string::npos) << text;
  EXPECT_NE(text.find("--out"), std::string::npos) << text;
  EXPECT_EQ(snapshot(out), before) << "the earlier results are byte-identical";
  EXPECT_TRUE(hidden_files(out).empty()) << "no temporary is left behind";
  EXPECT_EQ(run_command(cli() + " --lang zh -q indicators " + p.toml.string() + " --target 3 --out " + out.string(),
                        text),
            3);
  EXPECT_NE(text.find("已满"), std::string::npos) << text;
}
