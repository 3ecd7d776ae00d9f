// Synthetic nursery (托育机构) register, as a GBK-encoded CSV with GCJ-02
// coordinates, the way such lists usually arrive from a local health
// commission.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "geos_util.h"
#include "inputs.h"
#include "population.h"
#include "townships.h"

namespace tuowei::demo {

struct FacilitySummary {
  int count = 0;
  long places = 0;
  long enrolled = 0;
  int inclusive = 0;
  int over_capacity = 0;
  std::vector<int> county_count;   // by county index
  std::vector<long> county_places;  // by county index
  std::vector<int> township_count;  // by township index
  int townships_without = 0;
};

// sites: cells drawn by the population pass; a few more nurseries are added
// around every county seat.
FacilitySummary write_facilities(const std::filesystem::path& csv, const GeosContext& ctx, const Inputs& inputs,
                                 const TownshipSet& townships, const std::vector<Site>& sites,
                                 std::uint64_t seed);

}  // namespace tuowei::demo
