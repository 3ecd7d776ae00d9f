#include "planner/projection.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "planner/say.h"
#include "planner/study.h"

namespace tuowei::planner {
namespace {

constexpr double kMaxObservedChange = 0.10;  // the observed mean change is capped to +-10% a year
constexpr double kRatioWarning = 0.30;       // official / grid beyond +-30% is reported

// The mean annual change from `from` to `to` over `years` (geometric).
double annual_change(double from, double to, int years) {
  if (!(from > 0) || !(to > 0) || years <= 0) return NAN;
  return std::clamp(std::pow(to / from, 1.0 / years) - 1.0, -kMaxObservedChange, kMaxObservedChange);
}

Text list_some(const std::vector<Text>& items, size_t most = 8) {
  Text out;
  for (size_t i = 0; i < items.size() && i < most; ++i) {
    if (i) out += say("; ");
    out += items[i];
  }
  if (items.size() > most) out = say("{}; and {} more", out, items.size() - most);
  return out;
}

}  // namespace

Projection::Projection(const PopulationConfig& config, std::vector<TownshipPopulation> grid,
                       std::optional<OfficialTable> official, const std::vector<Township>& townships,
                       Problems& problems)
    : config_(config), grid_(std::move(grid)), official_(std::move(official)) {
  if (config_.survival.size() != 3) config_.survival = default_survival();
  for (const Township& t : townships) names_.push_back(fmt::format("{} {}", t.id, t.name));
  grid_.resize(townships.size());
  for (TownshipPopulation& g : grid_) {
    g.grid_residents = g.residents;
    g.grid_children_0_3 = g.children_0_3;
  }
  grid_year_ = config_.grid_year;
  if (official_) {
    base_year_ = official_->year;
    if (grid_year_ == 0) grid_year_ = official_->year;  // not stated: taken as the table's
    if (grid_year_ > official_->year) {
      problems.warning(as_is(official_->source),
                       say("describes {}, before the population grid's {}; the grid's distribution is used "
                           "for {} as it is",
                           official_->year, grid_year_, official_->year));
    }
  } else {
    base_year_ = grid_year_;
  }

  // The study's change of births: fixed, or observed on the townships that
  // report the first and the last year of the births columns.
  if (config_.births_annual_change) {
    study_change_ = *config_.births_annual_change;
    change_basis_ = "fixed";
  } else if (official_ && official_->birth_years.size() >= 2) {
    const int first = official_->birth_years.front(), last = official_->birth_years.back();
    double a = 0.0, b = 0.0;
    for (const auto& row : official_->townships) {
      if (!row || std::isnan(row->births_in(first)) || std::isnan(row->births_in(last))) continue;
      a += row->births_in(first);
      b += row->births_in(last);
    }
    const double c = annual_change(a, b, last - first);
    if (!std::isnan(c)) {
      study_change_ = c;
      change_basis_ = "observed";
    }
  }
  change_.assign(townships.size(), study_change_);
  if (official_ && !config_.births_annual_change) {
    for (size_t t = 0; t < townships.size(); ++t) {
      const auto& row = official_->townships[t];
      if (!row || row->births.size() < 2) continue;
      const double c = annual_change(row->births.front(), row->births.back(), int(row->births.size()) - 1);
      if (!std::isnan(c)) change_[t] = c;
    }
  }

  // Official against grid, both at the table's year.
  if (!official_) return;
  std::vector<Text> far;
  const double years = base_year_ - grid_year_;
  for (size_t t = 0; t < townships.size(); ++t) {
    const auto& row = official_->townships[t];
    if (!row) continue;
    TownshipPopulation& g = grid_[t];
    const double grid_res = g.grid_residents * std::pow(1.0 + config_.residents_annual_change, years);
    const double grid_ch = g.grid_children_0_3 * std::pow(1.0 + change_[t], years);
    if (!std::isnan(row->residents) && grid_res > 0) g.residents_vs_grid = row->residents / grid_res;
    const Children c = children(t, base_year_);
    if (c.source != PopulationSource::grid && grid_ch > 0) g.children_vs_grid = c.value / grid_ch;
    std::vector<Text> what;
    if (std::fabs(g.residents_vs_grid - 1.0) > kRatioWarning) {
      what.push_back(say("residents {:.0f} official, {:.0f} grid", row->residents, grid_res));
    }
    if (std::fabs(g.children_vs_grid - 1.0) > kRatioWarning) {
      what.push_back(say("under-3s {:.0f} official, {:.0f} grid", c.value, grid_ch));
    }
    if (!what.empty()) {
      Text w;
      for (const Text& x : what) w += (w.empty() ? as_is("") : say(", ")) + x;
      far.push_back(say("{} ({})", names_[t], w));
    }
  }
  if (!far.empty()) {
    problems.warning(as_is(official_->source),
                     say("{} townships' official figures differ from the grid's by more than {:.0f}% (grid "
                         "carried to {}): {}",
                         far.size(), 100 * kRatioWarning, base_year_, list_some(far)),
                     say("check the codes and the counts; the official figures are used, the grid only places them"));
  }
}

double Projection::births(size_t t, int year) const {
  const auto& row = official_->townships[t];
  if (!row || !row->has_births() || year < row->first_birth_year) return NAN;
  if (year <= row->last_birth_year()) return row->births_in(year);
  return row->births.back() * std::pow(1.0 + change_[t], year - row->last_birth_year());
}

double Projection::cohort_sum(size_t t, int year) const {
  if (!official_) return NAN;
  double sum = 0.0;
  for (int k = 0; k < 3; ++k) sum += config_.survival[size_t(k)] * births(t, year - k);
  return sum;
}

Projection::Children Projection::children(size_t t, int year) const {
  const TownshipPopulation& g = grid_[t];
  if (official_ && official_->townships[t]) {
    const OfficialRow& row = *official_->townships[t];
    const double count = row.children_count();
    if (!std::isnan(count)) {
      const PopulationSource source = std::isnan(row.children_0_3) ? PopulationSource::ages : PopulationSource::official;
      if (year == base_year_) return {count, source};
      // Carried by the cohorts where the births allow, else by the change.
      const double now = cohort_sum(t, base_year_), then = cohort_sum(t, year);
      if (now > 0 && !std::isnan(then)) return {count * then / now, source};
      return {count * std::pow(1.0 + change_[t], year - base_year_), source};
    }
    const double sum = cohort_sum(t, year);
    if (!std::isnan(sum)) return {sum, PopulationSource::births};
  }
  return {g.grid_children_0_3 * std::pow(1.0 + change_[t], year - grid_year_), PopulationSource::grid};
}

int base_year(const PopulationConfig& config) {
  return config.official.path.empty() ? config.grid_year : config.official.year;
}

namespace {

void check_year(int base, bool official, int year) {
  if (year == 0 || year == base) return;
  Problems p;
  if (base == 0) {
    p.error(as_is("--year"), say("cannot give figures for {}: the year of the population data is not known", year),
            say("set [population] year to the year the rasters describe, or give an official table"));
  } else if (year < base) {
    p.error(as_is("--year"),
            say("{} is before {}, the year of the population data ({})", year, base,
                official ? say("the official table") : say("the grid, [population] year")),
            say("choose {} or later", base));
  } else if (year > 2100) {
    p.error(as_is("--year"), say("{} is too far ahead to project", year), say("choose a year up to 2100"));
  } else {
    return;
  }
  throw InputError(p);
}

}  // namespace

void check_year(const PopulationConfig& config, int year) {
  check_year(base_year(config), !config.official.path.empty(), year);
}

std::vector<TownshipPopulation> Projection::figures(int year) const {
  check_year(base_year_, official_.has_value(), year);
  if (year == 0) year = base_year_;
  std::vector<TownshipPopulation> out = grid_;
  const double r = config_.residents_annual_change;
  for (size_t t = 0; t < out.size(); ++t) {
    TownshipPopulation& f = out[t];
    const OfficialRow* row = official_ && official_->townships[t] ? &*official_->townships[t] : nullptr;
    if (row && !std::isnan(row->residents)) {
      f.residents = row->residents * std::pow(1.0 + r, year - base_year_);
      f.residents_source = PopulationSource::official;
    } else {
      f.residents = f.grid_residents * std::pow(1.0 + r, year - grid_year_);
      f.residents_source = PopulationSource::grid;
    }
    const Children c = children(t, year);
    f.children_0_3 = c.value;
    f.children_source = c.source;
  }
  return out;
}

Problems Projection::warnings(int year) const {
  if (year == 0) year = base_year_;
  Problems p;
  std::vector<Text> short_births;
  bool grid_used = false;
  for (size_t t = 0; t < grid_.size(); ++t) {
    const auto* row = official_ && official_->townships[t] ? &*official_->townships[t] : nullptr;
    if (row && row->has_births() && std::isnan(row->children_count()) && std::isnan(cohort_sum(t, year))) {
      short_births.push_back(say("{} (births from {})", names_[t], row->first_birth_year));
    }
    if (children(t, year).source == PopulationSource::grid) grid_used = true;
  }
  if (!short_births.empty()) {
    p.warning(as_is(official_->source),
              say("the under-3s at the end of {} need births from {}; {} townships' births start later and "
                  "their under-3s come from the grid: {}",
                  year, year - 2, short_births.size(), list_some(short_births)),
              say("give births for three consecutive years up to the table's year"));
  }
  if (grid_used && year > grid_year_ && change_basis_ == "none") {
    p.warning(say("population"),
              say("the grid describes {}; with no births to follow, its under-3s are used unchanged for {}",
                  grid_year_, year),
              say("give births in [population.official], or set [population] births_annual_change (e.g. -0.05)"));
  }
  return p;
}

}  // namespace tuowei::planner
