#include "planner/indicators.h"

#include "planner/access.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace tuowei::planner {

namespace {

// Whole places: the smallest count that brings `have` up to `want`.
double shortfall(double want, double have) {
  const double missing = want - have;
  return missing > 1e-9 ? std::ceil(missing - 1e-9) : 0.0;
}

}  // namespace

void derive(IndicatorRow& row, const Targets& targets) {
  row.places_per_1000 = row.population > 0 ? row.places / row.population * 1000.0 : NAN;
  row.enrolment_rate = row.children_0_3 > 0 ? row.enrolled / row.children_0_3 : NAN;
  row.inclusive_share = row.places > 0 ? row.inclusive_places / row.places : NAN;
  row.places_needed = shortfall(targets.places_per_1000 * row.population / 1000.0, row.places);
  row.places_per_100_children = row.children_0_3 > 0 ? row.places / row.children_0_3 * 100.0 : NAN;
  row.places_needed_for_share = shortfall(targets.care_share * row.children_0_3, row.places);
}

void rank_by_places_per_1000(const std::vector<const IndicatorRow*>& rows, std::vector<int>& rank) {
  rank.assign(rows.size(), 0);
  std::vector<size_t> order;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!std::isnan(rows[i]->places_per_1000)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return rows[a]->places_per_1000 > rows[b]->places_per_1000; });
  for (size_t k = 0; k < order.size(); ++k) {
    // Values equal but for floating-point noise from the zonal sums tie.
    double a = rows[order[k]]->places_per_1000, b = k > 0 ? rows[order[k - 1]]->places_per_1000 : NAN;
    bool tie = k > 0 && std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
    rank[order[k]] = tie ? rank[order[k - 1]] : int(k) + 1;
  }
}

IndicatorTable compute_indicators(const FacilitySet& facilities, const Targets& target) {
  const Study& study = facilities.study();
  const std::vector<Township>& townships = study.townships();
  const std::vector<TownshipPopulation>& population = facilities.demand().townships;
  IndicatorTable table;
  table.targets = target;
  table.year = facilities.demand().year;
  table.townships.resize(townships.size());
  for (size_t i = 0; i < townships.size(); ++i) {
    const Township& t = townships[i];
    IndicatorRow& r = table.townships[i];
    r.id = t.id;
    r.name = t.name;
    r.parent_id = t.parent_id;
    r.parent_name = t.parent_name;
    r.area_km2 = t.area_km2;
    r.year = table.year;
    if (i < population.size()) {
      r.population = population[i].residents;
      r.children_0_3 = population[i].children_0_3;
      r.population_data_share = population[i].data_share;
      r.population_source = name(population[i].residents_source);
      r.children_source = name(population[i].children_source);
      r.grid_population = population[i].grid_residents;
      r.grid_children_0_3 = population[i].grid_children_0_3;
      r.population_vs_grid = population[i].residents_vs_grid;
      r.children_vs_grid = population[i].children_vs_grid;
    }
  }
  for (size_t k = 0; k < facilities.size(); ++k) {
    const Facility& f = facilities[k];
    if (f.township < 0) {
      table.unassigned_facilities.push_back(int(k));
      continue;
    }
    IndicatorRow& r = table.townships[f.township];
    r.facilities += 1;
    r.places += f.places;
    if (f.inclusive) r.inclusive_places += f.places;
    if (!std::isnan(f.enrolled)) r.enrolled += f.enrolled;
  }

  // Parents and the total add up the township counts.
  std::map<std::string, size_t> parent_index;
  bool has_parents = std::any_of(townships.begin(), townships.end(),
                                 [](const Township& t) { return !t.parent_id.empty() || !t.parent_name.empty(); });
  table.total.id = "total";
  table.total.name = "全部";
  table.total.year = table.year;
  auto add = [](IndicatorRow& into, const IndicatorRow& r) {
    auto source = [](std::string& into, const std::string& s) {
      if (into.empty()) into = s;
      else if (into != s) into = "mixed";
    };
    source(into.population_source, r.population_source);
    source(into.children_source, r.children_source);
    into.grid_population = (std::isnan(into.grid_population) ? 0.0 : into.grid_population) + r.grid_population;
    into.grid_children_0_3 = (std::isnan(into.grid_children_0_3) ? 0.0 : into.grid_children_0_3) + r.grid_children_0_3;
    into.area_km2 += r.area_km2;
    into.population += r.population;
    into.children_0_3 += r.children_0_3;
    into.facilities += r.facilities;
    into.places += r.places;
    into.inclusive_places += r.inclusive_places;
    into.enrolled += r.enrolled;
  };
  for (IndicatorRow& r : table.townships) {
    derive(r, target);
    add(table.total, r);
    if (!has_parents) continue;
    std::string key = r.parent_id.empty() ? r.parent_name : r.parent_id;
    auto [it, fresh] = parent_index.emplace(key, table.parents.size());
    if (fresh) {
      IndicatorRow p;
      p.id = r.parent_id;
      p.name = r.parent_name;
      p.year = table.year;
      table.parents.push_back(p);
    }
    add(table.parents[it->second], r);
  }
  // Facilities outside every township still count in the area's total.
  for (int k : table.unassigned_facilities) {
    const Facility& f = facilities[size_t(k)];
    table.total.facilities += 1;
    table.total.places += f.places;
    if (f.inclusive) table.total.inclusive_places += f.places;
    if (!std::isnan(f.enrolled)) table.total.enrolled += f.enrolled;
  }
  for (IndicatorRow& p : table.parents) derive(p, target);
  derive(table.total, target);
  // Needs add up from the units below: a surplus in one township does not
  // cancel a shortfall in another.
  double needed = 0.0, needed_share = 0.0;
  for (const IndicatorRow& r : table.townships) {
    needed += r.places_needed;
    needed_share += r.places_needed_for_share;
  }
  table.total.places_needed = needed;
  table.total.places_needed_for_share = needed_share;
  for (IndicatorRow& p : table.parents) {
    p.places_needed = 0.0;
    p.places_needed_for_share = 0.0;
    for (const IndicatorRow& r : table.townships) {
      if ((r.parent_id.empty() ? r.parent_name : r.parent_id) == (p.id.empty() ? p.name : p.id)) {
        p.places_needed += r.places_needed;
        p.places_needed_for_share += r.places_needed_for_share;
      }
    }
  }

  std::vector<const IndicatorRow*> all;
  for (const IndicatorRow& r : table.townships) all.push_back(&r);
  std::vector<int> rank;
  rank_by_places_per_1000(all, rank);
  for (size_t i = 0; i < rank.size(); ++i) table.townships[i].rank_overall = rank[i];

  std::map<std::string, std::vector<size_t>> by_parent;
  for (size_t i = 0; i < table.townships.size(); ++i) {
    const IndicatorRow& r = table.townships[i];
    by_parent[r.parent_id.empty() ? r.parent_name : r.parent_id].push_back(i);
  }
  for (const auto& [key, members] : by_parent) {
    std::vector<const IndicatorRow*> rows;
    for (size_t i : members) rows.push_back(&table.townships[i]);
    rank_by_places_per_1000(rows, rank);
    for (size_t k = 0; k < members.size(); ++k) table.townships[members[k]].rank_in_parent = rank[k];
  }
  std::vector<const IndicatorRow*> parents;
  for (const IndicatorRow& p : table.parents) parents.push_back(&p);
  rank_by_places_per_1000(parents, rank);
  for (size_t i = 0; i < rank.size(); ++i) table.parents[i].rank_overall = rank[i];
  return table;
}

