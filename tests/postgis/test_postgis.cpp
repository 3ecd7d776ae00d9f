// PostGIS as the team's store, against a real server (the CTest fixture
// "postgis"): the mini project read from PostGIS and written into it gives
// what the files give, row by row; a run is one transaction, so a killed run
// leaves nothing; runs at once stay apart; every bad input says what is
// wrong, and no password is ever echoed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "../planner/mini_project.h"
#include "postgis_test.h"

namespace fs = std::filesystem;
using namespace tuowei::test;

namespace {

std::string cli() { return TUOWEI_CLI; }

std::string slurp(const fs::path& p) {
  std::ifstream is(p, std::ios::binary);
  std::stringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("no '" + from + "' in the project");
  text.replace(at, from.size(), to);
}

// A: residents and under-3s; B: residents and births; C missing; D residents.
const char* kRegister =
    "区划代码,名称,常住人口,0-3岁人口,出生人口2021,出生人口2022,出生人口2023,出生人口2024\n"
    "450103001000,新竹街道,12000,240,,,,\n"
    "450103002000,南湖街道,18000,,100,96,92,88\n"
    "450103104000,伶俐镇,6000,,,,,\n";

// Candidate sites in 长塘镇 (C) and 伶俐镇 (D); S3 lies in the no-build zone.
const char* kSites =
    "编号,名称,经度,纬度\n"
    "S1,长塘候选,108.05,22.75\n"
    "S2,伶俐候选一,108.15,22.75\n"
    "S3,伶俐候选二,108.12,22.72\n";
const char* kNoBuild =
    R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"湿地"},)"
    R"("geometry":{"type":"Polygon","coordinates":[[[108.11,22.71],[108.13,22.71],[108.13,22.73],[108.11,22.73],)"
    R"([108.11,22.71]]]}}]})";

// The mini project with a register, candidate sites and a no-build zone, as
// files (project.toml) and loaded into schema in_<name> of the test
// database (project-postgis.toml, the same settings).
struct Mini {
  MiniProject project;
  std::string schema;
  fs::path pg_toml;
  std::string pg_text;  // pg_toml's text, to derive broken variants
  void write_pg_variant(const std::string& file, const std::string& text) const { project.write_file(file, text); }
};

Mini mini_in_postgis(const std::string& name) {
  Mini m{MiniProject::create("pg-" + name), "in_" + name, {}, {}};
  const MiniProject& p = m.project;
  p.write_file("register.csv", kRegister);
  p.write_file("sites.csv", kSites);
  p.write_file("no_build.geojson", kNoBuild);
  std::string toml = slurp(p.toml);
  replace(toml, "children_0_3 = \"under3.tif\"\n", "children_0_3 = \"under3.tif\"\nyear = 2020\n");
  // Catchments of 800 m: the mini grid's cells are 0.01 degrees, so S2
  // reaches the four cells around it (as in tests/planner/test_siting.cpp).
  toml +=
      "\n[population.official]\npath = \"register.csv\"\nyear = 2024\n"
      "\n[access]\nradius_m = 800\n"
      "\n[proposals]\ncandidates = \"sites.csv\"\ncandidates_crs = \"EPSG:4326\"\nexclude = \"no_build.geojson\"\n";
  p.write_file("project.toml", toml);

  psql("DROP SCHEMA IF EXISTS " + m.schema + " CASCADE");
  psql("DROP SCHEMA IF EXISTS out_" + name + " CASCADE");
  load_into_postgis(p.dir / "townships.geojson", m.schema, "townships");
  load_into_postgis(p.dir / "facilities.csv", m.schema, "facilities");
  load_into_postgis(p.dir / "register.csv", m.schema, "register");
  load_into_postgis(p.dir / "sites.csv", m.schema, "sites");
  load_into_postgis(p.dir / "no_build.geojson", m.schema, "no_build");
  const std::string url = database_url();
  auto from_db = [&](const std::string& table) {
    return "path = \"" + url + "\"\nlayer = \"" + m.schema + "." + table + "\"";
  };
  replace(toml, "path = \"townships.geojson\"", from_db("townships"));
  replace(toml, "path = \"facilities.csv\"", from_db("facilities"));
  replace(toml, "path = \"register.csv\"", from_db("register"));
  replace(toml, "candidates = \"sites.csv\"",
          "candidates = \"" + url + "\"\ncandidates_layer = \"" + m.schema + ".sites\"");
  replace(toml, "exclude = \"no_build.geojson\"", "exclude = \"" + url + "?table=" + m.schema + ".no_build\"");
  m.pg_text = toml;
  m.pg_toml = p.dir / "project-postgis.toml";
  p.write_file("project-postgis.toml", toml);
  return m;
}

