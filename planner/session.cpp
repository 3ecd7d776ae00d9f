#include "planner/session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "gis/coverage.h"
#include "gis/error.h"
#include "gis/point_index.h"
#include "planner/demand_grid.h"

namespace tuowei::planner {

struct Session::Model {
  gis::Grid grid;
  gis::DistanceDecay decay;
  const AccessConfig* cfg = nullptr;
  bool inclusive_only = false;
  std::unique_ptr<gis::CoordinateTransform> metric_to_grid, wgs_to_metric;

  // Populated cells in raster order; cells of row r: [row_start[r], row_start[r + 1]).
  std::vector<int> row_start, col, row;
  std::vector<double> x, y, children, access;
  std::vector<int> n_reach, n_reach_incl, n_fca;
  std::vector<char> desert;
  std::vector<double> row_area_km2;
  // Each cell's exact shares of townships (CSR).
  std::vector<int> share_start, share_town;
  std::vector<double> share_frac;

  // Facilities, same index as StudyArea::facilities.
  std::vector<double> fx, fy, supply, ratio;
  std::vector<char> incl, in_fca;

  struct Sums {
    double children = 0, covered = 0, covered_incl = 0, child_access = 0, deserts = 0, desert_km2 = 0;
  };
  std::vector<Sums> town;

  void cells_near(double px, double py, std::vector<gis::Neighbour>& out) const {
    out.clear();
    double r = decay.threshold;
    double xs[4] = {px - r, px + r, px + r, px - r}, ys[4] = {py - r, py - r, py + r, py + r};
    metric_to_grid->apply(4, xs, ys);
    double xmin = *std::min_element(xs, xs + 4), xmax = *std::max_element(xs, xs + 4);
    double ymin = *std::min_element(ys, ys + 4), ymax = *std::max_element(ys, ys + 4);
    if (std::isnan(xmin) || std::isnan(ymin)) return;
    int c0 = std::max(0, int(std::floor(grid.col_of(xmin))) - 1);
    int c1 = std::min(grid.cols - 1, int(std::floor(grid.col_of(xmax))) + 1);
    int r0 = std::max(0, int(std::floor(grid.row_of(ymax))) - 1);
    int r1 = std::min(grid.rows - 1, int(std::floor(grid.row_of(ymin))) + 1);
    for (int rr = r0; rr <= r1; ++rr) {
      auto first = col.begin() + row_start[rr], last = col.begin() + row_start[rr + 1];
      for (auto it = std::lower_bound(first, last, c0); it != last && *it <= c1; ++it) {
        int i = int(it - col.begin());
        double d = std::hypot(x[i] - px, y[i] - py);
        if (d <= r) out.emplace_back(i, d);
      }
    }
  }

  bool is_desert(int i) const {
    double p = children[i];
    if (!(p > 0) || p < cfg->desert_min_children) return false;
    if (n_reach[i] == 0 || std::isnan(access[i])) return true;
    return access[i] * cfg->desert_children_per_place < 1.0;
  }

  void apply_cell(int i, double sign, std::set<int>& touched) {
    double p = children[i];
    double covered = n_reach[i] > 0 ? p : 0.0, covered_incl = n_reach_incl[i] > 0 ? p : 0.0;
    double ca = std::isnan(access[i]) ? 0.0 : p * access[i];
    double dc = desert[i] ? p : 0.0, dk = desert[i] ? row_area_km2[row[i]] : 0.0;
    for (int k = share_start[i]; k < share_start[i + 1]; ++k) {
      Sums& s = town[share_town[k]];
      double f = sign * share_frac[k];
      s.covered += f * covered;
      s.covered_incl += f * covered_incl;
      s.child_access += f * ca;
      s.deserts += f * dc;
      s.desert_km2 += f * dk;
      touched.insert(share_town[k]);
    }
  }

