// tuowei: the command line. Parses options and calls one planner function per
// command; no analysis happens here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>

#include "gis/atomic_file.h"
#include "gis/disk_space.h"
#include "gis/error.h"
#include "planner/analysis.h"
#include "planner/outputs.h"
#include "planner/postgis_output.h"
#include "planner/report/report.h"
#include "planner/siting/propose.h"
#include "planner/projection.h"
#include "planner/say.h"
#include "planner/study.h"
#include "planner/version.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;

namespace {

// Numbers on the command line: finite and in their domain (CLI11's own
// checks let "nan" through and print 1.8e308 for "no upper limit").
CLI::Validator finite_number(double low, bool low_open, double high, const Text& domain) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(v)) return say("{} is not a finite number", text).str();
        if ((low_open ? v <= low : v < low) || v > high) return say("{} is not {}", text, domain).str();
        return {};
      },
      domain.str());
}

// CLI11's type names in the help ("FLOAT:a number > 0", "TEXT:{zh,en}")
// with their first word in Chinese.
void chinese_type_names(CLI::App& app, CLI::FormatterBase& formatter) {
  static const std::pair<const char*, const char*> kTypes[] = {{"FLOAT", "数值"}, {"INT", "整数"}, {"TEXT", "文本"}};
  for (const CLI::Option* opt : app.get_options()) {
    const std::string name = opt->get_type_name();
    for (const auto& [en, zh] : kTypes) {
      if (name.rfind(en, 0) == 0) formatter.label(name, zh + name.substr(std::string_view(en).size()));
    }
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->group("子命令");
    if (CLI::Option* help = sub->get_help_ptr()) help->group("选项");
    chinese_type_names(*sub, formatter);
  }
}

// Exit codes (docs/user-guide.md): 0 done, 1 the inputs have errors,
// 2 the command line is wrong, 3 something failed while running (I/O...).
constexpr int kExitInput = 1, kExitUsage = 2, kExitFailure = 3;

// Terminal columns a UTF-8 string takes (CJK ideographs take two).
int display_width(const std::string& s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

std::string pad(const std::string& s, int width) { return s + std::string(std::max(0, width - display_width(s)), ' '); }

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ~ProgressBar() { finish(); }
  void update(const std::string& stage, double f) {
    if (!enabled_) return;
    if (stage != stage_) {
      finish();
      stage_ = stage;
    }
    int pct = int(f * 100.0 + 0.5);
    if (pct == last_) return;
    last_ = pct;
    int filled = pct * 30 / 100;
    std::fprintf(stderr, "\r%s [%s%s] %3d%%", pad(stage, 34).c_str(), std::string(filled, '#').c_str(),
                 std::string(30 - filled, '.').c_str(), pct);
    std::fflush(stderr);
    open_ = true;
  }
  void finish() {
    if (open_) std::fputc('\n', stderr);
    open_ = false;
    last_ = -1;
  }

 private:
  bool enabled_;
  bool open_ = false;
  int last_ = -1;
  std::string stage_;
};

// The planner's stage names (Progress) in the language of the messages.
std::string stage_words(const std::string& stage) {
  static const std::map<std::string, Text> words = {
      {"reading townships and facilities", say("reading townships and facilities")},
      {"population", say("population per township")},
      {"street network", say("street network")},
      {"accessibility", say("accessibility")},
      {"desert polygons", say("desert polygons")},
      {"equity", say("equity")},
      {"candidates", say("candidate sites")},
      {"solving", say("solving")},
      {"after the proposals", say("after the proposals")},
      {"writing outputs", say("writing outputs")},
      {"writing the report", say("writing the report")},
      {"done", say("done")}};
  const auto it = words.find(stage);
  return it == words.end() ? stage : it->second.str();
}

void print_problems(const Problems& problems, bool quiet) {
  for (const Problem& p : problems.all()) {
    if (quiet && p.severity == Severity::warning) continue;
    Text line = p.severity == Severity::error ? say("error: ") : say("warning: ");
    if (!p.where.empty()) line += say("{}: ", p.where);
    line += p.message;
    if (!p.fix.empty()) line += say("\n    fix: {}", p.fix);
    std::cerr << line.str() << '\n';
  }
}

std::string num(double v, int decimals) { return std::isnan(v) ? "-" : fmt::format("{:.{}f}", v, decimals); }

