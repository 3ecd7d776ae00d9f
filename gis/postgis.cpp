#include "gis/postgis.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <fmt/format.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "gis/error.h"
#include "gis/gdal_env.h"

namespace tuowei::gis {
namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

bool is_url(std::string_view s) {
  return starts_with_nocase(s, "postgresql://") || starts_with_nocase(s, "postgres://");
}

std::string percent_decode(std::string_view s, std::string_view source) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    if (i + 2 >= s.size() || !hex(s[i + 1]) || !hex(s[i + 2])) {
      throw Error(fmt::format("{}: '%' must be followed by two hex digits (write a '%' as %25)", mask_password(source)));
    }
    out += char(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

// libpq's key=value syntax: values with spaces, quotes or backslashes (or
// none at all) in single quotes, with ' and \ escaped.
std::string conninfo_value(const std::string& v) {
  if (!v.empty() && v.find_first_of(" \t'\\") == std::string::npos) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// postgresql://[user[:password]@][host[:port][,host[:port]...]][/dbname][?key=value&...]
std::string url_to_conninfo(std::string_view url) {
  std::string_view rest = url.substr(url.find("://") + 3);
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::vector<std::pair<std::string, std::string>> kv;
  std::string tables;
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    size_t colon = userinfo.find(':');
    if (!userinfo.substr(0, colon).empty()) kv.emplace_back("user", percent_decode(userinfo.substr(0, colon), url));
    if (colon != std::string_view::npos) kv.emplace_back("password", percent_decode(userinfo.substr(colon + 1), url));
  }
  std::string hosts, ports;
  for (size_t begin = 0; !rest.empty() && begin <= rest.size();) {
    size_t end = std::min(rest.find(',', begin), rest.size());
    std::string_view hp = rest.substr(begin, end - begin);
    std::string_view host = hp, port;
    if (!hp.empty() && hp.front() == '[') {  // [IPv6]:port
      size_t close = hp.find(']');
      if (close == std::string_view::npos) {
        throw Error(fmt::format("{}: an IPv6 host needs its closing ']'", mask_password(url)));
      }
      host = hp.substr(1, close - 1);
      if (close + 1 < hp.size() && hp[close + 1] == ':') port = hp.substr(close + 2);
    } else if (size_t colon = hp.rfind(':'); colon != std::string_view::npos) {
      host = hp.substr(0, colon);
      port = hp.substr(colon + 1);
    }
    hosts += (begin ? "," : "") + percent_decode(host, url);
    ports += (begin ? "," : "") + std::string(port);
    begin = end + 1;
  }
  if (hosts.find_first_not_of(',') != std::string::npos) kv.emplace_back("host", hosts);
  if (ports.find_first_not_of(',') != std::string::npos) kv.emplace_back("port", ports);
  if (!path.empty()) kv.emplace_back("dbname", percent_decode(path, url));
  for (size_t begin = 0; begin < query.size();) {
    size_t end = std::min(query.find('&', begin), query.size());
    std::string_view param = query.substr(begin, end - begin);
    begin = end + 1;
    if (param.empty()) continue;
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) {
      throw Error(fmt::format("{}: URL parameter '{}' has no value (write key=value)", mask_password(url),
                              mask_password(param)));
    }
    std::string key = percent_decode(param.substr(0, eq), url), value = percent_decode(param.substr(eq + 1), url);
    if (key == "table" || key == "tables") {
      if (value.find_first_of(" \t'\"\\") != std::string::npos) {
        throw Error(fmt::format("{}: table '{}' may not hold spaces or quotes", mask_password(url), value));
      }
      tables = value;
    } else {
      kv.emplace_back(key, value);
    }
  }
  std::string out;
  for (const auto& [k, v] : kv) out += (out.empty() ? "" : " ") + k + "=" + conninfo_value(v);
  // GDAL's own key: it limits the source to that table and is not passed to libpq.
  if (!tables.empty()) out += (out.empty() ? "" : " ") + ("tables=" + tables);
  return out;
}

// The end of a value starting at `i`: a quoted '...' (with \ escapes), or up
// to the first of `stops`.
size_t value_end(std::string_view s, size_t i, std::string_view stops) {
  if (i < s.size() && s[i] == '\'') {
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\\') ++i;
      else if (s[i] == '\'') return i + 1;
    }
    return s.size();
  }
  return std::min(s.find_first_of(stops, i), s.size());
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string mask_key_values(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t at = std::string_view::npos;
    for (size_t k = i; k + 8 <= text.size(); ++k) {
      if (starts_with_nocase(text.substr(k), "password") && (k == 0 || !is_name_char(text[k - 1]))) {
        at = k;
        break;
      }
    }
    if (at == std::string_view::npos) break;
    size_t j = at + 8;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j >= text.size() || text[j] != '=') {
      out.append(text.substr(i, at + 8 - i));
      i = at + 8;
      continue;
    }
    ++j;
    while (j < text.size() && text[j] == ' ') ++j;
    // In a URL (after ? or &) a value ends at the next parameter.
    const bool in_url = at > 0 && (text[at - 1] == '?' || text[at - 1] == '&');
    const size_t end = value_end(text, j, in_url ? std::string_view(" \t\r\n&#'\"") : std::string_view(" \t\r\n'\""));
    out.append(text.substr(i, j - i));
    out += "***";
    i = end;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

std::string mask_url_userinfo(std::string_view text) {
  std::string out;
  size_t i = 0;
  for (size_t scheme = text.find("://"); scheme != std::string_view::npos; scheme = text.find("://", i)) {
    const size_t begin = scheme + 3;
    const size_t end = std::min(text.find_first_of("/?# \t\r\n'\"", begin), text.size());
    const size_t at = text.substr(begin, end - begin).rfind('@');
    const size_t colon = at == std::string_view::npos ? std::string_view::npos : text.substr(begin, at).find(':');
    if (colon == std::string_view::npos) {
      out.append(text.substr(i, end - i));
    } else {
      out.append(text.substr(i, begin + colon + 1 - i));
      out += "***";
      out.append(text.substr(begin + at, end - begin - at));
    }
    i = end;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

// libpq's message (after GDAL's "PQconnectdb failed.") on one line.
std::string server_message(const std::string& gdal_error) {
  std::string msg = gdal_error;
  if (size_t p = msg.find("PQconnectdb failed."); p != std::string::npos) msg.erase(p, 19);
  std::string out;
  bool space = false;
  for (char c : msg) {
    if (c == '\n' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool contains(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }

// What to check, by what libpq said.
std::string connection_fix(const std::string& msg) {
  if (contains(msg, "password authentication failed") || contains(msg, "no password supplied") ||
      contains(msg, "authentication failed")) {
    return "the server refused the login: check the user name and the password (in PGPASSFILE or ~/.pgpass, "
           "a service in pg_service.conf, or PGPASSWORD; docs/postgis.md)";
  }
  if (contains(msg, "no pg_hba.conf entry")) {
    return "the server does not let this user in from here: ask its administrator for a pg_hba.conf entry";
  }
  if (contains(msg, "database") && contains(msg, "does not exist")) {
    return "no such database on that server: check dbname (the URL's path)";
  }
  if (contains(msg, "role") && contains(msg, "does not exist")) {
    return "no such user on that server: check the user name";
  }
  if (contains(msg, "definition of service")) {
    return "no such service: check PGSERVICEFILE or ~/.pg_service.conf";
  }
  return "cannot reach the server: check the host and port, that the server is running and accepts connections "
         "from this machine (listen_addresses, firewall)";
}

[[noreturn]] void connection_failed(std::string_view source, const std::string& gdal_error) {
  const std::string msg = server_message(gdal_error);
  throw Error(fmt::format("{}: cannot connect to PostgreSQL ({}); {}", mask_password(source),
                          mask_password(msg.empty() ? "no message" : msg), connection_fix(msg)));
}

constexpr int kPauseBeforeCommitSeconds = 60;

}  // namespace

bool is_postgis(std::string_view source) { return starts_with_nocase(source, "PG:") || is_url(source); }

std::string gdal_connection(std::string_view source) {
  if (is_url(source)) return "PG:" + url_to_conninfo(source);
  return std::string(source);
}

std::string mask_password(std::string_view text) { return mask_key_values(mask_url_userinfo(text)); }

void check_sql_name(std::string_view name, std::string_view what) {
  bool ok = !name.empty() && name.size() <= 63 && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  if (!ok) {
    throw Error(fmt::format("{} '{}' is not a plain SQL name: use lower-case letters, digits and _ (e.g. tuowei), "
                            "at most 63 characters, not starting with a digit",
                            what, name));
  }
}

std::string sql_literal(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

GDALDatasetUniquePtr open_postgis(std::string_view source, bool update) {
  ensure_gdal();
  const std::string connection = gdal_connection(source);
  const char* drivers[] = {"PostgreSQL", nullptr};
  // Every table, not only those with a geometry column: a missing table's
  // message lists what there is, and attribute tables are inputs too.
  const char* options[] = {"LIST_ALL_TABLES=YES", nullptr};
  CPLErrorReset();
  GDALDatasetUniquePtr ds(GDALDataset::Open(connection.c_str(),
                                            GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY), drivers,
                                            options, nullptr));
  if (!ds) connection_failed(source, last_gdal_error());
  return ds;
}

bool has_postgis_extension(GDALDataset& ds) {
  OGRLayer* r = ds.ExecuteSQL("SELECT extversion FROM pg_extension WHERE extname = 'postgis'", nullptr, nullptr);
  if (!r) return false;
  const bool found = OGRFeatureUniquePtr(r->GetNextFeature()) != nullptr;
  ds.ReleaseResultSet(r);
  return found;
}

PostgisWriter::PostgisWriter(std::string_view connection)
    : name_(mask_password(connection)), ds_(open_postgis(connection, true)) {
  if (!has_postgis_extension(*ds_)) {
    throw Error(fmt::format("{}: the database has no PostGIS extension; its owner runs CREATE EXTENSION postgis; "
                            "once (docs/postgis.md)",
                            name_));
  }
  if (ds_->StartTransaction() != OGRERR_NONE) fail("cannot begin a transaction");
  // Boundaries are large values the server compresses: lz4 (PostgreSQL 14+,
  // where built with it) does it several times faster than the default pglz.
  if (query("SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND "
            "'lz4' = ANY(enumvals)") == "1") {
    execute("SET LOCAL default_toast_compression = lz4");
  }
}

PostgisWriter::~PostgisWriter() {
  if (ds_ && !committed_) ds_->RollbackTransaction();
}

void PostgisWriter::fail(const std::string& what) {
  throw Error(fmt::format("{}: {} ({})", name_, what, mask_password(server_message(last_gdal_error()))));
}

void PostgisWriter::execute(const std::string& sql) {
  CPLErrorReset();
  if (OGRLayer* r = ds_->ExecuteSQL(sql.c_str(), nullptr, nullptr)) ds_->ReleaseResultSet(r);
  if (CPLGetLastErrorType() >= CE_Failure) fail(fmt::format("failed: {}", sql.substr(0, 200)));
}

std::string PostgisWriter::query(const std::string& sql) {
  CPLErrorReset();
  OGRLayer* r = ds_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (CPLGetLastErrorType() >= CE_Failure) {
    if (r) ds_->ReleaseResultSet(r);
    fail(fmt::format("failed: {}", sql.substr(0, 200)));
  }
  std::string value;
  if (r) {
    OGRFeatureUniquePtr f(r->GetNextFeature());
    if (f && f->GetFieldCount() > 0 && f->IsFieldSetAndNotNull(0)) value = f->GetFieldAsString(0);
    ds_->ReleaseResultSet(r);
  }
  return value;
}

void PostgisWriter::create_schema(const std::string& schema) {
  check_sql_name(schema, "schema");
  // Asked first: CREATE SCHEMA IF NOT EXISTS needs the right to create
  // schemas even when the schema is there, which a team's planners lack.
  if (query(fmt::format("SELECT to_regnamespace({}) IS NULL", sql_literal(schema))) == "1") {
    execute("CREATE SCHEMA " + schema);
  }
}

bool PostgisWriter::table_exists(const std::string& schema, const std::string& table) {
  return query(fmt::format("SELECT to_regclass({}) IS NOT NULL", sql_literal(schema + "." + table))) == "1";
}

void PostgisWriter::lock_schema(const std::string& schema) {
  query(fmt::format("SELECT pg_advisory_xact_lock(hashtextextended({}, 0))", sql_literal("tuowei schema " + schema)));
}

std::vector<std::string> PostgisWriter::prepare_tables(const std::string& schema, const std::vector<OGRLayer*>& layers,
                                                       const std::vector<std::string>& tag_columns) {
  check_sql_name(schema, "schema");
  // The columns there are now, from the catalogue (fresh, unlike GDAL's cache).
  auto columns = [&] {
    std::map<std::string, std::set<std::string>> out;
    OGRLayer* r = ds_->ExecuteSQL(
        fmt::format("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = {}",
                    sql_literal(schema))
            .c_str(),
        nullptr, nullptr);
    if (!r) fail("cannot read the tables' columns");
    for (auto& f : *r) out[f->GetFieldAsString(0)].insert(f->GetFieldAsString(1));
    ds_->ReleaseResultSet(r);
    return out;
  };
  auto lacking = [&](const std::map<std::string, std::set<std::string>>& have, OGRLayer& layer) {
    std::vector<OGRFieldDefn*> missing;
    auto it = have.find(layer.GetName());
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      if (it == have.end() || !it->second.count(defn->GetFieldDefn(i)->GetNameRef())) {
        missing.push_back(defn->GetFieldDefn(i));
      }
    }
    return missing;
  };
  auto have = columns();
  bool ddl = false;
  for (OGRLayer* layer : layers) {
    check_sql_name(layer->GetName(), "table");
    ddl = ddl || !have.count(layer->GetName()) || !lacking(have, *layer).empty();
    for (const std::string& tag : tag_columns) ddl = ddl || !have[layer->GetName()].count(tag);
  }
  if (!ddl) return {};
  lock_schema(schema);
  have = columns();  // another writer may have made them while this one waited
  std::vector<std::string> created;
  for (OGRLayer* layer : layers) {
    const std::string name = layer->GetName();
    OGRLayer* target = nullptr;
    if (!have.count(name)) {
      const std::string schema_option = "SCHEMA=" + schema;
      const char* options[] = {schema_option.c_str(), "GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=GIST",
                               "LAUNDER=NO", nullptr};
      CPLErrorReset();
      target = ds_->CreateLayer(name.c_str(), layer->GetSpatialRef(), wkbFlatten(layer->GetGeomType()),
                                const_cast<char**>(options));
      if (!target) fail(fmt::format("cannot create table {}.{}", schema, name));
      created.push_back(name);
    } else {
      target = table(schema, name);
    }
    std::vector<std::unique_ptr<OGRFieldDefn>> add;
    for (OGRFieldDefn* f : lacking(have, *layer)) add.push_back(std::make_unique<OGRFieldDefn>(f));
    for (const std::string& tag : tag_columns) {
      if (!have[name].count(tag)) add.push_back(std::make_unique<OGRFieldDefn>(tag.c_str(), OFTInteger64));
    }
    for (const auto& f : add) {
      if (target->CreateField(f.get()) != OGRERR_NONE) {
        fail(fmt::format("cannot add column {} to {}.{}", f->GetNameRef(), schema, name));
      }
    }
  }
  // GDAL creates tables on first use: have them all made now, empty ones too.
  query("SELECT 1");
  return created;
}

OGRLayer* PostgisWriter::table(const std::string& schema, const std::string& name) {
  OGRLayer* t = ds_->GetLayerByName((schema + "." + name).c_str());
  if (!t) fail(fmt::format("no table {}.{}", schema, name));
  return t;
}

void PostgisWriter::append(const std::string& schema, OGRLayer& layer,
                           const std::vector<std::pair<std::string, long long>>& tags) {
  // Rows go by COPY, in batches: not a round trip each.
  CPLConfigOptionSetter copy("PG_USE_COPY", "YES", false);
  OGRLayer* target = table(schema, layer.GetName());
  OGRFeatureDefn* to = target->GetLayerDefn();
  OGRFeatureDefn* from = layer.GetLayerDefn();
  std::vector<int> map(size_t(from->GetFieldCount()));
  for (int i = 0; i < from->GetFieldCount(); ++i) {
    map[size_t(i)] = to->GetFieldIndex(from->GetFieldDefn(i)->GetNameRef());
    if (map[size_t(i)] < 0) {
      fail(fmt::format("table {}.{} has no column {}", schema, layer.GetName(), from->GetFieldDefn(i)->GetNameRef()));
    }
  }
  std::vector<std::pair<int, long long>> tag_fields;
  for (const auto& [column, value] : tags) {
    const int i = to->GetFieldIndex(column.c_str());
    if (i < 0) fail(fmt::format("table {}.{} has no column {}", schema, layer.GetName(), column));
    tag_fields.emplace_back(i, value);
  }
  layer.ResetReading();
  for (auto& feature : layer) {
    OGRFeature row(to);
    row.SetFrom(feature.get(), map.data(), TRUE);
    row.SetFID(OGRNullFID);
    for (const auto& [i, value] : tag_fields) row.SetField(i, static_cast<GIntBig>(value));
    CPLErrorReset();
    if (target->CreateFeature(&row) != OGRERR_NONE) {
      fail(fmt::format("cannot write a row of {}.{}", schema, layer.GetName()));
    }
  }
}

void PostgisWriter::commit() {
  if (const char* marker = std::getenv("TUOWEI_TEST_PAUSE_BEFORE_COMMIT")) {
    query("SELECT 1");  // ends the COPY: every row is on the server, uncommitted
    std::ofstream(marker) << ::getpid() << '\n';
    const char* seconds = std::getenv("TUOWEI_TEST_PAUSE_SECONDS");
    std::this_thread::sleep_for(std::chrono::seconds(seconds ? std::atoi(seconds) : kPauseBeforeCommitSeconds));
  }
  CPLErrorReset();
  if (ds_->CommitTransaction() != OGRERR_NONE) fail("cannot commit");
  committed_ = true;
}

}  // namespace tuowei::gis
