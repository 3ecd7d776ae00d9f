#include "planner/region.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "gis/error.h"
#include "gis/vector.h"
#include "planner/inputs.h"
#include "planner/official.h"
#include "planner/say.h"

namespace tuowei::planner {
namespace {

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// Competition ranking, highest first, of `value` over `units` into `rank`.
template <class Value, class Rank>
int rank_by(std::vector<RegionUnit>& units, Value value, Rank rank) {
  std::vector<RegionUnit*> order;
  for (RegionUnit& u : units) {
    if (!std::isnan(value(u))) order.push_back(&u);
  }
  std::stable_sort(order.begin(), order.end(), [&](auto* a, auto* b) { return value(*a) > value(*b); });
  for (size_t k = 0; k < order.size(); ++k) {
    const double a = value(*order[k]), b = k ? value(*order[k - 1]) : NAN;
    const bool tie = k > 0 && std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
    rank(*order[k]) = tie ? rank(*order[k - 1]) : int(k) + 1;
  }
  return int(order.size());
}

}  // namespace

RegionRanking rank_in_region(const ReportConfig& cfg, const IndicatorTable& table, const std::string& study_name,
                             Problems& problems) {
  RegionRanking out;
  // The study's units: its counties, else the whole area.
  std::vector<RegionUnit> mine;
  auto from_row = [](const IndicatorRow& r, const std::string& name) {
    RegionUnit u;
    u.id = r.id;
    u.name = name;
    u.residents = r.population;
    u.places = r.places;
    u.enrolled = r.enrolled;
    u.children_0_3 = r.children_0_3;
    u.in_study = true;
    return u;
  };
  if (!table.parents.empty()) {
    for (const IndicatorRow& p : table.parents) mine.push_back(from_row(p, p.name));
  } else {
    mine.push_back(from_row(table.total, study_name));
  }
  gis::VectorTable t;
  try {
    t = gis::read_vector({cfg.region_table, cfg.region_layer, cfg.region_encoding});
  } catch (const gis::Error& e) {
    problems.error(as_is("[report] region_table"), gis::text_of(e));
    return out;
  }
  out.source = t.source;
  auto field = [&](const std::string& name, bool required) {
    const int f = t.field_index(name);
    if (f < 0 && required) {
      std::string fields;
      for (const auto& x : t.fields) fields += (fields.empty() ? "" : ", ") + x;
      problems.error(as_is(t.source), say("no field '{}'; the fields are: {}", name, fields),
                     say("set the [report] region_*_field keys to the table's columns"));
    }
    return f;
  };
  const int id_f = field(cfg.region_id_field, true), name_f = field(cfg.region_name_field, false);
  const int res_f = field(cfg.region_residents_field, true), places_f = field(cfg.region_places_field, true);
  const int enr_f = field(cfg.region_enrolled_field, false), ch_f = field(cfg.region_children_field, false);
  if (id_f < 0 || res_f < 0 || places_f < 0) return out;
  std::map<std::string, size_t> mine_by_code;
  for (size_t i = 0; i < mine.size(); ++i) mine_by_code.emplace(township_code_key(mine[i].id), i);
  std::map<std::string, int> seen;
  std::vector<RegionUnit> units;
  for (const gis::VectorRecord& rec : t.records) {
    auto text = [&](int f) { return f >= 0 && rec.values[size_t(f)] ? trim(*rec.values[size_t(f)]) : std::string(); };
    const std::string code = text(id_f);
    const Text where = say("{}, record {} ({} {})", t.source, rec.number, cfg.region_id_field, code);
    if (code.empty()) {
      problems.error(say("{}, record {}", t.source, rec.number), say("the unit's code is empty"),
                     say("give every row its code, or delete rows such as totals"));
      continue;
    }
    if (auto [it, fresh] = seen.emplace(township_code_key(code), rec.number); !fresh) {
      problems.error(where, say("duplicate code: record {} has the same one", it->second));
      continue;
    }
    if (mine_by_code.count(township_code_key(code))) continue;  // the study's own: tuowei's figures
    RegionUnit u;
    u.id = code;
    u.name = text(name_f);
    bool ok = true;
    auto number = [&](int f, const std::string& name, bool required) {
      const std::string v = text(f);
      double x = NAN;
      if (v.empty()) {
        if (required) {
          problems.error(where, say("{} is empty", name));
          ok = false;
        }
        return x;
      }
      if (!parse_number(v, x) || x < 0) {
        problems.error(where, say("{} '{}' is not a count >= 0", name, v));
        ok = false;
        return double(NAN);
      }
      return x;
    };
    u.residents = number(res_f, cfg.region_residents_field, true);
    u.places = number(places_f, cfg.region_places_field, true);
    u.enrolled = number(enr_f, cfg.region_enrolled_field, false);
    u.children_0_3 = number(ch_f, cfg.region_children_field, false);
    if (ok) units.push_back(std::move(u));
  }
  units.insert(units.end(), mine.begin(), mine.end());
  for (RegionUnit& u : units) {
    u.places_per_1000 = u.residents > 0 ? u.places / u.residents * 1000.0 : NAN;
    u.enrolment_rate = u.children_0_3 > 0 && !std::isnan(u.enrolled) ? u.enrolled / u.children_0_3 : NAN;
  }
  out.ranked_places =
      rank_by(units, [](const RegionUnit& u) { return u.places_per_1000; }, [](RegionUnit& u) -> int& { return u.rank_places; });
  out.ranked_enrolment =
      rank_by(units, [](const RegionUnit& u) { return u.enrolment_rate; }, [](RegionUnit& u) -> int& { return u.rank_enrolment; });
  std::stable_sort(units.begin(), units.end(), [](const RegionUnit& a, const RegionUnit& b) {
    return (a.rank_places ? a.rank_places : 1 << 30) < (b.rank_places ? b.rank_places : 1 << 30);
  });
  out.units = std::move(units);
  return out;
}

}  // namespace tuowei::planner
