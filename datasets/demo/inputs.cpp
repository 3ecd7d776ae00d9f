#include "inputs.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace tuowei::demo {
namespace {

std::vector<CountyInput> load_counties(const std::filesystem::path& file) {
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!ds) throw std::runtime_error(fmt::format("cannot open {}", file.string()));
  OGRLayer* layer = ds->GetLayer(0);
  if (!layer) throw std::runtime_error(fmt::format("{} has no layer", file.string()));
  std::vector<CountyInput> out;
  layer->ResetReading();
  for (auto& feature : *layer) {
    const OGRGeometry* g = feature->GetGeometryRef();
    if (!g) throw std::runtime_error("county without geometry");
    const auto type = wkbFlatten(g->getGeometryType());
    if (type != wkbPolygon && type != wkbMultiPolygon) throw std::runtime_error("county geometry is not polygonal");
    CountyInput c;
    c.code = feature->GetFieldAsString("code");
    c.name = feature->GetFieldAsString("name");
    c.wkb.resize(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, c.wkb.data(), wkbVariantIso);
    OGREnvelope env;
    g->getEnvelope(&env);
    c.envelope = {env.MinX, env.MinY, env.MaxX, env.MaxY};
    if (c.code.size() != 6) throw std::runtime_error(fmt::format("bad county code '{}'", c.code));
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return out;
}

// Splits one line of the simple CSV written by the derivation script
// (fields quoted only when they contain a comma or a quote).
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return fields;
}

std::vector<TownshipInput> load_townships(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot open {}", file.string()));
  std::string line;
  std::getline(in, line);
  if (split_csv_line(line) != std::vector<std::string>{"code", "name", "county_code", "county"}) {
    throw std::runtime_error(fmt::format("{}: unexpected header", file.string()));
  }
  std::vector<TownshipInput> out;
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    auto f = split_csv_line(line);
    if (f.size() != 4 || f[0].size() != 12 || f[2].size() != 6 || f[0].compare(0, 6, f[2]) != 0) {
      throw std::runtime_error(fmt::format("{}: bad line '{}'", file.string(), line));
    }
    out.push_back({f[0], f[1], f[2], f[3]});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return out;
}

}  // namespace

Inputs load_inputs(const std::filesystem::path& dir) {
  Inputs in;
  in.counties = load_counties(dir / "counties.geojson");
  in.townships = load_townships(dir / "townships.csv");
  if (in.counties.empty()) throw std::runtime_error("no counties");
  std::map<std::string, int> per_county;
  for (const auto& c : in.counties) per_county[c.code] = 0;
  for (const auto& t : in.townships) {
    auto it = per_county.find(t.county_code);
    if (it == per_county.end()) throw std::runtime_error(fmt::format("township {} in unknown county", t.code));
    ++it->second;
  }
  for (const auto& [code, n] : per_county) {
    if (n == 0) throw std::runtime_error(fmt::format("county {} has no townships", code));
  }
  in.envelope = in.counties.front().envelope;
  for (const auto& c : in.counties) {
    in.envelope.min_x = std::min(in.envelope.min_x, c.envelope.min_x);
    in.envelope.min_y = std::min(in.envelope.min_y, c.envelope.min_y);
    in.envelope.max_x = std::max(in.envelope.max_x, c.envelope.max_x);
    in.envelope.max_y = std::max(in.envelope.max_y, c.envelope.max_y);
  }
  return in;
}

}  // namespace tuowei::demo
