#include "gis/postgis.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
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
      throw Error(say("{}: '%' must be followed by two hex digits (write a '%' as %25)", mask_password(source)));
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
// `with_tables`: table=schema.table becomes GDAL's tables=; else dropped.
std::string url_to_conninfo(std::string_view url, bool with_tables) {
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
        throw Error(say("{}: an IPv6 host needs its closing ']'", mask_password(url)));
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
      throw Error(say("{}: URL parameter '{}' has no value (write key=value)", mask_password(url),
                      mask_password(param)));
    }
    std::string key = percent_decode(param.substr(0, eq), url), value = percent_decode(param.substr(eq + 1), url);
    if (key == "table" || key == "tables") {
      if (value.find_first_of(" \t'\"\\") != std::string::npos) {
        throw Error(say("{}: table '{}' may not hold spaces or quotes", mask_password(url), value));
      }
      tables = value;
    } else {
      kv.emplace_back(key, value);
    }
  }
  std::string out;
  for (const auto& [k, v] : kv) out += (out.empty() ? "" : " ") + k + "=" + conninfo_value(v);
  // GDAL's own key: it limits the source to that table and is not passed to libpq.
  if (with_tables && !tables.empty()) out += (out.empty() ? "" : " ") + ("tables=" + tables);
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
Text connection_fix(const std::string& msg) {
  if (contains(msg, "password authentication failed") || contains(msg, "no password supplied") ||
      contains(msg, "authentication failed")) {
    return say("the server refused the login: check the user name and the password (in PGPASSFILE or ~/.pgpass, "
               "a service in pg_service.conf, or PGPASSWORD; docs/postgis.md)");
  }
  if (contains(msg, "no pg_hba.conf entry")) {
    return say("the server does not let this user in from here: ask its administrator for a pg_hba.conf entry");
  }
  if (contains(msg, "database") && contains(msg, "does not exist")) {
    return say("no such database on that server: check dbname (the URL's path)");
  }
  if (contains(msg, "role") && contains(msg, "does not exist")) {
    return say("no such user on that server: check the user name");
  }
  if (contains(msg, "definition of service")) {
    return say("no such service: check PGSERVICEFILE or ~/.pg_service.conf");
  }
  return say("cannot reach the server: check the host and port, that the server is running and accepts connections "
             "from this machine (listen_addresses, firewall)");
}

[[noreturn]] void connection_failed(std::string_view source, const std::string& gdal_error) {
  const std::string msg = server_message(gdal_error);
  // libpq's own words read the same in every language.
  const Text said = msg.empty() ? say("no message") : as_is(mask_password(msg));
  throw Error(say("{}: cannot connect to PostgreSQL ({}); {}", mask_password(source), said, connection_fix(msg)));
}

constexpr int kPauseBeforeCommitSeconds = 60;

}  // namespace

bool is_postgis(std::string_view source) { return starts_with_nocase(source, "PG:") || is_url(source); }

std::string gdal_connection(std::string_view source) {
  if (is_url(source)) return "PG:" + url_to_conninfo(source, true);
  return std::string(source);
}

std::string libpq_connection(std::string_view source) {
  if (is_url(source)) return url_to_conninfo(source, false);
  std::string_view s = starts_with_nocase(source, "PG:") ? source.substr(3) : source;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    const size_t eq = s.find('=', i);
    if (eq == std::string_view::npos) {
      throw Error(say("{}: '{}' is not key=value", mask_password(source), mask_password(s.substr(i))));
    }
    size_t j = eq + 1;
    while (j < s.size() && s[j] == ' ') ++j;
    const size_t end = value_end(s, j, " \t\r\n");
    std::string key(s.substr(i, eq - i));
    while (!key.empty() && key.back() == ' ') key.pop_back();
    if (key != "tables" && key != "schemas" && key != "active_schema") {
      out += (out.empty() ? "" : " ") + key + "=" + std::string(s.substr(j, end - j));
    }
    i = end;
  }
  return out;
}

std::string mask_password(std::string_view text) { return mask_key_values(mask_url_userinfo(text)); }