void add_access_columns(IndicatorTable& table, const std::vector<TownshipAccess>& access) {
  table.has_access = true;
  struct Sums {
    double children = 0, covered = 0, covered_incl = 0, child_access = 0, deserts = 0, desert_km2 = 0;
  };
  auto finish = [](IndicatorRow& r, const Sums& s) {
    r.children_covered = s.covered;
    r.coverage_rate = s.children > 0 ? s.covered / s.children : NAN;
    r.inclusive_coverage_rate = s.children > 0 ? s.covered_incl / s.children : NAN;
    r.access_2sfca = s.children > 0 ? s.child_access / s.children : NAN;
    r.children_in_deserts = s.deserts;
    r.desert_area_km2 = s.desert_km2;
  };
  auto key = [](const IndicatorRow& r) { return r.parent_id.empty() ? r.parent_name : r.parent_id; };
  std::map<std::string, Sums> by_parent;
  Sums total;
  for (size_t i = 0; i < table.townships.size() && i < access.size(); ++i) {
    const TownshipAccess& a = access[i];
    IndicatorRow& r = table.townships[i];
    // The rasters' under-3 sum within the township: covered + uncovered.
    Sums s;
    s.children = r.children_0_3;
    s.covered = a.children_covered;
    s.covered_incl = a.children_covered_inclusive;
    s.child_access = a.children_times_access;
    s.deserts = a.children_in_deserts;
    s.desert_km2 = a.desert_area_km2;
    finish(r, s);
    for (Sums* into : {&by_parent[key(r)], &total}) {
      into->children += s.children;
      into->covered += s.covered;
      into->covered_incl += s.covered_incl;
      into->child_access += s.child_access;
      into->deserts += s.deserts;
      into->desert_km2 += s.desert_km2;
    }
  }
  for (IndicatorRow& p : table.parents) finish(p, by_parent[p.id.empty() ? p.name : p.id]);
  finish(table.total, total);
  double mean = table.total.access_2sfca;
  auto index = [&](IndicatorRow& r) { r.access_index = mean > 0 ? r.access_2sfca / mean : NAN; };
  for (IndicatorRow& r : table.townships) index(r);
  for (IndicatorRow& r : table.parents) index(r);
  index(table.total);
}

std::vector<YearNeed> places_needed_by_year(const FacilitySet& facilities, const Targets& targets) {
  const Study& study = facilities.study();
  std::vector<double> places(study.townships().size(), 0.0);
  for (const Facility& f : facilities.all()) {
    if (f.township >= 0) places[size_t(f.township)] += f.places;
  }
  std::vector<YearNeed> out;
  const int from = study.base_year();
  if (from == 0) return out;
  const int to = std::max(targets.horizon_year, facilities.year());
  for (int year = from; year <= to; ++year) {
    const std::vector<TownshipPopulation> figures = study.projection().figures(year);
    YearNeed total;
    total.year = year;
    for (size_t t = 0; t < figures.size(); ++t) {
      IndicatorRow r;
      r.population = figures[t].residents;
      r.children_0_3 = figures[t].children_0_3;
      r.places = places[t];
      derive(r, targets);
      out.push_back({year, int(t), r.population, r.children_0_3, r.places, r.places_needed, r.places_needed_for_share});
      total.population += r.population;
      total.children_0_3 += r.children_0_3;
      total.places += r.places;
      total.places_needed += r.places_needed;
      total.places_needed_for_share += r.places_needed_for_share;
    }
    out.push_back(total);
  }
  return out;
}

}  // namespace tuowei::planner
