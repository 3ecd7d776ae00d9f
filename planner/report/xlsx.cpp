// report.xlsx: the report's tables for a planner to sort, filter and chart in
// Excel or WPS. One sheet per table: the summary (key figures, equity, the
// regional rank, two native charts), the township and county rankings, the
// facilities, the deserts, the places needed by year, the proposed sites and
// the region; labels in the report's language. Written with libxlsxwriter
// under a temporary name and renamed into place.
#include "planner/report/report.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <map>
#include <string_view>
#include <utility>

#include "gis/atomic_file.h"
#include "gis/error.h"
#include "planner/say.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

// A label in both languages.
struct Text {
  const char* zh;
  const char* en;
};

constexpr Text kSummarySheet{"汇总", "Summary"}, kTownshipsSheet{"乡镇排名", "Townships"},
    kCountiesSheet{"区县排名", "Counties"}, kFacilitiesSheet{"托育机构", "Facilities"},
    kDesertsSheet{"服务盲区", "Deserts"}, kNeedsSheet{"逐年缺口", "Needs by year"},
    kProposalsSheet{"选址建议", "Proposals"}, kRegionSheet{"区域排名", "Region"};

constexpr const char* kCount = "#,##0";
constexpr const char* kWhole = "0";  // years and ranks: no thousands separator
constexpr const char* kTwoDecimals = "0.00";
constexpr const char* kShare = "0.0%";
constexpr const char* kAccess = "0.0000";
constexpr const char* kIndex = "0.000";       // Gini, Palma
constexpr const char* kDegrees = "0.000000";  // about 0.1 m

// Without counties to compare, the charts show the best-ranked townships.
constexpr size_t kChartTownships = 20;
constexpr lxw_col_t kChartTargetColumn = 5;  // F, hidden: the cells of the target line
constexpr lxw_col_t kChartColumn = 6;        // G: right of the summary's tables

// The number format of an indicator column (indicator_columns()); the
// columns not listed are counts of people, places or facilities.
const char* indicator_format(std::string_view column) {
  static const std::map<std::string_view, const char*> formats = {
      {"area_km2", kTwoDecimals},
      {"desert_area_km2", kTwoDecimals},
      {"places_per_1000", kTwoDecimals},
      {"places_per_100_children", kTwoDecimals},
      {"population_vs_grid", kTwoDecimals},
      {"children_vs_grid", kTwoDecimals},
      {"access_index", kTwoDecimals},
      {"enrolment_rate", kShare},
      {"inclusive_share", kShare},
      {"coverage_rate", kShare},
      {"inclusive_coverage_rate", kShare},
      {"population_data_share", kShare},
      {"access_2sfca", kAccess},
      {"year", kWhole},
      {"rank_in_parent", kWhole},
      {"rank_overall", kWhole},
  };
  const auto it = formats.find(column);
  return it != formats.end() ? it->second : kCount;
}

// Where `name` is among `columns`; -1 when absent (the access columns).
int column_of(const std::vector<Column>& columns, std::string_view name) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (name == columns[i].name) return int(i);
  }
  return -1;
}

// How a cell looks besides its number format.
enum class Look { plain, bold, header, title, note, good, bad };

// The workbook being written: its formats, and every libxlsxwriter error
// turned into a gis::Error naming the final file.
class Book {
 public:
  Book(fs::path file, const fs::path& temp, Labels labels)
      : file_(std::move(file)), zh_(labels == Labels::zh), wb_(workbook_new(temp.c_str())) {
    if (!wb_) throw gis::Error(say("{}: cannot start the workbook (out of memory)", file_.string()));
  }
  ~Book() {
    if (wb_) lxw_workbook_free(wb_);
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  bool zh() const { return zh_; }
  const char* tr(Text t) const { return zh_ ? t.zh : t.en; }
  std::vector<std::string> labels(std::initializer_list<Text> texts) const {
    std::vector<std::string> out;
    for (Text t : texts) out.push_back(tr(t));
    return out;
  }

  void check(lxw_error err, const gis::Text& what) const {
    if (err != LXW_NO_ERROR) fail(err, what);
  }
  // A write to sheet `sheet`: the message is made only when it fails.
  void check_sheet(lxw_error err, const std::string& sheet) const {
    if (err != LXW_NO_ERROR) fail(err, say("sheet {}", sheet));
  }
  [[noreturn]] void fail(lxw_error err, const gis::Text& what) const {
    throw gis::Error(say("{}: cannot write {} ({})", file_.string(), what, lxw_strerror(err)));
  }

  lxw_worksheet* add_sheet(const std::string& name) {
    check_sheet(workbook_validate_sheet_name(wb_, name.c_str()), name);
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) check_sheet(LXW_ERROR_MEMORY_MALLOC_FAILED, name);
    return ws;
  }

  lxw_chart* add_chart(uint8_t type) {
    lxw_chart* chart = workbook_add_chart(wb_, type);
    if (!chart) check(LXW_ERROR_MEMORY_MALLOC_FAILED, say("a chart"));
    return chart;
  }

