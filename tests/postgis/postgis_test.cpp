#include "postgis_test.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <stdexcept>

#include "../planner/mini_project.h"
#include "gis/gdal_env.h"

namespace fs = std::filesystem;

namespace tuowei::test {
namespace {

std::map<std::string, std::string>& settings() {
  static std::map<std::string, std::string> s;
  return s;
}

// Reads the fixture's env file and exports it before any test runs.
class TestServer : public ::testing::Environment {
 public:
  void SetUp() override {
    const char* file = std::getenv("TUOWEI_PG_ENV");
    ASSERT_TRUE(file && fs::exists(file))
        << "no test server: TUOWEI_PG_ENV must name the file tests/postgis/server.sh wrote (run these tests with "
           "ctest, whose fixture \"postgis\" starts the server)";
    std::ifstream is(file);
    for (std::string line; std::getline(is, line);) {
      const size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      settings()[line.substr(0, eq)] = line.substr(eq + 1);
      ::setenv(line.substr(0, eq).c_str(), line.substr(eq + 1).c_str(), 1);
    }
    gis::ensure_gdal();
  }
};

[[maybe_unused]] ::testing::Environment* const kServer = ::testing::AddGlobalTestEnvironment(new TestServer);

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

}  // namespace

std::string server_setting(const std::string& key) {
  auto it = settings().find(key);
  if (it == settings().end()) throw std::runtime_error("the test server's env file has no " + key);
  return it->second;
}

std::string database_url(const std::string& user_password) {
  return "postgresql://" + (user_password.empty() ? "" : user_password + "@") + "/" + server_setting("PGDATABASE");
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string psql(const std::string& sql) {
  std::string out;
  const int rc = run_command("psql -X -A -t -q -v ON_ERROR_STOP=1 -c " + shell_quote(sql), out);
  if (rc != 0) throw std::runtime_error("psql failed on " + sql + ": " + out);
  return trim(out);
}

void load_into_postgis(const fs::path& source, const std::string& schema, const std::string& table,
                       const std::string& ogr2ogr_options) {
  psql("CREATE SCHEMA IF NOT EXISTS " + schema);
  std::string out;
  const int rc = run_command("ogr2ogr -f PostgreSQL PG: " + shell_quote(source.string()) + " -nln " + schema + "." +
                                 table + " -overwrite -lco LAUNDER=NO -lco GEOMETRY_NAME=geom " + ogr2ogr_options,
                             out);
  if (rc != 0) throw std::runtime_error("ogr2ogr could not load " + source.string() + ": " + out);
}

std::vector<std::string> compare_with_geopackage(const fs::path& gpkg, const std::string& layer,
                                                 const std::string& schema, long long run_id) {
  std::vector<std::string> diffs;
  auto differ = [&](const std::string& what) {
    if (diffs.size() < 12) diffs.push_back(layer + ": " + what);
  };
  GDALDatasetUniquePtr file(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  OGRLayer* expected = file ? file->GetLayerByName(layer.c_str()) : nullptr;
  if (!expected) return {gpkg.string() + " has no layer " + layer};
  const char* drivers[] = {"PostgreSQL", nullptr};
  GDALDatasetUniquePtr db(GDALDataset::Open("PG:", GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!db) return {"cannot connect to the test server"};
  const std::string sql =
      "SELECT * FROM " + schema + "." + layer + " WHERE run_id = " + std::to_string(run_id) + " ORDER BY fid";
  OGRLayer* actual = db->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (!actual) return {"cannot read " + schema + "." + layer};
  if (expected->GetFeatureCount() != actual->GetFeatureCount()) {
    differ("GeoPackage rows " + std::to_string(expected->GetFeatureCount()) + ", PostGIS rows " +
           std::to_string(actual->GetFeatureCount()));
  }
  OGRFeatureDefn* defn = expected->GetLayerDefn();
  OGRFeatureDefn* pg = actual->GetLayerDefn();
  expected->ResetReading();
  for (int row = 1;; ++row) {
    OGRFeatureUniquePtr e(expected->GetNextFeature()), a(actual->GetNextFeature());
    if (!e || !a) break;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      const char* name = defn->GetFieldDefn(i)->GetNameRef();
      const int j = pg->GetFieldIndex(name);
      const std::string where = "row " + std::to_string(row) + " column " + name;
      if (j < 0) {
        differ("no column " + std::string(name));
        continue;
      }
      if (e->IsFieldSetAndNotNull(i) != a->IsFieldSetAndNotNull(j)) {
        differ(where + ": NULL in one only");
      } else if (!e->IsFieldSetAndNotNull(i)) {
        continue;
      } else if (defn->GetFieldDefn(i)->GetType() == OFTReal) {
        const double x = e->GetFieldAsDouble(i), y = a->GetFieldAsDouble(j);
        if (!(x == y || (std::isnan(x) && std::isnan(y)))) {
          differ(where + ": " + e->GetFieldAsString(i) + " != " + a->GetFieldAsString(j));
        }
      } else if (std::string(e->GetFieldAsString(i)) != a->GetFieldAsString(j)) {
        differ(where + ": '" + e->GetFieldAsString(i) + "' != '" + a->GetFieldAsString(j) + "'");
      }
    }
    const OGRGeometry* ge = e->GetGeometryRef();
    const OGRGeometry* ga = a->GetGeometryRef();
    if ((ge == nullptr) != (ga == nullptr) || (ge && !ge->Equals(ga))) {
      differ("row " + std::to_string(row) + ": geometries differ");
    }
  }
  db->ReleaseResultSet(actual);
  return diffs;
}

long long printed_run_id(const std::string& output) {
  std::smatch m;
  if (!std::regex_search(output, m, std::regex("written: run ([0-9]+) into"))) return 0;
  return std::stoll(m[1]);
}

}  // namespace tuowei::test