struct Output {
  int rc = 0;
  std::string text;
};

Output run_tuowei(const std::string& args, const std::string& env = {}) {
  Output o;
  o.rc = run_command((env.empty() ? "" : "env " + env + " ") + shell_quote(cli()) + " " + args, o.text);
  return o;
}

// The results' layers of a GeoPackage (its QGIS styles aside).
std::vector<std::string> result_layers(const fs::path& gpkg) {
  GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  std::vector<std::string> names;
  for (OGRLayer* l : ds->GetLayers()) {
    if (std::string(l->GetName()) != "layer_styles") names.emplace_back(l->GetName());
  }
  return names;
}

// A command from the files into a folder and from PostGIS into `schema`: the
// same tables, row by row, as the GeoPackage's layers.
void expect_same_as_files(const Mini& m, const std::string& command, const std::string& schema) {
  const fs::path dir = m.project.dir / ("out-" + schema);
  Output files = run_tuowei("-q " + command + " " + m.project.toml.string() + " --out " + dir.string());
  ASSERT_EQ(files.rc, 0) << files.text;
  Output db = run_tuowei(command + " " + m.pg_toml.string() + " --out " + database_url() + " --schema " + schema);
  ASSERT_EQ(db.rc, 0) << db.text;
  const long long run = printed_run_id(db.text);
  ASSERT_GT(run, 0) << db.text;
  const std::vector<std::string> layers = result_layers(dir / "tuowei.gpkg");
  std::string tables;
  for (const std::string& layer : layers) {
    tables += (tables.empty() ? "" : ", ") + layer;
    for (const std::string& d : compare_with_geopackage(dir / "tuowei.gpkg", layer, schema, run)) {
      ADD_FAILURE() << command << ": " << d;
    }
  }
  EXPECT_NE(db.text.find("runs, " + tables), std::string::npos) << db.text;
}