// "residents: official 136, grid 2; under-3s: births 92, official 35, grid 11 (grid of 2020 carried at -8.0% a year)"
Text source_word(PopulationSource source) {
  switch (source) {
    case PopulationSource::grid: return say("grid");
    case PopulationSource::official: return say("official");
    case PopulationSource::ages: return say("ages");
    case PopulationSource::births: return say("births");
  }
  return as_is(name(source));
}

Text population_sources(const Analysis& run) {
  const Demand& d = run.facilities.demand();
  std::map<PopulationSource, int> residents, children;
  for (const TownshipPopulation& p : d.townships) {
    ++residents[p.residents_source];
    ++children[p.children_source];
  }
  auto list = [](const std::map<PopulationSource, int>& m) {
    Text out;
    for (const auto& [k, v] : m) out += say("{}{} {}", out.empty() ? as_is("") : say(", "), source_word(k), v);
    return out;
  };
  Text out = say("residents from {}; under-3s from {}", list(residents), list(children));
  const Projection& pr = run.facilities.study().projection();
  if (children.count(PopulationSource::grid) && d.year != pr.grid_year() && pr.births_change_basis() != "none") {
    const std::string basis = pr.births_change_basis();
    out += say(" (the grid's {} carried at {:+.1f}% a year, {})", pr.grid_year(), 100 * pr.study_births_change(),
               basis == "observed" ? say("observed") : basis == "fixed" ? say("fixed") : as_is(basis));
  }
  return out;
}

void print(const Text& text) { std::cout << text.str(); }

void print_indicators(const Analysis& run) {
  const IndicatorTable& t = run.table;
  const IndicatorRow& all = t.total;
  std::cout << fmt::format("{}\n", run.facilities.study().project().name);
  print(say("  townships {}, facilities {} ({} outside every township)\n", t.townships.size(), all.facilities,
            t.unassigned_facilities.size()));
  print(say("  population at the end of {}: {}\n", t.year ? as_is(std::to_string(t.year)) : say("(year not stated)"),
            population_sources(run)));
  print(say("  residents {:.0f}, children under 3 {:.0f}, places {:.0f} ({:.0f} inclusive)\n", all.population,
            all.children_0_3, all.places, all.inclusive_places));
  print(say("  places per 1,000 residents {} (target {}), per 100 under-3s {}, enrolment rate {}%\n",
            num(all.places_per_1000, 2), t.targets.places_per_1000, num(all.places_per_100_children, 1),
            num(all.enrolment_rate * 100, 1)));
  int meeting = 0, meeting_share = 0;
  for (const IndicatorRow& r : t.townships) {
    meeting += (r.population > 0 && r.places_needed == 0);
    meeting_share += (r.children_0_3 > 0 && r.places_needed_for_share == 0);
  }
  print(say("  townships meeting the target: {} of {}; places still needed: {:.0f}\n", meeting, t.townships.size(),
            all.places_needed));
  print(say("  townships with places for {:.0f}% of their under-3s: {} of {}; places still needed: {:.0f}\n",
            100 * t.targets.care_share, meeting_share, t.townships.size(), all.places_needed_for_share));
  if (!t.parents.empty()) {
    std::cout << "\n  " << pad(say("county/district").str(), 18)
              << say("  residents  under-3  places  per-1000  needed  rank\n").str();
    std::vector<const IndicatorRow*> rows;
    for (const IndicatorRow& p : t.parents) rows.push_back(&p);
    std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
      return (a->rank_overall ? a->rank_overall : 1 << 30) < (b->rank_overall ? b->rank_overall : 1 << 30);
    });
    for (const IndicatorRow* p : rows) {
      std::cout << fmt::format("  {} {:>10.0f} {:>8.0f} {:>7.0f} {:>9} {:>7.0f} {:>5}\n", pad(p->name, 18),
                               p->population, p->children_0_3, p->places, num(p->places_per_1000, 2),
                               p->places_needed, p->rank_overall);
    }
  }
  std::vector<const IndicatorRow*> ranked;
  for (const IndicatorRow& r : t.townships) {
    if (r.rank_overall > 0) ranked.push_back(&r);
  }
  std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return a->rank_overall < b->rank_overall; });
  auto show = [&](const Text& title, auto first, auto last) {
    std::cout << "\n  " << title.str() << "\n";
    for (auto it = first; it != last; ++it) {
      const IndicatorRow* r = *it;
      print(say("  {:>4}  {} {} {:>8} per 1,000  needs {:.0f}\n", r->rank_overall, pad(r->name, 16),
                pad(r->parent_name, 12), num(r->places_per_1000, 2), r->places_needed));
    }
  };
  size_t n = std::min<size_t>(5, ranked.size());
  show(say("highest places per 1,000:"), ranked.begin(), ranked.begin() + n);
  show(say("lowest places per 1,000:"), ranked.end() - n, ranked.end());
}