  // One format per look and number format, made on first use.
  lxw_format* format(Look look, const char* num_format = nullptr) {
    const auto key = std::make_pair(look, std::string(num_format ? num_format : ""));
    if (const auto it = formats_.find(key); it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    if (!f) check(LXW_ERROR_MEMORY_MALLOC_FAILED, say("a cell format"));
    if (num_format) format_set_num_format(f, num_format);
    style(f, look);
    formats_.emplace(key, f);
    return f;
  }

  // Writes the file. libxlsxwriter frees the workbook whatever happens.
  void close() {
    const lxw_error err = workbook_close(std::exchange(wb_, nullptr));
    if (err != LXW_NO_ERROR) {
      throw gis::Error(say("{}: cannot write the workbook ({}); check that the folder exists and is writable",
                           file_.string(), lxw_strerror(err)));
    }
  }

 private:
  static void style(lxw_format* f, Look look) {
    switch (look) {
      case Look::plain:
        break;
      case Look::bold:
        format_set_bold(f);
        break;
      case Look::header:
        format_set_bold(f);
        format_set_bg_color(f, 0xDDEBF7);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_bottom(f, LXW_BORDER_THIN);
        break;
      case Look::title:
        format_set_bold(f);
        format_set_font_size(f, 16);
        break;
      case Look::note:
        format_set_italic(f);
        format_set_font_color(f, 0x595959);
        break;
      // Excel's own "Good" and "Bad" cell styles, which planners know.
      case Look::good:
        format_set_bg_color(f, 0xC6EFCE);
        format_set_font_color(f, 0x006100);
        break;
      case Look::bad:
        format_set_bg_color(f, 0xFFC7CE);
        format_set_font_color(f, 0x9C0006);
        break;
    }
  }

  fs::path file_;
  bool zh_;
  lxw_workbook* wb_;
  std::map<std::pair<Look, std::string>, lxw_format*> formats_;
};

// Width of UTF-8 text in Excel's character units: a Chinese character takes two.
double text_width(std::string_view s) {
  double w = 0;
  for (unsigned char ch : s) {
    if (ch < 0x80) w += 1;
    else if (ch >= 0xC0) w += 2;  // the first byte of a multi-byte character
  }
  return w;
}

// One worksheet; remembers the widest cell of each column for fit_columns().
class Sheet {
 public:
  Sheet(Book& book, const char* name) : book_(book), name_(name), ws_(book.add_sheet(name_)) {}

  Book& book() const { return book_; }
  const std::string& name() const { return name_; }
  lxw_worksheet* get() const { return ws_; }

  void text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
    book_.check_sheet(worksheet_write_string(ws_, r, c, s.c_str(), f), name_);
    widen(c, text_width(s));
  }
  // NaN leaves the cell empty.
  void number(lxw_row_t r, lxw_col_t c, double v, lxw_format* f) {
    if (std::isnan(v)) return;
    book_.check_sheet(worksheet_write_number(ws_, r, c, v, f), name_);
    widen(c, kNumberWidth);
  }
  // Text running on over the empty cells to its right (titles, notes): it
  // does not widen its column.
  void banner(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
    book_.check_sheet(worksheet_write_string(ws_, r, c, s.c_str(), f), name_);
  }
  // A header row; long labels wrap rather than widen their column.
  void header(lxw_row_t r, const std::vector<std::string>& labels) {
    double widest = 0;
    for (size_t i = 0; i < labels.size(); ++i) {
      const lxw_col_t c = lxw_col_t(i);
      book_.check_sheet(worksheet_write_string(ws_, r, c, labels[i].c_str(), book_.format(Look::header)), name_);
      widest = std::max(widest, text_width(labels[i]));
      widen(c, std::min(text_width(labels[i]), kWrapWidth));
    }
    const double lines = std::max(1.0, std::ceil(widest / (kWrapWidth + 2)));
    book_.check_sheet(worksheet_set_row(ws_, r, 15.0 * lines, nullptr), name_);
  }
  // A table from row 0 to `last_row`: the header row and the first
  // `frozen_columns` stay in view, each column can be filtered.
  void table(lxw_row_t last_row, lxw_col_t columns, lxw_col_t frozen_columns) {
    worksheet_freeze_panes(ws_, 1, frozen_columns);
    book_.check_sheet(worksheet_autofilter(ws_, 0, 0, last_row, lxw_col_t(columns - 1)), name_);
  }
  void fit_columns() {
    for (size_t c = 0; c < widths_.size(); ++c) {
      if (widths_[c] <= 0) continue;
      const double width = std::clamp(widths_[c] + 2, 6.0, 50.0);
      book_.check_sheet(worksheet_set_column(ws_, lxw_col_t(c), lxw_col_t(c), width, nullptr), name_);
    }
  }

 private:
  static constexpr double kNumberWidth = 10;  // "12,345,678"
  static constexpr double kWrapWidth = 14;

  void widen(lxw_col_t c, double width) {
    if (widths_.size() <= c) widths_.resize(size_t(c) + 1, 0.0);
    widths_[c] = std::max(widths_[c], width);
  }

