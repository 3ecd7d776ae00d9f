// report.xlsx on the mini project (mini_project.h): two counties, 甲区
// (新竹街道 6.0 and 南湖街道 4.5 places per 1,000) and 乙县 (长塘镇 4.5,
// 伶俐镇 0.0), against a target of 4.5; the whole area counts F5's 20 places
// outside every township too: 215 for 45,000 residents. Read back with unzip
// and GDAL's XLSX driver, as Excel would show it.
#include <cpl_conv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "gis/error.h"
#include "gis/vector.h"
#include "mini_project.h"
#include "planner/report/report.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::gis::VectorTable;
using tuowei::test::MiniProject;

namespace {

// C1 reaches 12 under-3s of 伶俐镇, the township without a facility.
const char* kCandidates =
    "编号,名称,托位数,经度,纬度\n"
    "C1,伶俐社区服务中心,80,108.15,22.75\n"
    "C2,伶俐小学旧址,40,108.155,22.755\n";

// One unit of the region besides the study's counties: 柳北区 has 6.0 places
// per 1,000, ahead of 甲区 (5.0) and 乙县 (3.0).
const char* kRegion =
    "区划代码,名称,常住人口,托位数,在托人数,0-3岁人口\n"
    "450205,柳北区,100000,600,300,3000\n";

std::string output_of(const std::string& command) {
  std::string out;
  EXPECT_EQ(tuowei::test::run_command(command, out), 0) << out;
  return out;
}

std::string workbook_xml(const fs::path& xlsx) { return output_of("unzip -p '" + xlsx.string() + "' xl/workbook.xml"); }

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& value(const VectorTable& t, size_t record, const std::string& field) {
  static const std::string empty;
  const auto& v = t.records.at(record).values.at(size_t(t.require_field(field, tuowei::gis::as_is("test"))));
  return v ? *v : empty;
}

double number(const VectorTable& t, size_t record, const std::string& field) {
  return std::stod(value(t, record, field));
}

// The summary sheet as rows of text (no header row): GDAL reads it with
// fields Field1 (the label), Field2 (the value), Field3, Field4...
VectorTable summary_rows(const fs::path& xlsx, const std::string& sheet) {
  CPLSetConfigOption("OGR_XLSX_HEADERS", "DISABLE");
  VectorTable t = tuowei::gis::read_vector({xlsx.string(), sheet});
  CPLSetConfigOption("OGR_XLSX_HEADERS", nullptr);
  return t;
}

// The record whose first column is `label`.
size_t row_labelled(const VectorTable& t, const std::string& label) {
  for (size_t i = 0; i < t.records.size(); ++i) {
    if (value(t, i, "Field1") == label) return i;
  }
  ADD_FAILURE() << "no row labelled " << label;
  return 0;
}

class ReportXlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    project_ = MiniProject::create("report-xlsx-" + name, {},
                                   "crs = \"EPSG:4326\"\n[access]\nradius_m = 800\n[proposals]\n"
                                   "candidates = \"candidates.csv\"\ncandidates_crs = \"EPSG:4326\"\n");
    cleanup_ = std::make_unique<tuowei::test::Cleanup>(project_.dir);
    project_.write_file("candidates.csv", kCandidates);
    project_.write_file("region.csv", kRegion);
    analyse();
  }
  // The mini project analysed with access, ranked in the region, its grid
  // describing 2028 (places needed by year up to 2029); `edit` changes its
  // settings first.
  void analyse(const std::function<void(Project&)>& edit = {}) {
    run_ = tuowei::test::run_project(project_.toml, true, [&](Project& p) {
      p.report.region_table = (project_.dir / "region.csv").string();
      p.population.grid_year = 2028;
      p.targets.horizon_year = 2029;
      if (edit) edit(p);
      proposal_settings_ = p.proposals;
    });
  }
  ReportContent content(Labels labels, const ProposalRun* proposals = nullptr) const {
    return prepare_report(*run_.result, proposals, labels);
  }
  // The workbook of `c` in the project's folder.
  fs::path write(const ReportContent& c) const {
    const fs::path file = project_.dir / "report.xlsx";
    write_report_xlsx(file, c);
    return file;
  }
  const IndicatorTable& table() const { return run_.table(); }

  MiniProject project_;
  std::unique_ptr<tuowei::test::Cleanup> cleanup_;
  tuowei::test::TestRun run_;
  ProposalConfig proposal_settings_;
};

}  // namespace

