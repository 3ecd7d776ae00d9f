// report.pdf: the pages, in order. Drawn twice: once to count the pages
// (for "page / total" footers), once into the file.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "gis/atomic_file.h"
#include "gis/error.h"
#include "planner/report/maps.h"
#include "planner/report/report.h"
#include "planner/say.h"
#include "planner/version.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

using pdf::Align;
using pdf::Canvas;
using pdf::Font;
using pdf::kContentW;
using pdf::kMargin;
using pdf::kPageH;
using pdf::kPageW;
using pdf::TableCell;
using pdf::TableColumn;

const gis::Rgb kInk{33, 37, 41}, kMuted{108, 117, 125}, kBlue{8, 81, 156}, kRed{189, 0, 38}, kGreen{35, 139, 69};
const gis::Rgb kShort{253, 224, 221}, kMet{229, 245, 224};

// "8,920,259"
std::string grouped(double v) {
  if (!std::isfinite(v)) return "—";
  const long long n = std::llround(v);
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}
std::string fixed(double v, int d) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, d) : "—"; }
std::string percent(double v, int d = 1) { return std::isfinite(v) ? fmt::format("{:.{}f}%", 100 * v, d) : "—"; }

class Document {
 public:
  Document(const ReportContent& c, const pdf::MapData& maps) : c_(c), a_(*c.base), maps_(maps) {
    zh_ = c.labels == Labels::zh;
  }

  void render(Canvas& canvas) {
    cover(canvas);
    key_figures(canvas);
    if (!a_.table.parents.empty()) counties(canvas);
    townships(canvas);
    choropleth_map(canvas);
    desert_map(canvas);
    equity(canvas);
    needs(canvas);
    if (c_.proposals) proposals(canvas);
    if (c_.region) region(canvas);
    methods(canvas);
  }

 private:
  const std::string& tr(const std::string& zh, const std::string& en) const { return zh_ ? zh : en; }
  std::string year_text() const {
    const int y = a_.table.year;
    if (y == 0) return tr("年份未注明", "year not stated");
    return zh_ ? fmt::format("{}年末", y) : fmt::format("end of {}", y);
  }
  const IndicatorRow& total() const { return a_.table.total; }
  double target() const { return a_.table.targets.places_per_1000; }

  // ---- pages -------------------------------------------------------------

  void cover(Canvas& canvas) {
    double y = 150;
    y += canvas.text(kMargin, y, kContentW, c_.title, Font{24, true, kBlue}, Align::center) + 14;
    const std::string sub =
        zh_ ? fmt::format("{} · 千人口托位数目标 {:g} · {}",
                          a_.table.year ? year_text() + "人口" : std::string("人口年份未注明"), target(), c_.date)
            : fmt::format("Population at the {} · target {:g} places per 1,000 residents · {}", year_text(),
                          target(), c_.date);
    y += canvas.text(kMargin, y, kContentW, sub, Font{11, false, kMuted}, Align::center) + 6;
    if (!c_.organisation.empty()) {
      y += canvas.text(kMargin, y, kContentW, c_.organisation, Font{12, true}, Align::center) + 6;
    }
    // The study area, its counties and facilities.
    const pdf::Box box{kMargin + 30, y + 30, kContentW - 60, 380};
    const pdf::MapView view(maps_.extent, box);
    pdf::draw_townships(canvas, maps_, view, std::vector<gis::Rgb>(maps_.townships.size(), gis::Rgb{239, 243, 255}));
    pdf::draw_counties(canvas, maps_, view);
    pdf::draw_scale_bar(canvas, view, zh_);
    pdf::draw_north_arrow(canvas, view);
    const std::string facts =
        zh_ ? fmt::format("{} 个乡镇（街道）· 常住人口 {} · 0-3岁婴幼儿 {} · 托育机构 {} 个 · 托位 {} 个",
                          a_.table.townships.size(), grouped(total().population), grouped(total().children_0_3),
                          total().facilities, grouped(total().places))
            : fmt::format("{} townships · {} residents · {} children under 3 · {} facilities · {} places",
                          a_.table.townships.size(), grouped(total().population), grouped(total().children_0_3),
                          total().facilities, grouped(total().places));
    canvas.text(kMargin, box.y + box.h + 16, kContentW, facts, Font{10}, Align::center);
    canvas.text(kMargin, kPageH - 110, kContentW,
                fmt::format("{} tuowei {}", tr("由", "Made with"), version()) + tr(" 生成", ""),
                Font{8, false, kMuted}, Align::center);
    canvas.new_page();
  }

  void figure_box(Canvas& canvas, double x, double y, double w, double h, const std::string& label,
                  const std::string& value, const std::string& note, const gis::Rgb& accent) {
    canvas.fill_rect(x, y, w, h, {248, 249, 250});
    canvas.fill_rect(x, y, 4, h, accent);
    canvas.text(x + 12, y + 8, w - 20, label, Font{9, false, kMuted});
    canvas.text(x + 12, y + 22, w - 20, value, Font{20, true, accent});
    canvas.text(x + 12, y + 50, w - 20, note, Font{8, false, kMuted});
  }