  Book& book_;
  std::string name_;
  lxw_worksheet* ws_;
  std::vector<double> widths_;
};

const Township* township_at(const std::vector<Township>& townships, int index) {
  return index >= 0 ? &townships[size_t(index)] : nullptr;
}

// --- 乡镇排名, 区县排名 ---------------------------------------------------

// Rank order: by rank_overall, the unranked (no residents) last.
std::vector<const IndicatorRow*> by_rank(const std::vector<IndicatorRow>& rows) {
  std::vector<const IndicatorRow*> out;
  for (const IndicatorRow& r : rows) out.push_back(&r);
  const auto key = [](const IndicatorRow* r) { return r->rank_overall > 0 ? r->rank_overall : INT_MAX; };
  std::stable_sort(out.begin(), out.end(),
                   [&](const IndicatorRow* a, const IndicatorRow* b) { return key(a) < key(b); });
  return out;
}

// The row's values as townships.csv has them (indicator_row_json).
void write_indicator_row(Sheet& s, lxw_row_t r, const IndicatorRow& row, const std::vector<Column>& columns,
                         bool with_access, Look look) {
  const nlohmann::json values = indicator_row_json(row, with_access);
  for (size_t c = 0; c < columns.size(); ++c) {
    const nlohmann::json& v = values.at(columns[c].name);
    if (v.is_string()) s.text(r, lxw_col_t(c), v.get<std::string>(), s.book().format(look));
    else if (v.is_number())
      s.number(r, lxw_col_t(c), v.get<double>(), s.book().format(look, indicator_format(columns[c].name)));
  }
}

// Rows short of places in red, rows at the target in green: what a planner
// looks for first.
void highlight_targets(Sheet& s, lxw_row_t last_row, const std::vector<Column>& columns, const Targets& targets) {
  const auto rule = [&](const char* column, uint8_t criteria, double value, Look look) {
    const lxw_col_t c = lxw_col_t(column_of(columns, column));
    lxw_conditional_format cf{};
    cf.type = LXW_CONDITIONAL_TYPE_CELL;
    cf.criteria = criteria;
    cf.value = value;
    cf.format = s.book().format(look);
    s.book().check_sheet(worksheet_conditional_format_range(s.get(), 1, c, last_row, c, &cf), s.name());
  };
  rule("places_needed", LXW_CONDITIONAL_CRITERIA_GREATER_THAN, 0.0, Look::bad);
  rule("places_per_1000", LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO, targets.places_per_1000, Look::good);
}

// A ranking sheet: `rows` in rank order, then `total` in bold when given.
void write_ranking(Book& book, const char* name, const std::vector<IndicatorRow>& rows, const IndicatorRow* total,
                   const IndicatorTable& table) {
  Sheet s(book, name);
  const std::vector<Column> columns = indicator_columns(table.has_access);
  std::vector<std::string> labels;
  for (const Column& c : columns) labels.push_back(book.zh() ? c.label_zh : c.name);
  s.header(0, labels);
  lxw_row_t r = 1;
  for (const IndicatorRow* row : by_rank(rows))
    write_indicator_row(s, r++, *row, columns, table.has_access, Look::plain);
  const lxw_row_t last_ranked = r - 1;
  if (total) write_indicator_row(s, r++, *total, columns, table.has_access, Look::bold);
  if (r > 1) highlight_targets(s, r - 1, columns, table.targets);
  s.table(last_ranked, lxw_col_t(columns.size()), 2);  // the total stays below the filtered rows
  s.fit_columns();
}

// --- 汇总 -------------------------------------------------------------------

// What the summary's charts draw: the county rows of 区县排名, or the first
// rows of 乡镇排名 when there are not two counties to compare.
struct ChartData {
  std::string sheet;
  lxw_row_t rows = 0;  // rows 1..rows
  bool counties = false;
};

ChartData chart_data(const Book& book, const IndicatorTable& table) {
  if (table.parents.size() >= 2) return {book.tr(kCountiesSheet), lxw_row_t(table.parents.size()), true};
  return {book.tr(kTownshipsSheet), lxw_row_t(std::min(table.townships.size(), kChartTownships)), false};
}

// A series over the charted rows: names from column `categories` of the
// data sheet, values from column `values` of `values_sheet`.
lxw_chart_series* add_series(Book& book, lxw_chart* chart, const ChartData& data, int categories,
                             const std::string& values_sheet, int values) {
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  if (!series) book.check(LXW_ERROR_MEMORY_MALLOC_FAILED, say("a chart"));
  chart_series_set_categories(series, data.sheet.c_str(), 1, lxw_col_t(categories), data.rows, lxw_col_t(categories));
  chart_series_set_values(series, values_sheet.c_str(), 1, lxw_col_t(values), data.rows, lxw_col_t(values));
  return series;
}

std::string places_title(const Book& b, const ChartData& data) {
  if (data.counties) return b.tr({"各区县千人口托位数", "Places per 1,000 residents by county"});
  return b.zh() ? fmt::format("千人口托位数居前的 {} 个乡镇（街道）", data.rows)
                : fmt::format("The {} townships with most places per 1,000 residents", data.rows);
}

