#include "planner/siting/candidates.h"

#include <fmt/format.h>
#include <ogr_api.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "gis/crs.h"
#include "gis/error.h"
#include "gis/point_index.h"
#include "gis/spatial_index.h"
#include "gis/vector.h"
#include "planner/inputs.h"
#include "planner/say.h"

namespace tuowei::planner {

std::vector<Candidate> read_candidates(const Study& study, const ProposalConfig& c, Problems& problems) {
  std::vector<Candidate> out;
  gis::VectorTable t;
  try {
    t = gis::read_vector({c.candidates, c.candidates_layer, c.candidates_encoding});
  } catch (const gis::Error& e) {
    problems.error(as_is("[proposals] candidates"), gis::text_of(e));
    return out;
  }
  gis::Crs crs;
  try {
    crs = c.candidates_crs.empty() ? t.crs : gis::Crs::parse(c.candidates_crs);
  } catch (const gis::Error& e) {
    problems.error(as_is(t.source), gis::text_of(e));
    return out;
  }
  if (!crs.valid()) {
    problems.error(as_is(t.source), say("has no CRS"),
                   say("add candidates_crs = \"GCJ-02\" (or EPSG:...) under [proposals]"));
    return out;
  }
  gis::CoordinateTransform to_wgs(crs, gis::Crs::wgs84());
  gis::CoordinateTransform to_metric(gis::Crs::wgs84(), study.metric_crs());
  int xf = t.field_index(c.candidate_x_field), yf = t.field_index(c.candidate_y_field);
  int idf = t.field_index(c.candidate_id_field), nf = t.field_index(c.candidate_name_field);
  int pf = t.field_index(c.candidate_places_field), cf = t.field_index(c.candidate_cost_field);
  std::map<std::string, int> seen;
  for (auto& rec : t.records) {
    const Text where = say("{}, record {}", t.source, rec.number);
    auto text = [&](int f) { return f >= 0 && rec.values[f] ? *rec.values[f] : std::string(); };
    Candidate k;
    k.id = text(idf).empty() ? fmt::format("C{}", rec.number) : text(idf);
    k.name = text(nf);
    k.places = c.places;
    double x = 0, y = 0;
    if (xf >= 0 && yf >= 0) {
      if (!parse_number(text(xf), x) || !parse_number(text(yf), y)) {
        problems.record_error(where, say("coordinates '{}', '{}' are not numbers", text(xf), text(yf)));
        continue;
      }
    } else if (rec.geometry && !rec.geometry->IsEmpty()) {
      // Polygons (a vacant building's footprint...) stand for a point inside them.
      OGRGeometryUniquePtr p(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(rec.geometry.get()))));
      if (!p || wkbFlatten(p->getGeometryType()) != wkbPoint) {
        problems.record_error(where, say("has no usable geometry"));
        continue;
      }
      x = p->toPoint()->getX();
      y = p->toPoint()->getY();
    } else {
      problems.record_error(where, say("has neither a geometry nor {}/{} fields", c.candidate_x_field,
                                       c.candidate_y_field));
      continue;
    }
    if (!to_wgs.apply(x, y) || !(check_china_lonlat(x, y).empty())) {
      problems.record_error(where, say("position ({}, {}) is outside China after conversion from {}", x, y,
                                       crs.name()));
      continue;
    }
    k.lon = x;
    k.lat = y;
    if (pf >= 0 && !text(pf).empty()) {
      if (!parse_number(text(pf), k.places) || !(k.places > 0)) {
        problems.record_error(where, say("{} '{}' must be a number of places > 0", c.candidate_places_field,
                                         text(pf)));
        continue;
      }
    }
    if (cf >= 0 && !text(cf).empty() && !parse_number(text(cf), k.cost)) {
      problems.warning(where, say("{} '{}' is not a number; ignored", c.candidate_cost_field, text(cf)));
    }
    if (auto [it, fresh] = seen.emplace(k.id, rec.number); !fresh) {
      problems.record_error(where, say("candidate id {} is also record {}'s", k.id, it->second),
                            say("give every candidate its own id"));
      continue;
    }
    k.x = k.lon;
    k.y = k.lat;
    to_metric.apply(k.x, k.y);
    k.township = study.township_index().at(k.lon, k.lat);
    out.push_back(k);
  }
  return out;
}