TEST_F(ReportXlsx, HoldsOneSheetPerTableAndTheTwoCharts) {
  const fs::path file = write(content(Labels::zh));
  const std::string xml = workbook_xml(file);
  size_t last = 0;
  for (const char* sheet : {"汇总", "乡镇排名", "区县排名", "托育机构", "服务盲区", "逐年缺口", "区域排名"}) {
    const size_t at = xml.find(std::string("name=\"") + sheet + "\"");
    ASSERT_NE(at, std::string::npos) << sheet << " missing from " << xml;
    EXPECT_GT(at, last) << sheet << " out of order";
    last = at;
  }
  EXPECT_EQ(xml.find("选址建议"), std::string::npos) << "no proposals were made";

  const std::string listing = output_of("unzip -l '" + file.string() + "'");
  EXPECT_NE(listing.find("xl/charts/chart1.xml"), std::string::npos) << listing;
  EXPECT_NE(listing.find("xl/charts/chart2.xml"), std::string::npos) << listing;
  // The first chart draws the two counties' places per 1,000 (column L) and
  // the target line through the summary's hidden column F.
  const std::string chart = output_of("unzip -p '" + file.string() + "' xl/charts/chart1.xml");
  EXPECT_NE(chart.find("'区县排名'!$B$2:$B$3"), std::string::npos) << chart;
  EXPECT_NE(chart.find("'区县排名'!$L$2:$L$3"), std::string::npos) << chart;
  EXPECT_NE(chart.find("<c:trendline><c:name>目标：4.5 个/千人</c:name>"), std::string::npos) << chart;
  EXPECT_NE(chart.find("'汇总'!$F$2:$F$3"), std::string::npos) << chart;
  EXPECT_EQ(chart.find("plotVisOnly"), std::string::npos) << "the hidden cells must be plotted: " << chart;
}

TEST_F(ReportXlsx, TownshipSheetHoldsTheIndicatorsInRankOrder) {
  // Without residents 新竹街道 is unranked: it goes last, behind 南湖街道 and
  // 长塘镇 (tied first, in the table's order) and 伶俐镇.
  tuowei::test::write_raster(project_.dir / "residents.tif", {0, 200, 100, 50});
  analyse();
  const fs::path file = write(content(Labels::zh));
  const VectorTable t = tuowei::gis::read_vector({file.string(), "乡镇排名"});
  ASSERT_EQ(t.records.size(), table().townships.size());
  ASSERT_EQ(t.fields.size(), indicator_columns(true).size());
  for (size_t i = 0; i < t.fields.size(); ++i) EXPECT_EQ(t.fields[i], indicator_columns(true)[i].label_zh);
  const std::vector<std::string> order = {"南湖街道", "长塘镇", "伶俐镇", "新竹街道"};
  const std::vector<std::string> ranks = {"1", "1", "3", ""};
  for (size_t i = 0; i < t.records.size(); ++i) {
    const IndicatorRow& expected = tuowei::test::row(table(), order[i]);
    EXPECT_EQ(value(t, i, "名称"), order[i]);
    EXPECT_EQ(value(t, i, "区划代码"), expected.id);
    EXPECT_EQ(value(t, i, "全域排名"), ranks[i]) << order[i];
    EXPECT_NEAR(number(t, i, "托位数"), expected.places, 1e-9) << order[i];
    EXPECT_NEAR(number(t, i, "服务覆盖率"), expected.coverage_rate, 1e-9) << order[i];
    if (std::isnan(expected.places_per_1000)) EXPECT_EQ(value(t, i, "千人口托位数"), "") << order[i];
    else EXPECT_NEAR(number(t, i, "千人口托位数"), expected.places_per_1000, 1e-9) << order[i];
  }
}

TEST_F(ReportXlsx, TownshipSheetHighlightsShortfallsAndKeepsItsHeaderInView) {
  const fs::path file = write(content(Labels::zh));
  // The second sheet; columns L (places_per_1000) and O (places_needed), rows 2-5.
  ASSERT_EQ(indicator_columns(true)[11].name, std::string("places_per_1000"));
  ASSERT_EQ(indicator_columns(true)[14].name, std::string("places_needed"));
  const std::string xml = output_of("unzip -p '" + file.string() + "' xl/worksheets/sheet2.xml");
  EXPECT_NE(xml.find("<pane xSplit=\"2\" ySplit=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<autoFilter ref=\"A1:AH5\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<conditionalFormatting sqref=\"L2:L5\"><cfRule type=\"cellIs\" dxfId=\"1\" priority=\"2\" "
                     "operator=\"greaterThanOrEqual\"><formula>4.5</formula>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<conditionalFormatting sqref=\"O2:O5\"><cfRule type=\"cellIs\" dxfId=\"0\" priority=\"1\" "
                     "operator=\"greaterThan\"><formula>0</formula>"),
            std::string::npos)
      << xml;
}

