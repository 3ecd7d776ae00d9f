#include "planner/project.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <toml++/toml.h>

#include "gis/error.h"
#include "gis/postgis.h"
#include "planner/say.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

const int kWorldPopAges[] = {0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80};

class Reader {
 public:
  Reader(const toml::table& root, Text file, Problems& problems)
      : root_(root), file_(std::move(file)), problems_(problems) {}

  const toml::table* table(std::string_view name, bool required) {
    const toml::node* n = root_.get(name);
    if (!n) {
      if (required) problems_.error(file_, say("no [{}] section", name), say("add a [{}] table", name));
      return nullptr;
    }
    if (!n->is_table()) {
      problems_.error(file_, say("'{}' must be a table ([{}])", name, name));
      return nullptr;
    }
    return n->as_table();
  }

  void string(const toml::table* t, std::string_view section, std::string_view key, std::string& out,
              bool required = false) {
    const toml::node* n = t ? t->get(key) : nullptr;
    if (!n) {
      if (required) {
        problems_.error(file_, say("[{}] has no '{}'", section, key), say("add {} = \"...\" under [{}]", key, section));
      }
      return;
    }
    if (auto v = n->value<std::string>()) {
      out = *v;
    } else {
      problems_.error(file_, say("[{}] {} must be a string in quotes", section, key));
    }
  }

  // A word of a closed set: `parse` turns it into the value, `choices` lists
  // the words for the message.
  template <class E, class Parse>
  void word(const toml::table* t, std::string_view section, std::string_view key, E& out, Parse parse,
            const std::string& choices) {
    std::string text;
    const toml::node* n = t ? t->get(key) : nullptr;
    if (!n) return;
    string(t, section, key, text);
    if (!n->is_string()) return;
    if (std::optional<E> v = parse(text)) {
      out = *v;
    } else {
      problems_.error(file_, say("[{}] {} '{}' is not known", section, key, text), say("use one of: {}", choices));
    }
  }

  void number(const toml::table* t, std::string_view section, std::string_view key, double& out) {
    const toml::node* n = t ? t->get(key) : nullptr;
    if (!n) return;
    if (auto v = n->value<double>(); v && std::isfinite(*v)) {
      out = *v;
    } else if (v) {
      problems_.error(file_, say("[{}] {} must be a finite number, not {}", section, key, *v),
                      say("write the number itself (inf and nan are not quantities)"));
    } else {
      problems_.error(file_, say("[{}] {} must be a number", section, key));
    }
  }

  // A whole number from `low` to `high` (a year, a count, a band): anything
  // else is an error and `out` keeps its default.
  void whole(const toml::table* t, std::string_view section, std::string_view key, int& out, int low, int high) {
    double v = out;
    const toml::node* n = t ? t->get(key) : nullptr;
    if (!n) return;
    const int errors = problems_.count(Severity::error);
    number(t, section, key, v);
    if (problems_.count(Severity::error) > errors) return;
    if (v != std::floor(v) || v < low || v > high) {
      problems_.error(file_, say("[{}] {} must be a whole number from {} to {}, not {}", section, key, low, high, v));
      return;
    }
    out = int(v);
  }

  void strings(const toml::table* t, std::string_view section, std::string_view key, std::vector<std::string>& out) {
    const toml::node* n = t ? t->get(key) : nullptr;
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) {
      problems_.error(file_, say("[{}] {} must be a list of strings", section, key));
      return;
    }
    out.clear();
    for (const auto& e : *a) {
      if (auto v = e.value<std::string>()) out.push_back(*v);
      else problems_.error(file_, say("[{}] {} must be a list of strings", section, key));
    }
  }

  // A raster list: "file.tif", ["a.tif", "b.tif"] or [{path=..., band=..., weight=...}].
  std::vector<RasterRef> rasters(const toml::table* t, std::string_view section, std::string_view key) {
    std::vector<RasterRef> out;
    const toml::node* n = t ? t->get(key) : nullptr;
    if (!n) return out;
    auto one = [&](const toml::node& e) {
      if (auto s = e.value<std::string>()) {
        out.push_back({*s, 1, 1.0});
      } else if (const toml::table* r = e.as_table()) {
        RasterRef ref;
        string(r, section, "path", ref.path, true);
        whole(r, section, "band", ref.band, 1, 65535);
        number(r, section, "weight", ref.weight);
        out.push_back(ref);
      } else {
        problems_.error(file_, say("[{}] {}: each entry must be a path or {{ path = ..., band = ..., "
                                   "weight = ... }}",
                                   section, key));
      }
    };
    if (const toml::array* a = n->as_array()) {
      for (const auto& e : *a) one(e);
    } else {
      one(*n);
    }
    return out;
  }

  void unknown_keys(const toml::table* t, std::string_view section, const std::set<std::string_view>& known) {
    if (!t) return;
    // The root table's section is named in words.
    const Text shown = section == "top level" ? say("top level") : as_is(std::string(section));
    for (const auto& [k, v] : *t) {
      if (!known.count(k.str())) {
        problems_.warning(file_, say("[{}] has an unknown key '{}'; it is ignored", shown, k.str()),
                          say("check its spelling against the user guide"));
      }
    }
  }

 private:
  const toml::table& root_;
  Text file_;
  Problems& problems_;
};

