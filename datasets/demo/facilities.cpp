#include "facilities.h"

#include <cpl_string.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "gis/china_offsets.h"
#include "nanning_model.h"
#include "random.h"

namespace tuowei::demo {
namespace {

enum Type { kCentre, kKindergarten, kCommunity, kEmployer, kFamily, kMedical, kTypes };
enum Operator { kPublic, kPrivate, kEmployerRun, kInstitution, kOperators };

constexpr std::array<const char*, kTypes> kTypeNames = {"托育机构",     "幼儿园托班", "社区托育服务点",
                                                        "用人单位办托", "家庭托育点", "医育结合托育机构"};
constexpr std::array<const char*, kOperators> kOperatorNames = {"公办", "民办", "用人单位", "事业单位"};

// Type mix in the countryside and in the dense city; a place in between
// blends the two.
constexpr std::array<double, kTypes> kRuralMix = {0.22, 0.45, 0.10, 0.04, 0.14, 0.05};
constexpr std::array<double, kTypes> kUrbanMix = {0.38, 0.24, 0.16, 0.08, 0.08, 0.06};

// Operator mix per type.
constexpr std::array<std::array<double, kOperators>, kTypes> kOperatorMix = {{
    {0.12, 0.78, 0.00, 0.10},  // 托育机构
    {0.45, 0.50, 0.00, 0.05},  // 幼儿园托班
    {0.55, 0.35, 0.00, 0.10},  // 社区托育服务点
    {0.00, 0.00, 1.00, 0.00},  // 用人单位办托
    {0.00, 1.00, 0.00, 0.00},  // 家庭托育点
    {0.20, 0.20, 0.00, 0.60},  // 医育结合托育机构
}};

// Chance of being inclusive (普惠) by operator.
constexpr std::array<double, kOperators> kInclusive = {0.85, 0.40, 0.55, 0.80};

constexpr const char* kCommunityFirst[] = {"和", "安", "新", "兴", "民", "华", "金", "锦", "福", "康",
                                           "平", "永", "长", "东", "南", "西", "北", "青", "绿", "凤",
                                           "桃", "友", "建", "德", "仁", "明", "春", "秀", "龙", "盛"};
constexpr const char* kCommunitySecond[] = {"平", "阳", "华", "兴", "安", "湖", "园", "苑", "城",
                                            "山", "江", "塘", "岭", "源", "坡", "丰", "湾", "新"};
constexpr const char* kEstateSuffix[] = {"苑", "园", "小区", "花园", "家园", "公寓"};
constexpr const char* kBrands[] = {"爱贝", "童乐",   "小星星", "禾苗",   "蓓蕾",   "启贝", "悦宝", "童心",
                                   "乐育", "彩虹",   "小太阳", "绿城宝贝", "壮乡娃", "贝佳", "睿宝", "小橡树",
                                   "向日葵", "金摇篮", "春芽",   "知行",   "小蜗牛", "米乐", "朵朵", "七彩"};
constexpr const char* kCompanyWords[] = {"邕江", "绿城", "五象", "凤岭", "青山", "相思湖", "南湖", "明秀",
                                         "金湖", "琅东", "仙葫", "北湖", "东盟", "壮锦",   "铜鼓", "朱槿"};
constexpr const char* kCompanySuffix[] = {"科技有限公司", "物流有限公司",     "制药有限公司",     "电子有限公司",
                                          "食品有限公司", "建设集团有限公司", "投资集团有限公司", "产业园"};

template <std::size_t N>
const char* pick(Rng& rng, const char* const (&list)[N]) {
  return list[rng.integer(0, static_cast<std::int64_t>(N) - 1)];
}

std::string community_name(Rng& rng) {
  for (;;) {
    std::string a = pick(rng, kCommunityFirst);
    std::string b = pick(rng, kCommunitySecond);
    if (a != b) return a + b;
  }
}

struct Record {
  double lon = 0.0, lat = 0.0;  // WGS84
  int county = 0;
  int township = -1;
  Type type = kCentre;
  Operator op = kPrivate;
  std::string name;
  int places = 0;
  int enrolled = 0;
  bool inclusive = false;
};

bool is_street(const Township& t) { return std::stoi(t.code.substr(6, 3)) < 100; }

class Namer {
 public:
  explicit Namer(Rng& rng) : rng_(rng) {}

  std::string name(const Record& r, const Township& t) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      std::string n = propose(r, t, attempt);
      if (used_.insert(n).second) return n;
    }
    for (int k = 2;; ++k) {
      std::string n = fmt::format("{}（{}部）", propose(r, t, 0), ordinal(k));
      if (used_.insert(n).second) return n;
    }
  }

 private:
  static std::string ordinal(int k) {
    static const char* digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (k < 10) return digits[k];
    if (k == 10) return "十";
    if (k < 20) return std::string("十") + digits[k - 10];
    return std::to_string(k);
  }

