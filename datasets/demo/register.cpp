#include "register.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "random.h"

namespace tuowei::demo {

RegisterSummary write_register(const std::filesystem::path& xlsx, const TownshipSet& townships,
                               const PopulationSummary& pop, std::uint64_t seed) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
  if (!driver) throw std::runtime_error("GDAL has no XLSX driver");
  GDALDatasetUniquePtr ds(driver->Create(xlsx.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error(fmt::format("cannot create {}", xlsx.string()));
  OGRLayer* layer = ds->CreateLayer("常住人口与出生", nullptr, wkbNone, nullptr);
  if (!layer) throw std::runtime_error(fmt::format("cannot create a sheet in {}", xlsx.string()));
  auto field = [&](const std::string& name, OGRFieldType type) {
    OGRFieldDefn f(name.c_str(), type);
    if (layer->CreateField(&f) != OGRERR_NONE) throw std::runtime_error("cannot create field " + name);
  };
  field("区划代码", OFTString);
  field("名称", OFTString);
  field("常住人口", OFTInteger);
  field("0-3岁人口", OFTInteger);
  for (int y = kFirstBirthYear; y <= kRegisterYear; ++y) field(fmt::format("出生人口{}", y), OFTInteger);

  RegisterSummary sum;
  Rng rng(seed, "register");
  const auto& tws = townships.townships;
  std::set<std::size_t> missing;
  while (missing.size() < 2 && tws.size() > 4) missing.insert(static_cast<std::size_t>(rng.integer(0, tws.size() - 1)));
  // Survival to the end of the year of the cohorts born in Y, Y-1, Y-2 (the
  // planner's default, from infant and under-5 mortality).
  const double s[3] = {0.9955, 0.99507, 0.99465};
  for (std::size_t i = 0; i < tws.size(); ++i) {
    const double residents = std::round(pop.township_residents[i] * (1.0 + rng.normal(0.0, 0.025)));
    double births[kRegisterYear - kFirstBirthYear + 1];
    double b = pop.township_under3[i] / 3.0 * std::exp(rng.normal(0.0, 0.05));
    for (int y = kFirstBirthYear; y <= kRegisterYear; ++y) {
      births[y - kFirstBirthYear] = std::round(b);
      b *= 0.92 * std::exp(rng.normal(0.0, 0.015));
    }
    const double kind = rng.uniform();
    sum.births_first += births[0];
    sum.births_last += births[kRegisterYear - kFirstBirthYear];
    if (missing.count(i)) {
      ++sum.missing;
      continue;
    }
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("区划代码", tws[i].code.c_str());
    f.SetField("名称", tws[i].name.c_str());
    f.SetField("常住人口", static_cast<int>(residents));
    const bool with_births = kind < 0.85, with_count = kind >= 0.70 && kind < 0.95;
    if (with_births) {
      for (int y = kFirstBirthYear; y <= kRegisterYear; ++y) {
        f.SetField(fmt::format("出生人口{}", y).c_str(), static_cast<int>(births[y - kFirstBirthYear]));
      }
    }
    if (with_count) {
      const int n = kRegisterYear - kFirstBirthYear;
      const double cohorts = s[0] * births[n] + s[1] * births[n - 1] + s[2] * births[n - 2];
      f.SetField("0-3岁人口", static_cast<int>(std::round(cohorts * std::exp(rng.normal(0.0, 0.02)))));
    }
    if (with_births && with_count) ++sum.births_and_count;
    else if (with_births) ++sum.births_only;
    else if (with_count) ++sum.count_only;
    else ++sum.residents_only;
    sum.residents += residents;
    if (layer->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write a register row");
    ++sum.rows;
  }
  ds.reset();
  return sum;
}

}  // namespace tuowei::demo
