// Official demand: the register table, the cohort sums, the grid fallback,
// the dasymetric scaling of the cells and the projection, on the mini
// project where every number can be worked out by hand, and every kind of
// bad table.
#include <gtest/gtest.h>

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>

#include "mini_project.h"
#include "planner/access.h"
#include "planner/analysis.h"
#include "planner/official.h"
#include "planner/projection.h"
#include "planner/study.h"

using namespace tuowei::planner;
using tuowei::test::Cleanup;
using tuowei::test::MiniProject;
using tuowei::test::row;

namespace {

// The mini project (grid of 2020: residents 10,000 / 20,000 / 10,000 / 5,000,
// under-3s 300 in each township) with a register table for the end of 2024.
MiniProject with_register(const std::string& name, const std::string& table, const std::string& official = {},
                          const std::string& file = "register.csv") {
  MiniProject p = MiniProject::create(name);
  if (!table.empty()) p.write_file(file, table);
  std::ifstream is(p.toml);
  std::string toml((std::istreambuf_iterator<char>(is)), std::istreambuf_iterator<char>());
  const std::string key = "children_0_3 = \"under3.tif\"\n";
  toml.replace(toml.find(key), key.size(), key + "year = 2020\n");
  toml += "\n[population.official]\npath = \"" + file + "\"\n" + (official.empty() ? "year = 2024\n" : official);
  p.write_file("project.toml", toml);
  return p;
}

// A: residents and an under-3 count; B: residents and births 2021-2024;
// C (长塘镇): not in the table; D: residents only.
const char* kRegister =
    "区划代码,名称,常住人口,0-3岁人口,出生人口2021,出生人口2022,出生人口2023,出生人口2024\n"
    "450103001000,新竹街道,12000,240,,,,\n"
    "450103002000,南湖街道,18000,,100,96,92,88\n"
    "450103104000,伶俐镇,6000,,,,,\n";

Study load(const MiniProject& p, bool cells = true) {
  LoadOptions o;
  o.cells = cells;
  return load_study(read_project_or_throw(p.toml), o);
}

// The message of the InputError that loading `p` throws ("" when it loads).
std::string load_error(const MiniProject& p) {
  try {
    load(p, false);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

std::string warnings(const Problems& problems) {
  std::string out;
  for (const Problem& p : problems.all()) out += p.where.en() + ": " + p.message.en() + "\n";
  return out;
}

// The cells' under-3s in each township.
std::vector<double> cell_sums(const Demand& d, size_t townships) {
  std::vector<double> sums(townships, 0.0);
  for (size_t i = 0; i < d.cells.size(); ++i) {
    for (const TownshipShare& s : d.cells.shares(i)) sums[size_t(s.township)] += d.cells.children(i) * s.fraction;
  }
  return sums;
}

const std::vector<double> kSurvival = default_survival();

}  // namespace

TEST(Official, DefaultSurvivalFromInfantAndUnder5Mortality) {
  // 2023 bulletin: infant mortality 4.5 per 1,000, under-5 6.2 per 1,000.
  ASSERT_EQ(kSurvival.size(), 3u);
  EXPECT_DOUBLE_EQ(kSurvival[0], 0.9955);
  // Survival from birth to 5 implied by the same annual rate at 1-4: 1 - 6.2 per 1,000.
  const double to5 = kSurvival[0] * std::pow(kSurvival[1] / kSurvival[0], 4);
  EXPECT_NEAR(to5, 1 - 0.0062, 1e-12);
  EXPECT_NEAR(kSurvival[2] / kSurvival[1], kSurvival[1] / kSurvival[0], 1e-15);
}

TEST(Official, HandComputedTownships) {
  MiniProject p = with_register("official-hand", kRegister);
  Cleanup c{p.dir};
  Study s = load(p);
  EXPECT_EQ(s.base_year(), 2024);
  EXPECT_EQ(s.projection().grid_year(), 2020);
  // Births of B fall from 100 to 88 in three years: the study's change and B's.
  const double change = std::pow(0.88, 1.0 / 3.0) - 1.0;
  EXPECT_NEAR(s.projection().study_births_change(), change, 1e-15);
  EXPECT_EQ(s.projection().births_change_basis(), "observed");
  const auto& f = s.demand().townships;
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(s.demand().year, 2024);
  // A: official residents and count.
  EXPECT_EQ(f[0].residents, 12000);
  EXPECT_EQ(f[0].children_0_3, 240);
  EXPECT_EQ(f[0].residents_source, PopulationSource::official);
  EXPECT_EQ(f[0].children_source, PopulationSource::official);
  // B: the cohorts born 2024, 2023, 2022, each times its survival.
  EXPECT_EQ(f[1].residents, 18000);
  EXPECT_NEAR(f[1].children_0_3, kSurvival[0] * 88 + kSurvival[1] * 92 + kSurvival[2] * 96, 1e-12);
  EXPECT_EQ(f[1].children_source, PopulationSource::births);
  // C: the grid, its under-3s carried from 2020 by the births' change.
  EXPECT_NEAR(f[2].residents, 10000, 1e-9);
  EXPECT_NEAR(f[2].children_0_3, 300 * std::pow(1 + change, 4), 1e-9);
  EXPECT_EQ(f[2].residents_source, PopulationSource::grid);
  EXPECT_EQ(f[2].children_source, PopulationSource::grid);
  // D: official residents, grid under-3s.
  EXPECT_EQ(f[3].residents, 6000);
  EXPECT_EQ(f[3].residents_source, PopulationSource::official);
  EXPECT_EQ(f[3].children_source, PopulationSource::grid);
  EXPECT_NEAR(f[3].children_0_3, 300 * std::pow(1 + change, 4), 1e-9);
  // Official against grid at 2024.
  EXPECT_NEAR(f[0].residents_vs_grid, 1.2, 1e-12);
  EXPECT_NEAR(f[0].children_vs_grid, 240 / (300 * std::pow(1 + change, 4)), 1e-12);
  EXPECT_NEAR(f[3].residents_vs_grid, 1.2, 1e-12);
  EXPECT_TRUE(std::isnan(f[2].residents_vs_grid));
  EXPECT_NEAR(f[0].grid_residents, 10000, 1e-9);
  EXPECT_NEAR(f[1].grid_children_0_3, 300, 1e-9);
  // C is not in the table: a warning names it.
  EXPECT_NE(warnings(s.problems()).find("450103103000 长塘镇"), std::string::npos) << warnings(s.problems());

  // The cells add up to every township's figure; within a township they
  // keep the grid's distribution (here all equal).
  const std::vector<double> sums = cell_sums(s.demand(), 4);
  for (size_t t = 0; t < 4; ++t) EXPECT_NEAR(sums[t], f[t].children_0_3, 1e-9 * f[t].children_0_3) << t;
  ASSERT_EQ(s.demand().cells.size(), 400u);
  for (size_t i : s.demand().cells.cells_of(0)) EXPECT_NEAR(s.demand().cells.children(i), 2.4, 1e-12);
  // The grid itself is kept as read.
  EXPECT_NEAR(cell_sums(s.grid_demand(), 4)[0], 300, 1e-9);

  // The indicators and access use the official figures.
  Analysis a = analyse(FacilitySet(s), Targets{}, s.project().access);
  const IndicatorRow& A = row(a.table, "新竹街道");
  EXPECT_EQ(A.year, 2024);
  EXPECT_EQ(A.population, 12000);
  EXPECT_EQ(A.children_0_3, 240);
  EXPECT_EQ(A.places, 60);
  EXPECT_DOUBLE_EQ(A.places_per_1000, 5.0);
  EXPECT_DOUBLE_EQ(A.places_per_100_children, 25.0);
  EXPECT_EQ(A.places_needed, 0);
  EXPECT_EQ(A.places_needed_for_share, 12);  // 30% of 240 = 72 places, 60 there
  EXPECT_EQ(A.population_source, "official");
  EXPECT_EQ(A.children_source, "official");
  EXPECT_NEAR(A.grid_population, 10000, 1e-9);
  EXPECT_EQ(a.table.total.children_source, "mixed");
  EXPECT_EQ(row(a.table, "伶俐镇").places_needed, 27);  // 4.5 x 6,000 / 1,000
  for (size_t t = 0; t < 4; ++t) {
    EXPECT_NEAR(a.access->townships[t].children, f[t].children_0_3, 1e-9 * f[t].children_0_3) << t;
  }
  EXPECT_NEAR(a.access->demand_total, f[0].children_0_3 + f[1].children_0_3 + f[2].children_0_3 + f[3].children_0_3,
              1e-9 * 1200);
}

TEST(Official, ProjectedTo2030) {
  MiniProject p = with_register("official-2030", kRegister);
  Cleanup c{p.dir};
  Study s = load(p);
  const double change = std::pow(0.88, 1.0 / 3.0) - 1.0;
  std::shared_ptr<const Demand> d = s.demand_for(2030);
  EXPECT_EQ(d->year, 2030);
  const auto& f = d->townships;
  // A: the count carried by the births' change (A has no births of its own).
  EXPECT_NEAR(f[0].children_0_3, 240 * std::pow(1 + change, 6), 1e-9);
  EXPECT_EQ(f[0].children_source, PopulationSource::official);
  // B: births continue from 2024 at B's own change.
  auto births = [&](int y) { return 88 * std::pow(1 + change, y - 2024); };
  EXPECT_NEAR(f[1].children_0_3,
              kSurvival[0] * births(2030) + kSurvival[1] * births(2029) + kSurvival[2] * births(2028), 1e-9);
  // C and D: the grid carried ten years.
  EXPECT_NEAR(f[2].children_0_3, 300 * std::pow(1 + change, 10), 1e-9);
  EXPECT_NEAR(f[3].children_0_3, 300 * std::pow(1 + change, 10), 1e-9);
  // Residents stay (no change by default).
  EXPECT_EQ(f[0].residents, 12000);
  EXPECT_NEAR(f[2].residents, 10000, 1e-9);
  const std::vector<double> sums = cell_sums(*d, 4);
  for (size_t t = 0; t < 4; ++t) EXPECT_NEAR(sums[t], f[t].children_0_3, 1e-9 * f[t].children_0_3) << t;
  // The cells' positions are shared with the base year's.
  EXPECT_EQ(&d->cells.points(), &s.demand().cells.points());

  // Places needed by year: 2024 to 2030, four townships and the total.
  const std::vector<YearNeed> needs = places_needed_by_year(FacilitySet(s), Targets{});
  ASSERT_EQ(needs.size(), 7u * 5u);
  const YearNeed& d2030 = needs[6 * 5 + 3];
  EXPECT_EQ(d2030.year, 2030);
  EXPECT_EQ(d2030.township, 3);
  EXPECT_EQ(d2030.places, 0);
  EXPECT_EQ(d2030.places_needed, 27);
  EXPECT_EQ(d2030.places_needed_for_share, std::ceil(0.3 * 300 * std::pow(1 + change, 10)));
  EXPECT_EQ(needs[6 * 5 + 4].township, -1);
  EXPECT_EQ(needs[6 * 5 + 4].places_needed, 27);

  // Before the table's year: an error that says which year is possible.
  try {
    s.demand_for(2023);
    FAIL() << "2023 accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("2023 is before 2024"), std::string::npos) << e.what();
  }
}

TEST(Official, FixedChangesAndSurvival) {
  MiniProject p = with_register("official-fixed", kRegister);
  Cleanup c{p.dir};
  Project project = read_project_or_throw(p.toml);
  project.population.births_annual_change = -0.05;
  project.population.residents_annual_change = 0.01;
  project.population.survival = {1, 1, 1};
  Study s = load_study(project, LoadOptions{.cells = false});
  const auto f = s.projection().figures(2027);
  EXPECT_NEAR(f[1].children_0_3, 88 * (std::pow(0.95, 3) + std::pow(0.95, 2) + 0.95), 1e-9);
  EXPECT_NEAR(f[0].residents, 12000 * std::pow(1.01, 3), 1e-9);
  EXPECT_NEAR(f[2].residents, 10000 * std::pow(1.01, 7), 1e-9);  // the grid's, from 2020
  EXPECT_NEAR(f[2].children_0_3, 300 * std::pow(0.95, 7), 1e-9);
}

TEST(Official, SingleYearsOfAge) {
  MiniProject p = with_register("official-ages",
                                "区划代码,0岁,1岁,2岁\n450103001000,70,80,90\n450103002000,,,\n");
  Cleanup c{p.dir};
  Study s = load(p, false);
  EXPECT_EQ(s.demand().townships[0].children_0_3, 240);
  EXPECT_EQ(s.demand().townships[0].children_source, PopulationSource::ages);
  EXPECT_EQ(s.demand().townships[0].residents_source, PopulationSource::grid);
  EXPECT_EQ(s.demand().townships[1].children_source, PopulationSource::grid);
}

TEST(Official, TownshipWithoutGridPopulationGetsItsChildrenSpreadEvenly) {
  MiniProject p = with_register("official-spread", "区划代码,0-3岁人口\n450103104000,150\n");
  Cleanup c{p.dir};
  tuowei::test::write_raster(p.dir / "under3.tif", {3, 3, 3, 0});  // nobody under 3 in D on the grid
  Study s = load(p);
  const Demand& d = s.demand();
  EXPECT_EQ(d.townships[3].children_0_3, 150);
  // D's 100 cells join the 300 populated ones, each with its share of the
  // area (cells of a geographic grid shrink northwards: about 1.5 each).
  ASSERT_EQ(d.cells.size(), 400u);
  EXPECT_EQ(s.grid_demand().cells.size(), 300u);
  ASSERT_EQ(d.cells.cells_of(3).size(), 100u);
  const tuowei::gis::CellPoints& points = d.cells.points();
  double area = 0.0;
  for (size_t i : d.cells.cells_of(3)) area += points.cell_area_km2(points.row(i));
  for (size_t i : d.cells.cells_of(3)) {
    EXPECT_NEAR(d.cells.children(i), 150 * points.cell_area_km2(points.row(i)) / area, 1e-12);
    EXPECT_NEAR(d.cells.children(i), 1.5, 0.002);
  }
  const std::vector<double> sums = cell_sums(d, 4);
  EXPECT_NEAR(sums[3], 150, 1e-9);
  EXPECT_NEAR(sums[0], 300, 1e-9);
  EXPECT_NE(warnings(d.problems).find("spread evenly"), std::string::npos) << warnings(d.problems);
  // Catchments see them.
  Analysis a = analyse(FacilitySet(s), Targets{}, s.project().access);
  EXPECT_NEAR(a.access->townships[3].children, 150, 1e-9);
}

TEST(Official, CodesAsSpreadsheetsAndCountiesWriteThem) {
  EXPECT_EQ(township_code_key("450103001000"), "450103001");
  EXPECT_EQ(township_code_key(" 450103001 "), "450103001");
  EXPECT_EQ(township_code_key("450103001000.0"), "450103001");
  EXPECT_EQ(township_code_key("450103001001"), "450103001001");
  EXPECT_EQ(township_code_key("A-7"), "A-7");
  MiniProject p = with_register("official-codes", "区划代码,常住人口\n450103001,11000\n450103002000.0,21000\n");
  Cleanup c{p.dir};
  Study s = load(p, false);
  EXPECT_EQ(s.demand().townships[0].residents, 11000);
  EXPECT_EQ(s.demand().townships[1].residents, 21000);
}

TEST(Official, GbkCsvAndExcelWorkbooks) {
  // GBK text, as Excel in China saves a CSV.
  char* gbk = CPLRecode("区划代码,常住人口\n450103001000,11000\n", CPL_ENC_UTF8, "CP936");
  MiniProject p = with_register("official-gbk", gbk);
  CPLFree(gbk);
  Cleanup c{p.dir};
  EXPECT_EQ(load(p, false).demand().townships[0].residents, 11000);

  MiniProject x = with_register("official-xlsx", "", "year = 2024\n", "register.xlsx");
  Cleanup cx{x.dir};
  {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("XLSX");
    ASSERT_NE(drv, nullptr);
    GDALDatasetUniquePtr ds(drv->Create((x.dir / "register.xlsx").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = ds->CreateLayer("人口", nullptr, wkbNone, nullptr);
    for (const char* name : {"区划代码", "出生人口2022", "出生人口2023", "出生人口2024"}) {
      OGRFieldDefn fd(name, std::string(name) == "区划代码" ? OFTString : OFTInteger);
      layer->CreateField(&fd);
    }
    OGRFeature f(layer->GetLayerDefn());
    f.SetField(0, "450103002000");
    f.SetField(1, 100);
    f.SetField(2, 90);
    f.SetField(3, 80);
    ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  }
  Study s = load(x, false);
  EXPECT_NEAR(s.demand().townships[1].children_0_3, kSurvival[0] * 80 + kSurvival[1] * 90 + kSurvival[2] * 100,
              1e-12);
}

TEST(Official, BadTablesAreNamedWithTheirRecordAndColumn) {
  struct Case {
    const char* name;
    std::string table;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"duplicate", "区划代码,常住人口\n450103001000,1\n450103002000,2\n450103001000,3\n",
       {"record 3 (区划代码 450103001000)", "duplicate code: record 1"}},
      {"text", "区划代码,常住人口\n450103001000,很多\n", {"record 1", "常住人口 '很多' is not a number"}},
      {"negative", "区划代码,0-3岁人口\n450103001000,-5\n", {"record 1", "0-3岁人口 -5 is negative"}},
      {"too-many-children", "区划代码,常住人口,0-3岁人口\n450103001000,100,300\n",
       {"record 1", "300 under-3s is more than its 100 residents"}},
      {"row-gap", "区划代码,出生人口2022,出生人口2023,出生人口2024\n450103001000,10,,12\n",
       {"record 1", "births are given for 2022 to 2024 but not for 2023"}},
      {"column-gap", "区划代码,出生人口2021,出生人口2023,出生人口2024\n450103001000,10,11,12\n",
       {"births for 2021 and 2023 but not for 2022"}},
      {"future-births", "区划代码,出生人口2024,出生人口2025\n450103001000,10,11\n",
       {"births for 2025 are after the table's year 2024"}},
      {"no-columns", "区划代码,户数\n450103001000,10\n", {"has none of the fields", "户数"}},
      {"no-id", "编码,常住人口\n450103001000,10\n", {"no field '区划代码'", "编码, 常住人口"}},
      {"partial-ages", "区划代码,0岁,1岁\n450103001000,10,11\n", {"but not 2岁"}},
      {"nothing-matches", "区划代码,常住人口\n990000000000,10\n", {"none of its 1 codes matches a township"}},
      {"empty-code", "区划代码,常住人口\n450103001000,10\n,20\n", {"record 2", "township code (区划代码) is empty"}},
  };
  for (const Case& k : cases) {
    MiniProject p = with_register(std::string("official-bad-") + k.name, k.table);
    Cleanup c{p.dir};
    const std::string error = load_error(p);
    EXPECT_NE(error, "") << k.name;
    for (const std::string& e : k.expected) EXPECT_NE(error.find(e), std::string::npos) << k.name << ": " << error;
    // validate reports the same without loading the rasters.
    ValidationReport r = validate_project(p.toml);
    EXPECT_TRUE(r.problems.has_errors()) << k.name;
  }
}

TEST(Official, UnknownCodesAndMissingTownshipsAreWarnings) {
  MiniProject p = with_register("official-unknown",
                                "区划代码,名称,常住人口\n450103001000,新竹街道,11000\n450199001000,外区某街道,5000\n");
  Cleanup c{p.dir};
  Study s = load(p, false);
  const std::string w = warnings(s.problems());
  EXPECT_NE(w.find("1 codes match no township and are left out: 450199001000 外区某街道"), std::string::npos) << w;
  EXPECT_NE(w.find("3 of 4 townships are not in the table"), std::string::npos) << w;
  EXPECT_EQ(s.demand().townships[1].residents_source, PopulationSource::grid);
}

TEST(Official, FiguresFarFromTheGridAreReported) {
  MiniProject p = with_register("official-far", "区划代码,常住人口\n450103001000,20000\n450103002000,21000\n");
  Cleanup c{p.dir};
  Study s = load(p, false);
  const std::string w = warnings(s.problems());
  EXPECT_NE(w.find("1 townships' official figures differ from the grid's by more than 30%"), std::string::npos) << w;
  EXPECT_NE(w.find("450103001000 新竹街道 (residents 20000 official, 10000 grid)"), std::string::npos) << w;
}

TEST(Official, ProjectFileMistakes) {
  MiniProject p = with_register("official-toml", kRegister, "survival = [0.99]\n");
  Cleanup c{p.dir};
  std::string e = load_error(p);
  EXPECT_NE(e.find("[population.official] has no 'year'"), std::string::npos) << e;
  MiniProject q = with_register("official-toml2", kRegister, "year = 2024\nbirths_field = \"出生人口\"\n");
  Cleanup cq{q.dir};
  e = load_error(q);
  EXPECT_NE(e.find("births_field '出生人口' has no {year}"), std::string::npos) << e;
  MiniProject r = with_register("official-toml3", kRegister, "year = 2024\nresidents_field = \"户籍人口\"\n");
  Cleanup cr{r.dir};
  e = load_error(r);
  EXPECT_NE(e.find("no field '户籍人口' (named in [population.official])"), std::string::npos) << e;
}

TEST(Official, YearBeforeTheData) {
  PopulationConfig grid_only;
  grid_only.grid_year = 2020;
  EXPECT_NO_THROW(check_year(grid_only, 2030));
  EXPECT_NO_THROW(check_year(grid_only, 0));
  EXPECT_THROW(check_year(grid_only, 2019), InputError);
  try {
    check_year(grid_only, 2019);
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("2019 is before 2020, the year of the population data (the grid"),
              std::string::npos)
        << e.what();
  }
  PopulationConfig unknown;
  EXPECT_THROW(check_year(unknown, 2030), InputError);
  PopulationConfig table = grid_only;
  table.official.path = "register.csv";
  table.official.year = 2024;
  EXPECT_THROW(check_year(table, 2023), InputError);
  EXPECT_NO_THROW(check_year(table, 2024));
}

TEST(Official, CliYearAndTableOfNeeds) {
  MiniProject p = with_register("official-cli", kRegister);
  Cleanup c{p.dir};
  std::string out;
  int rc = tuowei::test::run_command(std::string(TUOWEI_CLI) + " access " + p.toml.string() + " --year 2030 -o " +
                                         (p.dir / "out").string(),
                                     out);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("population at the end of 2030"), std::string::npos) << out;
  std::ifstream is(p.dir / "out" / "places_needed_by_year.csv");
  std::string header;
  std::getline(is, header);
  EXPECT_NE(header.find("year,id,name,population,children_0_3,places,places_needed,places_needed_for_share"),
            std::string::npos);
  int lines = 0;
  for (std::string l; std::getline(is, l);) ++lines;
  EXPECT_EQ(lines, 7 * 5);
  rc = tuowei::test::run_command(
      std::string(TUOWEI_CLI) + " indicators " + p.toml.string() + " --year 2021 -o " + (p.dir / "old").string(), out);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("2021 is before 2024"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(p.dir / "old"));
}