std::string lowercase(std::string_view w) {
  std::string out(w);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <class E>
struct Word {
  E value;
  const char* word;
};

const Word<DemandUnit> kDemandUnits[] = {{DemandUnit::cells, "cells"}, {DemandUnit::townships, "townships"}};
const Word<SupplyKind> kSupplyKinds[] = {{SupplyKind::places, "places"},
                                         {SupplyKind::inclusive_places, "inclusive_places"}};
const Word<Objective> kObjectives[] = {{Objective::coverage, "coverage"},
                                       {Objective::capacitated, "capacitated"},
                                       {Objective::setcover, "setcover"},
                                       {Objective::pmedian, "pmedian"}};
const Word<SetcoverTarget> kSetcoverTargets[] = {{SetcoverTarget::coverage, "coverage"},
                                                 {SetcoverTarget::places, "places"}};
const Word<gis::Solver> kSolvers[] = {{gis::Solver::automatic, "auto"},
                                      {gis::Solver::greedy, "greedy"},
                                      {gis::Solver::exact, "exact"},
                                      {gis::Solver::exact, "cbc"}};
// The first word of each kind is its name; the others are accepted too.
const Word<gis::DistanceDecay::Kind> kDecays[] = {
    {gis::DistanceDecay::Kind::uniform, "uniform"},   {gis::DistanceDecay::Kind::stepwise, "stepwise"},
    {gis::DistanceDecay::Kind::gaussian, "gaussian"}, {gis::DistanceDecay::Kind::power, "power"},
    {gis::DistanceDecay::Kind::uniform, "2sfca"},     {gis::DistanceDecay::Kind::stepwise, "e2sfca"},
    {gis::DistanceDecay::Kind::power, "gravity"}};

template <class E, size_t N>
const char* word_of(const Word<E> (&words)[N], E v) {
  for (const auto& w : words) {
    if (w.value == v) return w.word;
  }
  return "?";
}

template <class E, size_t N>
std::optional<E> value_of(const Word<E> (&words)[N], std::string_view text) {
  for (const auto& w : words) {
    if (text == w.word) return w.value;
  }
  return std::nullopt;
}

template <class E, size_t N>
std::vector<std::string> words_of(const Word<E> (&words)[N]) {
  std::vector<std::string> out;
  for (const auto& w : words) {
    if (std::find(out.begin(), out.end(), w.word) == out.end() &&
        word_of(words, w.value) == std::string_view(w.word)) {
      out.push_back(w.word);
    }
  }
  return out;
}

template <class E, size_t N>
std::string choices(const Word<E> (&words)[N]) {
  std::string out;
  for (const std::string& w : words_of(words)) out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::string absolute(const fs::path& dir, const std::string& p) {
  if (p.empty() || gis::is_postgis(p) || p.rfind("/vsi", 0) == 0) return p;
  fs::path path(p);
  return (path.is_absolute() ? path : dir / path).lexically_normal().string();
}

std::set<std::string_view> population_keys(std::initializer_list<std::string_view> layout_keys) {
  std::set<std::string_view> keys = {"layout",   "year",         "max_cells", "official", "survival",
                                     "births_annual_change", "residents_annual_change"};
  keys.insert(layout_keys.begin(), layout_keys.end());
  return keys;
}

void read_projection(Reader& r, const toml::table* pop, PopulationConfig& pc, const Text& where, Problems& problems) {
  pc.survival = default_survival();
  if (const toml::node* n = pop ? pop->get("survival") : nullptr) {
    const toml::array* a = n->as_array();
    std::vector<double> s;
    if (a) {
      for (const auto& e : *a) {
        if (auto v = e.value<double>()) s.push_back(*v);
      }
    }
    if (!a || s.size() != 3 || a->size() != 3 ||
        std::any_of(s.begin(), s.end(), [](double v) { return !(v > 0 && v <= 1); })) {
      problems.error(where,
                     say("[population] survival must be three shares in (0, 1]: of the children born in Y, Y-1 "
                         "and Y-2 alive at the end of Y"),
                     say("e.g. survival = [0.9955, 0.9951, 0.9946], or leave it out for the national default"));
    } else {
      pc.survival = s;
    }
  }
  if (const toml::node* n = pop ? pop->get("births_annual_change") : nullptr) {
    if (auto v = n->value<double>()) {
      pc.births_annual_change = *v;
      if (!(*v > -1 && *v < 1)) {
        problems.error(where, say("[population] births_annual_change {} is not an annual change", *v),
                       say("give a share, e.g. -0.05 for births falling 5% a year, or \"observed\""));
      }
    } else if (n->value<std::string>() != std::optional<std::string>("observed")) {
      problems.error(where, say("[population] births_annual_change must be a number (e.g. -0.05) or \"observed\""));
    }
  }
  r.number(pop, "population", "residents_annual_change", pc.residents_annual_change);
  if (!(pc.residents_annual_change > -1 && pc.residents_annual_change < 1)) {
    problems.error(where, say("[population] residents_annual_change must be a share, e.g. 0.01 for 1% a year"));
  }
}

void read_official(Reader& r, const toml::table* pop, const fs::path& dir, OfficialConfig& oc, const Text& where,
                   Problems& problems) {
  const toml::node* n = pop ? pop->get("official") : nullptr;
  if (!n) return;
  const toml::table* t = n->as_table();
  if (!t) {
    problems.error(where, say("[population] official must be a table ([population.official])"));
    return;
  }
  const char* section = "population.official";
  r.string(t, section, "path", oc.path, true);
  r.string(t, section, "layer", oc.layer);
  r.string(t, section, "encoding", oc.encoding);
  if (!t->get("year")) {
    problems.error(where, say("[population.official] has no 'year'"),
                   say("add year = 2025 (the year whose end the table's counts describe)"));
  }
  r.whole(t, section, "year", oc.year, 1950, 2100);
  for (auto [key, field] : {std::pair<const char*, std::string*>{"id_field", &oc.id_field},
                            {"name_field", &oc.name_field},
                            {"residents_field", &oc.residents_field},
                            {"children_0_3_field", &oc.children_0_3_field},
                            {"births_field", &oc.births_field}}) {
    if (!t->get(key)) continue;
    r.string(t, section, key, *field);
    if (std::string_view(key) != "id_field" && std::string_view(key) != "name_field") oc.named_fields.push_back(*field);
  }
  if (t->get("age_fields")) {
    r.strings(t, section, "age_fields", oc.age_fields);
    if (oc.age_fields.size() != 3) {
      problems.error(where, say("[population.official] age_fields must name three fields: children aged 0, 1 and 2"),
                     say("e.g. age_fields = [\"0岁\", \"1岁\", \"2岁\"]"));
    }
    oc.named_fields.insert(oc.named_fields.end(), oc.age_fields.begin(), oc.age_fields.end());
  }
  if (oc.births_field.find("{year}") == std::string::npos) {
    problems.error(where, say("[population.official] births_field '{}' has no {{year}}", oc.births_field),
                   say("e.g. births_field = \"出生人口{{year}}\" for fields 出生人口2023, 出生人口2024, ..."));
  }
  r.unknown_keys(t, section,
                 {"path", "layer", "encoding", "year", "id_field", "name_field", "residents_field",
                  "children_0_3_field", "births_field", "age_fields"});
  oc.path = absolute(dir, oc.path);
}

}  // namespace

std::vector<double> default_survival() {
  // 2023 我国卫生健康事业发展统计公报: infant mortality 4.5‰, under-5 6.2‰.
  const double infant = 0.0045, under5 = 0.0062;
  // Deaths at ages 1-4 among those who reach 1, spread evenly over 4 years.
  const double annual_1_4 = 1.0 - std::pow(1.0 - (under5 - infant) / (1.0 - infant), 0.25);
  const double s0 = 1.0 - infant;
  return {s0, s0 * (1.0 - annual_1_4), s0 * std::pow(1.0 - annual_1_4, 2)};
}

const char* name(DemandUnit v) { return word_of(kDemandUnits, v); }
const char* name(SupplyKind v) { return word_of(kSupplyKinds, v); }
const char* name(Objective v) { return word_of(kObjectives, v); }
const char* name(SetcoverTarget v) { return word_of(kSetcoverTargets, v); }
const char* name(gis::Solver v) { return word_of(kSolvers, v); }
const char* name(gis::DistanceDecay::Kind v) { return word_of(kDecays, v); }
std::optional<DemandUnit> parse_demand_unit(std::string_view w) { return value_of(kDemandUnits, w); }
std::optional<SupplyKind> parse_supply_kind(std::string_view w) { return value_of(kSupplyKinds, w); }
std::optional<Objective> parse_objective(std::string_view w) { return value_of(kObjectives, w); }
std::optional<SetcoverTarget> parse_setcover_target(std::string_view w) { return value_of(kSetcoverTargets, w); }
std::optional<gis::Solver> parse_solver(std::string_view w) { return value_of(kSolvers, lowercase(w)); }
std::optional<gis::DistanceDecay::Kind> parse_decay(std::string_view w) { return value_of(kDecays, lowercase(w)); }
std::vector<std::string> objective_names() { return words_of(kObjectives); }
std::vector<std::string> solver_names() { return words_of(kSolvers); }
std::vector<std::string> decay_names() { return words_of(kDecays); }

std::string worldpop_file_name(const std::string& pattern, const std::string& prefix, const std::string& sex,
                               int age, int year) {
  std::string out = pattern;
  auto replace = [&](const std::string& key, const std::string& value) {
    for (size_t pos; (pos = out.find(key)) != std::string::npos;) out.replace(pos, key.size(), value);
  };
  replace("{prefix}", prefix);
  replace("{sex}", sex);
  replace("{age2}", fmt::format("{:02d}", age));
  replace("{age}", std::to_string(age));
  replace("{year}", std::to_string(year));
  return out;
}

Project read_project(const fs::path& file, Problems& problems) {
  Project p;
  p.file = fs::absolute(file).lexically_normal();
  p.dir = p.file.parent_path();
  const Text where = as_is(file.string());
  if (!fs::exists(file)) {
    problems.error(where, say("project file not found"),
                   say("give the path of a .toml project file, e.g. datasets/nanning.toml"));
    return p;
  }
  if (fs::is_directory(file)) {
    std::string tomls;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(file, ec)) {
      if (e.path().extension() == ".toml") tomls += (tomls.empty() ? "" : ", ") + e.path().string();
    }
    problems.error(where, say("is a folder, not a project file"),
                   tomls.empty() ? say("give the path of a .toml project file in it")
                                 : say("give one of the project files in it: {}", tomls));
    return p;
  }
  if (!fs::is_regular_file(file)) {
    problems.error(where, say("is not a regular file (a pipe or a device?); a project file is read from disk"),
                   say("give the path of a .toml project file"));
    return p;
  }
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    problems.error(say("{}, line {}, column {}", where, e.source().begin.line, e.source().begin.column),
                   say("not valid TOML: {}", e.description()));
    return p;
  }
  Reader r(root, where, problems);
  r.unknown_keys(&root, "top level", {"project", "targets", "townships", "population", "facilities", "access", "deserts", "map",
                                      "proposals", "report", "output"});

  const toml::table* project = r.table("project", false);
  r.string(project, "project", "name", p.name);
  r.string(project, "project", "distance_crs", p.distance_crs);
  r.unknown_keys(project, "project", {"name", "distance_crs"});
  if (p.name.empty()) p.name = p.file.stem().string();

  const toml::table* targets = r.table("targets", false);
  r.number(targets, "targets", "places_per_1000", p.targets.places_per_1000);
  r.number(targets, "targets", "care_share", p.targets.care_share);
  r.whole(targets, "targets", "horizon_year", p.targets.horizon_year, 1950, 2100);
  r.unknown_keys(targets, "targets", {"places_per_1000", "care_share", "horizon_year"});
  if (!(p.targets.care_share > 0 && p.targets.care_share <= 1)) {
    problems.error(where, say("[targets] care_share must be a share in (0, 1], not {}", p.targets.care_share),
                   say("e.g. care_share = 0.3 for 30% of under-3s"));
  }
  if (!(p.targets.places_per_1000 > 0)) {
    problems.error(where, say("[targets] places_per_1000 must be > 0, not {}", p.targets.places_per_1000));
  }

  TownshipsConfig& tc = p.townships;
  const toml::table* towns = r.table("townships", true);
  r.string(towns, "townships", "path", tc.path, towns != nullptr);
  r.string(towns, "townships", "layer", tc.layer);
  r.string(towns, "townships", "id_field", tc.id_field);
  r.string(towns, "townships", "name_field", tc.name_field);
  r.string(towns, "townships", "parent_id_field", tc.parent_id_field);
  r.string(towns, "townships", "parent_name_field", tc.parent_name_field);
  r.string(towns, "townships", "encoding", tc.encoding);
  r.string(towns, "townships", "crs", tc.crs);
  r.unknown_keys(towns, "townships",
                 {"path", "layer", "id_field", "name_field", "parent_id_field", "parent_name_field", "encoding", "crs"});
  tc.path = absolute(p.dir, tc.path);

  PopulationConfig& pc = p.population;
  const toml::table* pop = r.table("population", true);
  r.string(pop, "population", "layout", pc.layout);
  if (pc.layout == "worldpop") {
    std::string dir = ".", prefix = "chn", pattern = "{prefix}_{sex}_{age}_{year}.tif";
    int year = 2020;
    r.string(pop, "population", "dir", dir);
    r.string(pop, "population", "prefix", prefix);
    r.string(pop, "population", "pattern", pattern);
    r.whole(pop, "population", "year", year, 1950, 2100);
    std::map<int, double> weights{{0, 1.0}, {1, 0.5}};
    if (const toml::node* n = pop ? pop->get("children_0_3_weights") : nullptr) {
      weights.clear();
      if (const toml::table* wt = n->as_table()) {
        for (const auto& [k, v] : *wt) {
          auto w = v.value<double>();
          if (!w) problems.error(where, say("[population] children_0_3_weights values must be numbers"));
          else if (!std::isfinite(*w) || *w < 0 || *w > 1) {
            problems.error(where,
                           say("[population] children_0_3_weights: the share of age class {} must be "
                               "from 0 to 1, not {}",
                               k.str(), *w),
                           say("give the share of the class's children who are under 3 (0: 1.0, 1: 0.5 by default)"));
          }
          try {
            weights[std::stoi(std::string(k.str()))] = w.value_or(0.0);
          } catch (...) {
            problems.error(where, say("[population] children_0_3_weights: '{}' is not an age class "
                                      "(0, 1, 5, ...)",
                                      k.str()));
          }
        }
      } else {
        problems.error(where,
                       say("[population] children_0_3_weights must be a table like {{ \"0\" = 1.0, \"1\" = 0.5 }}"));
      }
    }
    fs::path base = absolute(p.dir, dir);
    std::vector<RasterRef> explicit_residents = r.rasters(pop, "population", "residents");
    for (const char* sex : {"f", "m"}) {
      for (int age : kWorldPopAges) {
        std::string path = (base / worldpop_file_name(pattern, prefix, sex, age, year)).string();
        if (explicit_residents.empty()) pc.residents.push_back({path, 1, 1.0});
        auto w = weights.find(age);
        if (w != weights.end() && w->second != 0.0) pc.children_0_3.push_back({path, 1, w->second});
      }
    }
    for (auto& ref : explicit_residents) pc.residents.push_back({absolute(p.dir, ref.path), ref.band, ref.weight});
    pc.grid_year = year;
    r.unknown_keys(pop, "population", population_keys({"dir", "prefix", "pattern", "children_0_3_weights", "residents"}));
  } else if (pc.layout == "rasters") {
    pc.residents = r.rasters(pop, "population", "residents");
    pc.children_0_3 = r.rasters(pop, "population", "children_0_3");
    for (auto* list : {&pc.residents, &pc.children_0_3}) {
      for (auto& ref : *list) ref.path = absolute(p.dir, ref.path);
    }
    if (pc.residents.empty()) {
      problems.error(where, say("[population] layout = \"rasters\" needs residents = \"total.tif\" (all ages)"));
    }
    if (pc.children_0_3.empty()) {
      problems.error(where, say("[population] layout = \"rasters\" needs children_0_3 = \"under3.tif\""));
    }
    r.whole(pop, "population", "year", pc.grid_year, 1950, 2100);
    r.unknown_keys(pop, "population", population_keys({"residents", "children_0_3"}));
  } else if (pop) {
    problems.error(where, say("[population] layout '{}' is not known", pc.layout),
                   say("use layout = \"worldpop\" (age-sex files) or layout = \"rasters\" (total + under-3 rasters)"));
  }

  r.number(pop, "population", "max_cells", pc.max_cells);
  if (!(pc.max_cells >= 1)) problems.error(where, say("[population] max_cells must be a number >= 1"));
  read_projection(r, pop, pc, where, problems);
  read_official(r, pop, p.dir, pc.official, where, problems);

  FacilitiesConfig& fc = p.facilities;
  const toml::table* fac = r.table("facilities", true);
  r.string(fac, "facilities", "path", fc.path, fac != nullptr);
  r.string(fac, "facilities", "layer", fc.layer);
  r.string(fac, "facilities", "encoding", fc.encoding);
  r.string(fac, "facilities", "crs", fc.crs);
  r.string(fac, "facilities", "x_field", fc.x_field);
  r.string(fac, "facilities", "y_field", fc.y_field);
  r.string(fac, "facilities", "id_field", fc.id_field);
  r.string(fac, "facilities", "name_field", fc.name_field);
  r.string(fac, "facilities", "type_field", fc.type_field);
  r.string(fac, "facilities", "operator_field", fc.operator_field);
  r.string(fac, "facilities", "places_field", fc.places_field);
  r.string(fac, "facilities", "enrolled_field", fc.enrolled_field);
  r.string(fac, "facilities", "inclusive_field", fc.inclusive_field);
  r.strings(fac, "facilities", "inclusive_values", fc.inclusive_values);
  r.strings(fac, "facilities", "non_inclusive_values", fc.non_inclusive_values);
  r.unknown_keys(fac, "facilities",
                 {"path", "layer", "encoding", "crs", "x_field", "y_field", "id_field", "name_field", "type_field",
                  "operator_field", "places_field", "enrolled_field", "inclusive_field", "inclusive_values",
                  "non_inclusive_values"});
  fc.path = absolute(p.dir, fc.path);

  AccessConfig& ac = p.access;
  const toml::table* acc = r.table("access", false);
  p.has_access_section = acc != nullptr || root.get("deserts") != nullptr;
  r.word(acc, "access", "demand", ac.demand, parse_demand_unit, choices(kDemandUnits));
  r.number(acc, "access", "radius_m", ac.radius_m);
  r.word(acc, "access", "decay", ac.decay, parse_decay, choices(kDecays));
  r.number(acc, "access", "power_beta", ac.power_beta);
  r.number(acc, "access", "power_min_cost", ac.power_min_cost);
  r.word(acc, "access", "supply", ac.supply, parse_supply_kind, choices(kSupplyKinds));
  r.string(acc, "access", "cost_table", ac.cost_table);
  r.number(acc, "access", "cost_threshold", ac.cost_threshold);
  r.string(acc, "access", "origin_field", ac.origin_field);
  r.string(acc, "access", "destination_field", ac.destination_field);
  r.string(acc, "access", "cost_field", ac.cost_field);
  r.number(acc, "access", "bandwidth", ac.gaussian_bandwidth);
  r.number(acc, "access", "walking_speed_m_per_min", ac.walking_speed_m_per_min);
  if (!(ac.walking_speed_m_per_min > 0)) problems.error(where, say("[access] walking_speed_m_per_min must be > 0"));
  {
    // Minutes of walking, converted once.
    double minutes = 0;
    r.number(acc, "access", "radius_min", minutes);
    if (acc && acc->get("radius_min")) {
      if (acc->get("radius_m")) problems.error(where, say("[access] give radius_m or radius_min, not both"));
      else if (!(minutes > 0)) problems.error(where, say("[access] radius_min must be > 0 minutes"));
      else ac.radius_m = minutes * ac.walking_speed_m_per_min;
    }
    double bandwidth_min = 0;
    r.number(acc, "access", "bandwidth_min", bandwidth_min);
    if (acc && acc->get("bandwidth_min")) {
      if (acc->get("bandwidth")) problems.error(where, say("[access] give bandwidth or bandwidth_min, not both"));
      else ac.gaussian_bandwidth = bandwidth_min * ac.walking_speed_m_per_min;
    }
  }
  if (!(ac.gaussian_bandwidth >= 0))
    problems.error(where, say("[access] bandwidth must be >= 0 (0: tied to the catchment)"));
  r.string(acc, "access", "network", ac.network);
  r.number(acc, "access", "max_pairs", ac.max_pairs);
  r.number(acc, "access", "max_snap_m", ac.max_snap_m);
  std::string distance = ac.network.empty() ? "straight" : "network";
  r.string(acc, "access", "distance", distance);
  if (distance != "network" && distance != "straight") {
    problems.error(where, say("[access] distance must be \"network\" or \"straight\", not \"{}\"", distance));
  } else if (distance == "network" && ac.network.empty()) {
    problems.error(
        where, say("[access] distance = \"network\" needs network = \"streets.osm.pbf\" (an OpenStreetMap extract)"));
  }
  ac.network_distance = distance == "network" && !ac.network.empty();
  if (!ac.network.empty()) ac.network = absolute(p.dir, ac.network);
  if (!(ac.max_snap_m > 0)) problems.error(where, say("[access] max_snap_m must be > 0 metres"));
  if (!(ac.max_pairs >= 1)) problems.error(where, say("[access] max_pairs must be a number >= 1"));
  if (const toml::node* n = acc ? acc->get("steps") : nullptr) {
    const toml::array* a = n->as_array();
    bool ok = a != nullptr;
    if (a) {
      for (const auto& e : *a) {
        const toml::array* pair = e.as_array();
        auto b = pair && pair->size() == 2 ? (*pair)[0].value<double>() : std::nullopt;
        auto w = pair && pair->size() == 2 ? (*pair)[1].value<double>() : std::nullopt;
        if (!b || !w) ok = false;
        else ac.steps.emplace_back(*b, *w);
      }
    }
    if (!ok)
      problems.error(
          where,
          say("[access] steps must be a list of [upper bound, weight] pairs, e.g. [[100, 1.0], [200, 0.68], [300, 0.22]]"));
  }
  r.unknown_keys(acc, "access",
                 {"demand", "radius_m", "decay", "steps", "power_beta", "power_min_cost", "supply", "cost_table",
                  "cost_threshold", "origin_field", "destination_field", "cost_field", "network", "distance",
                  "max_snap_m", "max_pairs", "bandwidth", "bandwidth_min", "radius_min",
                  "walking_speed_m_per_min"});
  if (!ac.cost_table.empty()) {
    ac.cost_table = absolute(p.dir, ac.cost_table);
    if (!(ac.cost_threshold > 0)) {
      problems.error(where, say("[access] cost_table needs cost_threshold > 0 (in the table's unit, e.g. 15 minutes)"));
    }
  } else if (!(ac.radius_m > 0)) {
    problems.error(where, say("[access] radius_m must be > 0 metres, not {}", ac.radius_m));
  }
  const toml::table* des = r.table("deserts", false);
  r.number(des, "deserts", "children_per_place", ac.desert_children_per_place);
  r.number(des, "deserts", "min_children", ac.desert_min_children);
  r.number(des, "deserts", "min_patch_children", ac.desert_min_patch_children);
  r.number(des, "deserts", "min_patch_km2", ac.desert_min_patch_km2);
  r.unknown_keys(des, "deserts", {"children_per_place", "min_children", "min_patch_children", "min_patch_km2"});
  if (!(ac.desert_min_patch_children >= 0) || !(ac.desert_min_patch_km2 >= 0)) {
    problems.error(where, say("[deserts] min_patch_children and min_patch_km2 must be numbers >= 0"));
  }
  ProposalConfig& pr = p.proposals;
  const toml::table* prop = r.table("proposals", false);
  r.whole(prop, "proposals", "sites", pr.sites, 1, 100000);
  r.whole(prop, "proposals", "max_candidates", pr.max_candidates, 1, 100000000);
  r.word(prop, "proposals", "objective", pr.objective, parse_objective, choices(kObjectives));
  r.word(prop, "proposals", "solver", pr.solver, parse_solver, choices(kSolvers));
  r.number(prop, "proposals", "time_limit_s", pr.time_limit_s);
  r.number(prop, "proposals", "places", pr.places);
  r.word(prop, "proposals", "setcover_target", pr.setcover_target, parse_setcover_target, choices(kSetcoverTargets));
  r.number(prop, "proposals", "coverage_target", pr.coverage_target);
  r.number(prop, "proposals", "pmedian_max_distance_m", pr.pmedian_max_distance_m);
  r.string(prop, "proposals", "candidates", pr.candidates);
  r.string(prop, "proposals", "candidates_layer", pr.candidates_layer);
  r.string(prop, "proposals", "candidates_crs", pr.candidates_crs);
  r.string(prop, "proposals", "candidates_encoding", pr.candidates_encoding);
  r.string(prop, "proposals", "candidate_x_field", pr.candidate_x_field);
  r.string(prop, "proposals", "candidate_y_field", pr.candidate_y_field);
  r.string(prop, "proposals", "candidate_id_field", pr.candidate_id_field);
  r.string(prop, "proposals", "candidate_name_field", pr.candidate_name_field);
  r.string(prop, "proposals", "candidate_places_field", pr.candidate_places_field);
  r.string(prop, "proposals", "candidate_cost_field", pr.candidate_cost_field);
  r.number(prop, "proposals", "generate_cell_m", pr.generate_cell_m);
  r.number(prop, "proposals", "generate_min_children", pr.generate_min_children);
  r.number(prop, "proposals", "min_distance_m", pr.min_distance_m);
  r.string(prop, "proposals", "exclude", pr.exclude);
  pr.sites_set = prop && prop->get("sites");
  r.number(prop, "proposals", "budget", pr.budget);
  r.whole(prop, "proposals", "max_per_township", pr.max_per_township, 0, 100000);
  if (const toml::node* n = prop ? prop->get("site_in_short_townships") : nullptr) {
    if (auto v = n->value<bool>()) pr.site_in_short_townships = *v;
    else problems.error(where, say("[proposals] site_in_short_townships must be true or false"));
  }
  r.strings(prop, "proposals", "required", pr.required);
  r.strings(prop, "proposals", "forbidden", pr.forbidden);
  r.number(prop, "proposals", "alternative_within_m", pr.alternative_within_m);
  r.number(prop, "proposals", "target_gap", pr.target_gap);
  if (!(pr.target_gap >= 0 && pr.target_gap < 1))
    problems.error(where, say("[proposals] target_gap must be a share in [0, 1)"));
  if (const toml::node* n = prop ? prop->get("types") : nullptr) {
    const toml::array* a = n->as_array();
    if (!a) problems.error(where, say("[proposals] types must be [[proposals.types]] tables"));
    for (size_t k = 0; a && k < a->size(); ++k) {
      const toml::table* t = (*a)[k].as_table();
      const std::string section = fmt::format("proposals.types #{}", k + 1);
      if (!t) {
        problems.error(where, say("[{}] must be a table with name, places, radius_m, cost", section));
        continue;
      }
      ProposalConfig::SiteType type;
      r.string(t, section, "name", type.name, true);
      r.number(t, section, "places", type.places);
      r.number(t, section, "radius_m", type.radius_m);
      r.number(t, section, "cost", type.cost);
      r.unknown_keys(t, section, {"name", "places", "radius_m", "cost"});
      if (!(type.places > 0)) problems.error(where, say("[{}] places must be > 0", section));
      if (!(type.radius_m >= 0))
        problems.error(where, say("[{}] radius_m must be >= 0 (0: [access] radius_m)", section));
      if (!std::isnan(type.cost) && !(type.cost >= 0)) problems.error(where, say("[{}] cost must be >= 0", section));
      pr.types.push_back(type);
    }
  }
  if (!(pr.budget > 0)) problems.error(where, say("[proposals] budget must be > 0, not {}", pr.budget));
  if (pr.sites < 1) problems.error(where, say("[proposals] sites must be >= 1, not {}", pr.sites));
  if (!(pr.places > 0)) problems.error(where, say("[proposals] places must be > 0, not {}", pr.places));
  if (!(pr.time_limit_s > 0)) {
    problems.error(where, say("[proposals] time_limit_s must be > 0 seconds, not {}", pr.time_limit_s));
  }
  if (!(pr.coverage_target > 0 && pr.coverage_target <= 1)) {
    problems.error(where, say("[proposals] coverage_target must be a share in (0, 1], not {}", pr.coverage_target),
                   say("e.g. 0.8 for 80% of the children under 3 within reach"));
  }
  if (!(pr.pmedian_max_distance_m > 0))
    problems.error(where, say("[proposals] pmedian_max_distance_m must be > 0 metres"));
  if (!(pr.generate_cell_m > 0)) problems.error(where, say("[proposals] generate_cell_m must be > 0 metres"));
  if (!(pr.generate_min_children >= 0)) problems.error(where, say("[proposals] generate_min_children must be >= 0"));
  if (!(pr.min_distance_m >= 0)) problems.error(where, say("[proposals] min_distance_m must be >= 0 metres"));
  if (pr.max_candidates < 1) problems.error(where, say("[proposals] max_candidates must be >= 1"));
  if (pr.max_per_township < 0) problems.error(where, say("[proposals] max_per_township must be >= 0 (0: no limit)"));
  if (!(pr.alternative_within_m >= 0)) problems.error(where, say("[proposals] alternative_within_m must be >= 0"));
  r.unknown_keys(prop, "proposals",
                 {"sites", "max_candidates", "objective", "solver", "time_limit_s", "places", "setcover_target",
                  "coverage_target", "pmedian_max_distance_m", "candidates", "candidates_layer", "candidates_crs",
                  "candidates_encoding", "candidate_x_field", "candidate_y_field", "candidate_id_field",
                  "candidate_name_field", "candidate_places_field", "candidate_cost_field", "generate_cell_m",
                  "generate_min_children", "min_distance_m", "exclude", "budget", "max_per_township",
                  "site_in_short_townships", "required", "forbidden", "types", "alternative_within_m", "target_gap"});
  if (!pr.candidates.empty()) pr.candidates = absolute(p.dir, pr.candidates);
  if (!pr.exclude.empty()) pr.exclude = absolute(p.dir, pr.exclude);

  ReportConfig& rc = p.report;
  const toml::table* rep = r.table("report", false);
  r.string(rep, "report", "title", rc.title);
  r.string(rep, "report", "organisation", rc.organisation);
  r.string(rep, "report", "region_table", rc.region_table);
  r.string(rep, "report", "region_layer", rc.region_layer);
  r.string(rep, "report", "region_encoding", rc.region_encoding);
  r.string(rep, "report", "region_id_field", rc.region_id_field);
  r.string(rep, "report", "region_name_field", rc.region_name_field);
  r.string(rep, "report", "region_residents_field", rc.region_residents_field);
  r.string(rep, "report", "region_places_field", rc.region_places_field);
  r.string(rep, "report", "region_enrolled_field", rc.region_enrolled_field);
  r.string(rep, "report", "region_children_field", rc.region_children_field);
  r.unknown_keys(rep, "report",
                 {"title", "organisation", "region_table", "region_layer", "region_encoding", "region_id_field",
                  "region_name_field", "region_residents_field", "region_places_field", "region_enrolled_field",
                  "region_children_field"});
  if (!rc.region_table.empty()) rc.region_table = absolute(p.dir, rc.region_table);

  const toml::table* map = r.table("map", false);
  r.string(map, "map", "tile_url", p.map.tile_url);
  r.unknown_keys(map, "map", {"tile_url"});

  const toml::table* output = r.table("output", false);
  r.string(output, "output", "postgis", p.output.postgis);
  r.string(output, "output", "schema", p.output.schema);
  r.unknown_keys(output, "output", {"postgis", "schema"});
  if (!p.output.postgis.empty() && !gis::is_postgis(p.output.postgis)) {
    problems.error(where, say("[output] postgis must be a PostGIS connection"),
                   say("e.g. postgis = \"postgresql://planner@db.example/childcare\" or \"PG:service=tuowei\""));
  }
  try {
    gis::check_sql_name(p.output.schema, "[output] schema");
  } catch (const gis::Error& e) {
    problems.error(where, gis::text_of(e));
  }
  if (!(ac.desert_children_per_place > 0)) {
    problems.error(where, say("[deserts] children_per_place must be > 0"));
  }
  return p;
}

std::vector<fs::path> input_files(const Project& project) {
  std::vector<fs::path> files{project.file};
  auto add = [&](const std::string& path) {
    if (path.empty() || path.rfind("PG:", 0) == 0 || path.find("://") != std::string::npos) return;
    files.emplace_back(path);
  };
  add(project.townships.path);
  add(project.facilities.path);
  for (const RasterRef& r : project.population.residents) add(r.path);
  for (const RasterRef& r : project.population.children_0_3) add(r.path);
  add(project.population.official.path);
  add(project.access.cost_table);
  add(project.access.network);
  add(project.proposals.candidates);
  add(project.proposals.exclude);
  add(project.report.region_table);
  return files;
}

}  // namespace tuowei::planner