  void key_figures(Canvas& canvas) {
    double y = canvas.heading(kMargin, tr("一、主要指标", "1. Key figures"));
    const IndicatorRow& t = total();
    int meeting = 0, with_people = 0;
    for (const IndicatorRow& r : a_.table.townships) {
      if (r.population > 0) ++with_people, meeting += r.places_needed == 0;
    }
    const double share = a_.table.targets.care_share;
    struct Figure {
      std::string label, value, note;
      gis::Rgb accent;
    };
    const bool met = t.places_per_1000 >= target();
    std::vector<Figure> figures = {
        {tr("千人口托位数", "Places per 1,000 residents"), fixed(t.places_per_1000, 2),
         zh_ ? fmt::format("目标 {:g}，{}", target(), met ? "已达标" : "未达标")
             : fmt::format("target {:g}: {}", target(), met ? "met" : "not met"),
         met ? kGreen : kRed},
        {tr("每百名婴幼儿托位数", "Places per 100 children under 3"), fixed(t.places_per_100_children, 1),
         zh_ ? fmt::format("满足 {:.0f}% 入托意愿需 {:.0f}", 100 * share, 100 * share)
             : fmt::format("{:.0f} serve the {:.0f}% who want a place", 100 * share, 100 * share),
         t.places_per_100_children >= 100 * share ? kGreen : kRed},
        {tr("婴幼儿入托率", "Enrolment rate"), percent(t.enrolment_rate),
         zh_ ? fmt::format("在托 {} 人", grouped(t.enrolled)) : fmt::format("{} enrolled", grouped(t.enrolled)),
         kBlue},
        {tr("普惠托位占比", "Inclusive share of places"), percent(t.inclusive_share),
         zh_ ? fmt::format("普惠托位 {} 个", grouped(t.inclusive_places))
             : fmt::format("{} inclusive places", grouped(t.inclusive_places)),
         kBlue},
        {tr("服务覆盖率", "Children within a catchment"), percent(t.coverage_rate),
         zh_ ? fmt::format("服务半径 {:g} 米内的婴幼儿", a_.access->decay.threshold)
             : fmt::format("within {:g} m of a facility", a_.access->decay.threshold),
         kBlue},
        {tr("服务盲区婴幼儿", "Children in service deserts"), grouped(t.children_in_deserts),
         zh_ ? fmt::format("占 {}", percent(t.children_0_3 > 0 ? t.children_in_deserts / t.children_0_3 : NAN))
             : fmt::format("{} of all", percent(t.children_0_3 > 0 ? t.children_in_deserts / t.children_0_3 : NAN)),
         kRed},
        {tr("达标尚缺托位", "Places needed for the target"), grouped(t.places_needed),
         zh_ ? fmt::format("{} / {} 个乡镇已达标", meeting, with_people)
             : fmt::format("{} of {} townships meet it", meeting, with_people),
         t.places_needed > 0 ? kRed : kGreen},
        {tr("按入托意愿尚缺托位", "Places needed for the care share"), grouped(t.places_needed_for_share),
         zh_ ? fmt::format("按 {:.0f}% 婴幼儿计", 100 * share) : fmt::format("for {:.0f}% of under-3s", 100 * share),
         t.places_needed_for_share > 0 ? kRed : kGreen},
    };
    const double w = (kContentW - 10) / 2, h = 66;
    for (size_t i = 0; i < figures.size(); ++i) {
      const Figure& f = figures[i];
      figure_box(canvas, kMargin + double(i % 2) * (w + 10), y + double(i / 2) * (h + 8), w, h, f.label, f.value,
                 f.note, f.accent);
    }
    y += double((figures.size() + 1) / 2) * (h + 8) + 6;
    y += canvas.text(kMargin, y, kContentW, overview_paragraph(meeting, with_people), Font{9.5}) + 14;
    if (!a_.table.parents.empty()) county_chart(canvas, y);
    canvas.new_page();
  }

  std::string overview_paragraph(int meeting, int with_people) const {
    const IndicatorRow& t = total();
    const gis::Inequality& q = c_.equity.all;
    if (zh_) {
      std::string s = fmt::format(
          "{}：常住人口 {}，0-3岁婴幼儿 {}。现有托育机构 {} 个、托位 {} 个，千人口托位数 {}，{}目标 {:g}；"
          "{} 个乡镇（街道）中 {} 个达标，尚缺托位 {} 个。服务半径 {:g} 米内的婴幼儿占 {}，"
          "{} 名婴幼儿位于服务盲区。",
          a_.table.year ? year_text() + "人口" : std::string("人口（年份未注明）"), grouped(t.population),
          grouped(t.children_0_3), t.facilities, grouped(t.places), fixed(t.places_per_1000, 2),
          t.places_per_1000 >= target() ? "达到" : "低于", target(), with_people,
          meeting, grouped(t.places_needed), a_.access->decay.threshold, percent(t.coverage_rate),
          grouped(t.children_in_deserts));
      if (std::isfinite(q.gini)) {
        s += fmt::format("托位可达性的基尼系数为 {:.2f}（0 为完全均衡）。", q.gini);
      }
      return s;
    }
    std::string s = fmt::format(
        "At the {}: {} residents, {} children under 3. {} facilities offer {} places, {} per 1,000 residents "
        "({} the target of {:g}); {} of {} townships meet it and {} places are still needed. {} of the children "
        "live within {:g} m of a facility; {} live in service deserts.",
        year_text(), grouped(t.population), grouped(t.children_0_3), t.facilities, grouped(t.places),
        fixed(t.places_per_1000, 2), t.places_per_1000 >= target() ? "meeting" : "below", target(), meeting,
        with_people, grouped(t.places_needed), percent(t.coverage_rate), a_.access->decay.threshold,
        grouped(t.children_in_deserts));
    if (std::isfinite(q.gini)) s += fmt::format(" The Gini coefficient of access is {:.2f} (0 = equal).", q.gini);
    return s;
  }

