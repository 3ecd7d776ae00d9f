// planner/'s public entry points: one function per command. Front ends (the
// CLI, the map) call these and present what they return.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "planner/access.h"
#include "planner/indicators.h"
#include "planner/outputs.h"
#include "planner/problems.h"
#include "planner/project.h"
#include "planner/study_area.h"

namespace tuowei::planner {

// Called with a short stage name ("reading townships", "population") and the
// fraction of that stage done (0..1).
using Progress = std::function<void(const std::string& stage, double fraction)>;

struct ValidationReport {
  Project project;
  Problems problems;
  int townships = 0;
  int facilities = 0;
  int population_layers = 0;
};

// Reads the project and every input; checks all of it without computing.
ValidationReport validate_project(const std::filesystem::path& project_file);

struct IndicatorOptions {
  std::filesystem::path out_dir;
  Labels labels = Labels::en;
  std::optional<double> target_places_per_1000;  // overrides the project's
  bool skip_bad_records = false;
  // Also catchments, accessibility and deserts (tuowei access), with
  // optional overrides of the project's [access] settings.
  bool access = false;
  std::optional<double> radius_m;
  std::optional<std::string> decay;
  Progress progress;
};

struct IndicatorRun {
  Project project;
  StudyArea area;
  std::vector<TownshipPopulation> population;  // per township, as computed
  IndicatorTable table;
  std::optional<AccessResult> access;
  Problems problems;  // warnings (errors throw InputError)
  std::vector<std::filesystem::path> written;
};

// Loads the study area, computes the township indicators (and, with
// options.access, catchments, accessibility and deserts) and, when
// options.out_dir is set, writes tuowei.gpkg, townships.csv, counties.csv
// and summary.json (and coverage.tif, access.tif, deserts.tif) into it.
// Throws InputError listing every problem when the inputs have errors.
IndicatorRun run_indicators(const std::filesystem::path& project_file, const IndicatorOptions& options);

}  // namespace tuowei::planner
