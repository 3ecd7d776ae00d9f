// PostGIS as a source and a target: connection strings, passwords kept out of
// every message, and one transaction that appends OGR layers to the tables of
// a schema. Sources are read through GDAL's PostgreSQL driver; results are
// written through libpq with COPY, each double in its shortest form that reads
// back to the same bits (GDAL's driver sends doubles with 15 digits).
//
// Credentials come from libpq's usual places: PGPASSFILE or ~/.pgpass, a
// service in pg_service.conf (PGSERVICE or service=...), PGHOST, PGUSER,
// PGPASSWORD... A connection string need not, and should not, hold a password.
#pragma once

#include <gdal_priv.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gis/text.h"

class OGRLayer;
struct pg_conn;
struct pg_result;

namespace tuowei::gis {

// True for "PG:..." connection strings and postgresql:// or postgres:// URLs.
bool is_postgis(std::string_view source);

// The connection as GDAL's PostgreSQL driver takes it: "PG:" and libpq's
// key=value pairs. A URL (postgresql://user@host:port/db?param=value) is
// taken apart and percent-decoded; its parameters are libpq's, except
// table=schema.table, which becomes GDAL's tables= (the source's one layer).
// A "PG:" string is returned unchanged. Throws Error for a malformed URL.
std::string gdal_connection(std::string_view source);

// The connection as libpq takes it: gdal_connection without "PG:" and
// without GDAL's own keys (tables, schemas, active_schema).
std::string libpq_connection(std::string_view source);

// `text` with every password in it replaced by "***": the value of
// password=... (key=value strings and URL parameters) and the password of
// user:password@ in URLs. For anything that echoes a source or a server's
// message: errors, warnings, summary.json.
std::string mask_password(std::string_view text);

// A PostGIS connection opened through GDAL (read-only or for update). Throws
// Error naming the (masked) source when the server cannot be reached, refuses
// the login or has no such database, each with what to check.
GDALDatasetUniquePtr open_postgis(std::string_view source, bool update);

// Whether the database behind `ds` has the PostGIS extension.
bool has_postgis_extension(GDALDataset& ds);

// A lower-case SQL name (schema or table): [a-z_][a-z0-9_]*, at most 63
// characters, so that it needs no quoting anywhere. Throws Error saying so.
void check_sql_name(std::string_view name, std::string_view what);

// One transaction on a PostGIS database into which layers are appended as
// tables of a schema. Nothing is visible to others before commit(); a writer
// destroyed without commit() (an error, a killed process: the server then
// drops the connection) leaves the database as it was. Two writers at once
// each append their own rows; those creating or widening the same tables
// wait for each other (an advisory lock per schema).
class PostgisWriter {
 public:
  // Connects, checks the PostGIS extension, begins the transaction. Throws
  // Error naming the (masked) connection, as open_postgis does.
  explicit PostgisWriter(std::string_view connection);
  ~PostgisWriter();  // rolls back unless committed
  PostgisWriter(const PostgisWriter&) = delete;
  PostgisWriter& operator=(const PostgisWriter&) = delete;

  // The connection with its password masked, for messages.
  const std::string& name() const { return name_; }

  // Creates `schema` when missing.
  void create_schema(const std::string& schema);
  bool table_exists(const std::string& schema, const std::string& table);
  // Waits until no other writer is creating or widening tables of `schema`;
  // held until this transaction ends. Taking it again is harmless.
  void lock_schema(const std::string& schema);

  // Makes schema.<layer name> ready to take each layer's features before any
  // is appended: created when missing (a bigserial fid, the layer's fields,
  // its geometry as geom in its SRS's EPSG SRID with a GiST index) or given
  // the fields it lacks, plus a bigint column for each of `tag_columns`.
  // Returns the tables it created.
  std::vector<std::string> prepare_tables(const std::string& schema, const std::vector<OGRLayer*>& layers,
                                          const std::vector<std::string>& tag_columns);
  // Appends every feature of `layer` to schema.<layer name> (prepared), each
  // row with the `tags` values, in the layer's order; by COPY, not a
  // statement per row. Doubles arrive exactly as they are in `layer`.
  void append(const std::string& schema, OGRLayer& layer, const std::vector<std::pair<std::string, long long>>& tags);

  // A statement that returns nothing; throws Error with the server's message.
  void execute(const std::string& sql);
  // The first column of the first row as the server writes it ("t" or "f"
  // for a boolean; "" for none or NULL).
  std::string query(const std::string& sql);

  // Commits. TUOWEI_TEST_PAUSE_BEFORE_COMMIT=FILE (tests only) creates FILE
  // and waits first, TUOWEI_TEST_PAUSE_SECONDS (default 60), every row sent:
  // so that a test can kill a run mid-write, or start another beside it.
  void commit();

 private:
  struct Result;  // a PGresult, cleared when it goes
  Result run(const std::string& sql);
  [[noreturn]] void fail(const Text& what, const pg_result* result = nullptr);

  std::string name_;
  std::unique_ptr<pg_conn, void (*)(pg_conn*)> conn_;
  bool committed_ = false;
};

// A value as an SQL string literal ('it''s').
std::string sql_literal(std::string_view value);

}  // namespace tuowei::gis