std::string coverage_title(const Book& b, const ChartData& data) {
  if (data.counties) return b.tr({"各区县服务覆盖率", "Coverage by county"});
  return b.zh() ? fmt::format("千人口托位数居前的 {} 个乡镇（街道）的服务覆盖率", data.rows)
                : fmt::format("Coverage of the {} townships with most places per 1,000 residents", data.rows);
}

// The target once per charted row, in a hidden column of `summary`: a chart
// series draws cells only.
void write_chart_target(Sheet& summary, const ChartData& data, double target) {
  Book& b = summary.book();
  summary.banner(0, kChartTargetColumn, b.tr({"千人口托位数目标（图表数据）", "target places per 1,000 (chart data)"}),
                 nullptr);
  for (lxw_row_t r = 1; r <= data.rows; ++r) {
    summary.number(r, kChartTargetColumn, target, b.format(Look::plain, kTwoDecimals));
  }
  lxw_row_col_options hidden{};
  hidden.hidden = LXW_TRUE;
  b.check_sheet(worksheet_set_column_opt(summary.get(), kChartTargetColumn, kChartTargetColumn, LXW_DEF_COL_WIDTH, nullptr,
                                   &hidden),
          summary.name());
}

// Places per 1,000 residents as columns, the target as a line across them.
lxw_chart* places_chart(Book& book, const std::string& summary, const ChartData& data, const IndicatorTable& table) {
  const std::vector<Column> columns = indicator_columns(table.has_access);
  const int names = column_of(columns, "name");
  const double target = table.targets.places_per_1000;
  lxw_chart* chart = book.add_chart(LXW_CHART_COLUMN);
  lxw_chart_series* places = add_series(book, chart, data, names, data.sheet, column_of(columns, "places_per_1000"));
  chart_series_set_name(places, book.tr({"千人口托位数", "places per 1,000 residents"}));

  // libxlsxwriter 1.1 cannot combine a column and a line chart: the line is
  // the linear trendline of an invisible series holding the target in every
  // column (the trendline of a constant is that constant).
  lxw_chart_series* goal = add_series(book, chart, data, names, summary, kChartTargetColumn);
  chart_show_hidden_data(chart);
  lxw_chart_fill no_fill{};
  no_fill.none = LXW_TRUE;
  lxw_chart_line no_line{};
  no_line.none = LXW_TRUE;
  chart_series_set_fill(goal, &no_fill);
  chart_series_set_line(goal, &no_line);
  chart_series_set_trendline(goal, LXW_CHART_TRENDLINE_TYPE_LINEAR, 0);
  const std::string goal_name =
      book.zh() ? fmt::format("目标：{:g} 个/千人", target) : fmt::format("target: {:g} per 1,000", target);
  chart_series_set_trendline_name(goal, goal_name.c_str());
  lxw_chart_line red{};
  red.color = 0xC00000;
  red.width = 2.0f;
  red.dash_type = LXW_CHART_LINE_DASH_DASH;
  chart_series_set_trendline_line(goal, &red);
  chart_set_series_overlap(chart, 100);  // the invisible columns behind the drawn ones, not beside them
  int16_t unlisted[] = {1, -1};
  book.check(chart_legend_delete_series(chart, unlisted), say("a chart's legend"));

  chart_title_set_name(chart, places_title(book, data).c_str());
  chart_axis_set_name(chart->y_axis, book.tr({"个/千人", "places per 1,000 residents"}));
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  return chart;
}

lxw_chart* coverage_chart(Book& book, const ChartData& data, const IndicatorTable& table) {
  const std::vector<Column> columns = indicator_columns(table.has_access);
  lxw_chart* chart = book.add_chart(LXW_CHART_COLUMN);
  lxw_chart_series* coverage =
      add_series(book, chart, data, column_of(columns, "name"), data.sheet, column_of(columns, "coverage_rate"));
  chart_series_set_name(coverage, book.tr({"服务覆盖率", "coverage"}));
  chart_title_set_name(chart, coverage_title(book, data).c_str());
  chart_axis_set_num_format(chart->y_axis, "0%");
  chart_axis_set_min(chart->y_axis, 0);
  chart_axis_set_max(chart->y_axis, 1);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  return chart;
}

void add_charts(Sheet& s, const ChartData& data, const IndicatorTable& table) {
  if (data.rows == 0) return;
  write_chart_target(s, data, table.targets.places_per_1000);
  lxw_chart_options size{};
  size.x_scale = 1.3;
  size.y_scale = 1.2;
  s.book().check(
      worksheet_insert_chart_opt(s.get(), 1, kChartColumn, places_chart(s.book(), s.name(), data, table), &size),
      say("a chart"));
  if (column_of(indicator_columns(table.has_access), "coverage_rate") < 0) return;
  // Below the first, which spans some 17 rows.
  s.book().check(worksheet_insert_chart_opt(s.get(), 20, kChartColumn, coverage_chart(s.book(), data, table), &size),
                 say("a chart"));
}

