// report.pdf on the mini project: pages, text a reader can extract (Chinese
// names included), maps that are drawn with their legend's colours.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <gdal_priv.h>

#include <fstream>
#include <set>

#include "gis/classify.h"
#include "gis/error.h"
#include "mini_project.h"
#include "planner/report/report.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::test::Cleanup;
using tuowei::test::MiniProject;
using tuowei::test::run_command;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream is(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(is)), std::istreambuf_iterator<char>());
}

// Page `page` of `pdf` rendered to RGB pixels (pdftoppm), as a set of colours
// with their pixel counts.
std::map<std::tuple<int, int, int>, int> page_colours(const fs::path& pdf, int page, const fs::path& dir) {
  std::string out;
  const fs::path stem = dir / ("page" + std::to_string(page));
  EXPECT_EQ(run_command(fmt::format("pdftoppm -png -r 60 -f {} -l {} -singlefile '{}' '{}'", page, page, pdf.string(),
                                    stem.string()),
                        out),
            0)
      << out;
  std::map<std::tuple<int, int, int>, int> colours;
  GDALDatasetUniquePtr ds(GDALDataset::Open((stem.string() + ".png").c_str(), GDAL_OF_RASTER));
  if (!ds || ds->GetRasterCount() < 3) return colours;
  const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
  std::vector<unsigned char> rgb(size_t(w) * h * 3);
  int bands[3] = {1, 2, 3};
  if (ds->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, 3 * w, 1, nullptr) != CE_None) {
    return colours;
  }
  for (size_t i = 0; i < rgb.size(); i += 3) ++colours[{rgb[i], rgb[i + 1], rgb[i + 2]}];
  return colours;
}

int pixels_near(const std::map<std::tuple<int, int, int>, int>& colours, const tuowei::gis::Rgb& c, int tolerance = 3) {
  int n = 0;
  for (const auto& [k, count] : colours) {
    const auto [r, g, b] = k;
    if (std::abs(r - c.r) <= tolerance && std::abs(g - c.g) <= tolerance && std::abs(b - c.b) <= tolerance) n += count;
  }
  return n;
}

}  // namespace

TEST(ReportPdf, PagesTextAndMaps) {
  MiniProject p = MiniProject::create("report-pdf");
  Cleanup c{p.dir};
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml, true);
  ReportContent content = prepare_report(*run.result, nullptr, Labels::zh);
  const fs::path pdf = p.dir / "report.pdf";
  write_report_pdf(pdf, content);
  ASSERT_TRUE(fs::exists(pdf));
  EXPECT_EQ(slurp(pdf).rfind("%PDF-", 0), 0u);

  std::string info;
  ASSERT_EQ(run_command("pdfinfo '" + pdf.string() + "'", info), 0) << info;
  const auto pages_at = info.find("Pages:");
  ASSERT_NE(pages_at, std::string::npos);
  const int pages = std::stoi(info.substr(pages_at + 6));
  // Cover, key figures, counties, townships, map, deserts, equity, data and methods (no needs by
  // year: the mini project's grid states no year).
  EXPECT_EQ(pages, 8) << info;
  EXPECT_NE(info.find("595.28 x 841.89 pts (A4)"), std::string::npos) << info;

  std::string text;
  ASSERT_EQ(run_command("pdftotext -layout '" + pdf.string() + "' -", text), 0);
  for (const char* name : {"测试区托育服务资源评估报告", "新竹街道", "南湖街道", "长塘镇", "伶俐镇", "甲区", "乙县",
                           "千人口托位数", "服务盲区", "基尼系数", "数据与方法"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name;
  }
  EXPECT_NE(text.find(fmt::format("1/{}", pages)), std::string::npos);  // page numbers with the total
  // The key figures as computed: 215 places (F5 outside every township
  // included in the total) for 45,000 residents.
  EXPECT_NE(text.find("4.78"), std::string::npos);

  // Every page has something on it; the choropleth page shows its classes' colours.
  std::vector<double> values;
  for (const IndicatorRow& r : run.table().townships) values.push_back(r.places_per_1000);
  const tuowei::gis::Choropleth legend = tuowei::gis::make_choropleth(
      values, values, tuowei::gis::Palette::blues, false, [](double v) { return std::to_string(v); }, "-");
  int map_page = 0;
  for (int page = 1; page <= pages; ++page) {
    const auto colours = page_colours(pdf, page, p.dir);
    int total = 0, white = 0;
    for (const auto& [k, n] : colours) {
      total += n;
      if (k == std::make_tuple(255, 255, 255)) white += n;
    }
    EXPECT_LT(white, total) << "page " << page << " is blank";
    bool all = true;
    for (const auto& e : legend.legend) all = all && pixels_near(colours, e.color) > 20;
    if (all && map_page == 0) map_page = page;
  }
  EXPECT_EQ(map_page, 5);
}

TEST(ReportPdf, EnglishAndProposals) {
  MiniProject p = MiniProject::create(
      "report-pdf-en", {}, "crs = \"EPSG:4326\"\n[access]\nradius_m = 800\n[report]\norganisation = \"测试卫健委\"\n");
  Cleanup c{p.dir};
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml, true);
  ProposalConfig settings = run.study->project().proposals;
  settings.sites = 2;
  const ProposalRun proposals = propose(*run.result, settings);
  ReportContent content = prepare_report(*run.result, &proposals, Labels::en);
  const fs::path pdf = p.dir / "report.pdf";
  write_report_pdf(pdf, content);
  std::string text;
  ASSERT_EQ(run_command("pdftotext -layout '" + pdf.string() + "' -", text), 0);
  for (const char* words : {"Key figures", "Townships ranked", "Proposed sites", "Equity", "测试卫健委", "Gini"}) {
    EXPECT_NE(text.find(words), std::string::npos) << words;
  }
  // A folder that does not exist: an error naming the file, and nothing left behind.
  EXPECT_THROW(write_report_pdf(p.dir / "missing" / "report.pdf", content), tuowei::gis::Error);
}