TEST_F(ReportXlsx, CountySheetRanksTheCountiesAndEndsWithTheTotal) {
  // 60,000 residents in 甲区 (2.5 places per 1,000) put 乙县 (3.0) first.
  tuowei::test::write_raster(project_.dir / "residents.tif", {300, 300, 100, 50});
  analyse();
  const fs::path file = write(content(Labels::zh));
  const VectorTable t = tuowei::gis::read_vector({file.string(), "区县排名"});
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.fields.size(), indicator_columns(true).size());
  EXPECT_EQ(value(t, 0, "名称"), "乙县");
  EXPECT_NEAR(number(t, 0, "千人口托位数"), 3.0, 1e-9);
  EXPECT_EQ(value(t, 1, "名称"), "甲区");
  EXPECT_NEAR(number(t, 1, "千人口托位数"), 2.5, 1e-9);
  EXPECT_EQ(value(t, 2, "名称"), table().total.name);
  EXPECT_NEAR(number(t, 2, "托位数"), 215, 1e-9);
  EXPECT_NEAR(number(t, 2, "千人口托位数"), table().total.places_per_1000, 1e-9);
}

TEST_F(ReportXlsx, SummaryComparesTheAreaWithTheTargetAndTheRegion) {
  const fs::path file = write(content(Labels::zh));
  const VectorTable t = summary_rows(file, "汇总");
  EXPECT_EQ(value(t, row_labelled(t, "人口数据年份"), "Field2"), "2028");
  // 215 places for 45,000 residents: 4.78 against 4.5.
  const size_t ppk = row_labelled(t, "千人口托位数（个/千人）");
  EXPECT_NEAR(number(t, ppk, "Field2"), table().total.places_per_1000, 1e-9);
  EXPECT_NEAR(number(t, ppk, "Field2"), 215.0 / 45, 1e-6);
  EXPECT_NEAR(number(t, ppk, "Field3"), 4.5, 1e-12);
  EXPECT_EQ(value(t, ppk, "Field4"), "达标");
  EXPECT_NEAR(number(t, row_labelled(t, "达标尚缺托位数"), "Field2"), table().total.places_needed, 1e-9);
  const size_t met = row_labelled(t, "达标乡镇（街道）数");
  EXPECT_EQ(value(t, met, "Field2"), "3");  // all but 伶俐镇
  EXPECT_EQ(value(t, met, "Field4"), "共 4 个有常住人口的乡镇（街道）");
  EXPECT_NEAR(number(t, row_labelled(t, "基尼系数"), "Field2"), content(Labels::zh).equity.all.gini, 1e-9);
  // Among 柳北区 (6.0), 甲区 (5.0) and 乙县 (3.0).
  EXPECT_EQ(value(t, row_labelled(t, "甲区"), "Field3"), "第 2 位 / 3");
  EXPECT_EQ(value(t, row_labelled(t, "乙县"), "Field3"), "第 3 位 / 3");
}

TEST_F(ReportXlsx, RegionSheetRanksEveryUnitWithTheStudysOwnInBold) {
  const fs::path file = write(content(Labels::zh));
  const VectorTable t = tuowei::gis::read_vector({file.string(), "区域排名"});
  ASSERT_EQ(t.records.size(), 3u);
  const std::vector<std::string> names = {"柳北区", "甲区", "乙县"};
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(value(t, i, "名称"), names[i]);
    EXPECT_EQ(value(t, i, "千人口托位数排名"), std::to_string(i + 1));
  }
  // The seventh sheet: 柳北区's name unstyled, the counties' bold.
  const std::string xml = output_of("unzip -p '" + file.string() + "' xl/worksheets/sheet7.xml");
  EXPECT_NE(xml.find("<c r=\"B2\" t=\"s\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<c r=\"B3\" s=\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<c r=\"B4\" s=\""), std::string::npos) << xml;
}