// What coverage counts: children within the radius, or within a travel cost.
std::string coverage_remark(const Book& b, const AccessConfig& access) {
  if (!access.cost_table.empty()) {
    return b.tr({"在托育机构服务范围内的婴幼儿占比", "share of under-3s within a facility's catchment"});
  }
  return b.zh() ? fmt::format("服务半径 {:g} 米内的婴幼儿占比", access.radius_m)
                : fmt::format("share of under-3s within {:g} m of a facility", access.radius_m);
}

// A key figure: its label, value ("—" for none) and a remark.
void figure(Sheet& s, lxw_row_t r, const char* label, double value, const char* num_format,
            const std::string& remark = {}) {
  s.text(r, 0, label);
  if (std::isnan(value)) s.text(r, 1, "—");
  else s.number(r, 1, value, s.book().format(Look::plain, num_format));
  if (!remark.empty()) s.text(r, 3, remark);
}

// Title, date, organisation, the population's year. Returns the next row.
lxw_row_t write_heading(Sheet& s, const ReportContent& c) {
  Book& b = s.book();
  s.banner(0, 0, c.title, b.format(Look::title));
  b.check_sheet(worksheet_set_row(s.get(), 0, 24, nullptr), s.name());
  lxw_row_t r = 1;
  s.text(r, 0, b.tr({"编制日期", "Date"}));
  s.text(r++, 1, c.date);
  if (!c.organisation.empty()) {
    s.text(r, 0, b.tr({"编制单位", "Prepared by"}));
    s.banner(r++, 1, c.organisation, nullptr);
  }
  s.text(r, 0, b.tr({"人口数据年份", "Population year"}));
  const int year = c.base->table.year;
  if (year > 0) s.number(r, 1, year, b.format(Look::plain, kWhole));
  else s.text(r, 1, b.tr({"未注明", "not stated"}));
  return r + 1;
}

lxw_row_t write_key_figures(Sheet& s, const ReportContent& c, lxw_row_t r) {
  Book& b = s.book();
  const IndicatorTable& table = c.base->table;
  const IndicatorRow& t = table.total;
  const Targets& goal = table.targets;
  s.header(r++, b.labels({{"指标", "Indicator"}, {"数值", "Value"}, {"目标", "Target"}, {"说明", "Remark"}}));

  figure(s, r, b.tr({"千人口托位数（个/千人）", "Places per 1,000 residents"}), t.places_per_1000, kTwoDecimals);
  s.number(r, 2, goal.places_per_1000, b.format(Look::plain, kTwoDecimals));
  if (!std::isnan(t.places_per_1000)) {
    const bool met = t.places_per_1000 >= goal.places_per_1000;
    s.text(r, 3, met ? b.tr({"达标", "target met"}) : b.tr({"未达标", "below target"}),
           b.format(met ? Look::good : Look::bad));
  }
  ++r;
  figure(s, r++, b.tr({"婴幼儿入托率", "Enrolment rate"}), t.enrolment_rate, kShare,
         b.tr({"在托人数 / 0-3岁婴幼儿数", "children enrolled / children under 3"}));
  figure(s, r++, b.tr({"普惠托位占比", "Inclusive share of places"}), t.inclusive_share, kShare);
  figure(s, r++, b.tr({"每百名婴幼儿托位数", "Places per 100 children under 3"}), t.places_per_100_children,
         kTwoDecimals);
  if (table.has_access) {
    figure(s, r++, b.tr({"服务覆盖率", "Coverage"}), t.coverage_rate, kShare,
           coverage_remark(b, c.base->access->settings));
    figure(s, r++, b.tr({"服务盲区婴幼儿数", "Children under 3 in service deserts"}), t.children_in_deserts, kCount);
  }
  figure(s, r++, b.tr({"达标尚缺托位数", "Places needed to reach the target"}), t.places_needed, kCount,
         b.tr({"各乡镇（街道）缺口之和：一处富余不抵另一处缺口",
               "the townships' shortfalls added up: a surplus in one does not fill a gap in another"}));
  figure(s, r++, b.tr({"按入托意愿尚缺托位数", "Places needed for the care share"}), t.places_needed_for_share, kCount,
         b.zh() ? fmt::format("按 {:g}% 的婴幼儿有入托意愿计", goal.care_share * 100)
                : fmt::format("for {:g}% of under-3s, whose families want a place", goal.care_share * 100));

  int met = 0, populated = 0;
  for (const IndicatorRow& township : table.townships) {
    if (township.population <= 0) continue;
    ++populated;
    if (township.places_needed <= 0) ++met;
  }
  figure(s, r++, b.tr({"达标乡镇（街道）数", "Townships meeting the target"}), met, kCount,
         b.zh() ? fmt::format("共 {} 个有常住人口的乡镇（街道）", populated)
                : fmt::format("of {} townships with residents", populated));
  return r;
}

