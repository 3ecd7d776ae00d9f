// A synthetic population register table (常住人口 and births per township),
// as a statistics bureau or health commission would export it to Excel.
#pragma once

#include <cstdint>
#include <filesystem>

#include "population.h"
#include "townships.h"

namespace tuowei::demo {

inline constexpr int kRegisterYear = 2025;
inline constexpr int kFirstBirthYear = 2020;

struct RegisterSummary {
  int rows = 0;
  int births_only = 0;        // residents and births
  int births_and_count = 0;   // residents, births and 0-3岁人口
  int count_only = 0;         // residents and 0-3岁人口, no births
  int residents_only = 0;     // no children's figures at all
  int missing = 0;            // townships left out of the table
  double residents = 0.0;
  double births_first = 0.0, births_last = 0.0;  // all townships', 2020 and 2025
};

// Writes an XLSX workbook, one sheet: 区划代码, 名称, 常住人口, 0-3岁人口,
// 出生人口2020 ... 出生人口2025. Residents are the grid's within a few per
// cent; births start near a third of the grid's under-3s and fall about 8%
// a year; townships give different subsets of the columns, and two are
// missing, as real tables do.
RegisterSummary write_register(const std::filesystem::path& xlsx, const TownshipSet& townships,
                               const PopulationSummary& pop, std::uint64_t seed);

}  // namespace tuowei::demo
