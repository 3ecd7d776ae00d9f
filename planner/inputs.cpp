#include "planner/inputs.h"

#include <fmt/format.h>
#include <ogr_api.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "gis/error.h"
#include "gis/vector.h"
#include "planner/say.h"

namespace tuowei::planner {
namespace {

// More places than any one childcare facility has (docs/methods.md 4).
constexpr double kMostPlacesInAFacility = 10000;

// China's rough extent, generous enough for every border county.
bool in_china_box(double lon, double lat) { return lon >= 73.0 && lon <= 135.5 && lat >= 3.0 && lat <= 54.0; }

// Items joined with a separator in each language ("; " and "；").
Text joined(const std::vector<Text>& items, const char* en_sep, const char* zh_sep) {
  std::string en, zh;
  for (size_t k = 0; k < items.size(); ++k) {
    if (k) en += en_sep, zh += zh_sep;
    en += items[k].en();
    zh += items[k].zh();
  }
  return Text(std::move(en), std::move(zh));
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

std::string value_of(const gis::VectorRecord& r, int field) {
  if (field < 0 || !r.values[field]) return {};
  return trim(*r.values[field]);
}

int optional_field(const gis::VectorTable& t, const std::string& name, const Text& role, Problems& problems,
                   bool report_missing) {
  if (name.empty()) return -1;
  int i = t.field_index(name);
  if (i < 0 && report_missing) {
    std::string fields;
    for (const auto& f : t.fields) fields += (fields.empty() ? "" : ", ") + f;
    problems.error(as_is(t.source), say("no field '{}' for the {}; the fields are: {}", name, role, fields),
                   say("set the right field name in the project file"));
  }
  return i;
}

bool is_areal(const OGRGeometry& g) {
  auto t = wkbFlatten(g.getGeometryType());
  return t == wkbPolygon || t == wkbMultiPolygon || t == wkbCurvePolygon || t == wkbMultiSurface;
}

// Keeps only the polygonal parts of what MakeValid returns.
OGRGeometryUniquePtr polygonal_part(OGRGeometryUniquePtr g) {
  if (!g || is_areal(*g)) return g;
  if (wkbFlatten(g->getGeometryType()) != wkbGeometryCollection) return nullptr;
  auto multi = std::make_unique<OGRMultiPolygon>();
  for (auto* part : *g->toGeometryCollection()) {
    auto t = wkbFlatten(part->getGeometryType());
    if (t == wkbPolygon) multi->addGeometry(part);
    if (t == wkbMultiPolygon) {
      for (auto* p : *part->toMultiPolygon()) multi->addGeometry(p);
    }
  }
  if (multi->IsEmpty()) return nullptr;
  return OGRGeometryUniquePtr(multi.release());
}

gis::Crs resolve_crs(const std::string& override_text, const gis::Crs& declared, const Text& where, Problems& problems,
                     const Text& fix) {
  if (!override_text.empty()) {
    try {
      return gis::Crs::parse(override_text);
    } catch (const gis::Error& e) {
      problems.error(where, gis::text_of(e));
      return {};
    }
  }
  if (!declared.valid()) problems.error(where, say("has no CRS"), fix);
  return declared;
}

void load_townships(const Project& project, StudyInputs& area, Problems& problems) {
  const TownshipsConfig& cfg = project.townships;
  gis::VectorTable t;
  try {
    t = gis::read_vector({cfg.path, cfg.layer, cfg.encoding, true});
  } catch (const gis::Error& e) {
    problems.error(say("townships"), gis::text_of(e));
    return;
  }
  area.townships_encoding = t.encoding;
  for (const Text& note : t.notes) problems.warning({}, note);
  if (t.records.empty()) {
    problems.error(as_is(t.source), say("layer '{}' has no features", t.layer),
                   say("point [townships] path/layer at the township boundaries"));
    return;
  }
  int id_f = optional_field(t, cfg.id_field, say("township id ([townships] id_field)"), problems, true);
  int name_f = optional_field(t, cfg.name_field, say("township name ([townships] name_field)"), problems, true);
  int pid_f = optional_field(t, cfg.parent_id_field, say("county id ([townships] parent_id_field)"), problems, true);
  int pname_f =
      optional_field(t, cfg.parent_name_field, say("county name ([townships] parent_name_field)"), problems, true);
  if (id_f < 0) return;
  area.township_crs = resolve_crs(
      cfg.crs, t.crs, as_is(t.source), problems,
      t.missing_crs_hint.empty()
          ? say("add crs = \"EPSG:4326\" (or the right code) under [townships]")
          : say("add crs = \"EPSG:4326\" (or the right code) under [townships], or {}", t.missing_crs_hint));
  if (!area.township_crs.valid()) return;

  std::map<std::string, int> seen;
  for (auto& rec : t.records) {
    Text where = say("{}, record {}", t.source, rec.number);
    Township town;
    town.id = value_of(rec, id_f);
    town.name = value_of(rec, name_f);
    town.parent_id = value_of(rec, pid_f);
    town.parent_name = value_of(rec, pname_f);
    if (town.id.empty()) {
      problems.error(where, say("the township id ({}) is empty", cfg.id_field), say("give every township an id"));
      continue;
    }
    where += say(" ({} {})", cfg.id_field, town.id);
    if (auto [it, fresh] = seen.emplace(town.id, rec.number); !fresh) {
      problems.error(where, say("duplicate township id: record {} has the same id", it->second),
                     say("township ids must be unique; merge or recode the two records"));
      continue;
    }
    if (!rec.geometry || rec.geometry->IsEmpty()) {
      problems.error(where, say("has no boundary geometry"));
      continue;
    }
    if (!is_areal(*rec.geometry)) {
      problems.error(where, say("boundary is a {}, not a polygon", rec.geometry->getGeometryName()),
                     say("township boundaries must be polygons or multipolygons"));
      continue;
    }
    OGRGeometryUniquePtr geom = std::move(rec.geometry);
    if (!geom->IsValid()) {
      OGRGeometryUniquePtr fixed = polygonal_part(OGRGeometryUniquePtr(geom->MakeValid()));
      if (!fixed) {
        problems.error(where, say("boundary is invalid and could not be repaired"));
        continue;
      }
      problems.warning(where, say("boundary was invalid (e.g. self-intersecting) and was repaired with GEOS MakeValid"),
                       say("check the repaired shape in the output"));
      geom = std::move(fixed);
    }
    town.geometry = std::move(geom);
    area.townships.push_back(std::move(town));
  }
}

// Townships that overlap count the people of the overlap in each: said,
// with the area, for pairs whose interiors share more than 100 m² and
// 0.01% of the smaller one (shared borders and slivers of digitising aside).
void report_overlaps(const std::vector<Township>& townships, const std::vector<std::unique_ptr<OGRGeometry>>& metric,
                     Problems& problems) {
  std::vector<OGREnvelope> env(metric.size());
  for (size_t i = 0; i < metric.size(); ++i) {
    if (metric[i]) metric[i]->getEnvelope(&env[i]);
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < metric.size(); ++i) {
    if (metric[i]) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return env[a].MinX < env[b].MinX; });
  std::vector<Text> pairs;
  double total_km2 = 0;
  for (size_t a = 0; a < order.size(); ++a) {
    const size_t i = order[a];
    for (size_t b = a + 1; b < order.size() && env[order[b]].MinX <= env[i].MaxX; ++b) {
      const size_t j = order[b];
      if (!env[i].Intersects(env[j])) continue;
      std::unique_ptr<OGRGeometry> common(metric[i]->Intersection(metric[j].get()));
      if (!common) continue;
      const double m2 = OGR_G_Area(OGRGeometry::ToHandle(common.get()));
      const double smaller = 1e6 * std::min(townships[i].area_km2, townships[j].area_km2);
      if (m2 > 100.0 && m2 > 1e-4 * smaller) {
        total_km2 += m2 / 1e6;
        pairs.push_back(say("{} {} and {} {} ({:.3f} km², {:.1f}% of the smaller)", townships[i].id, townships[i].name,
                            townships[j].id, townships[j].name, m2 / 1e6, 100.0 * m2 / smaller));
      }
    }
  }
  if (pairs.empty()) return;
  const size_t more = pairs.size() > 20 ? pairs.size() - 20 : 0;
  Text list = joined({pairs.begin(), pairs.end() - long(more)}, "; ", "；");
  if (more > 0) list += say("; and {} more", more);
  problems.warning(say("townships"),
                   say("{} pairs of townships overlap ({:.3f} km² in all): the people there are counted in "
                       "both: {}",
                       pairs.size(), total_km2, list),
                   say("fix the boundaries so that each place lies in one township (e.g. QGIS: Vector > Geometry Tools "
                       "> Check Validity, or the topology checker)"));
}

void place_townships(StudyInputs& area, const Project& project, Problems& problems) {
  if (area.townships.empty()) return;
  gis::CoordinateTransform to_wgs(area.township_crs, gis::Crs::wgs84());
  OGREnvelope all;
  for (Township& t : area.townships) {
    t.geometry_wgs84.reset(t.geometry->clone());
    if (!to_wgs.apply(*t.geometry_wgs84)) {
      problems.error(say("township {} {}", t.id, t.name),
                     say("boundary cannot be transformed from {} to WGS84", area.township_crs.name()),
                     say("check the townships' CRS"));
      continue;
    }
    OGREnvelope e;
    t.geometry_wgs84->getEnvelope(&e);
    all.Merge(e);
  }
  if (!all.IsInit()) return;
  double lon = 0.5 * (all.MinX + all.MaxX), lat = 0.5 * (all.MinY + all.MaxY);
  if (!in_china_box(lon, lat)) {
    problems.warning(say("townships"), say("the study area's centre ({:.4f}, {:.4f}) is outside China", lon, lat),
                     say("check the townships' CRS; GCJ-02/BD-09 only apply in China"));
  }
  try {
    area.metric_crs = project.distance_crs.empty() || project.distance_crs == "auto"
                          ? gis::metric_crs_for(lon, lat)
                          : gis::Crs::parse(project.distance_crs);
  } catch (const gis::Error& e) {
    problems.error(as_is(project.file.string()), say("[project] distance_crs: {}", gis::text_of(e)));
    return;
  }
  if (area.metric_crs.is_geographic()) {
    problems.error(as_is(project.file.string()), say("[project] distance_crs must be a projected CRS in metres"),
                   say("use \"auto\" or e.g. EPSG:4545"));
    return;
  }
  gis::CoordinateTransform to_metric(gis::Crs::wgs84(), area.metric_crs);
  std::vector<std::unique_ptr<OGRGeometry>> metric(area.townships.size());
  for (size_t i = 0; i < area.townships.size(); ++i) {
    Township& t = area.townships[i];
    if (!t.geometry_wgs84) continue;
    std::unique_ptr<OGRGeometry> m(t.geometry_wgs84->clone());
    if (to_metric.apply(*m)) {
      t.area_km2 = OGR_G_Area(OGRGeometry::ToHandle(m.get())) / 1e6;
      metric[i] = std::move(m);
    }
  }
  report_overlaps(area.townships, metric, problems);
}

void load_facilities(const Project& project, StudyInputs& area, Problems& problems) {
  const FacilitiesConfig& cfg = project.facilities;
  gis::VectorTable t;
  try {
    t = gis::read_vector({cfg.path, cfg.layer, cfg.encoding});
  } catch (const gis::Error& e) {
    problems.error(say("facilities"), gis::text_of(e));
    return;
  }
  area.facilities_encoding = t.encoding;
  for (const Text& note : t.notes) problems.warning({}, note);
  if (t.records.empty()) {
    problems.warning(as_is(t.source), say("has no facilities; every township will show 0 places"));
    return;
  }
  bool use_xy = t.field_index(cfg.x_field) >= 0 && t.field_index(cfg.y_field) >= 0;
  int x_f = -1, y_f = -1;
  if (use_xy) {
    x_f = t.field_index(cfg.x_field);
    y_f = t.field_index(cfg.y_field);
  } else if (t.records.front().geometry == nullptr) {
    optional_field(t, cfg.x_field, say("x/longitude ([facilities] x_field)"), problems, true);
    optional_field(t, cfg.y_field, say("y/latitude ([facilities] y_field)"), problems, true);
    return;
  }
  int places_f = optional_field(t, cfg.places_field, say("places ([facilities] places_field)"), problems, true);
  int id_f = optional_field(t, cfg.id_field, say("facility id ([facilities] id_field)"), problems, false);
  int name_f = optional_field(t, cfg.name_field, say("facility name ([facilities] name_field)"), problems, false);
  int type_f = optional_field(t, cfg.type_field, say("type"), problems, false);
  int op_f = optional_field(t, cfg.operator_field, say("operator"), problems, false);
  int enrolled_f =
      optional_field(t, cfg.enrolled_field, say("enrolled children ([facilities] enrolled_field)"), problems, false);
  int incl_f =
      optional_field(t, cfg.inclusive_field, say("inclusive flag ([facilities] inclusive_field)"), problems, false);
  if (places_f < 0) return;
  if (enrolled_f < 0) {
    problems.warning(as_is(t.source),
                     say("no field '{}': enrolment is unknown, enrolment rates will be 0", cfg.enrolled_field),
                     say("set [facilities] enrolled_field"));
  }
  if (incl_f < 0) {
    problems.warning(as_is(t.source), say("no field '{}': no facility counts as inclusive (普惠)", cfg.inclusive_field),
                     say("set [facilities] inclusive_field"));
  }
  gis::Crs crs = resolve_crs(
      cfg.crs, t.crs, as_is(t.source), problems,
      t.missing_crs_hint.empty()
          ? say("add crs = \"GCJ-02\" (Amap/Tencent), \"BD-09\" (Baidu) or \"EPSG:4326\" under [facilities]")
          : say("add crs = \"GCJ-02\" (Amap/Tencent), \"BD-09\" (Baidu) or \"EPSG:4326\" under [facilities], "
                "or {}",
                t.missing_crs_hint));
  if (!crs.valid()) return;
  gis::CoordinateTransform to_wgs(crs, gis::Crs::wgs84());

  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  std::map<std::string, int> seen_ids;
  int missing_enrolled = 0;
  std::vector<Text> overfull;
  for (auto& rec : t.records) {
    Facility f;
    f.record = rec.number;
    f.id = value_of(rec, id_f);
    f.name = value_of(rec, name_f);
    f.type = value_of(rec, type_f);
    f.operator_kind = value_of(rec, op_f);
    Text where = say("{}, record {}", t.source, rec.number);
    if (!f.id.empty()) where += say(" ({} {})", cfg.id_field, f.id);
    else if (!f.name.empty()) where += say(" ({})", f.name);
    bool ok = true;

    std::string places_text = value_of(rec, places_f);
    if (!parse_number(places_text, f.places) || f.places < 0) {
      problems.record_error(where, say("{} '{}' is not a number of places (expected a whole number >= 0)",
                                       cfg.places_field, places_text));
      ok = false;
    } else if (f.places > kMostPlacesInAFacility) {
      // The largest care centres have a few hundred places: a typo or a
      // column of another quantity.
      problems.record_error(where, say("{} {} is not a plausible number of places for one facility (at most "
                                       "{:.0f})",
                                       cfg.places_field, places_text, kMostPlacesInAFacility));
      ok = false;
    } else if (f.places != std::floor(f.places)) {
      problems.warning(where, say("{} {} is not a whole number", cfg.places_field, places_text));
    }
    if (enrolled_f >= 0) {
      std::string e = value_of(rec, enrolled_f);
      if (e.empty()) {
        ++missing_enrolled;
      } else if (!parse_number(e, f.enrolled) || f.enrolled < 0) {
        problems.record_error(
            where, say("{} '{}' is not a number of children (expected a whole number >= 0)", cfg.enrolled_field, e));
        ok = false;
      } else if (ok && f.enrolled > f.places) {
        overfull.push_back(
            say("record {}{} ({} in {})", rec.number, f.id.empty() ? "" : " " + f.id, f.enrolled, f.places));
      }
    }
    if (incl_f >= 0) {
      std::string v = lower(value_of(rec, incl_f));
      auto in = [&](const std::vector<std::string>& list) {
        return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return lower(x) == v; });
      };
      if (in(cfg.inclusive_values)) {
        f.inclusive = true;
      } else if (!v.empty() && !in(cfg.non_inclusive_values)) {
        problems.warning(
            where,
            say("{} '{}' is neither yes nor no; counted as not inclusive", cfg.inclusive_field, value_of(rec, incl_f)),
            say("use 是/否, or list the value in [facilities] inclusive_values"));
      }
    }

