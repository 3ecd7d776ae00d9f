#include "planner/postgis_output.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>

#include "gis/error.h"
#include "gis/gdal_env.h"
#include "gis/postgis.h"
#include "planner/analysis.h"
#include "planner/outputs.h"
#include "planner/say.h"
#include "planner/siting/propose.h"
#include "planner/version.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

// One row per run; every result table's run_id refers to it (deleting a
// run deletes its rows).
constexpr const char* kRunsTable = R"(CREATE TABLE IF NOT EXISTS {}.runs (
  run_id bigserial PRIMARY KEY,
  run_time timestamptz NOT NULL DEFAULT now(),
  run_by text NOT NULL DEFAULT session_user,
  command text NOT NULL,
  project_name text,
  project_file text,
  project_sha256 text,
  tuowei_version text,
  target_places_per_1000 double precision,
  year integer,
  radius_m double precision,
  objective text,
  summary jsonb,
  proposals jsonb
))";

std::string positive_or_null(double v) { return std::isnan(v) || v <= 0 ? "NULL" : fmt::format("{:.17g}", v); }

// The project file's SHA-256, computed by the server (no hashing library
// here); NULL when the file cannot be read.
std::string project_hash_sql(const fs::path& file) {
  std::ifstream is(file, std::ios::binary);
  if (!is) return "NULL";
  const std::string bytes((std::istreambuf_iterator<char>(is)), std::istreambuf_iterator<char>());
  std::string hex;
  for (unsigned char c : bytes) hex += fmt::format("{:02x}", c);
  return fmt::format("encode(sha256(decode('{}', 'hex')), 'hex')", hex);
}

// The catchment radius in metres (none with a cost table, or without access).
double radius_m(const Analysis& base, const ProposalRun* proposals) {
  if (proposals) return proposals->radius_m;
  if (!base.access || base.access->cost_table()) return NAN;
  return base.access->decay.threshold;
}

std::string insert_run(const std::string& schema, long long run_id, const std::string& command, const Analysis& base,
                       const ProposalRun* proposals) {
  const Project& project = base.facilities.study().project();
  const nlohmann::json summary = summary_json(base);
  return fmt::format(
      "INSERT INTO {}.runs (run_id, command, project_name, project_file, project_sha256, tuowei_version, "
      "target_places_per_1000, year, radius_m, objective, summary, proposals) VALUES "
      "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}::jsonb, {})",
      schema, run_id, gis::sql_literal(command), gis::sql_literal(project.name),
      gis::sql_literal(project.file.string()), project_hash_sql(project.file), gis::sql_literal(version()),
      positive_or_null(base.table.targets.places_per_1000), base.table.year > 0 ? std::to_string(base.table.year) : "NULL",
      positive_or_null(radius_m(base, proposals)),
      proposals ? gis::sql_literal(name(proposals->settings.objective)) : "NULL", gis::sql_literal(summary.dump()),
      proposals ? gis::sql_literal(proposals_json(base, *proposals).dump()) + "::jsonb" : "NULL");
}

// The layers tuowei.gpkg would hold, built in memory by the same writers.
GDALDatasetUniquePtr result_layers(const fs::path& label, const Analysis& base, const ProposalRun* proposals) {
  gis::ensure_gdal();
  GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");
  if (!memory) throw gis::Error(say("GDAL was built without the Memory driver"));
  GDALDatasetUniquePtr ds(memory->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw gis::Error(say("cannot make an in-memory dataset ({})", gis::last_gdal_error()));
  // In the order tuowei.gpkg lists them: the layers with geometry first.
  add_result_layers(*ds, label, base.facilities, base.table, base.access ? &*base.access : nullptr);
  if (proposals) add_proposal_layers(*ds, label, base, *proposals);
  const std::vector<YearNeed> needs = places_needed_by_year(base.facilities, base.table.targets);
  if (!needs.empty()) add_year_needs_layer(*ds, label, needs, base.facilities.study().townships());
  return ds;
}

}  // namespace

std::optional<PostgisTarget> postgis_target(const std::string& out, const std::string& schema,
                                            const OutputConfig& output) {
  const std::string connection = out.empty() ? output.postgis : out;
  if (connection.empty() || !gis::is_postgis(connection)) return std::nullopt;
  PostgisTarget target{connection, schema.empty() ? output.schema : schema};
  gis::check_sql_name(target.schema, "schema");
  return target;
}

PostgisRun write_postgis(const PostgisTarget& target, const std::string& command, const Analysis& base,
                         const ProposalRun* proposals) {
  const std::string& schema = target.schema;
  gis::check_sql_name(schema, "schema");
  PostgisRun out;
  out.where = fmt::format("{} (schema {})", gis::mask_password(target.connection), schema);
  // Connecting (authentication, PostGIS's start-up) meanwhile.
  std::future<std::unique_ptr<gis::PostgisWriter>> connecting =
      std::async(std::launch::async, [&] { return std::make_unique<gis::PostgisWriter>(target.connection); });
  GDALDatasetUniquePtr layers = result_layers(out.where, base, proposals);
  std::vector<OGRLayer*> tables;
  for (OGRLayer* layer : layers->GetLayers()) tables.push_back(layer);

  const std::unique_ptr<gis::PostgisWriter> writer = connecting.get();
  gis::PostgisWriter& db = *writer;
  db.create_schema(schema);
  if (!db.table_exists(schema, "runs")) {
    db.lock_schema(schema);
    db.execute(fmt::format(kRunsTable, schema));
  }
  const std::vector<std::string> created = db.prepare_tables(schema, tables, {"run_id"});
  out.run_id = std::stoll(db.query(fmt::format("SELECT nextval(pg_get_serial_sequence('{}.runs', 'run_id'))", schema)));
  db.execute(insert_run(schema, out.run_id, command, base, proposals));
  for (OGRLayer* layer : tables) {
    db.append(schema, *layer, {{"run_id", out.run_id}});
    out.tables.emplace_back(layer->GetName());
  }
  for (const std::string& table : created) {
    db.execute(fmt::format("CREATE INDEX ON {}.{} (run_id)", schema, table));
    db.execute(fmt::format("ALTER TABLE {0}.{1} ADD FOREIGN KEY (run_id) REFERENCES {0}.runs (run_id) ON DELETE CASCADE",
                           schema, table));
  }
  db.commit();
  return out;
}

}  // namespace tuowei::planner
