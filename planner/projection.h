// Residents and under-3s per township at the end of a year, from the
// official table where it has them and from the grid where it does not
// (docs/methods.md, "Official counts" and "Projection"):
//
//   under-3s(Y)  = the table's count (or 0岁 + 1岁 + 2岁) in its year,
//                  carried to later years by the births;
//               or s0 B(Y) + s1 B(Y-1) + s2 B(Y-2) from the births, each
//                  cohort times its survival, births after the last
//                  observed year continued with an annual change;
//               or the grid's, carried from its year by the births' change.
//   residents(Y) = the table's (else the grid's) times (1 + r)^years.
//
// A Projection is made once per study; figures(Y) is cheap.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/demand.h"
#include "planner/official.h"
#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct Township;

// The year the population data describe: the official table's, else the
// grid's (0 = not stated).
int base_year(const PopulationConfig& config);
// Throws InputError when there can be no figures for `year` (0 = the base
// year): before the base year, after 2100, or no year known at all.
void check_year(const PopulationConfig& config, int year);

class Projection {
 public:
  // `grid`: the rasters' sums per township. `official`: null when the project
  // has no table. Warns (into `problems`) about townships whose official
  // figures differ from the grid's by more than 30%.
  Projection(const PopulationConfig& config, std::vector<TownshipPopulation> grid,
             std::optional<OfficialTable> official, const std::vector<Township>& townships, Problems& problems);

  // The year the data describe: the table's, else the grid's (0 = unknown).
  int base_year() const { return base_year_; }
  int grid_year() const { return grid_year_; }
  const std::optional<OfficialTable>& official() const { return official_; }
  // The annual change of births used for township t after its last
  // observed year, and for the study (the grid, counts without births).
  double births_change(int township) const { return change_[size_t(township)]; }
  double study_births_change() const { return study_change_; }
  // How the study's change was found: "fixed", "observed", or "none".
  const std::string& births_change_basis() const { return change_basis_; }

  // The figures per township at the end of `year`, with their sources and
  // the grid's own figures. Throws InputError for a year before the base
  // year or after 2100. Year 0 means the base year.
  std::vector<TownshipPopulation> figures(int year) const;
  // Warnings for `year` (a grid carried over years with no known trend,
  // births too short for a township...).
  Problems warnings(int year) const;

 private:
  struct Children {
    double value = 0.0;
    PopulationSource source = PopulationSource::grid;
  };
  Children children(size_t t, int year) const;
  // s0 B(Y) + s1 B(Y-1) + s2 B(Y-2) for township t; NaN when a needed year
  // lies before its first observed births.
  double cohort_sum(size_t t, int year) const;
  double births(size_t t, int year) const;

  PopulationConfig config_;
  std::vector<TownshipPopulation> grid_;
  std::optional<OfficialTable> official_;
  std::vector<std::string> names_;  // "code name", for messages
  int base_year_ = 0, grid_year_ = 0;
  std::vector<double> change_;
  double study_change_ = 0.0;
  std::string change_basis_ = "none";
};

}  // namespace tuowei::planner
