// What the PostGIS tests share: the throwaway server of the CTest fixture
// "postgis" (tests/postgis/server.sh), and ways to put data into it and to
// look at what tuowei wrote there.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tuowei::test {

// The test server's setting KEY (PGHOST, PGDATABASE, TUOWEI_PG_PASSWORD...)
// from the file TUOWEI_PG_ENV names. Every setting is also exported when the
// test program starts, so that libpq finds the server and the password
// (PGPASSFILE) here and in every tuowei the tests run.
std::string server_setting(const std::string& key);

// The test database as a URL: postgresql:///DB, or with `user_password`
// ("user:password") postgresql://user:password@/DB. The socket folder comes
// from PGHOST.
std::string database_url(const std::string& user_password = {});

// psql -c SQL as the test role; its output (unaligned, tuples only), trimmed.
// Throws when psql fails.
std::string psql(const std::string& sql);

// Loads `source` (a file ogr2ogr reads) into the test database as
// `schema.table` (schema created if missing), column names as they are.
void load_into_postgis(const std::filesystem::path& source, const std::string& schema, const std::string& table,
                       const std::string& ogr2ogr_options = {});

// The differences between a GeoPackage layer and one run's rows of the
// PostGIS table of the same name: the row count, every column of the
// GeoPackage (values, NULLs) and every geometry (exactly), row by row in the
// order written. Empty when they agree.
std::vector<std::string> compare_with_geopackage(const std::filesystem::path& gpkg, const std::string& layer,
                                                 const std::string& schema, long long run_id);

// The run id tuowei printed ("written: run N into ..."); 0 when none.
long long printed_run_id(const std::string& output);

// A shell word: `s` in single quotes.
std::string shell_quote(const std::string& s);

}  // namespace tuowei::test