    double x = 0, y = 0;
    if (use_xy) {
      std::string xs = value_of(rec, x_f), ys = value_of(rec, y_f);
      if (!parse_number(xs, x) || !parse_number(ys, y)) {
        problems.record_error(where,
                              say("coordinates ({} '{}', {} '{}') are not numbers", cfg.x_field, xs, cfg.y_field, ys));
        continue;
      }
    } else if (rec.geometry && wkbFlatten(rec.geometry->getGeometryType()) == wkbPoint) {
      x = rec.geometry->toPoint()->getX();
      y = rec.geometry->toPoint()->getY();
    } else {
      problems.record_error(where, say("has no point geometry"));
      continue;
    }
    if (crs.is_geographic() && !in_china_box(x, y)) {
      problems.record_error(where, check_china_lonlat(x, y),
                            say("fix the coordinates or the [facilities] x_field/y_field/crs"));
      continue;
    }
    double lon = x, lat = y;
    if (!to_wgs.apply(lon, lat)) {
      problems.record_error(where, say("coordinates ({}, {}) cannot be transformed from {}", x, y, crs.name()));
      continue;
    }
    if (!crs.is_geographic() && !in_china_box(lon, lat)) {
      problems.record_error(where, say("coordinates ({}, {}) in {} fall outside China", x, y, crs.name()),
                            say("check [facilities] crs (Gauss-Kruger codes differ by zone)"));
      continue;
    }
    f.lon = lon;
    f.lat = lat;
    if (!f.id.empty()) {
      if (auto [it, fresh] = seen_ids.emplace(f.id, rec.number); !fresh) {
        problems.warning(where, say("same id as record {}; both are counted", it->second),
                         say("remove the duplicate if it is one"));
      }
    }
    if (ok) area.facilities.push_back(std::move(f));
  }
  if (!overfull.empty()) {
    const Text list = joined(overfull, ", ", "；");
    problems.warning(as_is(t.source),
                     say("{} facilities have more children enrolled than places: {}", overfull.size(), list),
                     say("check the figures; they are used as given"));
  }
  if (missing_enrolled > 0) {
    problems.warning(as_is(t.source), say("{} facilities leave {} empty; they count as 0 enrolled", missing_enrolled,
                                          cfg.enrolled_field));
  }
}

}  // namespace

bool parse_number(const std::string& text, double& out) {
  std::string s;
  for (char c : trim(text)) {
    if (c != ',') s += c;
  }
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && ptr == end && std::isfinite(out);
}

Text check_china_lonlat(double lon, double lat) {
  if (in_china_box(lon, lat)) return {};
  if (in_china_box(lat, lon)) {
    return say("longitude {} and latitude {} look swapped (China lies at 73-135E, 3-54N)", lon, lat);
  }
  return say("longitude {}, latitude {} is outside China (73-135E, 3-54N)", lon, lat);
}

StudyInputs read_inputs(const Project& project, Problems& problems) {
  StudyInputs area;
  load_townships(project, area, problems);
  try {
    place_townships(area, project, problems);
  } catch (const gis::Error& e) {
    problems.error(say("townships"), gis::text_of(e));
  }
  try {
    load_facilities(project, area, problems);
  } catch (const gis::Error& e) {
    problems.error(say("facilities"), gis::text_of(e));
  }
  return area;
}

}  // namespace tuowei::planner