void print_access(const Analysis& run) {
  const AccessResult& a = *run.access;
  const IndicatorRow& all = run.table.total;
  print(say("\n  access: demand = {}, supply = {}, {}{}\n", name(a.settings.demand), name(a.settings.supply),
            a.decay.describe(), a.cost_table() ? say(" (cost table)") : as_is(" m")));
  print(say("  children within a catchment {:.0f} of {:.0f} ({}%), of an inclusive one {}%\n", all.children_covered,
            all.children_0_3, num(all.coverage_rate * 100, 1), num(all.inclusive_coverage_rate * 100, 1)));
  print(say("  mean accessibility {} places per child (check: sum P*A {:.1f} = places reached {:.1f})\n",
            num(a.mean_access, 4), a.demand_times_access, a.supply_reached));
  int patches = 0, small = 0;
  double small_children = 0;
  for (const DesertArea& d : a.deserts) {
    patches += d.patches;
    small += d.small_patches;
    small_children += d.small_patch_children;
  }
  print(say("  service deserts: {:.0f} children, {:.1f} km2, in {} townships: {} patches drawn, {} smaller ones "
            "({:.0f} children) counted\n",
            all.children_in_deserts, all.desert_area_km2, a.deserts.size(), patches, small, small_children));
  const size_t n = std::min<size_t>(5, a.deserts.size());
  const auto& towns = run.facilities.study().townships();
  for (size_t i = 0; i < n; ++i) {
    const DesertArea& d = a.deserts[i];
    const std::string town = d.township >= 0 ? towns[size_t(d.township)].name : "-";
    print(say("    {:>2}. {} {:>7.0f} children in {} patches, {:.2f} km2\n", i + 1, pad(town, 14), d.children_0_3,
              d.patches, d.area_km2));
  }
}

void print_proposals(const ProposalRun& run) {
  const auto& s = run.solution;
  print(say("{}: {} candidates, {} demand cells; solver {}, {:.1f} s\n", name(run.settings.objective), run.candidates,
            run.demand_cells, s.solver, s.seconds));
  print(say("  objective {:.1f} ({}); {}{}\n", s.objective, run.objective_unit,
            s.optimal ? say("proven optimal") : say("within {:.2f}% of the optimum (bound {:.1f})", s.gap * 100, s.bound),
            s.timed_out ? say("; time limit reached, best solution found so far") : as_is("")));
  for (const std::string& step : s.steps) std::cout << "    " << step << "\n";
  const auto& towns = run.after.study().townships();
  const bool typed = !run.settings.types.empty();
  print(say("\n  rank  township         {}places      gain  township per 1,000  alternative within {:.0f} m\n",
            typed ? pad(say("type").str(), 15) : "", run.settings.alternative_within_m));
  for (const Proposal& p : run.proposals) {
    std::string town = p.site.township >= 0 ? towns[size_t(p.site.township)].name : "-";
    const std::string per_1000 = std::isfinite(p.township_per_1000_before)
                                     ? fmt::format("{:.2f} -> {:.2f}", p.township_per_1000_before,
                                                   p.township_per_1000_after)
                                     : "-";
    const std::string alternative =
        p.alternative_id.empty() ? "-"
                                 : say("{} ({:.0f} m, {:+.1f} if swapped)", p.alternative_id, p.alternative_distance_m,
                                       p.alternative_change)
                                       .str();
    std::cout << fmt::format("  {:>4}  {} {}{:>6.0f} {:>9.1f}  {:>18}  {}\n", p.rank, pad(town, 16),
                             typed ? pad(p.site.type, 15) : "", p.site.places, p.gain, per_1000, alternative);
  }
  if (std::isfinite(run.settings.budget)) {
    double spent = 0;
    for (const Proposal& p : run.proposals) spent += std::isfinite(p.site.cost) ? p.site.cost : 0.0;
    print(say("  cost {:.0f} of the budget {:.0f}\n", spent, run.settings.budget));
  }
  std::cout << "\n" << run.summary_zh;
}