void check_sql_name(std::string_view name, std::string_view what) {
  bool ok = !name.empty() && name.size() <= 63 && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  if (!ok) {
    throw Error(say("{} '{}' is not a plain SQL name: use lower-case letters, digits and _ (e.g. tuowei), "
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

namespace {

void finish(pg_conn* conn) {
  if (conn) PQfinish(conn);
}

// A name in double quotes, as SQL needs for any name ("0-3岁人口").
std::string quote_ident(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The PostgreSQL type of an OGR field.
std::string column_type(const OGRFieldDefn& f) {
  switch (f.GetType()) {
    case OFTInteger:
      if (f.GetSubType() == OFSTBoolean) return "boolean";
      return f.GetSubType() == OFSTInt16 ? "smallint" : "integer";
    case OFTInteger64: return "bigint";
    case OFTReal: return f.GetSubType() == OFSTFloat32 ? "real" : "double precision";
    case OFTString: return "text";
    case OFTDate: return "date";
    case OFTTime: return "time";
    case OFTDateTime: return "timestamptz";
    case OFTBinary: return "bytea";
    default:
      throw Error(say("field {} is a list ({}), which tuowei does not store in PostGIS", f.GetNameRef(),
                      OGRFieldDefn::GetFieldTypeName(f.GetType())));
  }
}

// `text` as a value of COPY's text format: backslash, tab, newline and
// carriage return escaped.
void append_copy_text(std::string& out, const char* text) {
  for (const char* p = text; *p; ++p) {
    switch (*p) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += *p;
    }
  }
}

// The shortest decimal that reads back as the same double (std::to_chars),
// or PostgreSQL's words for the special values.
void append_double(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "Infinity" : "-Infinity";
  } else {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  }
}

void append_hex(std::string& out, const unsigned char* bytes, size_t n) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
}

void append_field(std::string& out, const OGRFeature& f, int i) {
  if (!f.IsFieldSetAndNotNull(i)) {
    out += "\\N";
    return;
  }
  const OGRFieldDefn& defn = *f.GetDefnRef()->GetFieldDefn(i);
  switch (defn.GetType()) {
    case OFTInteger:
    case OFTInteger64: out += std::to_string(f.GetFieldAsInteger64(i)); break;
    case OFTReal: append_double(out, f.GetFieldAsDouble(i)); break;
    case OFTBinary: {
      int n = 0;
      const GByte* bytes = const_cast<OGRFeature&>(f).GetFieldAsBinary(i, &n);
      out += "\\\\x";
      append_hex(out, bytes, size_t(n));
      break;
    }
    default: append_copy_text(out, f.GetFieldAsString(i));
  }
}

// A geometry as PostGIS reads it: SRID=n; then hex WKB (exact, unlike text).
void append_geometry(std::string& out, const OGRGeometry* g, int srid, std::vector<unsigned char>& wkb) {
  if (!g) {
    out += "\\N";
    return;
  }
  wkb.resize(size_t(g->WkbSize()));
  if (g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) {
    throw Error(say("cannot encode a {} as WKB", g->getGeometryName()));
  }
  out += fmt::format("SRID={};", srid);
  append_hex(out, wkb.data(), wkb.size());
}

// The EPSG code of a layer's SRS, which PostGIS's spatial_ref_sys knows.
int epsg_srid(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (!srs) return 0;
  OGRSpatialReference copy(*srs);
  const char* authority = copy.GetAuthorityName(nullptr);
  if (!authority || !EQUAL(authority, "EPSG")) copy.AutoIdentifyEPSG();
  authority = copy.GetAuthorityName(nullptr);
  const char* code = copy.GetAuthorityCode(nullptr);
  if (!authority || !EQUAL(authority, "EPSG") || !code) {
    throw Error(say("layer {} has a CRS without an EPSG code, which PostGIS needs as its SRID", layer.GetName()));
  }
  return std::atoi(code);
}

// COPY sends rows in pieces of about this many bytes.
constexpr size_t kCopyChunk = 1 << 20;

}  // namespace

struct PostgisWriter::Result {
  PGresult* r;
  explicit Result(PGresult* result) : r(result) {}
  ~Result() { PQclear(r); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result(Result&& o) noexcept : r(o.r) { o.r = nullptr; }
};

PostgisWriter::PostgisWriter(std::string_view connection)
    : name_(mask_password(connection)), conn_(nullptr, finish) {
  const std::string conninfo = libpq_connection(connection);
  conn_.reset(PQconnectdb(conninfo.c_str()));
  if (!conn_) throw Error(say("{}: cannot connect to PostgreSQL (out of memory)", name_));
  if (PQstatus(conn_.get()) != CONNECTION_OK) connection_failed(connection, PQerrorMessage(conn_.get()));
  // The server's notices (IF NOT EXISTS ... skipping) are not the user's business.
  PQsetNoticeProcessor(conn_.get(), [](void*, const char*) {}, nullptr);
  if (PQsetClientEncoding(conn_.get(), "UTF8") != 0) fail(say("cannot set the client encoding to UTF8"));
  if (query("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") != "1") {
    throw Error(say("{}: the database has no PostGIS extension; its owner runs CREATE EXTENSION postgis; "
                    "once (docs/postgis.md)",
                    name_));
  }
  execute("BEGIN");
  // Boundaries are large values the server compresses: lz4 (PostgreSQL 14+,
  // where built with it) does it several times faster than the default pglz.
  if (query("SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND "
            "'lz4' = ANY(enumvals)") == "1") {
    execute("SET LOCAL default_toast_compression = lz4");
  }
}

PostgisWriter::~PostgisWriter() {
  // Closing the connection rolls back what was not committed.
  if (conn_ && !committed_ && PQstatus(conn_.get()) == CONNECTION_OK) PQclear(PQexec(conn_.get(), "ROLLBACK"));
}

void PostgisWriter::fail(const Text& what, const pg_result* result) {
  const char* msg = result ? PQresultErrorMessage(result) : nullptr;
  if (!msg || !*msg) msg = PQerrorMessage(conn_.get());
  throw Error(say("{}: {} ({})", name_, what, mask_password(server_message(msg ? msg : ""))));
}

PostgisWriter::Result PostgisWriter::run(const std::string& sql) {
  Result r(PQexec(conn_.get(), sql.c_str()));
  const ExecStatusType status = PQresultStatus(r.r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    fail(say("failed: {}", sql.substr(0, 200)), r.r);
  }
  return r;
}

void PostgisWriter::execute(const std::string& sql) { run(sql); }

std::string PostgisWriter::query(const std::string& sql) {
  const Result r = run(sql);
  if (PQntuples(r.r) < 1 || PQnfields(r.r) < 1 || PQgetisnull(r.r, 0, 0)) return "";
  return PQgetvalue(r.r, 0, 0);
}

void PostgisWriter::create_schema(const std::string& schema) {
  check_sql_name(schema, "schema");
  // Asked first: CREATE SCHEMA IF NOT EXISTS needs the right to create
  // schemas even when the schema is there, which a team's planners lack. A
  // writer that creates it holds the schema's lock, so another asks again
  // once that one has committed: of the catalogue table, as to_regnamespace
  // could answer from this session's cache of names not found.
  const std::string missing =
      fmt::format("SELECT NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = {})", sql_literal(schema));
  if (query(missing) == "t") {
    lock_schema(schema);
    if (query(missing) == "t") execute("CREATE SCHEMA " + schema);
  }
}

bool PostgisWriter::table_exists(const std::string& schema, const std::string& table) {
  return query(fmt::format("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE n.nspname = {} AND c.relname = {})",
                           sql_literal(schema), sql_literal(table))) == "t";
}

void PostgisWriter::lock_schema(const std::string& schema) {
  query(fmt::format("SELECT pg_advisory_xact_lock(hashtextextended({}, 0))", sql_literal("tuowei schema " + schema)));
}

std::vector<std::string> PostgisWriter::prepare_tables(const std::string& schema, const std::vector<OGRLayer*>& layers,
                                                       const std::vector<std::string>& tag_columns) {
  check_sql_name(schema, "schema");
  // The columns there are now, from the catalogue.
  auto columns = [&] {
    std::map<std::string, std::set<std::string>> out;
    const Result r = run(fmt::format(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = {}", sql_literal(schema)));
    for (int i = 0; i < PQntuples(r.r); ++i) out[PQgetvalue(r.r, i, 0)].insert(PQgetvalue(r.r, i, 1));
    return out;
  };
  // The columns a table needs and lacks: the layer's fields, then the tags.
  auto lacking = [&](const std::map<std::string, std::set<std::string>>& have, OGRLayer& layer) {
    std::vector<std::pair<std::string, std::string>> missing;  // name, type
    auto it = have.find(layer.GetName());
    auto lacks = [&](const std::string& name) { return it == have.end() || !it->second.count(name); };
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      const OGRFieldDefn& f = *defn->GetFieldDefn(i);
      if (lacks(f.GetNameRef())) missing.emplace_back(f.GetNameRef(), column_type(f));
    }
    for (const std::string& tag : tag_columns) {
      if (lacks(tag)) missing.emplace_back(tag, "bigint");
    }
    return missing;
  };
  auto have = columns();
  bool ddl = false;
  for (OGRLayer* layer : layers) {
    check_sql_name(layer->GetName(), "table");
    ddl = ddl || !have.count(layer->GetName()) || !lacking(have, *layer).empty();
  }
  if (!ddl) return {};
  lock_schema(schema);
  have = columns();  // another writer may have made them while this one waited
  std::vector<std::string> created;
  for (OGRLayer* layer : layers) {
    const std::string table = schema + "." + layer->GetName();
    const auto add = lacking(have, *layer);
    if (!have.count(layer->GetName())) {
      std::string sql = "CREATE TABLE " + table + " (fid bigserial PRIMARY KEY";
      for (const auto& [name, type] : add) sql += ", " + quote_ident(name) + " " + type;
      const OGRwkbGeometryType type = wkbFlatten(layer->GetGeomType());
      if (type != wkbNone) {
        sql += fmt::format(", geom geometry({}, {})", OGRToOGCGeomType(type), epsg_srid(*layer));
      }
      execute(sql + ")");
      if (type != wkbNone) execute("CREATE INDEX ON " + table + " USING gist (geom)");
      created.emplace_back(layer->GetName());
    } else {
      for (const auto& [name, type] : add) {
        execute("ALTER TABLE " + table + " ADD COLUMN " + quote_ident(name) + " " + type);
      }
    }
  }
  return created;
}

void PostgisWriter::append(const std::string& schema, OGRLayer& layer,
                           const std::vector<std::pair<std::string, long long>>& tags) {
  const std::string table = schema + "." + layer.GetName();
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  const bool has_geometry = defn->GetGeomFieldCount() > 0;
  const int srid = has_geometry ? epsg_srid(layer) : 0;
  std::string columns;
  auto column = [&](const std::string& name) { columns += (columns.empty() ? "" : ", ") + name; };
  for (int i = 0; i < defn->GetFieldCount(); ++i) column(quote_ident(defn->GetFieldDefn(i)->GetNameRef()));
  if (has_geometry) column("geom");
  for (const auto& tag : tags) column(quote_ident(tag.first));
  {
    const std::string sql = "COPY " + table + " (" + columns + ") FROM STDIN";
    const Result r(PQexec(conn_.get(), sql.c_str()));
    if (PQresultStatus(r.r) != PGRES_COPY_IN) fail(say("cannot write to {}", table), r.r);
  }
  std::string buf;
  std::vector<unsigned char> wkb;
  auto send = [&] {
    if (PQputCopyData(conn_.get(), buf.data(), int(buf.size())) != 1) fail(say("cannot write to {}", table));
    buf.clear();
  };
  layer.ResetReading();
  for (auto& feature : layer) {
    const char* sep = "";
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      buf += sep, sep = "\t";
      append_field(buf, *feature, i);
    }
    if (has_geometry) {
      buf += sep, sep = "\t";
      append_geometry(buf, feature->GetGeometryRef(), srid, wkb);
    }
    for (const auto& tag : tags) {
      buf += sep, sep = "\t";
      buf += std::to_string(tag.second);
    }
    buf += '\n';
    if (buf.size() >= kCopyChunk) send();
  }
  if (!buf.empty()) send();
  if (PQputCopyEnd(conn_.get(), nullptr) != 1) fail(say("cannot write to {}", table));
  bool ok = true;
  std::string error;
  while (PGresult* res = PQgetResult(conn_.get())) {
    const Result r(res);
    if (PQresultStatus(res) != PGRES_COMMAND_OK && ok) {
      ok = false;
      error = PQresultErrorMessage(res);
    }
  }
  if (!ok) {
    throw Error(say("{}: cannot write the rows of {} ({})", name_, table, mask_password(server_message(error))));
  }
}

void PostgisWriter::commit() {
  if (const char* marker = std::getenv("TUOWEI_TEST_PAUSE_BEFORE_COMMIT")) {
    std::ofstream(marker) << ::getpid() << '\n';
    const char* seconds = std::getenv("TUOWEI_TEST_PAUSE_SECONDS");
    std::this_thread::sleep_for(std::chrono::seconds(seconds ? std::atoi(seconds) : kPauseBeforeCommitSeconds));
  }
  // A transaction that failed ends in ROLLBACK, whatever COMMIT says.
  const Result r = run("COMMIT");
  if (std::string_view(PQcmdStatus(r.r)) != "COMMIT") fail(say("cannot commit: the transaction was rolled back"));
  committed_ = true;
}

}  // namespace tuowei::gis
