// The official counts per township ([population.official]): residents
// (常住人口), children under 3 (0-3岁人口), children by single year of age
// (0岁, 1岁, 2岁) and births per calendar year (出生人口2022, ...), from the
// statistics bureau or the population register, as a CSV, XLSX or any OGR
// table in UTF-8 or GBK. Any column, and any value, may be missing: the
// township's figure then comes from the grid (projection.h).
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct Township;

// One township's row; NaN where the table leaves a value empty.
struct OfficialRow {
  int record = 0;  // 1-based record number in the table, for messages
  double residents = NAN;
  double children_0_3 = NAN;  // the under-3 count column
  double ages_0_2 = NAN;      // aged 0 + 1 + 2, when all three are given
  // Births of the calendar years first_birth_year, first_birth_year + 1, ...
  // (no gaps; empty when the row gives none).
  int first_birth_year = 0;
  std::vector<double> births;

  bool has_births() const { return !births.empty(); }
  int last_birth_year() const { return first_birth_year + int(births.size()) - 1; }
  // Births in `year`; NaN outside the observed years.
  double births_in(int year) const {
    const int k = year - first_birth_year;
    return k >= 0 && k < int(births.size()) ? births[size_t(k)] : NAN;
  }
  // The under-3 count the table gives: the count column, else the ages.
  double children_count() const { return std::isnan(children_0_3) ? ages_0_2 : children_0_3; }
};

struct OfficialTable {
  std::string source;  // the file, as a planner would name it
  int year = 0;        // the end of the year the counts describe
  // By township index; nullopt where the township is not in the table.
  std::vector<std::optional<OfficialRow>> townships;
  std::vector<int> birth_years;  // the years of the births columns, ascending, contiguous
  bool has_residents = false, has_children = false, has_ages = false;
};

// Codes compare as the table and the boundaries write them, with a 12-digit
// 统计用区划代码 ending in 000 taken as its 9-digit township code, and a
// spreadsheet's "450102001.0" as 450102001.
std::string township_code_key(const std::string& code);

// Reads and checks the table: every record's code, values and births
// (errors for text, negative numbers, duplicate codes, gaps in the births,
// under-3s above residents; warnings for codes that match no township and
// townships the table lacks). Problems go into `problems`; the table holds
// what could be read.
OfficialTable read_official_table(const OfficialConfig& config, const std::vector<Township>& townships,
                                  Problems& problems);

}  // namespace tuowei::planner