  std::string propose(const Record& r, const Township& t, int attempt) {
    const std::string& county = t.county;
    const std::string& town = t.name;
    switch (r.type) {
      case kCentre:
        if (r.op == kPrivate) {
          if (attempt == 0 && rng_.bernoulli(0.5)) return fmt::format("{}{}托育中心", county, pick(rng_, kBrands));
          return fmt::format("{}托育中心（{}）", pick(rng_, kBrands), town);
        }
        if (attempt == 0) return fmt::format("{}{}托育综合服务中心", county, town);
        return fmt::format("{}{}社区托育综合服务中心", town, community_name(rng_));
      case kKindergarten:
        if (r.op == kPrivate) return fmt::format("{}{}幼儿园托班", town, pick(rng_, kBrands));
        if (r.op == kInstitution && attempt == 0) return fmt::format("{}机关幼儿园托班", county);
        if (!is_street(t) && attempt == 0) return fmt::format("{}{}中心幼儿园托班", county, town);
        return fmt::format("{}{}幼儿园托班", county, community_name(rng_));
      case kCommunity:
        return fmt::format("{}{}社区托育{}", county, community_name(rng_), rng_.bernoulli(0.5) ? "服务点" : "中心");
      case kEmployer: {
        const char* region = rng_.bernoulli(0.6) ? "南宁" : "广西";
        return fmt::format("{}{}{}职工托育点", region, pick(rng_, kCompanyWords), pick(rng_, kCompanySuffix));
      }
      case kFamily:
        return fmt::format("{}{}{}家庭托育点", town, community_name(rng_), pick(rng_, kEstateSuffix));
      case kMedical:
        if (r.op == kInstitution) {
          if (attempt == 0) return fmt::format("{}妇幼保健院托育中心", county);
          if (attempt == 1) return fmt::format("{}人民医院托育中心", county);
          return fmt::format("{}{}{}托育中心", county, town, is_street(t) ? "社区卫生服务中心" : "卫生院");
        }
        if (r.op == kPublic) {
          return fmt::format("{}{}{}医育结合托育中心", county, town, is_street(t) ? "社区卫生服务中心" : "卫生院");
        }
        return fmt::format("{}医育结合托育中心（{}）", pick(rng_, kBrands), town);
      default:
        break;
    }
    throw std::logic_error("unknown nursery type");
  }

  Rng& rng_;
  std::set<std::string> used_;
};

int draw_places(Rng& rng, Type type) {
  auto round5 = [&](double v) {
    const double r = rng.bernoulli(0.5) ? std::round(v / 5.0) * 5.0 : std::round(v);
    return static_cast<int>(r);
  };
  switch (type) {
    case kCentre:
      return std::clamp(round5(rng.triangular(60.0, 120.0, 150.0)), 60, 150);
    case kKindergarten: {
      const std::array<double, 3> w = {0.20, 0.45, 0.35};
      const int classes = static_cast<int>(rng.weighted(w)) + 1;
      int places = 0;
      for (int c = 0; c < classes; ++c) places += static_cast<int>(rng.integer(15, 20));
      return std::clamp(places, 20, 60);
    }
    case kCommunity:
      return static_cast<int>(rng.integer(20, 50));
    case kEmployer:
      return std::clamp(round5(rng.triangular(20.0, 50.0, 100.0)), 20, 100);
    case kFamily:
      return static_cast<int>(rng.integer(10, 20));
    case kMedical:
      return std::clamp(round5(rng.triangular(40.0, 80.0, 120.0)), 40, 120);
    default:
      break;
  }
  throw std::logic_error("unknown nursery type");
}

std::string to_gbk(const std::string& utf8) {
  char* out = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "CP936");
  std::string gbk(out ? out : "");
  CPLFree(out);
  char* back = CPLRecode(gbk.c_str(), "CP936", CPL_ENC_UTF8);
  const bool same = back && utf8 == back;
  CPLFree(back);
  if (!same) throw std::runtime_error("text not representable in GBK: " + utf8);
  return gbk;
}

}  // namespace

