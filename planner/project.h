// The project file: one TOML file naming every input, field, CRS and target.
// docs/user-guide.md documents every key.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gis/distance_decay.h"
#include "gis/location_allocation.h"
#include "planner/problems.h"

namespace tuowei::planner {

// The closed sets of the project file, parsed once here. name() gives the
// word the project file and the command line use; parse_*() the reverse
// (nullopt for a word that is none of them).
enum class DemandUnit { cells, townships };    // populated grid cells, or a point in each township
enum class SupplyKind { places, inclusive_places };
enum class Objective { coverage, capacitated, setcover, pmedian };
enum class SetcoverTarget { coverage, places };

const char* name(DemandUnit v);
const char* name(SupplyKind v);
const char* name(Objective v);
const char* name(SetcoverTarget v);
const char* name(gis::Solver v);
const char* name(gis::DistanceDecay::Kind v);
std::optional<DemandUnit> parse_demand_unit(std::string_view word);
std::optional<SupplyKind> parse_supply_kind(std::string_view word);
std::optional<Objective> parse_objective(std::string_view word);
std::optional<SetcoverTarget> parse_setcover_target(std::string_view word);
std::optional<gis::Solver> parse_solver(std::string_view word);
std::optional<gis::DistanceDecay::Kind> parse_decay(std::string_view word);
// The words of each set, for help texts and CLI checks.
std::vector<std::string> objective_names();
std::vector<std::string> solver_names();
std::vector<std::string> decay_names();

struct TownshipsConfig {
  std::string path;  // any OGR source, or a PostGIS connection ("PG:..." or "postgresql://...")
  std::string layer;  // a PostGIS table as "schema.table"
  std::string id_field = "code";
  std::string name_field = "name";
  std::string parent_id_field;    // county/district code, optional
  std::string parent_name_field;  // county/district name, optional
  std::string encoding = "auto";
  std::string crs;  // overrides the source's CRS ("" = use it)
};

struct RasterRef {
  std::string path;
  int band = 1;
  double weight = 1.0;
};

// [population.official]: counts per township from the statistics bureau or
// the population register (全员人口信息库), describing the end of `year`.
// Every column is optional, and so is every value: what a township lacks
// comes from the grid (docs/methods.md, "Official counts").
struct OfficialConfig {
  std::string path;  // CSV, XLSX or any OGR table; "" = no table
  std::string layer;
  std::string encoding = "auto";
  int year = 0;  // required with a path
  std::string id_field = "区划代码";
  std::string name_field = "名称";  // for messages only
  std::string residents_field = "常住人口";
  std::string children_0_3_field = "0-3岁人口";
  // Births per calendar year: the fields matching the pattern, {year} a
  // four-digit year (出生人口2022, 出生人口2023, ...).
  std::string births_field = "出生人口{year}";
  // Children by single year of age at the end of `year`: aged 0, 1 and 2.
  std::vector<std::string> age_fields = {"0岁", "1岁", "2岁"};
  // The fields the project file names itself: these must exist in the table
  // (the defaults may be absent).
  std::vector<std::string> named_fields;
};

struct PopulationConfig {
  std::string layout = "worldpop";  // worldpop | rasters
  // Both resolved to explicit raster lists: residents (all ages) and
  // children under 3, each a weighted sum of raster bands.
  std::vector<RasterRef> residents;
  std::vector<RasterRef> children_0_3;
  // Populated under-3 cells held in memory for catchments, deserts, siting
  // and what-if (about 100 bytes each with their results). A study area
  // with more stops with a message rather than exhausting the memory.
  double max_cells = 50e6;
  // The year the rasters describe (WorldPop: its year; 0 = not stated, then
  // taken to be the official table's).
  int grid_year = 0;
  OfficialConfig official;
  // Projection (docs/methods.md, "Projection"): survival of the cohorts
  // born in Y, Y-1 and Y-2 to the end of Y (default from the national
  // infant and under-5 mortality, default_survival()); the annual change
  // of births after the last observed year (nullopt: the observed mean,
  // capped to +-10%); the annual change of residents.
  std::vector<double> survival;
  std::optional<double> births_annual_change;
  double residents_annual_change = 0.0;
};

// Survival to the end of year Y of children born in Y, Y-1 and Y-2, from
// the infant (4.5 per 1,000) and under-5 (6.2 per 1,000) mortality of the
// 2023 national health statistics bulletin (docs/methods.md).
std::vector<double> default_survival();

struct FacilitiesConfig {
  std::string path;
  std::string layer;
  std::string encoding = "auto";
  std::string crs;  // required for CSV/XLSX; GCJ-02 and BD-09 accepted
  std::string x_field = "经度";
  std::string y_field = "纬度";
  std::string id_field = "机构编号";
  std::string name_field = "机构名称";
  std::string type_field = "类型";
  std::string operator_field = "举办性质";
  std::string places_field = "托位数";
  std::string enrolled_field = "在托人数";
  std::string inclusive_field = "是否普惠";
  std::vector<std::string> inclusive_values = {"是", "普惠", "普惠性", "1", "true", "yes", "y"};
  std::vector<std::string> non_inclusive_values = {"否", "非普惠", "0", "false", "no", "n"};
};

struct Targets {
  // 千人口托位数 target: places per 1,000 residents (14th Five-Year Plan: 4.5).
  double places_per_1000 = 4.5;
  // Share of under-3s whose families want a place (national surveys: about
  // 30%; an assumption, docs/methods.md): places_needed_for_share.
  double care_share = 0.3;
  // The last year of the places-needed-by-year table.
  int horizon_year = 2030;
};

// [access] and [deserts]: catchments, accessibility, service deserts.
struct AccessConfig {
  DemandUnit demand = DemandUnit::cells;
  double radius_m = 300.0;  // GB 50180-2018: nurseries serve a 5-minute (300 m) walk
  gis::DistanceDecay::Kind decay = gis::DistanceDecay::Kind::uniform;
  std::vector<std::pair<double, double>> steps;  // stepwise: [upper bound, weight]; default thirds 1/0.68/0.22
  double power_beta = 1.0;
  double power_min_cost = 50.0;
  // Gaussian bandwidth of its own (0: tied to the catchment, Dai 2010), in
  // metres, or in the cost table's unit.
  double gaussian_bandwidth = 0.0;
  // Catchments and bandwidths may be given in minutes of walking
  // (radius_min, bandwidth_min), at this speed: GB 50180-2018 equates the
  // 5-minute life circle with 300 m (docs/methods.md 6.3).
  double walking_speed_m_per_min = 60.0;
  SupplyKind supply = SupplyKind::places;
  // Travel costs instead of straight-line distance: CSV origin_id,
  // destination_id,cost; origins are township ids (demand = townships) or
  // cell ids "R<row>C<col>"; destinations are facility ids.
  std::string cost_table;
  double cost_threshold = 0.0;  // in the table's unit, e.g. minutes
  // Walking distance on streets instead of straight lines: an OpenStreetMap
  // extract (.osm.pbf, .osm), used when distance = "network" (the default
  // when a network is given); points farther than max_snap_m from a
  // walkable way reach nothing (docs/methods.md 6.7).
  std::string network;
  bool network_distance = false;
  double max_snap_m = 200.0;
  // Cell-catchment pairs the catchments may hold (16 bytes each): a radius
  // in kilometres typed as metres would reach every cell from every
  // facility and exhaust the memory; the run stops first and says so.
  double max_pairs = 250e6;
  std::string origin_field = "origin_id", destination_field = "destination_id", cost_field = "cost";
  // Deserts: populated cells beyond every catchment, or with more than
  // children_per_place children per place (CAP 2017: 3), with at least
  // min_children under-3s.
  double desert_children_per_place = 3.0;
  double desert_min_children = 0.0;
  // Desert polygons: connected patches of desert cells with fewer children
  // or less area than these are not drawn but counted per township.
  double desert_min_patch_children = 50.0;
  double desert_min_patch_km2 = 0.0;
};

// [proposals]: sites for new inclusive nurseries (tuowei propose).
struct ProposalConfig {
  int sites = 5;
  Objective objective = Objective::coverage;
  gis::Solver solver = gis::Solver::automatic;
  double time_limit_s = 60.0;
  double target_gap = 0.005;  // stop once proven within this share of the optimum
  // Places per new site. Default: one 乳儿班 (10), two 托小班 (15) and two
  // 托大班 (20), the class sizes of 托育机构设置标准(试行) 2019: 80 places.
  double places = 80.0;
  // setcover: "coverage" (reach coverage_target of all under-3s) or
  // "places" (every township reaches the places-per-1,000 target).
  SetcoverTarget setcover_target = SetcoverTarget::coverage;
  double coverage_target = 0.8;
  double pmedian_max_distance_m = 3000.0;  // distances beyond count as this
  // Candidates: a layer of sites (points or polygons) ...
  std::string candidates;
  std::string candidates_layer, candidates_crs, candidates_encoding = "auto";
  std::string candidate_x_field = "经度", candidate_y_field = "纬度";
  std::string candidate_id_field = "编号", candidate_name_field = "名称";
  std::string candidate_places_field = "托位数", candidate_cost_field = "投资";
  // ... or generated at the centres of coarse cells holding under-3s.
  double generate_cell_m = 250.0;
  double generate_min_children = 1.0;   // under-3s a coarse cell must hold
  double min_distance_m = 0.0;          // from existing facilities
  std::string exclude;                  // polygons where no site may go
  int max_candidates = 20000;
  // Budgets and spread (docs/methods.md 7.5). With a budget the sites' costs
  // (candidate_cost_field, else the site type's cost) add up to at most it,
  // and `sites` caps their number only when set (sites_set).
  double budget = INFINITY;
  bool sites_set = false;
  int max_per_township = 0;              // at most this many new sites in one township (0: no limit)
  bool site_in_short_townships = false;  // each township short of the target gets a site, where one can help
  std::vector<std::string> required;     // candidate ids that must be chosen ("ID" or "ID:type")
  std::vector<std::string> forbidden;    // candidate ids that must not
  // Site types chosen together ([[proposals.types]]): each candidate place
  // may get one of them, with its own places, catchment and cost. None:
  // every site has `places` and the catchment radius.
  struct SiteType {
    std::string name;
    double places = 80.0;
    double radius_m = 0.0;  // 0: the catchment radius of [access]
    double cost = NAN;      // when the candidate gives none
  };
  std::vector<SiteType> types;
  // The next-best candidate reported beside each proposed site lies within this.
  double alternative_within_m = 500.0;
};

// [map]: the desktop map's basemap. Offline (no tiles) unless tile_url is set,
// e.g. an intranet server "http://tiles.example/{z}/{x}/{y}.png".
struct MapConfig {
  std::string tile_url;
};

// [report]: the report's title page and the regional ranking.
struct ReportConfig {
  std::string title;         // default: "<project name>托育服务资源评估报告"
  std::string organisation;  // 编制单位, on the title page
  // Other units of the region (e.g. every county of the province) with
  // their official figures, to rank the study's units among them.
  std::string region_table;
  std::string region_layer, region_encoding = "auto";
  std::string region_id_field = "区划代码", region_name_field = "名称";
  std::string region_residents_field = "常住人口", region_places_field = "托位数";
  std::string region_enrolled_field = "在托人数", region_children_field = "0-3岁人口";
};

// [output]: where a run's results go when the command line names no --out:
// a PostGIS database the team shares (docs/postgis.md).
struct OutputConfig {
  std::string postgis;  // "PG:..." or "postgresql://..." (no password: .pgpass); "" = none
  std::string schema = "tuowei";
};

struct Project {
  std::filesystem::path file;  // the TOML file
  std::filesystem::path dir;   // relative paths are taken from here
  std::string name;
  std::string distance_crs = "auto";
  Targets targets;
  TownshipsConfig townships;
  PopulationConfig population;
  FacilitiesConfig facilities;
  AccessConfig access;
  MapConfig map;
  ProposalConfig proposals;
  ReportConfig report;
  OutputConfig output;
  bool has_access_section = false;  // [access] or [deserts] present
};

// Parses the project file; every problem goes into `problems` (the returned
// project holds what could be read). Paths come back absolute.
Project read_project(const std::filesystem::path& file, Problems& problems);

// The files a project reads (the project file, boundaries, population
// rasters, tables, candidates...): what no output may replace. Database
// sources are left out.
std::vector<std::filesystem::path> input_files(const Project& project);

// The WorldPop age-sex file names for one sex ("f"/"m") and age class (0, 1,
// 5, ... 80) under `pattern` ({prefix}, {sex}, {age}, {age2} = two digits,
// {year}).
std::string worldpop_file_name(const std::string& pattern, const std::string& prefix, const std::string& sex,
                               int age, int year);

}  // namespace tuowei::planner