  // Places per 1,000 by county, highest first, with the target as a line.
  void county_chart(Canvas& canvas, double y) {
    std::vector<const IndicatorRow*> rows;
    for (const IndicatorRow& p : a_.table.parents) rows.push_back(&p);
    std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
      return (std::isnan(a->places_per_1000) ? -1 : a->places_per_1000) >
             (std::isnan(b->places_per_1000) ? -1 : b->places_per_1000);
    });
    y += canvas.text(kMargin, y, kContentW, tr("各区县千人口托位数", "Places per 1,000 residents by county"),
                     Font{10, true}) +
         6;
    const double label_w = 70, x0 = kMargin + label_w, w = kContentW - label_w - 40;
    const double bar = 12, gap = 5;
    double top = target();
    for (const IndicatorRow* r : rows) top = std::max(top, std::isnan(r->places_per_1000) ? 0.0 : r->places_per_1000);
    top *= 1.1;
    const double h = double(rows.size()) * (bar + gap);
    for (size_t i = 0; i < rows.size(); ++i) {
      const IndicatorRow& r = *rows[i];
      const double by = y + double(i) * (bar + gap);
      canvas.text(kMargin, by, label_w - 6, r.name, Font{8}, Align::right);
      const double v = std::isnan(r.places_per_1000) ? 0.0 : r.places_per_1000;
      canvas.fill_rect(x0, by, v / top * w, bar, v >= target() ? kGreen : gis::Rgb{107, 174, 214});
      canvas.text(x0 + v / top * w + 3, by, 40, fixed(r.places_per_1000, 2), Font{7.5});
    }
    const double tx = x0 + target() / top * w;
    canvas.line(tx, y - 3, tx, y + h, kRed, 1.2);
    canvas.text(tx - 40, y + h + 2, 80, zh_ ? fmt::format("目标 {:g}", target()) : fmt::format("target {:g}", target()),
                Font{7.5, false, kRed}, Align::center);
  }

  // A table over as many pages as it needs, the header on each.
  static void paged_table(Canvas& canvas, double& y, const std::vector<TableColumn>& cols,
                          const std::vector<std::vector<TableCell>>& rows, double font_size = 8.0) {
    for (size_t next = 0; next < rows.size();) {
      next = pdf::draw_table(canvas, kMargin, y, cols, rows, next, font_size);
      if (next < rows.size()) {
        canvas.new_page();
        y = kMargin;
      }
    }
  }

  std::vector<TableColumn> ranking_columns(bool county_level) const {
    if (county_level) {
      return {{tr("排名", "Rank"), 30},
              {tr("区县", "County"), 76, Align::left},
              {tr("常住人口", "Residents"), 58},
              {tr("0-3岁婴幼儿", "Under 3"), 50},
              {tr("托位数", "Places"), 44},
              {tr("千人口托位数", "Per 1,000"), 46},
              {tr("每百名婴幼儿托位", "Per 100 under 3"), 46},
              {tr("入托率", "Enrolment"), 42},
              {tr("普惠占比", "Inclusive"), 42},
              {tr("覆盖率", "Coverage"), 42},
              {tr("尚缺托位", "Needed"), 43}};
    }
    return {{tr("排名", "Rank"), 26},
            {tr("乡镇（街道）", "Township"), 74, Align::left},
            {tr("区县", "County"), 56, Align::left},
            {tr("常住人口", "Residents"), 52},
            {tr("0-3岁", "Under 3"), 44},
            {tr("托位数", "Places"), 38},
            {tr("千人口托位数", "Per 1,000"), 44},
            {tr("每百名婴幼儿托位", "Per 100 under 3"), 44},
            {tr("入托率", "Enrolment"), 38},
            {tr("覆盖率", "Coverage"), 40},
            {tr("尚缺托位", "Needed"), 43}};
  }

  std::vector<TableCell> ranking_row(const IndicatorRow& r, bool county_level, bool is_total = false) const {
    const bool short_of = r.places_needed > 0;
    std::vector<TableCell> row;
    row.push_back({is_total ? "" : r.rank_overall > 0 ? std::to_string(r.rank_overall) : "—"});
    row.push_back({r.name, {255, 255, 255}, is_total});
    if (!county_level) row.push_back({r.parent_name});
    row.push_back({grouped(r.population)});
    row.push_back({grouped(r.children_0_3)});
    row.push_back({grouped(r.places)});
    row.push_back({fixed(r.places_per_1000, 2), r.population > 0 ? (short_of ? kShort : kMet) : gis::Rgb{255, 255, 255},
                   true});
    row.push_back({fixed(r.places_per_100_children, 1)});
    row.push_back({percent(r.enrolment_rate)});
    if (county_level) row.push_back({percent(r.inclusive_share)});
    row.push_back({percent(r.coverage_rate)});
    row.push_back({grouped(r.places_needed), short_of ? kShort : gis::Rgb{255, 255, 255}});
    return row;
  }

  void counties(Canvas& canvas) {
    double y = canvas.heading(kMargin, tr("二、区县排名", "2. Counties ranked"));
    y += canvas.text(kMargin, y, kContentW,
                     tr("按千人口托位数从高到低排列；红色为未达标，绿色为已达标。",
                        "By places per 1,000 residents, highest first; red: below the target, green: met."),
                     Font{9, false, kMuted}) +
         8;
    std::vector<const IndicatorRow*> sorted;
    for (const IndicatorRow& p : a_.table.parents) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
      return (a->rank_overall ? a->rank_overall : 1 << 30) < (b->rank_overall ? b->rank_overall : 1 << 30);
    });
    std::vector<std::vector<TableCell>> rows;
    for (const IndicatorRow* p : sorted) rows.push_back(ranking_row(*p, true));
    IndicatorRow all = total();
    all.name = tr("合计", "Total");
    rows.push_back(ranking_row(all, true, true));
    const auto cols = ranking_columns(true);
    paged_table(canvas, y, cols, rows);
    canvas.new_page();
  }

  void townships(Canvas& canvas) {
    double y = canvas.heading(kMargin, tr("三、乡镇（街道）排名", "3. Townships ranked"));
    y += canvas.text(kMargin, y, kContentW,
                     zh_ ? fmt::format("共 {} 个乡镇（街道），按千人口托位数从高到低排列；无常住人口的不参与排名。",
                                       a_.table.townships.size())
                         : fmt::format("{} townships by places per 1,000 residents, highest first; townships "
                                       "without residents are not ranked.",
                                       a_.table.townships.size()),
                     Font{9, false, kMuted}) +
         8;
    std::vector<const IndicatorRow*> sorted;
    for (const IndicatorRow& r : a_.table.townships) sorted.push_back(&r);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
      return (a->rank_overall ? a->rank_overall : 1 << 30) < (b->rank_overall ? b->rank_overall : 1 << 30);
    });
    std::vector<std::vector<TableCell>> rows;
    for (const IndicatorRow* r : sorted) rows.push_back(ranking_row(*r, false));
    const auto cols = ranking_columns(false);
    paged_table(canvas, y, cols, rows, 7.5);
    canvas.new_page();
  }

  void choropleth_map(Canvas& canvas) {
    double y = canvas.heading(kMargin, tr("四、千人口托位数分布", "4. Places per 1,000 residents"));
    std::vector<double> values;
    for (const IndicatorRow& r : a_.table.townships) values.push_back(r.places_per_1000);
    const gis::Choropleth c = gis::make_choropleth(
        values, values, gis::Palette::blues, false, [](double v) { return fixed(v, 2); }, tr("无常住人口", "no residents"));
    const pdf::Box box{kMargin, y, kContentW, 560};
    const pdf::MapView view(maps_.extent, box);
    pdf::draw_townships(canvas, maps_, view, c.colors);
    pdf::draw_counties(canvas, maps_, view);
    pdf::draw_scale_bar(canvas, view, zh_);
    pdf::draw_north_arrow(canvas, view);
    pdf::draw_frame(canvas, view);
    const double ly = pdf::draw_legend(canvas, kMargin, box.y + box.h + 10,
                                       tr("千人口托位数（分位数分级）", "Places per 1,000 (quantile classes)"), c.legend);
    std::string note = zh_ ? fmt::format("目标 {:g}。{}", target(), met_summary()) : fmt::format("Target {:g}. {}", target(), met_summary());
    canvas.text(kMargin + 200, box.y + box.h + 10, kContentW - 200, note, Font{8.5});
    (void)ly;
    canvas.new_page();
  }

  std::string met_summary() const {
    int meeting = 0, with_people = 0;
    for (const IndicatorRow& r : a_.table.townships) {
      if (r.population > 0) ++with_people, meeting += r.places_needed == 0;
    }
    return zh_ ? fmt::format("{} 个乡镇（街道）达标，{} 个未达标。", meeting, with_people - meeting)
               : fmt::format("{} townships meet it, {} do not.", meeting, with_people - meeting);
  }

  void desert_map(Canvas& canvas) {
    double y = canvas.heading(kMargin, tr("五、服务盲区", "5. Service deserts"));
    const AccessConfig& s = a_.access->settings;
    y += canvas.text(kMargin, y, kContentW,
                     zh_ ? fmt::format("服务盲区：婴幼儿距最近托育机构超过服务半径（{:g} 米），或所在服务范围内每个托位对应超过 {:g} "
                                       "名婴幼儿。红色为盲区，圆点为托育机构（实心为普惠）。",
                                       a_.access->decay.threshold, s.desert_children_per_place)
                         : fmt::format("Service deserts: children beyond every facility's catchment ({:g} m), or with "
                                       "more than {:g} children per place within reach. Red: deserts; dots: "
                                       "facilities (filled: inclusive).",
                                       a_.access->decay.threshold, s.desert_children_per_place),
                     Font{9, false, kMuted}) +
         6;
    const pdf::Box box{kMargin, y, kContentW, 470};
    const pdf::MapView view(maps_.extent, box);
    pdf::draw_townships(canvas, maps_, view, std::vector<gis::Rgb>(maps_.townships.size(), gis::Rgb{247, 247, 247}));
    cairo_t* cr = canvas.cr();
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (const DesertArea& d : a_.access->deserts) {
      if (!d.geometry) continue;
      OGRGeometryUniquePtr m = maps_.metric(*d.geometry);
      if (!m) continue;
      cairo_new_path(cr);
      pdf::add_path(cr, *m, view);
      canvas.set_color({227, 26, 28}, 0.75);
      cairo_fill(cr);
    }
    cairo_restore(cr);
    pdf::draw_counties(canvas, maps_, view);
    for (const Facility& f : a_.facilities.all()) {
      double x = f.x, fy = f.y;
      view.to_page(x, fy);
      pdf::draw_point(canvas, x, fy, 1.6, kGreen, !f.inclusive);
    }
    pdf::draw_scale_bar(canvas, view, zh_);
    pdf::draw_north_arrow(canvas, view);
    pdf::draw_frame(canvas, view);
    y = box.y + box.h + 10;
    // The townships with the most children in deserts.
    std::vector<const IndicatorRow*> worst;
    for (const IndicatorRow& r : a_.table.townships) {
      if (r.children_in_deserts > 0) worst.push_back(&r);
    }
    std::sort(worst.begin(), worst.end(), [](auto* a, auto* b) { return a->children_in_deserts > b->children_in_deserts; });
    if (worst.size() > 8) worst.resize(8);
    const std::vector<TableColumn> cols = {{tr("乡镇（街道）", "Township"), 110, Align::left},
                                           {tr("区县", "County"), 90, Align::left},
                                           {tr("盲区婴幼儿", "Children in deserts"), 90},
                                           {tr("占本乡镇", "Share of its under-3s"), 90},
                                           {tr("盲区面积（平方公里）", "Desert area (km²)"), 119}};
    std::vector<std::vector<TableCell>> rows;
    for (const IndicatorRow* r : worst) {
      rows.push_back({{r->name},
                      {r->parent_name},
                      {grouped(r->children_in_deserts)},
                      {percent(r->children_0_3 > 0 ? r->children_in_deserts / r->children_0_3 : NAN)},
                      {fixed(r->desert_area_km2, 1)}});
    }
    pdf::draw_table(canvas, kMargin, y, cols, rows, 0);
    canvas.new_page();
  }

  // The Lorenz curve of places per child within reach across children.
  void lorenz(Canvas& canvas, double x, double y, double size) {
    canvas.stroke_rect(x, y, size, size, {180, 180, 180});
    canvas.line(x, y + size, x + size, y, {180, 180, 180}, 0.6);  // equality
    auto curve = [&](const gis::Inequality& q, const gis::Rgb& color) {
      if (q.lorenz.size() < 2) return;
      cairo_t* cr = canvas.cr();
      cairo_new_path(cr);
      for (size_t k = 0; k < q.lorenz.size(); ++k) {
        const double px = x + double(k) / double(q.lorenz.size() - 1) * size, py = y + size - q.lorenz[k] * size;
        if (k == 0) cairo_move_to(cr, px, py);
        else cairo_line_to(cr, px, py);
      }
      canvas.set_color(color);
      cairo_set_line_width(cr, 1.4);
      cairo_stroke(cr);
    };
    curve(c_.equity.all, kBlue);
    if (c_.equity.has_inclusive) curve(c_.equity.inclusive, {230, 85, 13});
    canvas.text(x, y + size + 4, size, tr("婴幼儿累计占比（按可达性从低到高）", "Share of children, least access first"),
                Font{7.5, false, kMuted}, Align::center);
  }

  void equity(Canvas& canvas) {
    double y = canvas.heading(kMargin, tr("六、公平性", "6. Equity"));
    const gis::Inequality& q = c_.equity.all;
    const std::string palma = std::isfinite(q.palma) ? fixed(q.palma, 2)
                                                     : tr("无法计算（可达性最低的 40% 婴幼儿没有可达托位）",
                                                          "undefined (the 40% with least access have no place within reach)");
    std::string text =
        zh_ ? fmt::format("以每名婴幼儿可达托位数（两步移动搜寻法）衡量托位在婴幼儿之间分布的公平性。全部托位：平均 {}，"
                          "基尼系数 {}，帕尔玛比值 {}；{} 的婴幼儿在服务半径内没有托位。",
                          fixed(q.mean, 4), fixed(q.gini, 3), palma, percent(q.share_zero))
            : fmt::format("How evenly places within reach (2SFCA) are shared among children under 3. All places: mean "
                          "{} per child, Gini {}, Palma ratio {}; {} of the children have no place within reach.",
                          fixed(q.mean, 4), fixed(q.gini, 3), palma, percent(q.share_zero));
    if (c_.equity.has_inclusive) {
      const gis::Inequality& p = c_.equity.inclusive;
      text += zh_ ? fmt::format("仅计普惠托位：平均 {}，基尼系数 {}；{} 的婴幼儿没有可达的普惠托位。", fixed(p.mean, 4),
                                fixed(p.gini, 3), percent(p.share_zero))
                  : fmt::format(" Inclusive places only: mean {}, Gini {}; {} have no inclusive place within reach.",
                                fixed(p.mean, 4), fixed(p.gini, 3), percent(p.share_zero));
    }
    y += canvas.text(kMargin, y, kContentW, text, Font{9.5}) + 12;
    const double size = 220;
    lorenz(canvas, kMargin + 20, y, size);
    // Key.
    double ky = y + 10;
    const double kx = kMargin + size + 60;
    canvas.line(kx, ky + 5, kx + 20, ky + 5, kBlue, 1.4);
    canvas.text(kx + 26, ky, 180, tr("全部托位", "all places"), Font{8.5});
    ky += 16;
    if (c_.equity.has_inclusive) {
      canvas.line(kx, ky + 5, kx + 20, ky + 5, {230, 85, 13}, 1.4);
      canvas.text(kx + 26, ky, 180, tr("仅普惠托位", "inclusive places only"), Font{8.5});
      ky += 16;
    }
    canvas.line(kx, ky + 5, kx + 20, ky + 5, {180, 180, 180}, 0.6);
    canvas.text(kx + 26, ky, 180, tr("完全均衡", "perfect equality"), Font{8.5});
    canvas.text(kx, ky + 24, kContentW - size - 60,
                tr("洛伦兹曲线：横轴为按可达性从低到高累计的婴幼儿占比，纵轴为其拥有的可达托位累计占比。曲线越贴近对角线越均衡。",
                   "Lorenz curve: children ordered by access, least first (x), against their share of the places "
                   "within reach (y). The closer to the diagonal, the more even."),
                Font{8, false, kMuted});
    y += size + 30;
    if (!a_.table.parents.empty()) {
      y += canvas.text(kMargin, y, kContentW, tr("各区县服务盲区婴幼儿占比", "Share of children in deserts by county"),
                       Font{10, true}) +
           6;
      const std::vector<TableColumn> cols = {{tr("区县", "County"), 120, Align::left},
                                             {tr("0-3岁婴幼儿", "Under 3"), 90},
                                             {tr("盲区婴幼儿", "In deserts"), 90},
                                             {tr("占比", "Share"), 80},
                                             {tr("服务覆盖率", "Coverage"), 119}};
      std::vector<std::vector<TableCell>> rows;
      for (const IndicatorRow& p : a_.table.parents) {
        const double share = p.children_0_3 > 0 ? p.children_in_deserts / p.children_0_3 : NAN;
        rows.push_back({{p.name},
                        {grouped(p.children_0_3)},
                        {grouped(p.children_in_deserts)},
                        {percent(share), share > 0.5 ? kShort : gis::Rgb{255, 255, 255}},
                        {percent(p.coverage_rate)}});
      }
      pdf::draw_table(canvas, kMargin, y, cols, rows, 0);
    }
    canvas.new_page();
  }

  void needs(Canvas& canvas) {
    if (c_.needs.empty()) return;
    double y = canvas.heading(kMargin, tr("七、逐年托位缺口", "7. Places needed by year"));
    y += canvas.text(kMargin, y, kContentW,
                     zh_ ? fmt::format("以现有托位计，各年末达到千人口 {:g} 个托位、及满足 {:.0f}% 婴幼儿入托意愿尚需新增的托位"
                                       "（各乡镇缺口之和）。人口按出生人口推算（见“数据与方法”）。",
                                       target(), 100 * a_.table.targets.care_share)
                         : fmt::format("With today's places: the places still needed at the end of each year for {:g} "
                                       "per 1,000 residents and for {:.0f}% of under-3s (sums over townships). The "
                                       "population is projected from births (see Data and methods).",
                                       target(), 100 * a_.table.targets.care_share),
                     Font{9, false, kMuted}) +
         8;
    const std::vector<TableColumn> cols = {{tr("年份", "Year"), 50, Align::left},
                                           {tr("常住人口", "Residents"), 90},
                                           {tr("0-3岁婴幼儿", "Under 3"), 80},
                                           {tr("现有托位", "Places"), 70},
                                           {tr("千人口达标尚缺", "Needed for 1,000 target"), 100},
                                           {tr("按入托意愿尚缺", "Needed for care share"), 109}};
    std::vector<std::vector<TableCell>> rows;
    for (const YearNeed& n : c_.needs) {
      if (n.township >= 0) continue;
      rows.push_back({{std::to_string(n.year), {255, 255, 255}, n.year == a_.table.year},
                      {grouped(n.population)},
                      {grouped(n.children_0_3)},
                      {grouped(n.places)},
                      {grouped(n.places_needed)},
                      {grouped(n.places_needed_for_share)}});
    }
    pdf::draw_table(canvas, kMargin, y, cols, rows, 0);
    y += 16;
    y = needs_chart(canvas, y) + 16;
    // The townships that need the most at the last year.
    const int last = c_.needs.back().year;
    std::vector<const YearNeed*> top;
    for (const YearNeed& n : c_.needs) {
      if (n.year == last && n.township >= 0 && n.places_needed_for_share > 0) top.push_back(&n);
    }
    std::sort(top.begin(), top.end(),
              [](auto* a, auto* b) { return a->places_needed_for_share > b->places_needed_for_share; });
    if (top.size() > 10) top.resize(10);
    if (top.empty()) {
      canvas.new_page();
      return;
    }
    y += canvas.text(kMargin, y, kContentW,
                     zh_ ? fmt::format("{}年缺口最大的乡镇（街道）", last)
                         : fmt::format("The townships needing most in {}", last),
                     Font{10, true}) +
         6;
    const auto& towns = a_.facilities.study().townships();
    const std::vector<TableColumn> tcols = {{tr("乡镇（街道）", "Township"), 120, Align::left},
                                            {tr("区县", "County"), 90, Align::left},
                                            {tr("0-3岁婴幼儿", "Under 3"), 80},
                                            {tr("现有托位", "Places"), 70},
                                            {tr("千人口达标尚缺", "For 1,000 target"), 69},
                                            {tr("按入托意愿尚缺", "For care share"), 70}};
    std::vector<std::vector<TableCell>> trows;
    for (const YearNeed* n : top) {
      const Township& t = towns[size_t(n->township)];
      trows.push_back({{t.name},
                       {t.parent_name},
                       {grouped(n->children_0_3)},
                       {grouped(n->places)},
                       {grouped(n->places_needed)},
                       {grouped(n->places_needed_for_share), kShort}});
    }
    pdf::draw_table(canvas, kMargin, y, tcols, trows, 0);
    canvas.new_page();
  }

  // Both needs of the area, year by year, as lines; returns the y below.
  double needs_chart(Canvas& canvas, double y) {
    std::vector<const YearNeed*> total;
    for (const YearNeed& n : c_.needs) {
      if (n.township < 0) total.push_back(&n);
    }
    if (total.size() < 2) return y;
    const double x0 = kMargin + 50, w = kContentW - 170, h = 150;
    double top = 1.0;
    for (const YearNeed* n : total) top = std::max({top, n->places_needed, n->places_needed_for_share});
    top *= 1.1;
    canvas.line(x0, y + h, x0 + w, y + h, {150, 150, 150}, 0.6);
    canvas.line(x0, y, x0, y + h, {150, 150, 150}, 0.6);
    for (int k = 0; k <= 4; ++k) {
      const double v = top * k / 4, ly = y + h - h * k / 4;
      canvas.text(kMargin, ly - 5, 45, grouped(v), Font{7, false, kMuted}, Align::right);
      if (k) canvas.line(x0, ly, x0 + w, ly, {235, 235, 235}, 0.4);
    }
    auto px = [&](size_t i) { return x0 + w * double(i) / double(total.size() - 1); };
    auto series = [&](auto value, const gis::Rgb& colour) {
      cairo_t* cr = canvas.cr();
      cairo_new_path(cr);
      for (size_t i = 0; i < total.size(); ++i) {
        const double yy = y + h - h * value(*total[i]) / top;
        if (i == 0) cairo_move_to(cr, px(i), yy);
        else cairo_line_to(cr, px(i), yy);
      }
      canvas.set_color(colour);
      cairo_set_line_width(cr, 1.6);
      cairo_stroke(cr);
      for (size_t i = 0; i < total.size(); ++i) pdf::draw_point(canvas, px(i), y + h - h * value(*total[i]) / top, 2.2, colour);
    };
    series([](const YearNeed& n) { return n.places_needed; }, kBlue);
    series([](const YearNeed& n) { return n.places_needed_for_share; }, {230, 85, 13});
    for (size_t i = 0; i < total.size(); ++i) {
      canvas.text(px(i) - 20, y + h + 3, 40, std::to_string(total[i]->year), Font{7, false, kMuted}, Align::center);
    }
    const double kx = x0 + w + 14;
    canvas.line(kx, y + 10, kx + 18, y + 10, kBlue, 1.6);
    canvas.text(kx + 22, y + 4, 100, tr("千人口达标尚缺", "for the 1,000 target"), Font{7.5});
    canvas.line(kx, y + 26, kx + 18, y + 26, {230, 85, 13}, 1.6);
    canvas.text(kx + 22, y + 20, 100, tr("按入托意愿尚缺", "for the care share"), Font{7.5});
    return y + h + 14;
  }

  void proposals(Canvas& canvas) {
    const ProposalRun& run = *c_.proposals;
    double y = canvas.heading(kMargin, tr("八、新增托育机构选址建议", "8. Proposed sites"));
    const pdf::Box box{kMargin, y, kContentW, 380};
    const pdf::MapView view(maps_.extent, box);
    pdf::draw_townships(canvas, maps_, view, std::vector<gis::Rgb>(maps_.townships.size(), gis::Rgb{247, 247, 247}));
    pdf::draw_counties(canvas, maps_, view);
    for (const Facility& f : a_.facilities.all()) {
      double x = f.x, fy = f.y;
      view.to_page(x, fy);
      pdf::draw_point(canvas, x, fy, 1.4, {150, 150, 150}, !f.inclusive);
    }
    for (const Proposal& p : run.proposals) {
      double x = p.site.x, py = p.site.y;
      view.to_page(x, py);
      pdf::draw_point(canvas, x, py, 5.5, kRed);
      canvas.text(x - 6, py - 5, 12, std::to_string(p.rank), Font{6.5, true, {255, 255, 255}}, Align::center);
    }
    pdf::draw_scale_bar(canvas, view, zh_);
    pdf::draw_north_arrow(canvas, view);
    pdf::draw_frame(canvas, view);
    y = box.y + box.h + 10;
    const auto& towns = a_.facilities.study().townships();
    const std::vector<TableColumn> cols = {{tr("序号", "Rank"), 28},
                                           {tr("所在乡镇", "Township"), 78, Align::left},
                                           {tr("类型", "Type"), 62, Align::left},
                                           {tr("托位数", "Places"), 38},
                                           {tr("新覆盖婴幼儿", "Newly covered"), 60},
                                           {tr("乡镇千人口托位数", "Township per 1,000"), 78},
                                           {tr("备选址（替换后变化）", "Alternative (change)"), 86, Align::left},
                                           {tr("高德坐标（GCJ-02）", "Amap (GCJ-02)"), 85}};
    std::vector<std::vector<TableCell>> rows;
    for (const Proposal& p : run.proposals) {
      rows.push_back({{std::to_string(p.rank)},
                      {p.site.township >= 0 ? towns[size_t(p.site.township)].name : "—"},
                      {p.site.type.empty() ? "—" : p.site.type},
                      {grouped(p.site.places)},
                      {fixed(p.children_newly_covered, 0)},
                      {std::isfinite(p.township_per_1000_before)
                           ? fmt::format("{} → {}", fixed(p.township_per_1000_before, 2),
                                         fixed(p.township_per_1000_after, 2))
                           : "—"},
                      {p.alternative_id.empty() ? "—"
                                                : fmt::format("{} ({:+.0f})", p.alternative_id, p.alternative_change)},
                      {fmt::format("{:.5f}, {:.5f}", p.gcj_lon, p.gcj_lat)}});
    }
    size_t next = pdf::draw_table(canvas, kMargin, y, cols, rows, 0);
    y += 8;
    if (next == rows.size() && y < pdf::kBottom - 60) {
      canvas.text(kMargin, y, kContentW, zh_ ? run.summary_zh : run.objective_unit, Font{9});
    }
    canvas.new_page();
  }

  void region(Canvas& canvas) {
    const RegionRanking& r = *c_.region;
    double y = canvas.heading(kMargin, tr("九、区域排名", "9. Rank in the region"));
    y += canvas.text(kMargin, y, kContentW,
                     zh_ ? fmt::format("与区域内 {} 个单位比较（{}）；加粗为本研究区域的单位，其数据为本次计算结果。",
                                       r.units.size(), r.source)
                         : fmt::format("Against {} units of the region ({}); bold: this study's units, with the "
                                       "figures computed here.",
                                       r.units.size(), r.source),
                     Font{9, false, kMuted}) +
         8;
    const std::vector<TableColumn> cols = {{tr("排名", "Rank"), 40},
                                           {tr("单位", "Unit"), 130, Align::left},
                                           {tr("常住人口", "Residents"), 80},
                                           {tr("托位数", "Places"), 70},
                                           {tr("千人口托位数", "Per 1,000"), 70},
                                           {tr("入托率", "Enrolment"), 55},
                                           {tr("入托率排名", "Rank"), 54}};
    std::vector<std::vector<TableCell>> rows;
    for (const RegionUnit& u : r.units) {
      const gis::Rgb bg = u.in_study ? gis::Rgb{222, 235, 247} : gis::Rgb{255, 255, 255};
      rows.push_back({{u.rank_places ? std::to_string(u.rank_places) : "—", bg, u.in_study},
                      {u.name.empty() ? u.id : u.name, bg, u.in_study},
                      {grouped(u.residents), bg},
                      {grouped(u.places), bg},
                      {fixed(u.places_per_1000, 2), bg, u.in_study},
                      {percent(u.enrolment_rate), bg},
                      {u.rank_enrolment ? std::to_string(u.rank_enrolment) : "—", bg}});
    }
    paged_table(canvas, y, cols, rows);
    canvas.new_page();
  }

  void methods(Canvas& canvas) {
    double y = canvas.heading(kMargin, tr("数据与方法", "Data and methods"));
    const Study& study = a_.facilities.study();
    const Project& p = study.project();
    const Projection& pr = study.projection();
    std::map<std::string, int> res, ch;
    for (const TownshipPopulation& t : a_.facilities.demand().townships) {
      ++res[name(t.residents_source)];
      ++ch[name(t.children_source)];
    }
    auto sources = [&](const std::map<std::string, int>& m) {
      std::string s;
      for (const auto& [k, v] : m) s += (s.empty() ? "" : zh_ ? "，" : ", ") + fmt::format("{} {}", source_name(k), v);
      return s;
    };
    std::vector<std::string> lines;
    if (zh_) {
      lines = {
          fmt::format("乡镇边界：{}（{} 个）。", p.townships.path, study.townships().size()),
          fmt::format("托育机构：{}（{} 个）。", p.facilities.path, study.facilities().size()),
          fmt::format("人口：{}人口。常住人口来源：{}；婴幼儿数来源：{}。人口格网年份 {}{}。", year_text(), sources(res),
                      sources(ch), pr.grid_year(),
                      pr.official() ? fmt::format("，官方统计表 {}（{} 年末）", pr.official()->source, pr.base_year()) : ""),
          fmt::format("婴幼儿数由出生人口推算时，Y 年末 0-3 岁人数 = s0·B(Y) + s1·B(Y-1) + s2·B(Y-2)，存活率 s = {:.5f}、{:.5f}、{:.5f}"
                      "（依据 2023 年婴儿死亡率 4.5‰、5 岁以下儿童死亡率 6.2‰）；出生人口年变化 {:+.1f}%（{}）。",
                      p.population.survival.size() > 0 ? p.population.survival[0] : NAN,
                      p.population.survival.size() > 1 ? p.population.survival[1] : NAN,
                      p.population.survival.size() > 2 ? p.population.survival[2] : NAN,
                      100 * pr.study_births_change(), pr.births_change_basis()),
          "格网作为乡镇内部的人口分布（分区密度法），各格网按所在乡镇的官方数与格网数之比缩放，乡镇合计与官方数一致。",
          fmt::format("千人口托位数 = 托位数 / 常住人口 × 1000，目标 {:g}（“十四五”公共服务规划）；婴幼儿入托率 = 在托人数 / 0-3岁婴幼儿数；"
                      "按入托意愿尚缺托位按 {:.0f}% 的婴幼儿计（调查显示三成以上家庭有入托需求，为假设值）。",
                      target(), 100 * a_.table.targets.care_share),
          fmt::format("可达性：两步移动搜寻法（2SFCA），服务半径 {:g} 米（GB 50180-2018 五分钟生活圈），直线距离，度量坐标系 {}。",
                      a_.access->decay.threshold, study.metric_crs().name()),
          "公平性：每名婴幼儿可达托位数的基尼系数与帕尔玛比值（可达性最高 10% 婴幼儿所占份额 / 最低 40% 所占份额）。",
          "各项公式与来源详见 docs/methods.md。",
      };
    } else {
      lines = {
          fmt::format("Township boundaries: {} ({}).", p.townships.path, study.townships().size()),
          fmt::format("Facilities: {} ({}).", p.facilities.path, study.facilities().size()),
          fmt::format("Population at the {}. Residents from: {}; under-3s from: {}. Grid of {}{}.", year_text(),
                      sources(res), sources(ch), pr.grid_year(),
                      pr.official() ? fmt::format("; official table {} (end of {})", pr.official()->source, pr.base_year())
                                    : ""),
          fmt::format("Under-3s from births: s0·B(Y) + s1·B(Y-1) + s2·B(Y-2), survival {:.5f}, {:.5f}, {:.5f} "
                      "(infant mortality 4.5‰, under-5 6.2‰, 2023); births change {:+.1f}% a year ({}).",
                      p.population.survival.size() > 0 ? p.population.survival[0] : NAN,
                      p.population.survival.size() > 1 ? p.population.survival[1] : NAN,
                      p.population.survival.size() > 2 ? p.population.survival[2] : NAN,
                      100 * pr.study_births_change(), pr.births_change_basis()),
          "The grid places the official figures inside each township (dasymetric): its cells are scaled so each "
          "township adds up to its figure.",
          fmt::format("Places per 1,000 = places / residents × 1000, target {:g}; enrolment = enrolled / under-3s; "
                      "the care share is {:.0f}% of under-3s (an assumption from surveys).",
                      target(), 100 * a_.table.targets.care_share),
          fmt::format("Access: 2SFCA, catchment {:g} m straight line, metric CRS {}.", a_.access->decay.threshold,
                      study.metric_crs().name()),
          "Equity: Gini coefficient and Palma ratio (top 10% share / bottom 40% share) of places per child within reach.",
          "Every formula and its source: docs/methods.md.",
      };
    }
    for (const std::string& l : lines) y += canvas.text(kMargin, y, kContentW, "• " + l, Font{8.5}) + 4;
    y += 8;
    const auto& all = a_.problems.all();
    if (!all.empty()) {
      y += canvas.text(kMargin, y, kContentW,
                       zh_ ? fmt::format("本次计算的提示（{} 条）", all.size())
                           : fmt::format("Warnings of this run ({})", all.size()),
                       Font{10, true}) +
           4;
      size_t shown = 0;
      for (const Problem& pb : all) {
        const std::string t = say("{}: {}", pb.where, pb.message).in(zh_ ? Lang::zh : Lang::en);
        const double h = canvas.text_height(kContentW, t, Font{7.5});
        if (y + h > pdf::kBottom - 12) break;
        y += canvas.text(kMargin, y, kContentW, t, Font{7.5, false, kMuted}) + 2;
        ++shown;
      }
      if (shown < all.size()) {
        canvas.text(kMargin, y, kContentW,
                    zh_ ? fmt::format("另有 {} 条，见 summary.json。", all.size() - shown)
                        : fmt::format("{} more in summary.json.", all.size() - shown),
                    Font{7.5, false, kMuted});
      }
    }
  }

  std::string source_name(const std::string& source) const {
    if (!zh_) return source;
    if (source == "official") return "官方统计";
    if (source == "births") return "出生推算";
    if (source == "ages") return "分年龄统计";
    if (source == "grid") return "人口格网";
    return source;
  }

  const ReportContent& c_;
  const Analysis& a_;
  const pdf::MapData& maps_;
  bool zh_ = true;
};

}  // namespace

void write_report_pdf(const fs::path& file, const ReportContent& content) {
  const pdf::MapData maps = pdf::MapData::of(content.base->facilities.study());
  Document doc(content, maps);
  const std::string footer = content.title;
  int pages = 0;
  {
    Canvas count({}, content.title, footer, 0);
    doc.render(count);
    count.finish();
    pages = count.page();
  }
  gis::AtomicFile out(file);
  {
    Canvas canvas(out.temp_path(), content.title, footer, pages);
    doc.render(canvas);
    canvas.finish();
  }
  out.commit();
}

}  // namespace tuowei::planner