FacilitySummary write_facilities(const std::filesystem::path& csv, const GeosContext& ctx, const Inputs& inputs,
                                 const TownshipSet& townships, const std::vector<Site>& sites,
                                 std::uint64_t seed) {
  const auto& tws = townships.townships;
  std::vector<GeosPrepared> prepared;
  for (const auto& t : tws) prepared.push_back(prepare(ctx, t.geometry.get()));

  auto township_at = [&](double lon, double lat, int county) -> int {
    GeosGeom pt = make_point(ctx, lon, lat);
    for (std::size_t i = 0; i < tws.size(); ++i) {
      if (county >= 0 && tws[i].county_index != county) continue;
      if (GEOSPreparedIntersects_r(ctx, prepared[i].get(), pt.get()) == 1) return static_cast<int>(i);
    }
    return -1;
  };

  std::vector<Record> records;

  // A few nurseries around every county seat, whatever the draw gives.
  {
    Rng rng(seed, "seat-nurseries");
    for (std::size_t ci = 0; ci < inputs.counties.size(); ++ci) {
      const CountyCore* core = county_core(inputs.counties[ci].code);
      if (!core || !core->outer) continue;
      const Km k0 = to_km(core->lon, core->lat);
      const Km k1 = to_km(core->lon + 1.0, core->lat + 1.0);
      for (int i = 0; i < 3; ++i) {
        Record r;
        r.county = static_cast<int>(ci);
        for (int attempt = 0;; ++attempt) {
          r.lon = core->lon + rng.normal() * 0.8 / (k1.x - k0.x);
          r.lat = core->lat + rng.normal() * 0.8 / (k1.y - k0.y);
          r.township = township_at(r.lon, r.lat, r.county);
          if (r.township >= 0) break;
          if (attempt > 1000) throw std::runtime_error("cannot place a nursery at a county seat");
        }
        if (i == 0) {
          r.type = kMedical;
          r.op = kInstitution;
        } else if (i == 1) {
          r.type = kKindergarten;
          r.op = kPublic;
        } else {
          r.type = kCentre;
          r.op = kPrivate;
        }
        records.push_back(r);
      }
    }
  }
  const std::size_t fixed = records.size();

  // The drawn cells: a random point in the cell, kept inside the county.
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const Site& s = sites[i];
    Rng rng(seed, "nursery-position", i);
    Record r;
    r.county = s.county_index;
    for (int attempt = 0; attempt < 8 && r.township < 0; ++attempt) {
      r.lon = s.lon + rng.uniform(-s.half_step, s.half_step);
      r.lat = s.lat + rng.uniform(-s.half_step, s.half_step);
      r.township = township_at(r.lon, r.lat, r.county);
    }
    if (r.township < 0) {
      r.lon = s.lon;
      r.lat = s.lat;
      r.township = township_at(r.lon, r.lat, -1);
    }
    if (r.township < 0) throw std::runtime_error("a nursery fell outside every township");
    r.county = tws[r.township].county_index;
    std::array<double, kTypes> mix{};
    const double u = std::min(1.0, s.urban / 0.8);
    for (int t = 0; t < kTypes; ++t) mix[t] = kRuralMix[t] + (kUrbanMix[t] - kRuralMix[t]) * u;
    r.type = static_cast<Type>(rng.weighted(mix));
    r.op = static_cast<Operator>(rng.weighted(kOperatorMix[r.type]));
    records.push_back(r);
  }

  // Sizes, enrolment, inclusiveness and names, in a fixed order.
  Rng rng(seed, "nursery-attributes");
  Namer namer(rng);
  for (std::size_t i = 0; i < records.size(); ++i) {
    Record& r = records[i];
    r.places = draw_places(rng, r.type);
    if (rng.bernoulli(0.04)) {
      // Realistic overfill: a few take in slightly more than registered.
      r.enrolled = std::max(r.places + 1, static_cast<int>(std::lround(r.places * rng.uniform(1.01, 1.12))));
    } else {
      r.enrolled = static_cast<int>(std::lround(r.places * rng.triangular(0.40, 0.72, 0.90)));
    }
    r.inclusive = (i < fixed && r.op != kPrivate) ? true : rng.bernoulli(kInclusive[r.op]);
    r.name = namer.name(r, tws[r.township]);
  }

  std::vector<std::size_t> order(records.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Record& ra = records[a];
    const Record& rb = records[b];
    if (ra.township != rb.township) return tws[ra.township].code < tws[rb.township].code;
    if (ra.lon != rb.lon) return ra.lon < rb.lon;
    return ra.lat < rb.lat;
  });

  FacilitySummary sum;
  sum.county_count.assign(inputs.counties.size(), 0);
  sum.county_places.assign(inputs.counties.size(), 0);
  std::vector<int> per_township(tws.size(), 0);
  std::string text = "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\r\n";
  int serial = 0;
  for (std::size_t i : order) {
    const Record& r = records[i];
    const gis::LonLat gcj = gis::wgs84_to_gcj02({r.lon, r.lat});
    text += fmt::format("NN-{:04d},{},{},{},{},{},{},{:.6f},{:.6f}\r\n", ++serial, r.name, kTypeNames[r.type],
                        kOperatorNames[r.op], r.places, r.enrolled, r.inclusive ? "是" : "否", gcj.lon, gcj.lat);
    ++sum.count;
    sum.places += r.places;
    sum.enrolled += r.enrolled;
    sum.inclusive += r.inclusive ? 1 : 0;
    sum.over_capacity += r.enrolled > r.places ? 1 : 0;
    ++sum.county_count[r.county];
    sum.county_places[r.county] += r.places;
    ++per_township[r.township];
  }
  sum.townships_without = static_cast<int>(std::count(per_township.begin(), per_township.end(), 0));
  sum.township_count = per_township;

  std::ofstream out(csv, std::ios::binary | std::ios::trunc);
  const std::string gbk = to_gbk(text);
  out.write(gbk.data(), static_cast<std::streamsize>(gbk.size()));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", csv.string()));
  return sum;
}

}  // namespace tuowei::demo