// Gini and Palma of the places within reach per child, all places and inclusive ones.
lxw_row_t write_equity(Sheet& s, const AccessEquity& equity, lxw_row_t r) {
  Book& b = s.book();
  std::vector<const gis::Inequality*> kinds = {&equity.all};
  std::vector<std::string> labels = b.labels(
      {{"公平性：服务范围内每名婴幼儿的托位数", "Equity: places within reach per child"}, {"全部托位", "all places"}});
  if (equity.has_inclusive) {
    kinds.push_back(&equity.inclusive);
    labels.push_back(b.tr({"普惠托位", "inclusive places"}));
  }
  s.header(r++, labels);
  const auto row = [&](Text label, double gis::Inequality::*value, const char* num_format) {
    s.text(r, 0, b.tr(label));
    for (size_t k = 0; k < kinds.size(); ++k) {
      const double v = kinds[k]->*value;
      if (std::isnan(v)) s.text(r, lxw_col_t(k + 1), "—");
      else s.number(r, lxw_col_t(k + 1), v, b.format(Look::plain, num_format));
    }
    ++r;
  };
  row({"基尼系数", "Gini coefficient"}, &gis::Inequality::gini, kIndex);
  row({"帕尔马比值（最多10% / 最少40%）", "Palma ratio (top 10% / bottom 40%)"}, &gis::Inequality::palma, kIndex);
  row({"服务范围内没有托位的婴幼儿占比", "Share of under-3s with no place within reach"}, &gis::Inequality::share_zero,
      kShare);
  const bool undefined =
      std::any_of(kinds.begin(), kinds.end(), [](const gis::Inequality* q) { return std::isnan(q->palma); });
  if (undefined) {
    s.banner(r++, 0,
             b.tr({"“—”：帕尔马比值无定义：托位最少的40%婴幼儿服务范围内没有任何托位。",
                   "\"—\": the Palma ratio is undefined: the 40% of under-3s with least access have no place within "
                   "reach."}),
             b.format(Look::note));
  }
  return r;
}

std::string rank_text(const Book& b, int rank, int of) {
  if (rank <= 0) return "—";
  return b.zh() ? fmt::format("第 {} 位 / {}", rank, of) : fmt::format("{} of {}", rank, of);
}

// "第 k 位 / n" of each of the study's units among the region's.
lxw_row_t write_region_ranks(Sheet& s, const RegionRanking& region, lxw_row_t r) {
  Book& b = s.book();
  s.header(r++, b.labels({{"区域排名", "Rank in the region"},
                          {"千人口托位数", "Places per 1,000"},
                          {"排名", "Rank"},
                          {"婴幼儿入托率", "Enrolment rate"},
                          {"排名", "Rank"}}));
  for (const RegionUnit& u : region.units) {
    if (!u.in_study) continue;
    s.text(r, 0, u.name);
    s.number(r, 1, u.places_per_1000, b.format(Look::plain, kTwoDecimals));
    s.text(r, 2, rank_text(b, u.rank_places, region.ranked_places));
    s.number(r, 3, u.enrolment_rate, b.format(Look::plain, kShare));
    s.text(r++, 4, rank_text(b, u.rank_enrolment, region.ranked_enrolment));
  }
  const std::string source = fs::path(region.source).filename().string();
  s.banner(r++, 0,
           b.zh() ? fmt::format("区域各单位的数据见“{}”表，来源：{}", b.tr(kRegionSheet), source)
                  : fmt::format("Every unit's figures: sheet {}, from {}", b.tr(kRegionSheet), source),
           b.format(Look::note));
  return r;
}

void write_summary(Book& book, const ReportContent& c, const ChartData& charts) {
  Sheet s(book, book.tr(kSummarySheet));
  lxw_row_t r = write_heading(s, c);
  r = write_key_figures(s, c, r + 1);
  if (c.base->access) r = write_equity(s, c.equity, r + 1);
  if (c.region) r = write_region_ranks(s, *c.region, r + 1);
  s.fit_columns();  // before the charts' hidden column, which needs no width
  add_charts(s, charts, c.base->table);
}

// --- 托育机构, 服务盲区, 逐年缺口, 选址建议, 区域排名 ----------------------

void write_facilities(Book& book, const FacilitySet& facilities) {
  Sheet s(book, book.tr(kFacilitiesSheet));
  s.header(0, book.labels({{"机构编号", "id"},
                           {"机构名称", "name"},
                           {"类型", "type"},
                           {"举办性质", "operator"},
                           {"托位数", "places"},
                           {"在托人数", "enrolled"},
                           {"是否普惠", "inclusive"},
                           {"所在乡镇代码", "township_id"},
                           {"所在乡镇", "township_name"},
                           {"经度（WGS84）", "lon"},
                           {"纬度（WGS84）", "lat"}}));
  const std::vector<Township>& townships = facilities.study().townships();
  lxw_row_t r = 1;
  for (const Facility& f : facilities.all()) {
    s.text(r, 0, f.id);
    s.text(r, 1, f.name);
    s.text(r, 2, f.type);
    s.text(r, 3, f.operator_kind);
    s.number(r, 4, f.places, book.format(Look::plain, kCount));
    s.number(r, 5, f.enrolled, book.format(Look::plain, kCount));
    s.text(r, 6, book.tr(f.inclusive ? Text{"是", "yes"} : Text{"否", "no"}));
    if (const Township* t = township_at(townships, f.township)) {
      s.text(r, 7, t->id);
      s.text(r, 8, t->name);
    } else {
      s.text(r, 8, book.tr({"不在任何乡镇（街道）内", "outside every township"}));
    }
    s.number(r, 9, f.lon, book.format(Look::plain, kDegrees));
    s.number(r++, 10, f.lat, book.format(Look::plain, kDegrees));
  }
  s.table(r - 1, 11, 2);
  s.fit_columns();
}