TEST_F(ReportXlsx, FacilitySheetListsTheRegister) {
  const fs::path file = write(content(Labels::zh));
  const VectorTable t = tuowei::gis::read_vector({file.string(), "托育机构"});
  ASSERT_EQ(t.records.size(), 5u);
  EXPECT_EQ(value(t, 0, "机构编号"), "F1");
  EXPECT_EQ(value(t, 0, "所在乡镇"), "新竹街道");
  EXPECT_EQ(value(t, 0, "是否普惠"), "是");
  EXPECT_NEAR(number(t, 0, "托位数"), 45, 1e-12);
  EXPECT_NEAR(number(t, 0, "在托人数"), 30, 1e-12);
  EXPECT_NEAR(number(t, 0, "经度（WGS84）"), 108.05, 1e-9);
  EXPECT_EQ(value(t, 1, "是否普惠"), "否");
  EXPECT_EQ(value(t, 4, "机构编号"), "F5");
  EXPECT_EQ(value(t, 4, "所在乡镇代码"), "");
  EXPECT_EQ(value(t, 4, "所在乡镇"), "不在任何乡镇（街道）内");
}

TEST_F(ReportXlsx, DesertSheetListsEveryDesertMostChildrenFirst) {
  const fs::path file = write(content(Labels::zh));
  const std::vector<DesertArea>& deserts = run_.access().deserts;
  ASSERT_FALSE(deserts.empty()) << "伶俐镇 has no facility within 800 m";
  const VectorTable t = tuowei::gis::read_vector({file.string(), "服务盲区"});
  ASSERT_EQ(t.records.size(), deserts.size());
  for (size_t i = 0; i < deserts.size(); ++i) {
    const Township& township = run_.study->townships()[size_t(deserts[i].township)];
    EXPECT_EQ(value(t, i, "序号"), std::to_string(i + 1));
    EXPECT_EQ(value(t, i, "乡镇"), township.name);
    EXPECT_NEAR(number(t, i, "盲区婴幼儿数"), deserts[i].children_0_3, 1e-9) << township.name;
    EXPECT_NEAR(number(t, i, "面积（平方公里）"), deserts[i].area_km2, 1e-9) << township.name;
  }
}

TEST_F(ReportXlsx, NeedsSheetHoldsEveryTownshipAndYear) {
  const ReportContent c = content(Labels::zh);
  const fs::path file = write(c);
  const VectorTable t = tuowei::gis::read_vector({file.string(), "逐年缺口"});
  ASSERT_EQ(c.needs.size(), 10u);  // 2028 and 2029: four townships and the total
  ASSERT_EQ(t.records.size(), c.needs.size());
  for (size_t i = 0; i < c.needs.size(); ++i) {
    EXPECT_EQ(number(t, i, "年份"), c.needs[i].year);
    EXPECT_EQ(value(t, i, "区划代码"),
              c.needs[i].township >= 0 ? run_.study->townships()[size_t(c.needs[i].township)].id : "total");
    EXPECT_NEAR(number(t, i, "达标尚缺托位数"), c.needs[i].places_needed, 1e-9);
  }
}

TEST_F(ReportXlsx, ProposalsSheetListsTheProposedSites) {
  ProposalConfig settings = proposal_settings_;
  settings.sites = 1;
  const ProposalRun run = propose(*run_.result, settings);
  ASSERT_EQ(run.proposals.size(), 1u);
  const fs::path file = write(content(Labels::zh, &run));
  EXPECT_NE(workbook_xml(file).find("name=\"选址建议\""), std::string::npos);
  const VectorTable t = tuowei::gis::read_vector({file.string(), "选址建议"});
  ASSERT_EQ(t.records.size(), 1u);
  const Proposal& p = run.proposals[0];
  EXPECT_EQ(value(t, 0, "编号"), p.site.id);
  EXPECT_EQ(value(t, 0, "所在乡镇"), "伶俐镇");
  EXPECT_NEAR(number(t, 0, "新增效果"), p.gain, 1e-9);
  EXPECT_NEAR(number(t, 0, "经度（WGS84）"), p.site.lon, 1e-9);
  EXPECT_NEAR(number(t, 0, "纬度（GCJ-02）"), p.gcj_lat, 1e-9);
  // Why the site: what it covers and its township before and after.
  EXPECT_GT(p.children_newly_covered, 0.0);
  EXPECT_NEAR(number(t, 0, "新覆盖婴幼儿数"), p.children_newly_covered, 1e-9);
  EXPECT_NEAR(number(t, 0, "所在乡镇千人口托位数（前）"), p.township_per_1000_before, 1e-9);
  EXPECT_NEAR(number(t, 0, "所在乡镇千人口托位数（后）"), p.township_per_1000_after, 1e-9);
  EXPECT_GT(p.township_per_1000_after, p.township_per_1000_before);
}