void print_written(const std::vector<fs::path>& written, bool quiet) {
  if (quiet) return;
  print(say("\nwritten:\n"));
  for (const auto& p : written) std::cout << "  " << p.string() << '\n';
}

void print_written(const PostgisRun& run, bool quiet) {
  if (quiet) return;
  std::string tables;
  for (const std::string& t : run.tables) tables += (tables.empty() ? "" : ", ") + t;
  print(say("\nwritten: run {} into {}: runs, {}\n", run.run_id, run.where, tables));
}

}  // namespace

int main(int argc, char** argv) {
  // Messages in Chinese or English: --lang, else the locale. Looked for
  // before parsing, so the help and the command line's own complaints speak it too.
  tuowei::gis::set_language(tuowei::gis::language_of_locale());
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::optional<tuowei::gis::Lang> lang;
    if (arg == "--lang" && i + 1 < argc) lang = tuowei::gis::language_named(argv[i + 1]);
    else if (arg.substr(0, 7) == "--lang=") lang = tuowei::gis::language_named(arg.substr(7));
    if (lang) tuowei::gis::set_language(*lang);
  }
  CLI::App app{say("tuowei: childcare places (托位) per township, from boundaries, population grids and facility lists").str()};
  // The help's own words (CLI11's labels and groups) in the same language;
  // subcommands take the formatter, the help flag and the groups from here.
  const bool chinese = tuowei::gis::language() == tuowei::gis::Lang::zh;
  // Numbers on the command line, checked in the language chosen.
  const CLI::Validator kPositive = finite_number(0.0, true, DBL_MAX, say("a number > 0"));
  const CLI::Validator kNonNegative = finite_number(0.0, false, DBL_MAX, say("a number >= 0"));
  const CLI::Validator kShare = finite_number(0.0, false, 1.0, say("a share from 0 to 1"));
  if (chinese) {
    const auto formatter = app.get_formatter();
    for (const auto& [key, word] : std::initializer_list<std::pair<const char*, const char*>>{
             {"Usage", "用法"}, {"OPTIONS", "选项"}, {"SUBCOMMAND", "子命令"}, {"SUBCOMMANDS", "子命令"},
             {"Positionals", "位置参数"}, {"REQUIRED", "必填"}, {"TEXT", "文本"}, {"INT", "整数"},
             {"FLOAT", "数值"}, {"UINT", "非负整数"}, {"Needs", "需要"}, {"Excludes", "不可同用"}, {"Env", "环境变量"}}) {
      formatter->label(key, word);
    }
    app.option_defaults()->group("选项");
  }
  app.set_version_flag("--version", std::string(version()), say("print the version and exit").str());
  app.set_help_flag("-h,--help", say("print this help and exit").str());
  app.require_subcommand(1);
  app.fallthrough();  // -q and the like also after the subcommand
  tuowei::gis::remove_temporaries_on_signal();  // Ctrl-C or a kill leaves no temporary file
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, say("print errors only, no progress, warnings or lists of files").str());
  std::string lang_name;
  app.add_option("--lang", lang_name, say("language of messages: zh (中文) or en (default: the locale, LANG)").str())
      ->check(CLI::IsMember({"zh", "en"}));

  std::string project_file;
  auto* validate = app.add_subcommand("validate", say("check a project file and all its data; print every problem").str());
  validate->add_option("PROJECT", project_file, say("project file (.toml)").str())->required();
  bool deep = false;
  validate->add_flag("--deep", deep, say("also decode every block of the population rasters (truncated files, "
                                     "impossible cell values), as a run reads them").str());

  std::string out_dir, schema, labels = "en";
  const std::string out_help = say("output folder (created if missing), or a PostGIS database (postgresql://... or PG:...; "
                         "docs/postgis.md); default: the project's [output] postgis").str();
  const std::string schema_help = say("the database schema for the results (default: [output] schema, else tuowei)").str();
  double target = 0;
  int year = 0;
  const std::string year_help = say("population at the end of this year: the official table's or the grid's year "
                          "(default), or a later one, projected (docs/methods.md)").str();
  bool skip_bad_records = false;
  std::vector<CLI::App*> runs;
  auto* indicators = app.add_subcommand(
      "indicators", say("township indicators (places per 1,000, enrolment...) into DIR/tuowei.gpkg, townships.csv, "
                    "counties.csv, summary.json").str());
  indicators->add_option("PROJECT", project_file, say("project file (.toml)").str())->required();
  indicators->add_option("-o,--out", out_dir, out_help);
  indicators->add_option("--schema", schema, schema_help);
  indicators->add_option("--labels", labels, say("CSV column headers: en (stable names) or zh (中文)").str())
      ->check(CLI::IsMember({"en", "zh"}));
  indicators->add_option("--target", target, say("places per 1,000 residents to reach (default: the project's, else 4.5)").str())
      ->check(kPositive);
  indicators->add_option("--year", year, year_help)->check(CLI::Range(1950, 2100));
  indicators->add_flag("--skip-bad-records", skip_bad_records,
                       say("leave out facility records with errors instead of stopping").str());
  runs.push_back(indicators);

  double radius = 0;
  std::string decay;
  for (const char* cmd_name : {"access", "run"}) {
    auto* cmd = app.add_subcommand(
        cmd_name, std::string(cmd_name) == "access"
                      ? say("indicators plus catchments, accessibility (2SFCA) and service deserts: adds coverage.tif, "
                            "access.tif, deserts.tif and the deserts/catchments layers")
                            .str()
                      : say("the full analysis (currently: indicators + access)").str());
    cmd->add_option("PROJECT", project_file, say("project file (.toml)").str())->required();
    cmd->add_option("-o,--out", out_dir, out_help);
    cmd->add_option("--schema", schema, schema_help);
    cmd->add_option("--labels", labels, say("CSV column headers: en or zh").str())->check(CLI::IsMember({"en", "zh"}));
    cmd->add_option("--target", target, say("places per 1,000 residents to reach").str())->check(kPositive);
    cmd->add_option("--radius", radius, say("catchment radius in metres (overrides [access] radius_m and cost_table)").str())
        ->check(kPositive);
    cmd->add_option("--decay", decay, say("uniform (2SFCA) | stepwise (E2SFCA) | gaussian | power").str())
        ->check(CLI::IsMember(decay_names()));
    cmd->add_option("--year", year, year_help)->check(CLI::Range(1950, 2100));
    cmd->add_flag("--skip-bad-records", skip_bad_records, say("leave out facility records with errors").str());
    runs.push_back(cmd);
  }

  int sites = 0;
  double places = 0, time_limit = 0;
  std::string objective, solver;
  auto* propose_cmd = app.add_subcommand(
      "propose", say("sites for new inclusive nurseries: DIR/proposals.csv, proposals.txt (a paragraph for reports), "
                 "townships_before_after.csv, and proposals/townships_after layers in tuowei.gpkg").str());
  propose_cmd->add_option("PROJECT", project_file, say("project file (.toml)").str())->required();
  propose_cmd->add_option("-o,--out", out_dir, out_help);
  propose_cmd->add_option("--schema", schema, schema_help);
  propose_cmd->add_option("-n,--sites", sites, say("how many new sites (default: [proposals] sites)").str())
      ->check(kPositive);
  propose_cmd->add_option("--objective", objective, say("coverage | capacitated | setcover | pmedian").str())
      ->check(CLI::IsMember(objective_names()));
  propose_cmd->add_option("--solver", solver, say("auto | greedy | exact (CBC)").str())->check(CLI::IsMember(solver_names()));
  propose_cmd->add_option("--radius", radius, say("catchment radius in metres").str())->check(kPositive);
  propose_cmd->add_option("--places", places, say("places per new site (default 80)").str())->check(kPositive);
  propose_cmd->add_option("--time-limit", time_limit, say("seconds for the search (interchange, bounds, CBC)").str())
      ->check(kPositive);
  double budget = 0, gap = -1;
  int per_township = -1;
  bool short_townships = false;
  std::vector<std::string> required, forbidden;
  propose_cmd->add_option("--budget", budget,
                          say("total cost of the new sites (the candidates' cost field or the site types' cost); "
                          "-n then caps their number only when given").str())
      ->check(kPositive);
  propose_cmd->add_option("--max-per-township", per_township, say("at most this many new sites in one township").str())
      ->check(kNonNegative);
  propose_cmd->add_flag("--site-in-short-townships", short_townships,
                        say("every township short of the target gets a site where a candidate can help").str());
  propose_cmd->add_option("--require", required, say("candidate ids that must be chosen (ID or ID:type)").str());
  propose_cmd->add_option("--forbid", forbidden, say("candidate ids that must not be chosen").str());
  propose_cmd->add_option("--gap", gap, say("stop once proven within this share of the optimum (default 0.005)").str())
      ->check(kShare);
  propose_cmd->add_option("--labels", labels, say("CSV column headers: en or zh").str())->check(CLI::IsMember({"en", "zh"}));
  propose_cmd->add_option("--year", year, year_help)->check(CLI::Range(1950, 2100));
  propose_cmd->add_flag("--skip-bad-records", skip_bad_records, say("leave out records with errors").str());

  int report_sites = 0;
  std::string report_labels = "zh";
  auto* report_cmd = app.add_subcommand(
      "report", say("the report to hand in: DIR/report.xlsx (tables, Excel charts) and report.pdf (A4: key figures, "
                "rankings, maps, equity, proposals, data and methods), beside everything `run` writes").str());
  report_cmd->add_option("PROJECT", project_file, say("project file (.toml)").str())->required();
  report_cmd->add_option("-o,--out", out_dir, say("output folder (created if missing)").str())->required();
  report_cmd->add_option("--year", year, year_help)->check(CLI::Range(1950, 2100));
  report_cmd->add_option("--labels", report_labels, say("the report's language and the CSV headers: zh (default) or en").str())
      ->check(CLI::IsMember({"en", "zh"}));
  report_cmd->add_option("-n,--sites", report_sites, say("also propose this many sites for new nurseries (default: none)").str())
      ->check(kNonNegative);
  report_cmd->add_option("--target", target, say("places per 1,000 residents to reach").str())->check(kPositive);
  report_cmd->add_option("--radius", radius, say("catchment radius in metres").str())->check(kPositive);
  report_cmd->add_flag("--skip-bad-records", skip_bad_records, say("leave out records with errors").str());

  if (chinese) chinese_type_names(app, *app.get_formatter());
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  ProgressBar bar(!quiet && isatty(fileno(stderr)));
  // TUOWEI_TRACE=1: when each stage starts, in seconds, for reports of slowness.
  const auto t0 = std::chrono::steady_clock::now();
  std::string last_stage;
  const bool trace = std::getenv("TUOWEI_TRACE") != nullptr;
  const Progress progress = [&](const std::string& stage, double f) {
    if (trace && stage != last_stage) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "%8.3f s  %s\n", s, stage.c_str());
      last_stage = stage;
    }
    bar.update(stage_words(stage), f);
  };
  const Labels csv_labels = labels == "zh" ? Labels::zh : Labels::en;
  try {
    if (*validate) {
      ValidationReport r = validate_project(project_file, deep);
      print_problems(r.problems, quiet);
      int errors = r.problems.count(Severity::error), warnings = r.problems.count(Severity::warning);
      print(say("{}: {} townships, {} facilities, {} population rasters; {} error(s), {} warning(s)\n", project_file,
                r.townships, r.facilities, r.population_layers, errors, warnings));
      return errors ? kExitInput : 0;
    }
    // Every other command: read the project, apply the command line's
    // settings, load the study once, analyse, write.
    Project project = read_project_or_throw(project_file);
    tuowei::gis::protect_inputs(input_files(project));  // an output never replaces an input
    // A folder, or the team's database (before the long load: a wrong
    // destination is said at once).
    const std::optional<PostgisTarget> database = postgis_target(out_dir, schema, project.output);
    if (*report_cmd && database) {
      std::cerr << say("error: report writes report.xlsx and report.pdf: give --out a folder\n").str();
      return kExitUsage;
    }
    if (!database && out_dir.empty()) {
      std::cerr << say("error: give --out DIR (or a PostGIS database), or set [output] postgis in the project file\n")
                       .str();
      return kExitUsage;
    }
    if (target > 0) project.targets.places_per_1000 = target;
    AccessConfig& access = project.access;
    if (radius > 0) {
      access.radius_m = radius;
      access.cost_table.clear();
    }
    if (!decay.empty()) access.decay = *parse_decay(decay);
    check_year(project.population, year);  // before the long load
    const bool with_access = !*indicators;
    if (*report_cmd) labels = report_labels;
    LoadOptions load;
    load.cells = with_access && access.demand == DemandUnit::cells;
    load.skip_bad_records = skip_bad_records;
    load.progress = progress;
    const Study study = load_study(project, load);
    const FacilitySet facilities(study, study.demand_for(year));
    Analysis base = analyse(facilities, project.targets,
                                  with_access ? std::optional<AccessConfig>(access) : std::nullopt, progress);

    if (*report_cmd) {
      std::optional<ProposalRun> run;
      if (report_sites > 0) {
        ProposalConfig settings = project.proposals;
        settings.sites = report_sites;
        settings.sites_set = true;
        ProposalOptions options;
        options.skip_bad_records = skip_bad_records;
        options.progress = progress;
        run = propose(base, settings, options);
        base.problems.append(run->problems);
      }
      const Labels report_lang = report_labels == "zh" ? Labels::zh : Labels::en;
      const ReportContent content = prepare_report(base, run ? &*run : nullptr, report_lang, progress);
      progress("writing outputs", 0);
      WriteOptions wo;
      wo.labels = report_lang;
      wo.summary_extra = report_summary_json(content);
      tuowei::gis::FileSet set(out_dir);  // the results and the report replace the folder's together
      std::vector<fs::path> written =
          run ? write_proposals(out_dir, base, *run, report_lang, wo.summary_extra) : write_results(out_dir, base, wo);
      progress("writing the report", 0);
      for (const fs::path& p : write_report(out_dir, content)) written.push_back(p);
      set.commit();
      progress("done", 1);
      bar.finish();
      print_problems(base.problems, quiet);
      if (!quiet) print_indicators(base);
      if (!quiet) print_access(base);
      print_written(written, quiet);
      return 0;
    }
    if (*propose_cmd) {
      ProposalConfig settings = project.proposals;
      if (sites > 0) settings.sites = sites, settings.sites_set = true;
      if (!objective.empty()) settings.objective = *parse_objective(objective);
      if (!solver.empty()) settings.solver = *parse_solver(solver);
      if (places > 0) settings.places = places;
      if (time_limit > 0) settings.time_limit_s = time_limit;
      if (budget > 0) settings.budget = budget;
      if (per_township >= 0) settings.max_per_township = per_township;
      if (short_townships) settings.site_in_short_townships = true;
      settings.required.insert(settings.required.end(), required.begin(), required.end());
      settings.forbidden.insert(settings.forbidden.end(), forbidden.begin(), forbidden.end());
      if (gap >= 0) settings.target_gap = gap;
      ProposalOptions options;
      options.skip_bad_records = skip_bad_records;
      options.progress = progress;
      ProposalRun run = propose(base, settings, options);
      base.problems.append(run.problems);
      progress("writing outputs", 0);
      std::optional<PostgisRun> in_database;
      std::vector<fs::path> written;
      if (database) in_database = write_postgis(*database, "propose", base, &run);
      else written = write_proposals(out_dir, base, run, csv_labels);
      progress("done", 1);
      bar.finish();
      print_problems(base.problems, quiet);
      if (!quiet) print_proposals(run);
      if (in_database) print_written(*in_database, quiet);
      else print_written(written, quiet);
      return 0;
    }
    progress("writing outputs", 0);
    WriteOptions wo;
    wo.labels = csv_labels;
    std::optional<PostgisRun> in_database;
    std::vector<fs::path> written;
    if (database) in_database = write_postgis(*database, app.get_subcommands().front()->get_name(), base);
    else written = write_results(out_dir, base, wo);
    progress("done", 1);
    bar.finish();
    print_problems(base.problems, quiet);
    if (!quiet) print_indicators(base);
    if (!quiet && base.access) print_access(base);
    if (in_database) print_written(*in_database, quiet);
    else print_written(written, quiet);
    return 0;
  } catch (const InputError& e) {
    bar.finish();
    print_problems(e.problems(), quiet);
    std::cerr << say("stopped: {} error(s) in the inputs; nothing was written\n", e.problems().count(Severity::error))
                     .str();
    return kExitInput;
  } catch (const std::exception& e) {
    bar.finish();
    std::cerr << say("error: ").str() << e.what() << '\n';
    // A writer's own words for a full disk ("database or disk is full")
    // said plainly, with the disk and what to do.
    const bool folder = !out_dir.empty() && out_dir.rfind("PG:", 0) != 0 && out_dir.find("://") == std::string::npos;
    if (folder) {
      if (auto note = tuowei::gis::full_disk_note(out_dir, e.what())) std::cerr << say("error: ").str() << note->str() << '\n';
    }
    return kExitFailure;
  }
}