void write_deserts(Book& book, const std::vector<DesertArea>& deserts, const std::vector<Township>& townships) {
  Sheet s(book, book.tr(kDesertsSheet));
  s.header(0, book.labels({{"序号", "no"},
                           {"乡镇代码", "township_id"},
                           {"乡镇", "township_name"},
                           {"盲区婴幼儿数", "children_0_3"},
                           {"面积（平方公里）", "area_km2"},
                           {"盲区片数", "patches"},
                           {"零星盲区片数", "small_patches"},
                           {"零星盲区婴幼儿数", "small_patch_children"}}));
  lxw_row_t r = 1;
  for (const DesertArea& d : deserts) {
    s.number(r, 0, r, book.format(Look::plain, kWhole));
    if (const Township* t = township_at(townships, d.township)) {
      s.text(r, 1, t->id);
      s.text(r, 2, t->name);
    }
    s.number(r, 3, d.children_0_3, book.format(Look::plain, kCount));
    s.number(r, 4, d.area_km2, book.format(Look::plain, kTwoDecimals));
    s.number(r, 5, d.patches, book.format(Look::plain, kCount));
    s.number(r, 6, d.small_patches, book.format(Look::plain, kCount));
    s.number(r++, 7, d.small_patch_children, book.format(Look::plain, kCount));
  }
  s.table(r - 1, 8, 3);
  if (deserts.empty()) {
    s.banner(1, 0, book.tr({"没有服务盲区。", "No service deserts."}), book.format(Look::note));
  }
  s.fit_columns();
}

void write_needs(Book& book, const std::vector<YearNeed>& needs, const std::vector<Township>& townships) {
  Sheet s(book, book.tr(kNeedsSheet));
  s.header(0, book.labels({{"年份", "year"},
                           {"区划代码", "id"},
                           {"名称", "name"},
                           {"常住人口", "population"},
                           {"0-3岁婴幼儿数", "children_0_3"},
                           {"现有托位数", "places"},
                           {"达标尚缺托位数", "places_needed"},
                           {"按入托意愿尚缺托位数", "places_needed_for_share"}}));
  lxw_row_t r = 1;
  for (const YearNeed& n : needs) {
    const Township* t = township_at(townships, n.township);
    s.number(r, 0, n.year, book.format(Look::plain, kWhole));
    s.text(r, 1, t ? t->id : "total");
    s.text(r, 2, t ? t->name : book.tr({"全部", "all"}));
    s.number(r, 3, n.population, book.format(Look::plain, kCount));
    s.number(r, 4, n.children_0_3, book.format(Look::plain, kCount));
    s.number(r, 5, n.places, book.format(Look::plain, kCount));
    s.number(r, 6, n.places_needed, book.format(Look::plain, kCount));
    s.number(r++, 7, n.places_needed_for_share, book.format(Look::plain, kCount));
  }
  s.table(r - 1, 8, 3);
  s.fit_columns();
}