TEST_F(ReportXlsx, EnglishLabelsNameTheSheetsAndColumnsInEnglish) {
  const fs::path file = write(content(Labels::en));
  const std::string xml = workbook_xml(file);
  for (const char* sheet : {"Summary", "Townships", "Counties", "Facilities", "Deserts", "Needs by year", "Region"}) {
    EXPECT_NE(xml.find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet << " missing from " << xml;
  }
  EXPECT_EQ(xml.find("汇总"), std::string::npos);
  const VectorTable t = tuowei::gis::read_vector({file.string(), "Townships"});
  EXPECT_NEAR(number(t, 0, "places_per_1000"), 6.0, 1e-9);
  const VectorTable summary = summary_rows(file, "Summary");
  EXPECT_EQ(value(summary, row_labelled(summary, "Places per 1,000 residents"), "Field4"), "target met");
}

TEST_F(ReportXlsx, WithoutCountiesTheChartsDrawTheTownships) {
  analyse([](Project& p) {
    p.townships.parent_id_field.clear();
    p.townships.parent_name_field.clear();
  });
  ASSERT_TRUE(table().parents.empty());
  const fs::path file = write(content(Labels::zh));
  EXPECT_EQ(workbook_xml(file).find("区县排名"), std::string::npos);
  const std::string chart = output_of("unzip -p '" + file.string() + "' xl/charts/chart1.xml");
  EXPECT_NE(chart.find("'乡镇排名'!$B$2:$B$5"), std::string::npos) << chart;
  EXPECT_NE(chart.find("'汇总'!$F$2:$F$5"), std::string::npos) << chart;
}

TEST_F(ReportXlsx, MissingFolderThrowsNamingThePath) {
  const fs::path file = project_.dir / "no-such-folder" / "report.xlsx";
  try {
    write_report_xlsx(file, content(Labels::zh));
    FAIL() << "wrote into a folder that does not exist";
  } catch (const tuowei::gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(file.parent_path()));
}

TEST_F(ReportXlsx, SecondWriteReplacesTheFirstCompletely) {
  ProposalConfig settings = proposal_settings_;
  settings.sites = 1;
  const ProposalRun run = propose(*run_.result, settings);
  const fs::path file = write(content(Labels::zh, &run));
  ASSERT_NE(workbook_xml(file).find("选址建议"), std::string::npos);
  write(content(Labels::en));
  const std::string xml = workbook_xml(file);
  EXPECT_NE(xml.find("name=\"Summary\""), std::string::npos) << xml;
  EXPECT_EQ(xml.find("选址建议"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("Proposals"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("汇总"), std::string::npos) << xml;
  for (const auto& entry : fs::directory_iterator(project_.dir)) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << "temporary file left: " << entry.path();
  }
}

TEST_F(ReportXlsx, FailedWriteNamesTheFileAndKeepsTheOlderWorkbook) {
  const fs::path file = write(content(Labels::zh));
  const std::string before = file_bytes(file);
  ReportContent c = content(Labels::en);
  c.title = std::string(40000, 'x');  // beyond Excel's 32,767 characters in a cell
  try {
    write_report_xlsx(file, c);
    FAIL() << "wrote a title Excel cannot hold";
  } catch (const tuowei::gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string() + ": cannot write sheet Summary"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(file_bytes(file), before);
  for (const auto& entry : fs::directory_iterator(project_.dir)) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << "temporary file left: " << entry.path();
  }
}

// Where LibreOffice is installed: it opens the workbook without repair and
// reads the township sheet's values as written.
TEST_F(ReportXlsx, LibreOfficeReadsTheTownshipSheet) {
  std::string where;
  if (tuowei::test::run_command("command -v soffice", where) != 0) GTEST_SKIP() << "LibreOffice (soffice) is not installed";
  const fs::path file = write(content(Labels::en));
  const fs::path out = project_.dir / "lo";
  fs::create_directories(out);
  // Every sheet as CSV (UTF-8, comma, the sheets one file each).
  output_of("cd '" + out.string() + "' && HOME='" + out.string() +
            "' timeout 180 soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,"
            "false,false,-1' '" + file.string() + "'");
  const std::string csv = file_bytes(out / "report-Townships.csv");
  ASSERT_FALSE(csv.empty());
  EXPECT_EQ(csv.rfind("id,name,parent_id", 0), 0u) << csv.substr(0, 200);
  for (const IndicatorRow& r : table().townships) {
    EXPECT_NE(csv.find(r.id + "," + r.name + ","), std::string::npos) << r.name;
  }
}