// A tuowei run started in the background (its own pid: the shell execs it).
pid_t start(const std::string& args, const std::string& env, const fs::path& log) {
  const std::string command =
      "exec env " + env + " " + shell_quote(cli()) + " " + args + " >" + shell_quote(log.string()) + " 2>&1";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits (up to two minutes) for `condition`.
template <class F>
bool eventually(F condition) {
  for (int i = 0; i < 1200; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string count(const std::string& table, const std::string& where = "true") {
  return psql("SELECT count(*) FROM " + table + " WHERE " + where);
}

// Every table a propose run writes, with its rows.
std::map<std::string, std::string> row_counts(const std::string& schema) {
  std::map<std::string, std::string> n;
  for (const char* t : {"runs", "townships", "counties", "facilities", "deserts", "catchments",
                        "places_needed_by_year", "proposals", "townships_after"}) {
    n[t] = count(schema + "." + t);
  }
  return n;
}

}  // namespace

TEST(PostgisMini, IndicatorsFromPostgisIntoPostgisEqualTheGeoPackage) {
  Mini m = mini_in_postgis("ind");
  Cleanup c{m.project.dir};
  expect_same_as_files(m, "indicators", "out_ind");
}

TEST(PostgisMini, AccessFromPostgisIntoPostgisEqualsTheGeoPackage) {
  Mini m = mini_in_postgis("acc");
  Cleanup c{m.project.dir};
  expect_same_as_files(m, "access", "out_acc");
}

TEST(PostgisMini, ProposeFromPostgisIntoPostgisEqualsTheGeoPackage) {
  // Candidates and the no-build zone come from the database too.
  Mini m = mini_in_postgis("prop");
  Cleanup c{m.project.dir};
  expect_same_as_files(m, "propose -n 1", "out_prop");
  EXPECT_EQ(psql("SELECT string_agg(id, ',') FROM out_prop.proposals"), "S2");
}

TEST(PostgisMini, ValidateReadsEveryInputFromPostgis) {
  Mini m = mini_in_postgis("val");
  Cleanup c{m.project.dir};
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 0) << o.text;
  EXPECT_NE(o.text.find("4 townships, 5 facilities"), std::string::npos) << o.text;
  // Records are named with their table.
  EXPECT_NE(o.text.find(database_url() + " (in_val.register)"), std::string::npos) << o.text;
}

TEST(PostgisOutput, RunsTableDescribesEachRun) {
  Mini m = mini_in_postgis("runs");
  Cleanup c{m.project.dir};
  Output a = run_tuowei("-q access " + m.pg_toml.string() + " --radius 500 --out " + database_url() + " --schema out_runs");
  ASSERT_EQ(a.rc, 0) << a.text;
  Output p = run_tuowei("propose -n 1 " + m.pg_toml.string() + " --out " + database_url() + " --schema out_runs");
  ASSERT_EQ(p.rc, 0) << p.text;
  const long long run = printed_run_id(p.text);
  std::string sha;
  ASSERT_EQ(run_command("sha256sum " + m.pg_toml.string() + " | cut -d' ' -f1", sha), 0);
  std::string version;
  ASSERT_EQ(run_command(shell_quote(cli()) + " --version", version), 0);
  EXPECT_EQ(psql("SELECT string_agg(concat_ws('|', command, project_sha256, tuowei_version, target_places_per_1000, "
                 "year, radius_m, coalesce(objective, '-'), run_by), ';' ORDER BY run_id) FROM out_runs.runs"),
            "access|" + sha.substr(0, 64) + "|" + version.substr(0, version.find('\n')) + "|4.5|2024|500|-|tuowei;" +
                "propose|" + sha.substr(0, 64) + "|" + version.substr(0, version.find('\n')) + "|4.5|2024|800|coverage|tuowei");
  // What summary.json and proposals.json would say (the area's total counts
  // F5, outside every township, too).
  EXPECT_EQ(psql("SELECT (summary->'total'->>'places')::float8 FROM out_runs.runs WHERE run_id = " +
                 std::to_string(run)),
            "215");
  EXPECT_EQ(psql("SELECT proposals->>'objective' FROM out_runs.runs WHERE run_id = " + std::to_string(run)),
            "coverage");
  // Every row carries a run id; geometries are WGS84 with a GiST index.
  for (const char* t : {"townships", "counties", "facilities", "deserts", "catchments", "places_needed_by_year",
                        "proposals", "townships_after"}) {
    EXPECT_EQ(count(std::string("out_runs.") + t, "run_id IS NULL OR run_id NOT IN (SELECT run_id FROM out_runs.runs)"),
              "0")
        << t;
  }
  for (const char* t : {"townships", "counties", "facilities", "deserts", "catchments", "proposals", "townships_after"}) {
    EXPECT_EQ(psql(std::string("SELECT Find_SRID('out_runs', '") + t + "', 'geom')"), "4326") << t;
    EXPECT_EQ(count("pg_indexes", std::string("schemaname = 'out_runs' AND tablename = '") + t +
                                      "' AND indexdef LIKE '%USING gist (geom)%'"),
              "1")
        << t;
  }
}

TEST(PostgisOutput, LaterRunsAppendWithTheirOwnRunId) {
  Mini m = mini_in_postgis("append");
  Cleanup c{m.project.dir};
  Output first = run_tuowei("indicators " + m.pg_toml.string() + " --out " + database_url() + " --schema out_append");
  ASSERT_EQ(first.rc, 0) << first.text;
  Output second = run_tuowei("access " + m.pg_toml.string() + " --out " + database_url() + " --schema out_append");
  ASSERT_EQ(second.rc, 0) << second.text;
  const std::string r1 = std::to_string(printed_run_id(first.text)), r2 = std::to_string(printed_run_id(second.text));
  ASSERT_NE(r1, r2);
  EXPECT_EQ(count("out_append.townships", "run_id = " + r1), "4");
  EXPECT_EQ(count("out_append.townships", "run_id = " + r2), "4");
  // The access run widened the table: its rows have coverage, the first's NULL.
  EXPECT_EQ(count("out_append.townships", "run_id = " + r1 + " AND coverage_rate IS NULL"), "4");
  EXPECT_EQ(count("out_append.townships", "run_id = " + r2 + " AND coverage_rate IS NOT NULL"), "4");
  // Deleting a run deletes its rows.
  psql("DELETE FROM out_append.runs WHERE run_id = " + r1);
  EXPECT_EQ(count("out_append.townships"), "4");
  EXPECT_EQ(count("out_append.facilities", "run_id = " + r1), "0");
}

TEST(PostgisOutput, ProjectOutputSectionIsTheDefaultDestination) {
  Mini m = mini_in_postgis("section");
  Cleanup c{m.project.dir};
  m.write_pg_variant("project-postgis.toml",
                     m.pg_text + "\n[output]\npostgis = \"" + database_url() + "\"\nschema = \"out_section\"\n");
  Output o = run_tuowei("run " + m.pg_toml.string());
  ASSERT_EQ(o.rc, 0) << o.text;
  EXPECT_EQ(psql("SELECT command FROM out_section.runs"), "run");
  EXPECT_EQ(count("out_section.townships"), "4");
}

TEST(PostgisOutput, KilledFirstRunLeavesNoSchema) {
  Mini m = mini_in_postgis("kill1");
  Cleanup c{m.project.dir};
  const fs::path marker = m.project.dir / "paused";
  const pid_t pid = start("-q access " + m.pg_toml.string() + " --out " + database_url() + " --schema out_kill1",
                          "TUOWEI_TEST_PAUSE_BEFORE_COMMIT=" + marker.string() + " PGAPPNAME=tuowei-kill1",
                          m.project.dir / "log");
  ASSERT_TRUE(eventually([&] { return fs::exists(marker); })) << slurp(m.project.dir / "log");
  // Every row is on the server, in the open transaction.
  EXPECT_EQ(count("pg_stat_activity", "application_name = 'tuowei-kill1' AND state = 'idle in transaction'"), "1");
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  EXPECT_EQ(wait_exit(pid), -1);
  ASSERT_TRUE(eventually([&] { return count("pg_stat_activity", "application_name = 'tuowei-kill1'") == "0"; }));
  EXPECT_EQ(psql("SELECT to_regnamespace('out_kill1') IS NULL"), "t");
}

TEST(PostgisOutput, KilledRunLeavesEarlierRunsAsTheyWere) {
  Mini m = mini_in_postgis("kill2");
  Cleanup c{m.project.dir};
  const std::string args = "-q propose -n 1 " + m.pg_toml.string() + " --out " + database_url() + " --schema out_kill2";
  Output first = run_tuowei(args);
  ASSERT_EQ(first.rc, 0) << first.text;
  const std::map<std::string, std::string> before = row_counts("out_kill2");
  const fs::path marker = m.project.dir / "paused";
  const pid_t pid = start(args, "TUOWEI_TEST_PAUSE_BEFORE_COMMIT=" + marker.string() + " PGAPPNAME=tuowei-kill2",
                          m.project.dir / "log");
  ASSERT_TRUE(eventually([&] { return fs::exists(marker); })) << slurp(m.project.dir / "log");
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  wait_exit(pid);
  ASSERT_TRUE(eventually([&] { return count("pg_stat_activity", "application_name = 'tuowei-kill2'") == "0"; }));
  EXPECT_EQ(row_counts("out_kill2"), before);
  EXPECT_EQ(before.at("runs"), "1");
}

TEST(PostgisOutput, RunCreatingTablesMakesTheNextWaitThenBothCommit) {
  Mini m = mini_in_postgis("wait");
  Cleanup c{m.project.dir};
  const std::string args = "-q access " + m.pg_toml.string() + " --out " + database_url() + " --schema out_wait";
  const fs::path marker = m.project.dir / "paused";
  // The first holds its transaction open for 3 s after creating the tables.
  const pid_t first = start(args, "TUOWEI_TEST_PAUSE_BEFORE_COMMIT=" + marker.string() + " TUOWEI_TEST_PAUSE_SECONDS=3",
                            m.project.dir / "log1");
  ASSERT_TRUE(eventually([&] { return fs::exists(marker); })) << slurp(m.project.dir / "log1");
  const pid_t second = start(args, "PGAPPNAME=tuowei-second", m.project.dir / "log2");
  EXPECT_EQ(wait_exit(first), 0) << slurp(m.project.dir / "log1");
  EXPECT_EQ(wait_exit(second), 0) << slurp(m.project.dir / "log2");
  EXPECT_EQ(psql("SELECT count(DISTINCT run_id) FROM out_wait.runs"), "2");
  EXPECT_EQ(psql("SELECT string_agg(n::text, ',') FROM (SELECT count(*) AS n FROM out_wait.townships GROUP BY run_id) x"),
            "4,4");
  EXPECT_EQ(psql("SELECT string_agg(n::text, ',') FROM (SELECT count(*) AS n FROM out_wait.facilities GROUP BY run_id) x"),
            "5,5");
}

TEST(PostgisOutput, TwoRunsAtOnceBothCommitApart) {
  Mini m = mini_in_postgis("twice");
  Cleanup c{m.project.dir};
  const std::string args = "-q propose -n 1 " + m.pg_toml.string() + " --out " + database_url() + " --schema out_twice";
  ASSERT_EQ(run_tuowei(args).rc, 0);  // the tables exist: the two append side by side
  const pid_t a = start(args, "PGAPPNAME=tuowei-a", m.project.dir / "log-a");
  const pid_t b = start(args, "PGAPPNAME=tuowei-b", m.project.dir / "log-b");
  EXPECT_EQ(wait_exit(a), 0) << slurp(m.project.dir / "log-a");
  EXPECT_EQ(wait_exit(b), 0) << slurp(m.project.dir / "log-b");
  EXPECT_EQ(psql("SELECT count(DISTINCT run_id) FROM out_twice.runs"), "3");
  for (const auto& [table, rows] : std::map<std::string, std::string>{
           {"townships", "4"}, {"facilities", "5"}, {"proposals", "1"}, {"townships_after", "4"}}) {
    EXPECT_EQ(psql("SELECT string_agg(DISTINCT n::text, ',') FROM (SELECT count(*) AS n FROM out_twice." + table +
                   " GROUP BY run_id) x"),
              rows)
        << table;
  }
}

TEST(PostgisInputs, UnreachableServerIsSaidWithoutThePassword) {
  Mini m = mini_in_postgis("unreach");
  Cleanup c{m.project.dir};
  const std::string password = server_setting("TUOWEI_PG_PASSWORD");
  std::string toml = m.pg_text;
  replace(toml, "path = \"" + database_url() + "\"\nlayer = \"in_unreach.townships\"",
          "path = \"postgresql://tuowei:" + password + "@127.0.0.1:1/tuowei_test\"\nlayer = \"in_unreach.townships\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("postgresql://tuowei:***@127.0.0.1:1/tuowei_test: cannot connect to PostgreSQL"),
            std::string::npos)
      << o.text;
  EXPECT_NE(o.text.find("cannot reach the server: check the host and port"), std::string::npos) << o.text;
  EXPECT_EQ(o.text.find(password), std::string::npos) << o.text;
}

TEST(PostgisInputs, WrongPasswordIsSaidWithoutIt) {
  Mini m = mini_in_postgis("wrongpw");
  Cleanup c{m.project.dir};
  std::string toml = m.pg_text;
  replace(toml, "path = \"" + database_url() + "\"\nlayer = \"in_wrongpw.townships\"",
          "path = \"" + database_url("tuowei:Wr0ng-Pa55") + "\"\nlayer = \"in_wrongpw.townships\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string(), "PGPASSFILE=/dev/null");
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("password authentication failed for user \"tuowei\""), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("the server refused the login: check the user name and the password"), std::string::npos)
      << o.text;
  EXPECT_EQ(o.text.find("Wr0ng-Pa55"), std::string::npos) << o.text;
}

TEST(PostgisInputs, MissingTableListsTheTables) {
  Mini m = mini_in_postgis("notable");
  Cleanup c{m.project.dir};
  std::string toml = m.pg_text;
  replace(toml, "layer = \"in_notable.townships\"", "layer = \"in_notable.boundaries\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("no table 'in_notable.boundaries' that this user may read"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("in_notable.townships"), std::string::npos) << o.text;
}

TEST(PostgisInputs, DatabaseOfManyTablesNeedsTheTableNamed) {
  Mini m = mini_in_postgis("unnamed");
  Cleanup c{m.project.dir};
  std::string toml = m.pg_text;
  replace(toml, "layer = \"in_unnamed.townships\"", "layer = \"\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("name the table: layer = \"schema.table\""), std::string::npos) << o.text;
}

TEST(PostgisInputs, MissingColumnListsTheColumns) {
  Mini m = mini_in_postgis("nocol");
  Cleanup c{m.project.dir};
  std::string toml = m.pg_text;
  replace(toml, "id_field = \"code\"", "id_field = \"township_code\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("(in_nocol.townships): no field 'township_code' for the township id"), std::string::npos)
      << o.text;
  EXPECT_NE(o.text.find("the fields are: code, name, county_code, county"), std::string::npos) << o.text;
}

TEST(PostgisInputs, TableWithoutGeometryColumnIsSaid) {
  Mini m = mini_in_postgis("nogeom");
  Cleanup c{m.project.dir};
  std::string toml = m.pg_text;
  replace(toml, "layer = \"in_nogeom.townships\"", "layer = \"in_nogeom.register\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("table in_nogeom.register has no geometry column (its columns are: 区划代码, 名称"),
            std::string::npos)
      << o.text;
}

TEST(PostgisInputs, GeometryWithoutSridNamesTheFix) {
  Mini m = mini_in_postgis("nosrid");
  Cleanup c{m.project.dir};
  psql("CREATE TABLE in_nosrid.no_srid AS SELECT code, name, county_code, county, ST_SetSRID(geom, 0)::geometry AS "
       "geom FROM in_nosrid.townships");
  std::string toml = m.pg_text;
  replace(toml, "layer = \"in_nosrid.townships\"", "layer = \"in_nosrid.no_srid\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("(in_nosrid.no_srid): has no CRS"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("SELECT UpdateGeometrySRID('in_nosrid', 'no_srid', 'geom', 4326);"), std::string::npos)
      << o.text;
}

TEST(PostgisInputs, DatabaseWithoutPostgisIsSaidForInputsAndOutputs) {
  Mini m = mini_in_postgis("noext");
  Cleanup c{m.project.dir};
  const std::string db = server_setting("TUOWEI_PG_NO_POSTGIS_DATABASE");
  std::string out;
  // Without PostGIS, GDAL stores the boundaries as WKB in a bytea column.
  ASSERT_EQ(run_command("ogr2ogr -f PostgreSQL PG:dbname=" + db + " " + (m.project.dir / "townships.geojson").string() +
                            " -nln townships -overwrite",
                        out),
            0)
      << out;
  std::string toml = m.pg_text;
  replace(toml, "path = \"" + database_url() + "\"\nlayer = \"in_noext.townships\"",
          "path = \"postgresql:///" + db + "\"\nlayer = \"townships\"");
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 1) << o.text;
  EXPECT_NE(o.text.find("the database has no PostGIS extension, so its geometries carry no SRID"), std::string::npos)
      << o.text;
  Output w = run_tuowei("indicators " + m.project.toml.string() + " --out postgresql:///" + db);
  EXPECT_EQ(w.rc, 3) << w.text;
  EXPECT_NE(w.text.find("postgresql:///" + db + ": the database has no PostGIS extension; its owner runs CREATE "
                        "EXTENSION postgis;"),
            std::string::npos)
      << w.text;
}

TEST(PostgisInputs, PasswordInUrlsIsNeverEchoed) {
  Mini m = mini_in_postgis("mask");
  Cleanup c{m.project.dir};
  // The URL's password is the one that logs in: no password file.
  const std::string password = server_setting("TUOWEI_PG_PASSWORD");
  const std::string url = database_url("tuowei:" + password);
  std::string toml = m.pg_text;
  for (size_t at; (at = toml.find("path = \"" + database_url() + "\"")) != std::string::npos;) {
    toml.replace(at, database_url().size() + 9, "path = \"" + url + "\"");
  }
  m.write_pg_variant("project-postgis.toml", toml);
  Output db = run_tuowei("access " + m.pg_toml.string() + " --out " + url + " --schema out_mask", "PGPASSFILE=/dev/null");
  ASSERT_EQ(db.rc, 0) << db.text;
  EXPECT_EQ(db.text.find(password), std::string::npos) << db.text;
  EXPECT_NE(db.text.find("into postgresql://tuowei:***@/"), std::string::npos) << db.text;
  EXPECT_EQ(psql("SELECT count(*) FROM out_mask.runs WHERE strpos(summary::text, '" + password + "') > 0"), "0");
  EXPECT_EQ(psql("SELECT summary->'inputs'->'townships'->>'path' FROM out_mask.runs"),
            "postgresql://tuowei:***@/" + server_setting("PGDATABASE"));
  Output files = run_tuowei("access " + m.pg_toml.string() + " --out " + (m.project.dir / "out").string(),
                        "PGPASSFILE=/dev/null");
  ASSERT_EQ(files.rc, 0) << files.text;
  const std::string summary = slurp(m.project.dir / "out/summary.json");
  EXPECT_EQ(summary.find(password), std::string::npos);
  const nlohmann::json s = nlohmann::json::parse(summary);
  EXPECT_EQ(s["inputs"]["facilities"]["path"], "postgresql://tuowei:***@/" + server_setting("PGDATABASE"));
  EXPECT_EQ(s["inputs"]["population"]["official_table"],
            "postgresql://tuowei:***@/" + server_setting("PGDATABASE") + " (in_mask.register)");
}

TEST(PostgisInputs, UrlWithSocketFolderAsHostConnects) {
  // Every input's URL names the socket folder itself (percent-encoded), so
  // nothing comes from PGHOST.
  Mini m = mini_in_postgis("socket");
  Cleanup c{m.project.dir};
  std::string host;
  for (char ch : server_setting("PGHOST")) host += ch == '/' ? std::string("%2F") : std::string(1, ch);
  const std::string url =
      "postgresql://tuowei@" + host + ":" + server_setting("PGPORT") + "/" + server_setting("PGDATABASE");
  std::string toml = m.pg_text;
  int replaced = 0;
  for (size_t at; (at = toml.find("\"" + database_url())) != std::string::npos; ++replaced) {
    toml.replace(at + 1, database_url().size(), url);
  }
  ASSERT_EQ(replaced, 5);  // townships, facilities, register, candidates, exclusion zone
  m.write_pg_variant("project-postgis.toml", toml);
  Output o = run_tuowei("validate " + m.pg_toml.string(), "-u PGHOST");
  EXPECT_EQ(o.rc, 0) << o.text;
  EXPECT_NE(o.text.find("4 townships, 5 facilities"), std::string::npos) << o.text;
}

TEST(PostgisInputs, ServiceFileGivesTheConnection) {
  // A team's pg_service.conf names the server once; project and --out say
  // only PG:service=..., the password coming from the password file.
  Mini m = mini_in_postgis("service");
  Cleanup c{m.project.dir};
  m.project.write_file("pg_service.conf", "[tuowei_team]\nhost=" + server_setting("PGHOST") + "\nport=" +
                                             server_setting("PGPORT") + "\ndbname=" + server_setting("PGDATABASE") +
                                             "\nuser=tuowei\n");
  std::string toml = m.pg_text;
  replace(toml, "\"" + database_url() + "?table=in_service.no_build\"",
          "\"PG:service=tuowei_team tables=in_service.no_build\"");
  int replaced = 0;
  for (size_t at; (at = toml.find("\"" + database_url() + "\"")) != std::string::npos; ++replaced) {
    toml.replace(at + 1, database_url().size(), "PG:service=tuowei_team");
  }
  ASSERT_EQ(replaced, 4);
  m.write_pg_variant("project-postgis.toml", toml);
  const std::string env = "-u PGHOST -u PGPORT -u PGDATABASE -u PGUSER PGSERVICEFILE=" +
                          (m.project.dir / "pg_service.conf").string();
  Output o =
      run_tuowei("propose -n 1 " + m.pg_toml.string() + " --out PG:service=tuowei_team --schema out_service", env);
  ASSERT_EQ(o.rc, 0) << o.text;
  EXPECT_NE(o.text.find("into PG:service=tuowei_team (schema out_service)"), std::string::npos) << o.text;
  EXPECT_EQ(psql("SELECT string_agg(id, ',') FROM out_service.proposals"), "S2");
}

TEST(PostgisCli, ReportNeedsAFolder) {
  Mini m = mini_in_postgis("report");
  Cleanup c{m.project.dir};
  Output o = run_tuowei("report " + m.pg_toml.string() + " --out " + database_url());
  EXPECT_EQ(o.rc, 2) << o.text;
  EXPECT_NE(o.text.find("report writes report.xlsx and report.pdf: give --out a folder"), std::string::npos) << o.text;
}

TEST(PostgisCli, NoDestinationIsAUsageError) {
  Mini m = mini_in_postgis("nodest");
  Cleanup c{m.project.dir};
  Output o = run_tuowei("indicators " + m.pg_toml.string());
  EXPECT_EQ(o.rc, 2) << o.text;
  EXPECT_NE(o.text.find("give --out DIR (or a PostGIS database), or set [output] postgis"), std::string::npos)
      << o.text;
}