void write_proposals(Book& book, const ProposalRun& run, const std::vector<Township>& townships) {
  Sheet s(book, book.tr(kProposalsSheet));
  s.header(0, book.labels({{"序号", "rank"},
                           {"编号", "id"},
                           {"名称", "name"},
                           {"类型", "type"},
                           {"所在乡镇", "township_name"},
                           {"托位数", "places"},
                           {"新增效果", "gain"},
                           {"累计目标值", "objective_after"},
                           {"新覆盖婴幼儿数", "children_newly_covered"},
                           {"消除盲区婴幼儿数", "desert_children_removed"},
                           {"所在乡镇千人口托位数（前）", "township_per_1000_before"},
                           {"所在乡镇千人口托位数（后）", "township_per_1000_after"},
                           {"备选址编号", "alternative_id"},
                           {"备选址效果", "alternative_gain"},
                           {"改用备选址的目标变化", "alternative_change"},
                           {"备选址距离（米）", "alternative_distance_m"},
                           {"经度（WGS84）", "lon"},
                           {"纬度（WGS84）", "lat"},
                           {"经度（GCJ-02）", "gcj02_lon"},
                           {"纬度（GCJ-02）", "gcj02_lat"}}));
  const std::string unit =
      book.zh() ? fmt::format("{}目标；单位：{}", objective_zh(run.settings.objective), run.objective_unit)
                : fmt::format("{} objective; unit: {}", name(run.settings.objective), run.objective_unit);
  book.check_sheet(worksheet_write_comment(s.get(), 0, 6, unit.c_str()), s.name());
  const std::string alt_note =
      book.zh() ? fmt::format("{:.0f} 米内效果最好的其他候选点：此处地块无法取得时可改用", run.settings.alternative_within_m)
                : fmt::format("The best other candidate within {:.0f} m: what to build instead if this plot cannot be had",
                              run.settings.alternative_within_m);
  book.check_sheet(worksheet_write_comment(s.get(), 0, 12, alt_note.c_str()), s.name());
  auto maybe = [&](lxw_row_t r, lxw_col_t c, double v, lxw_format* f) {
    if (std::isfinite(v)) s.number(r, c, v, f);
  };
  lxw_row_t r = 1;
  for (const Proposal& p : run.proposals) {
    s.number(r, 0, p.rank, book.format(Look::plain, kWhole));
    s.text(r, 1, p.site.id);
    s.text(r, 2, p.site.name);
    if (!p.site.type.empty()) s.text(r, 3, p.site.type);
    if (const Township* t = township_at(townships, p.site.township)) s.text(r, 4, t->name);
    s.number(r, 5, p.site.places, book.format(Look::plain, kCount));
    s.number(r, 6, p.gain, book.format(Look::plain, kCount));
    s.number(r, 7, p.objective_after, book.format(Look::plain, kCount));
    s.number(r, 8, p.children_newly_covered, book.format(Look::plain, kCount));
    s.number(r, 9, p.desert_children_removed, book.format(Look::plain, kCount));
    maybe(r, 10, p.township_per_1000_before, book.format(Look::plain, kTwoDecimals));
    maybe(r, 11, p.township_per_1000_after, book.format(Look::plain, kTwoDecimals));
    if (!p.alternative_id.empty()) {
      s.text(r, 12, p.alternative_id);
      s.number(r, 13, p.alternative_gain, book.format(Look::plain, kCount));
      s.number(r, 14, p.alternative_change, book.format(Look::plain, kCount));
      s.number(r, 15, p.alternative_distance_m, book.format(Look::plain, kWhole));
    }
    s.number(r, 16, p.site.lon, book.format(Look::plain, kDegrees));
    s.number(r, 17, p.site.lat, book.format(Look::plain, kDegrees));
    s.number(r, 18, p.gcj_lon, book.format(Look::plain, kDegrees));
    s.number(r++, 19, p.gcj_lat, book.format(Look::plain, kDegrees));
  }
  s.table(r - 1, 20, 3);
  s.fit_columns();
}

// Every unit of the region table with its ranks; the study's own in bold.
void write_region(Book& book, const RegionRanking& region) {
  Sheet s(book, book.tr(kRegionSheet));
  s.header(0, book.labels({{"区划代码", "id"},
                           {"名称", "name"},
                           {"常住人口", "residents"},
                           {"托位数", "places"},
                           {"千人口托位数", "places_per_1000"},
                           {"千人口托位数排名", "rank_places_per_1000"},
                           {"婴幼儿入托率", "enrolment_rate"},
                           {"入托率排名", "rank_enrolment_rate"}}));
  lxw_row_t r = 1;
  for (const RegionUnit& u : region.units) {
    const Look look = u.in_study ? Look::bold : Look::plain;
    s.text(r, 0, u.id, book.format(look));
    s.text(r, 1, u.name, book.format(look));
    s.number(r, 2, u.residents, book.format(look, kCount));
    s.number(r, 3, u.places, book.format(look, kCount));
    s.number(r, 4, u.places_per_1000, book.format(look, kTwoDecimals));
    s.number(r, 5, u.rank_places > 0 ? u.rank_places : NAN, book.format(look, kWhole));
    s.number(r, 6, u.enrolment_rate, book.format(look, kShare));
    s.number(r++, 7, u.rank_enrolment > 0 ? u.rank_enrolment : NAN, book.format(look, kWhole));
  }
  s.table(r - 1, 8, 2);
  s.fit_columns();
}

}  // namespace

void write_report_xlsx(const fs::path& file, const ReportContent& content) {
  const Analysis& base = *content.base;
  const IndicatorTable& table = base.table;
  const std::vector<Township>& townships = base.facilities.study().townships();
  gis::AtomicFile out(file);
  Book book(file, out.temp_path(), content.labels);
  const ChartData charts = chart_data(book, table);
  write_summary(book, content, charts);
  write_ranking(book, book.tr(kTownshipsSheet), table.townships, nullptr, table);
  if (!table.parents.empty()) write_ranking(book, book.tr(kCountiesSheet), table.parents, &table.total, table);
  write_facilities(book, base.facilities);
  if (base.access) write_deserts(book, base.access->deserts, townships);
  write_needs(book, content.needs, townships);
  if (content.proposals) write_proposals(book, *content.proposals, townships);
  if (content.region) write_region(book, *content.region);
  book.close();
  out.commit();
}

}  // namespace tuowei::planner