  // Adds (sign +1) or removes (-1) facility j's effect on the cells near it.
  void apply_facility(int j, double sign, std::set<int>& touched) {
    std::vector<gis::Neighbour> near;
    cells_near(fx[j], fy[j], near);
    for (auto [i, d] : near) apply_cell(i, -1.0, touched);
    if (sign > 0 && in_fca[j]) {
      double demand = 0;
      for (auto [i, d] : near) demand += children[i] * decay.weight(d);
      ratio[j] = demand > 0 ? supply[j] / demand : NAN;
    }
    for (auto [i, d] : near) {
      double w = decay.weight(d);
      n_reach[i] += int(sign);
      if (incl[j]) n_reach_incl[i] += int(sign);
      if (in_fca[j] && w > 0 && !std::isnan(ratio[j])) {
        n_fca[i] += int(sign);
        if (n_fca[i] == 0) access[i] = NAN;
        else access[i] = (std::isnan(access[i]) ? 0.0 : access[i]) + sign * ratio[j] * w;
      }
      desert[i] = is_desert(i);
      apply_cell(i, +1.0, touched);
    }
  }
};

Session::~Session() = default;

std::unique_ptr<Session> Session::open(const std::filesystem::path& project_file, const Progress& progress) {
  std::unique_ptr<Session> s(new Session());
  IndicatorOptions o;
  o.access = true;
  o.progress = progress;
  s->run_ = run_indicators(project_file, o);
  const Project& project = s->run_.project;
  if (project.access.demand != "cells" || !project.access.cost_table.empty()) {
    Problems p;
    p.error("[access]", "what-if editing needs cell-level access with straight-line distances",
            "set demand = \"cells\" and no cost_table");
    throw InputError(p);
  }
  auto m = std::make_unique<Model>();
  const StudyArea& area = s->run_.area;
  m->cfg = &project.access;
  m->decay = s->run_.access->decay;
  m->inclusive_only = project.access.supply == "inclusive_places";

  ChildrenLayers layers = open_children(project);
  m->grid = layers.grid;
  m->metric_to_grid = std::make_unique<gis::CoordinateTransform>(area.metric_crs, layers.crs);
  m->wgs_to_metric = std::make_unique<gis::CoordinateTransform>(gis::Crs::wgs84(), area.metric_crs);
  CellStream stream(layers, area.metric_crs);
  CellStream::Strip strip;
  m->row_start.assign(size_t(m->grid.rows) + 1, 0);
  m->row_area_km2.resize(m->grid.rows);
  for (int st = 0; st < stream.strips(); ++st) {
    stream.read(st, strip);
    for (int r = 0; r < strip.rows; ++r) m->row_area_km2[strip.row0 + r] = stream.cell_area_km2(strip.row0 + r);
    for (size_t k = 0; k < strip.populated.size(); ++k) {
      int off = strip.populated[k];
      int r = strip.row0 + off / m->grid.cols;
      m->row.push_back(r);
      m->col.push_back(off % m->grid.cols);
      m->x.push_back(strip.x[k]);
      m->y.push_back(strip.y[k]);
      m->children.push_back(strip.children[off]);
      ++m->row_start[size_t(r) + 1];
    }
    if (progress) progress("what-if model", 0.5 * (st + 1) / stream.strips());
  }
  for (int r = 0; r < m->grid.rows; ++r) m->row_start[size_t(r) + 1] += m->row_start[size_t(r)];
  const size_t n = m->x.size();

  // Exact township shares of each cell, from the same coverage fractions as
  // the zonal sums.
  std::vector<gis::CoveragePolygon> zones = township_zones(area, m->grid, layers.crs);
  std::vector<std::tuple<int, int, double>> shares;  // cell, township, fraction
  std::vector<double> cov;
  for (size_t z = 0; z < zones.size(); ++z) {
    const gis::CellWindow& w = zones[z].window();
    for (int r0 = w.row0; r0 < w.row0 + w.rows; r0 += 256) {
      gis::CellWindow part{w.col0, r0, w.cols, std::min(256, w.row0 + w.rows - r0)};
      zones[z].coverage(part, cov);
      for (int r = part.row0; r < part.row0 + part.rows; ++r) {
        auto first = m->col.begin() + m->row_start[r], last = m->col.begin() + m->row_start[r + 1];
        for (auto it = std::lower_bound(first, last, part.col0); it != last && *it < part.col0 + part.cols; ++it) {
          double f = cov[size_t(r - part.row0) * part.cols + size_t(*it - part.col0)];
          if (f > 0) shares.emplace_back(int(it - m->col.begin()), int(z), f);
        }
      }
    }
  }
  std::sort(shares.begin(), shares.end());
  m->share_start.assign(n + 1, 0);
  for (const auto& [i, t, f] : shares) {
    ++m->share_start[size_t(i) + 1];
    m->share_town.push_back(t);
    m->share_frac.push_back(f);
  }
  for (size_t i = 0; i < n; ++i) m->share_start[i + 1] += m->share_start[i];

  // Facilities and the 2SFCA state, computed exactly as compute_access does.
  for (const Facility& f : area.facilities) {
    double x = f.lon, y = f.lat;
    m->wgs_to_metric->apply(x, y);
    m->fx.push_back(x);
    m->fy.push_back(y);
    m->incl.push_back(f.inclusive);
    m->in_fca.push_back(!m->inclusive_only || f.inclusive);
    m->supply.push_back(m->in_fca.back() ? f.places : 0.0);
  }
  m->ratio.assign(m->fx.size(), NAN);
  m->access.assign(n, NAN);
  m->n_reach.assign(n, 0);
  m->n_reach_incl.assign(n, 0);
  m->n_fca.assign(n, 0);
  m->desert.assign(n, 0);
  m->town.resize(area.townships.size());
  std::set<int> touched;
  for (size_t j = 0; j < m->fx.size(); ++j) {
    m->apply_facility(int(j), +1.0, touched);
    if (progress) progress("what-if model", 0.5 + 0.5 * double(j + 1) / double(m->fx.size()));
  }
  // Cells no facility reaches: desert flags and the children sums.
  for (size_t i = 0; i < n; ++i) {
    if (m->n_reach[i] == 0) {
      m->desert[i] = m->is_desert(int(i));
      if (m->desert[i]) {
        for (int k = m->share_start[i]; k < m->share_start[i + 1]; ++k) {
          auto& t = m->town[m->share_town[k]];
          t.deserts += m->share_frac[k] * m->children[i];
          t.desert_km2 += m->share_frac[k] * m->row_area_km2[m->row[i]];
        }
      }
    }
    for (int k = m->share_start[i]; k < m->share_start[i + 1]; ++k) {
      m->town[m->share_town[k]].children += m->share_frac[k] * m->children[i];
    }
  }
  s->model_ = std::move(m);
  s->refresh_table();
  s->changed_.clear();
  return s;
}

double Session::places_per_child(int facility) const { return model_->ratio.at(facility); }

void Session::refresh_table() {
  table_ = compute_indicators(run_.area, run_.population, run_.project.targets.places_per_1000);
  std::vector<TownshipAccess> access(model_->town.size());
  for (size_t t = 0; t < access.size(); ++t) {
    const Model::Sums& s = model_->town[t];
    access[t].children_covered = s.covered;
    access[t].children_covered_inclusive = s.covered_incl;
    access[t].access_2sfca = s.children > 0 ? s.child_access / s.children : NAN;
    access[t].children_in_deserts = s.deserts;
    access[t].desert_area_km2 = s.desert_km2;
  }
  add_access_columns(table_, access);
}

int Session::add_facility(Facility f) {
  StudyArea& area = run_.area;
  planner::add_facility(area, std::move(f));
  const Facility& added = area.facilities.back();
  double x = added.lon, y = added.lat;
  model_->wgs_to_metric->apply(x, y);
  model_->fx.push_back(x);
  model_->fy.push_back(y);
  model_->incl.push_back(added.inclusive);
  model_->in_fca.push_back(!model_->inclusive_only || added.inclusive);
  model_->supply.push_back(model_->in_fca.back() ? added.places : 0.0);
  model_->ratio.push_back(NAN);
  std::set<int> touched;
  int j = int(area.facilities.size()) - 1;
  model_->apply_facility(j, +1.0, touched);
  if (added.township >= 0) touched.insert(added.township);
  changed_.assign(touched.begin(), touched.end());
  refresh_table();
  return j;
}

void Session::remove_facility(int j) {
  StudyArea& area = run_.area;
  if (j < 0 || j >= int(area.facilities.size())) throw gis::Error(fmt::format("no facility {}", j));
  std::set<int> touched;
  model_->apply_facility(j, -1.0, touched);
  if (area.facilities[j].township >= 0) touched.insert(area.facilities[j].township);
  area.facilities.erase(area.facilities.begin() + j);
  for (auto* v : {&model_->fx, &model_->fy, &model_->supply, &model_->ratio}) v->erase(v->begin() + j);
  model_->incl.erase(model_->incl.begin() + j);
  model_->in_fca.erase(model_->in_fca.begin() + j);
  changed_.assign(touched.begin(), touched.end());
  refresh_table();
}

void Session::move_facility(int j, double lon, double lat) {
  StudyArea& area = run_.area;
  if (j < 0 || j >= int(area.facilities.size())) throw gis::Error(fmt::format("no facility {}", j));
  std::set<int> touched;
  model_->apply_facility(j, -1.0, touched);
  if (area.facilities[j].township >= 0) touched.insert(area.facilities[j].township);
  Facility f = area.facilities[j];
  f.lon = lon;
  f.lat = lat;
  area.facilities[j] = f;
  area.facilities[j].township = locate_township(area, lon, lat);
  double x = lon, y = lat;
  model_->wgs_to_metric->apply(x, y);
  model_->fx[j] = x;
  model_->fy[j] = y;
  model_->apply_facility(j, +1.0, touched);
  if (area.facilities[j].township >= 0) touched.insert(area.facilities[j].township);
  changed_.assign(touched.begin(), touched.end());
  refresh_table();
}

}  // namespace tuowei::planner