std::vector<Candidate> generate_candidates(const FacilitySet& existing, const ProposalConfig& c,
                                           const std::vector<double>& weight) {
  const Study& study = existing.study();
  const DemandCells& d = existing.demand().cells;
  const gis::CellPoints& points = d.points();
  const double s = c.generate_cell_m;
  struct Item {
    double weight, children;
    long long ix, iy;
  };
  // Children and weight per coarse cell, summed in cell order.
  struct Key {
    long long ix, iy;
    bool operator==(const Key& o) const { return ix == o.ix && iy == o.iy; }
  };
  struct Hash {
    size_t operator()(const Key& k) const { return std::hash<long long>()(k.ix * 1000003LL ^ k.iy); }
  };
  std::unordered_map<Key, size_t, Hash> index;
  index.reserve(d.size() / 4);
  std::vector<Item> coarse;
  for (size_t i = 0; i < d.size(); ++i) {
    const Key key{(long long)std::floor(points.x(i) / s), (long long)std::floor(points.y(i) / s)};
    auto [it, fresh] = index.emplace(key, coarse.size());
    if (fresh) coarse.push_back({0.0, 0.0, key.ix, key.iy});
    coarse[it->second].children += d.children(i);
    coarse[it->second].weight += weight[i];
  }
  std::vector<Item> items;
  for (const Item& it : coarse) {
    if (it.children >= c.generate_min_children) items.push_back(it);
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    if (a.children != b.children) return a.children > b.children;
    return std::tie(a.ix, a.iy) < std::tie(b.ix, b.iy);
  });
  std::vector<double> fx, fy;
  for (const Facility& f : existing.all()) {
    fx.push_back(f.x);
    fy.push_back(f.y);
  }
  gis::PointIndex near_existing(fx, fy);
  std::vector<OGRGeometryUniquePtr> excluded;
  std::vector<const OGRGeometry*> excluded_ptrs;
  if (!c.exclude.empty()) {
    gis::VectorTable t = gis::read_vector({c.exclude, "", "auto"});
    gis::CoordinateTransform to_wgs(t.crs.valid() ? t.crs : gis::Crs::wgs84(), gis::Crs::wgs84());
    for (auto& r : t.records) {
      if (!r.geometry) continue;
      to_wgs.apply(*r.geometry);
      excluded_ptrs.push_back(r.geometry.get());
      excluded.push_back(std::move(r.geometry));
    }
  }
  gis::PolygonIndex exclusion(excluded_ptrs);
  gis::CoordinateTransform to_wgs(study.metric_crs(), gis::Crs::wgs84());

  std::vector<Candidate> out;
  std::vector<gis::Neighbour> near;
  for (const Item& it : items) {
    if (int(out.size()) >= c.max_candidates) break;
    Candidate k;
    k.generated = true;
    k.x = (double(it.ix) + 0.5) * s;
    k.y = (double(it.iy) + 0.5) * s;
    if (c.min_distance_m > 0) {
      near_existing.within(k.x, k.y, c.min_distance_m, near);
      if (!near.empty()) continue;
    }
    k.lon = k.x;
    k.lat = k.y;
    to_wgs.apply(k.lon, k.lat);
    if (exclusion.locate(k.lon, k.lat) >= 0) continue;
    k.township = study.township_index().at(k.lon, k.lat);
    if (k.township < 0) continue;
    k.places = c.places;
    k.id = fmt::format("G{}", out.size() + 1);
    out.push_back(k);
  }
  return out;
}

}  // namespace tuowei::planner
