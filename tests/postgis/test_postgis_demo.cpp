// The Nanning demo from and into PostGIS, as docs/postgis.md has a team run
// it: inputs loaded with datasets/demo/load-postgis.sh, then one command on
// nanning-postgis.toml. Every table equals the GeoPackage that the same
// command writes from the files, row by row.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include "../planner/mini_project.h"
#include "postgis_test.h"

namespace fs = std::filesystem;
using namespace tuowei::test;

namespace {

class PostgisDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("tuowei-pg-demo-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    std::string out;
    ASSERT_EQ(run_command(std::string(TUOWEI_DEMO_DATA) + " --out " + (*dir_ / "data").string(), out), 0) << out;
    psql("DROP SCHEMA IF EXISTS tuowei CASCADE");
    ASSERT_EQ(run_command("bash " + shell_quote(std::string(TUOWEI_SOURCE_DIR) + "/datasets/demo/load-postgis.sh") +
                              " " + (*dir_ / "data").string() + " " + database_url() + " demo_in",
                          out),
              0)
        << out;
  }
  static void TearDownTestSuite() {
    if (!std::getenv("TUOWEI_KEEP_TEST_OUTPUT")) fs::remove_all(*dir_);
    delete dir_;
  }

  // `command` on the files into a folder, and on nanning-postgis.toml into
  // the database its [output] names; every layer compared.
  static void expect_same_as_files(const std::string& command) {
    const fs::path out = *dir_ / ("out-" + command.substr(0, command.find(' ')));
    std::string text;
    ASSERT_EQ(run_command(std::string(TUOWEI_CLI) + " -q " + command + " " + (*dir_ / "data/nanning.toml").string() +
                              " --out " + out.string(),
                          text),
              0)
        << text;
    ASSERT_EQ(run_command(std::string(TUOWEI_CLI) + " " + command + " " + (*dir_ / "data/nanning-postgis.toml").string(),
                          text),
              0)
        << text;
    const long long run = printed_run_id(text);
    ASSERT_GT(run, 0) << text;
    GDALDatasetUniquePtr gpkg(GDALDataset::Open((out / "tuowei.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(gpkg);
    int layers = 0;
    for (OGRLayer* layer : gpkg->GetLayers()) {
      const std::string name = layer->GetName();
      if (name == "layer_styles") continue;
      ++layers;
      EXPECT_NE(text.find(name), std::string::npos) << name << " not written to PostGIS: " << text;
      for (const std::string& d : compare_with_geopackage(out / "tuowei.gpkg", name, "tuowei", run)) {
        ADD_FAILURE() << command << ": " << d;
      }
    }
    EXPECT_GE(layers, 6);
  }

  static fs::path* dir_;
};
fs::path* PostgisDemo::dir_ = nullptr;

}  // namespace

TEST_F(PostgisDemo, RunFromAndIntoPostgisEqualsTheGeoPackage) { expect_same_as_files("run"); }

TEST_F(PostgisDemo, ProposeFromAndIntoPostgisEqualsTheGeoPackage) {
  expect_same_as_files("propose -n 3 --solver greedy");
  EXPECT_EQ(psql("SELECT count(*) FROM tuowei.proposals"), "3");
}
