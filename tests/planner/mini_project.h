// A small project written to a temporary folder: four square townships in two
// counties near Nanning, constant-valued population rasters, five facilities.
// Every expected number in the planner tests can be worked out by hand:
//   township  county  residents/cell  residents  under-3  places  per 1,000
//   A 新竹街道  甲区     100             10,000     300      60      6.0
//   B 南湖街道  甲区     200             20,000     300      90      4.5
//   C 长塘镇    乙县     100             10,000     300      45      4.5
//   D 伶俐镇    乙县      50              5,000     300       0      0.0
// (each township is 10 x 10 cells of 0.01 degrees; under-3s are 3 per cell);
// facility F5 lies outside every township.
#pragma once

#include <array>
#include <filesystem>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <functional>
#include <memory>
#include <optional>

#include "planner/analysis.h"
#include "planner/study.h"

namespace tuowei::test {

struct MiniProject {
  std::filesystem::path dir;
  std::filesystem::path toml;
  // Creates the folder and every file; `facilities_csv` replaces the default
  // facility table when not empty, `extra_toml` is appended to the project.
  static MiniProject create(const std::string& name, const std::string& facilities_csv = {},
                            const std::string& facilities_section = {});
  void write_file(const std::string& relative, const std::string& content) const;
};

// Removes a folder when the test ends (kept with TUOWEI_KEEP_TEST_OUTPUT set).
struct Cleanup {
  std::filesystem::path dir;
  ~Cleanup() {
    if (!std::getenv("TUOWEI_KEEP_TEST_OUTPUT")) std::filesystem::remove_all(dir);
  }
};

// A 20 x 20 raster of the mini project's grid (0.01 degrees from 108.0 E,
// 22.9 N, EPSG:4326) holding one value per township's 10 x 10 block:
// A B / C D.
void write_raster(const std::filesystem::path& file, const std::array<double, 4>& values_per_township);

// The default facilities table (UTF-8, WGS84 lon/lat).
std::string default_facilities_csv();
// The row of the township called `name`.
inline const planner::IndicatorRow& row(const planner::IndicatorTable& t, const std::string& name) {
  for (const auto& r : t.townships) {
    if (r.name == name) return r;
  }
  throw std::runtime_error("no township " + name);
}

// A project loaded and analysed as the CLI does it.
struct TestRun {
  std::unique_ptr<planner::Study> study;
  std::optional<planner::Analysis> result;
  const planner::IndicatorTable& table() const { return result->table; }
  const planner::Problems& problems() const { return result->problems; }
  const std::vector<planner::Facility>& facilities() const { return result->facilities.all(); }
  const planner::AccessResult& access() const { return *result->access; }
};

// Reads the project (applying `edit` to its settings), loads the study and
// analyses it: the indicators, and with `access` catchments and deserts.
TestRun run_project(const std::filesystem::path& toml, bool access = false,
                    const std::function<void(planner::Project&)>& edit = {});

// Runs a shell command, returns its exit code and captures stdout+stderr.
int run_command(const std::string& command, std::string& output);

}  // namespace tuowei::test
