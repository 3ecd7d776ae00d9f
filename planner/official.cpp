#include "planner/official.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "gis/error.h"
#include "gis/vector.h"
#include "planner/inputs.h"
#include "planner/say.h"
#include "planner/study.h"

namespace tuowei::planner {
namespace {

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "a, b, c and 4 more" ("a、b、c，另有 4 项")
Text list_some(const std::vector<std::string>& items, size_t most = 10) {
  std::string en, zh;
  for (size_t i = 0; i < items.size() && i < most; ++i) {
    en += (i ? ", " : "") + items[i];
    zh += (i ? "、" : "") + items[i];
  }
  Text out(std::move(en), std::move(zh));
  if (items.size() > most) out += say(" and {} more", items.size() - most);
  return out;
}

// The births columns: fields matching `pattern` ({year} = four digits).
std::vector<std::pair<int, int>> births_columns(const gis::VectorTable& t, const std::string& pattern) {
  std::vector<std::pair<int, int>> out;  // (year, field)
  const size_t at = pattern.find("{year}");
  if (at == std::string::npos) return out;
  const std::string before = pattern.substr(0, at), after = pattern.substr(at + 6);
  for (size_t f = 0; f < t.fields.size(); ++f) {
    const std::string& name = t.fields[f];
    if (name.size() != before.size() + 4 + after.size()) continue;
    if (name.compare(0, before.size(), before) != 0 || name.compare(name.size() - after.size(), after.size(), after) != 0) {
      continue;
    }
    const std::string year = name.substr(before.size(), 4);
    if (all_digits(year)) out.emplace_back(std::stoi(year), int(f));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string township_code_key(const std::string& code) {
  std::string c = trim(code);
  // A number that went through a spreadsheet: "450102001.0".
  if (size_t dot = c.find('.'); dot != std::string::npos && all_digits(c.substr(0, dot)) &&
                                std::all_of(c.begin() + long(dot) + 1, c.end(), [](char ch) { return ch == '0'; })) {
    c.resize(dot);
  }
  if (c.size() == 12 && all_digits(c) && c.compare(9, 3, "000") == 0) c.resize(9);
  return c;
}

OfficialTable read_official_table(const OfficialConfig& cfg, const std::vector<Township>& townships,
                                  Problems& problems) {
  OfficialTable out;
  out.year = cfg.year;
  out.townships.assign(townships.size(), std::nullopt);
  gis::VectorTable t;
  try {
    t = gis::read_vector({cfg.path, cfg.layer, cfg.encoding});
  } catch (const gis::Error& e) {
    problems.error(as_is("[population.official]"), gis::text_of(e), say("check [population.official] path and layer"));
    return out;
  }
  out.source = t.source;
  std::string fields;
  for (const auto& f : t.fields) fields += (fields.empty() ? "" : ", ") + f;
  const int id_f = t.field_index(cfg.id_field);
  if (id_f < 0) {
    problems.error(as_is(t.source),
                   say("no field '{}' for the township codes; the fields are: {}", cfg.id_field, fields),
                   say("set [population.official] id_field to the column holding the 区划代码"));
    return out;
  }
  for (const std::string& named : cfg.named_fields) {
    if (named.find("{year}") != std::string::npos) continue;
    if (t.field_index(named) < 0) {
      problems.error(as_is(t.source),
                     say("no field '{}' (named in [population.official]); the fields are: {}", named, fields),
                     say("correct the field name in the project file, or remove the key"));
    }
  }
  const int name_f = t.field_index(cfg.name_field);
  const int res_f = t.field_index(cfg.residents_field);
  const int child_f = t.field_index(cfg.children_0_3_field);
  std::vector<int> age_f;
  for (const std::string& a : cfg.age_fields) age_f.push_back(t.field_index(a));
  const bool ages = age_f.size() == 3 && std::all_of(age_f.begin(), age_f.end(), [](int f) { return f >= 0; });
  if (!ages && std::any_of(age_f.begin(), age_f.end(), [](int f) { return f >= 0; })) {
    std::vector<std::string> missing;
    for (size_t k = 0; k < age_f.size(); ++k) {
      if (age_f[k] < 0) missing.push_back(cfg.age_fields[k]);
    }
    problems.error(as_is(t.source), say("has some of the single-year age fields but not {}", list_some(missing)),
                   say("give children aged 0, 1 and 2 in three columns, or none of them"));
  }
  const auto births = births_columns(t, cfg.births_field);
  bool births_ok = true;  // the columns' years follow each other (else rows are not checked for gaps)
  for (size_t k = 1; k < births.size(); ++k) {
    if (births[k].first == births[k - 1].first) {
      births_ok = false;
      problems.error(as_is(t.source), say("two births columns for {}", births[k].first));
    } else if (births[k].first != births[k - 1].first + 1) {
      births_ok = false;
      problems.error(
          as_is(t.source),
          say("births for {} and {} but not for {}", births[k - 1].first, births[k].first, births[k - 1].first + 1),
          say("give births for every year in between (the under-3s of a year need three consecutive years)"));
    }
  }
  if (!births.empty() && births.back().first > cfg.year) {
    problems.error(as_is(t.source), say("births for {} are after the table's year {}", births.back().first, cfg.year),
                   say("set [population.official] year to the last year the table describes"));
  }
  out.has_residents = res_f >= 0;
  out.has_children = child_f >= 0;
  out.has_ages = ages;
  for (const auto& b : births) out.birth_years.push_back(b.first);
  if (res_f < 0 && child_f < 0 && !ages && births.empty()) {
    problems.error(
        as_is(t.source),
        say("has none of the fields for residents ({}), under-3s ({}), ages ({}) or births ({}); "
            "the fields are: {}",
            cfg.residents_field, cfg.children_0_3_field, list_some(cfg.age_fields), cfg.births_field, fields),
        say("name the table's columns under [population.official] (residents_field, children_0_3_field, "
            "age_fields, births_field)"));
    return out;
  }

  std::map<std::string, int> index;
  for (size_t i = 0; i < townships.size(); ++i) index.emplace(township_code_key(townships[i].id), int(i));
  std::map<int, int> seen;  // township -> record
  std::vector<std::string> unknown;
  for (const gis::VectorRecord& rec : t.records) {
    auto text = [&](int f) { return f >= 0 && rec.values[size_t(f)] ? trim(*rec.values[size_t(f)]) : std::string(); };
    const std::string code = text(id_f);
    Text where = say("{}, record {}", t.source, rec.number);
    if (code.empty()) {
      // A trailing total or note line without a code.
      problems.error(where, say("the township code ({}) is empty", cfg.id_field),
                     say("give every row its 区划代码, or delete rows such as totals"));
      continue;
    }
    where += say(" ({} {})", cfg.id_field, code);
    const std::string name = text(name_f);
    auto it = index.find(township_code_key(code));
    if (it == index.end()) {
      unknown.push_back(name.empty() ? code : fmt::format("{} {}", code, name));
      continue;
    }
    if (auto [s, fresh] = seen.emplace(it->second, rec.number); !fresh) {
      problems.error(where, say("duplicate code: record {} is the same township", s->second),
                     say("give each township one row"));
      continue;
    }
    OfficialRow row;
    row.record = rec.number;
    bool ok = true;
    auto number = [&](int f, const std::string& field) {
      const std::string v = text(f);
      double x = NAN;
      if (v.empty()) return x;
      if (!parse_number(v, x)) {
        problems.error(where, say("{} '{}' is not a number", field, v), say("write a count, e.g. 12345"));
        ok = false;
        return double(NAN);
      }
      if (x < 0) {
        problems.error(where, say("{} {} is negative", field, v), say("counts of people are >= 0"));
        ok = false;
        return double(NAN);
      }
      return x;
    };
    if (res_f >= 0) row.residents = number(res_f, cfg.residents_field);
    if (child_f >= 0) row.children_0_3 = number(child_f, cfg.children_0_3_field);
    if (ages) {
      double sum = 0;
      int given = 0;
      std::vector<std::string> missing;
      for (size_t k = 0; k < 3; ++k) {
        const double a = number(age_f[k], cfg.age_fields[k]);
        if (std::isnan(a)) missing.push_back(cfg.age_fields[k]);
        else sum += a, ++given;
      }
      if (given == 3) {
        row.ages_0_2 = sum;
      } else if (given > 0 && ok) {
        problems.error(where, say("gives some single-year ages but not {}", list_some(missing)),
                       say("give all three ages, or none"));
        ok = false;
      }
    }
    // Births: the given years must follow each other.
    int first = 0, last = 0;
    std::vector<std::pair<int, double>> given;
    for (const auto& [year, f] : births) {
      const double b = number(f, t.fields[size_t(f)]);
      if (!std::isnan(b)) given.emplace_back(year, b);
    }
    if (!given.empty()) {
      first = given.front().first;
      last = given.back().first;
      if (!births_ok) {
        ok = false;  // reported once for the columns
      } else if (int(given.size()) != last - first + 1) {
        std::vector<std::string> gaps;
        size_t k = 0;
        for (int y = first; y <= last; ++y) {
          if (k < given.size() && given[k].first == y) ++k;
          else gaps.push_back(std::to_string(y));
        }
        problems.error(
            where, say("births are given for {} to {} but not for {}", first, last, list_some(gaps)),
            say("fill in the missing years (the under-3s of a year need three consecutive years of births)"));
        ok = false;
      } else {
        row.first_birth_year = first;
        for (const auto& g : given) row.births.push_back(g.second);
      }
    }
    if (ok && !std::isnan(row.residents)) {
      const double children = row.children_count();
      if (!std::isnan(children) && children > row.residents) {
        problems.error(where, say("{} under-3s is more than its {} residents", children, row.residents),
                       say("check the columns: the under-3 count must be part of the residents"));
        ok = false;
      }
    }
    if (!std::isnan(row.children_0_3) && !std::isnan(row.ages_0_2) &&
        std::fabs(row.children_0_3 - row.ages_0_2) > 0.01 * std::max(row.children_0_3, row.ages_0_2) + 0.5) {
      problems.warning(where,
                       say("{} {} differs from {} + {} + {} = {}; the count is used", cfg.children_0_3_field,
                           row.children_0_3, cfg.age_fields[0], cfg.age_fields[1], cfg.age_fields[2], row.ages_0_2));
    }
    if (ok) out.townships[size_t(it->second)] = std::move(row);
  }
  if (seen.empty() && !t.records.empty()) {
    problems.error(
        as_is(t.source),
        say("none of its {} codes matches a township (e.g. '{}'; the townships' ids look like '{}')", t.records.size(),
            unknown.empty() ? "" : unknown.front(), townships.empty() ? "" : townships.front().id),
        say("check [population.official] id_field and that the table and the boundaries use the same codes"));
    return out;
  }
  if (!unknown.empty()) {
    problems.warning(as_is(t.source),
                     say("{} codes match no township and are left out: {}", unknown.size(), list_some(unknown)),
                     say("check the codes against the township boundaries; rows for other areas may be deleted"));
  }
  std::vector<std::string> absent;
  for (size_t i = 0; i < townships.size(); ++i) {
    if (!seen.count(int(i))) absent.push_back(fmt::format("{} {}", townships[i].id, townships[i].name));
  }
  if (!absent.empty()) {
    problems.warning(as_is(t.source),
                     say("{} of {} townships are not in the table; their figures come from the grid: {}", absent.size(),
                         townships.size(), list_some(absent)),
                     say("add rows for them to use official figures"));
  }
  return out;
}

}  // namespace tuowei::planner
