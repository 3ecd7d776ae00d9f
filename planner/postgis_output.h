// A run's results in the PostGIS database a team shares: the layers of
// tuowei.gpkg as tables of one schema, every row carrying its run's id, and
// one row per run in <schema>.runs, so that runs (years, radii, districts,
// objectives) can be compared in SQL and opened in QGIS (docs/postgis.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/project.h"

namespace tuowei::planner {

struct Analysis;
struct ProposalRun;

struct PostgisTarget {
  std::string connection;  // "PG:..." or "postgresql://..."
  std::string schema = "tuowei";
};

// Where a command's results go when it is a database: `out` (--out) when
// it is a PostGIS connection, or, with no `out`, the project's [output]
// postgis. nullopt: a folder. `schema` (--schema), when given, replaces
// [output] schema. Throws gis::Error for a schema that is not a plain name.
std::optional<PostgisTarget> postgis_target(const std::string& out, const std::string& schema,
                                            const OutputConfig& output);

struct PostgisRun {
  long long run_id = 0;
  std::string where;                // the connection (password masked) and schema, for messages
  std::vector<std::string> tables;  // written, in order
};

// Writes a run into target.schema in one transaction: the tables townships,
// counties, facilities, deserts and catchments (those the analysis made),
// places_needed_by_year and, with `proposals`, proposals and townships_after;
// each created when missing (WGS84, SRID 4326, a GiST index on geom, an index
// on run_id), widened with the columns it lacks, appended to otherwise; and a
// row in <schema>.runs: the run id, time, user, `command`, the project file
// and its SHA-256, tuowei's version, target, year, radius, objective and
// what summary.json (and proposals.json) would say. A failure or a killed
// process leaves nothing. Throws gis::Error naming the database.
PostgisRun write_postgis(const PostgisTarget& target, const std::string& command, const Analysis& base,
                         const ProposalRun* proposals = nullptr);

}  // namespace tuowei::planner
