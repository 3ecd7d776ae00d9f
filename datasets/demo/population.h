// Synthetic population grids in the WorldPop age-sex layout.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "inputs.h"
#include "nanning_model.h"
#include "townships.h"

namespace tuowei::demo {

// A north-up grid on the 3 arc-second lattice.
struct Grid {
  double west = 0.0;   // x of the left edge
  double north = 0.0;  // y of the top edge
  double step = 1.0 / 1200.0;
  int width = 0;
  int height = 0;
};

// The smallest 3 arc-second grid, snapped to the lattice, covering env.
Grid grid_covering(const Envelope& env);

// A cell drawn for a nursery (with probability proportional to the
// under-3s living in it, leaning towards built-up places).
struct Site {
  double lon = 0.0, lat = 0.0;  // cell centre
  double half_step = 0.0;       // half the cell size, for jittering
  int county_index = 0;
  double urban = 0.0;
};

struct PopulationSummary {
  std::array<double, kAgeClasses> female{};
  std::array<double, kAgeClasses> male{};
  double residents = 0.0;
  double under3 = 0.0;
  std::vector<double> county_residents, county_under3;      // by county index
  std::vector<double> township_residents, township_under3;  // by township index
  std::vector<Site> sites;
  std::int64_t cells = 0;  // cells inside the counties
  Grid grid;
  std::vector<std::string> files;  // written, relative to the output dir
};

struct PopulationOptions {
  double residents = 8.9e6;  // total over all 36 layers
  int sites = 0;             // nursery cells to draw
  std::string prefix = "chn";
  int year = 2020;
};

// Writes <dir>/<prefix>_{f,m}_<age>_<year>.tif, 36 files on one grid, block
// by block (one 256-row strip of masks and one block of values in memory).
PopulationSummary write_population(const std::filesystem::path& dir, const Inputs& inputs,
                                   const GeosContext& ctx, const TownshipSet& townships, DensityModel& model,
                                   std::uint64_t seed, const PopulationOptions& options);

}  // namespace tuowei::demo
