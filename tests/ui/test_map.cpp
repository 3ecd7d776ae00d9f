// tuowei-map as a planner uses it, on the mini project of tests/planner
// (four townships in two counties, five facilities; mini_project.h has the
// numbers): open, click, read the panels, sort, filter, export, render.
#include <QGeoCoordinate>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "mini_project.h"
#include "ui/basemap.h"
#include "ui/choropleth.h"
#include "ui/map_controller.h"
#include "ui/map_content.h"
#include "ui/map_window.h"
#include "ui/shape_model.h"

using tuowei::test::MiniProject;
using tuowei::ui::MapController;
namespace fs = std::filesystem;

namespace {

// The window of tuowei-map with its controller, as main() builds it.
struct OpenMap {
  MapController app;
  QQmlApplicationEngine engine;
  QQuickWindow* window = nullptr;

  explicit OpenMap(const QString& language) {
    app.set_language(language);
    window = tuowei::ui::load_main_window(engine, app);
  }
  template <class T = QObject>
  T* find(const char* name) const {
    return window ? window->findChild<T*>(QString::fromUtf8(name)) : nullptr;
  }
  QQuickItem* map() const { return find<QQuickItem>("map"); }
  // Where a coordinate is drawn, in window coordinates.
  QPoint window_point(double lat, double lon) const {
    QPointF p;
    QMetaObject::invokeMethod(map(), "fromCoordinate", Q_RETURN_ARG(QPointF, p),
                              Q_ARG(QGeoCoordinate, QGeoCoordinate(lat, lon)), Q_ARG(bool, false));
    return map()->mapToScene(p).toPoint();
  }
  QString info_text() const {
    QVariant text;
    QMetaObject::invokeMethod(find("infoPanel"), "text", Q_RETURN_ARG(QVariant, text));
    return text.toString();
  }
};

double channel_distance(QRgb a, QRgb b) {
  return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b))});
}

int pixels_of(const QImage& image, const QColor& color, int tolerance = 2) {
  int n = 0;
  for (int y = 0; y < image.height(); ++y) {
    const QRgb* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) n += channel_distance(line[x], color.rgb()) <= tolerance;
  }
  return n;
}

}  // namespace

class MapTest : public QObject {
  Q_OBJECT

 private:
  MiniProject project_;

  // Opens the mini project and waits until it is on screen.
  void open(OpenMap& m) {
    QVERIFY(m.window);
    QVERIFY(QTest::qWaitForWindowExposed(m.window));
    m.app.open(QString::fromStdString(project_.toml.string()));
    QTRY_COMPARE_WITH_TIMEOUT(m.app.state(), MapController::Ready, 120000);
    QVERIFY(m.map());
    QTRY_VERIFY(m.map()->property("mapReady").toBool());
    QTest::qWait(300);  // the map fits the study area and draws
  }

 private slots:
  void initTestCase() { tuowei::ui::set_up_application(); }

  void init() { project_ = MiniProject::create(QTest::currentTestFunction()); }
  void cleanup() {
    if (!qEnvironmentVariableIsSet("TUOWEI_KEEP_TEST_OUTPUT")) fs::remove_all(project_.dir);
  }

  void choroplethKeepsTheLoadedScale() {
    using tuowei::ui::make_choropleth;
    auto text = [](double v) { return QString::number(v, 'f', 1); };
    const std::vector<double> loaded = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    // Changed: one value below the loaded minimum, one above the maximum, one without.
    const std::vector<double> shown = {0.5, 2, 3, 4, 5, 6, 7, 8, 9, 12, NAN};
    tuowei::ui::Choropleth c = make_choropleth(loaded, shown, tuowei::ui::Palette::blues, true, text, "none");
    QCOMPARE(int(c.colors.size()), 11);
    QCOMPARE(c.colors[0], c.colors[1]);                       // 0.5 drawn in the first class
    QCOMPARE(c.colors[9], c.colors[8]);                       // 12 in the last
    QCOMPARE(c.colors[10], tuowei::ui::no_data_color());
    QCOMPARE(int(c.legend.size()), 6);                        // five classes and "none"
    QCOMPARE(c.legend.back().label, QString("none"));
    QCOMPARE(c.legend.back().count, 1);
    QVERIFY2(c.legend[4].label.startsWith(QString::fromUtf8("≥ ")), qPrintable(c.legend[4].label));
    int counted = 0;
    for (const auto& e : c.legend) counted += e.count;
    QCOMPARE(counted, 11);
    // As loaded: closed ranges, no "no data".
    c = make_choropleth(loaded, loaded, tuowei::ui::Palette::blues, false, text, "none");
    QCOMPARE(int(c.legend.size()), 5);
    QCOMPARE(c.legend[0].label, QString::fromUtf8("1.0 – 2.0"));
  }

  void tileUrlBecomesQtCustomHost() {
    using tuowei::ui::basemap_for;
    QCOMPARE(basemap_for("http://tiles.example/{z}/{x}/{y}.png").custom_host, QString("http://tiles.example/"));
    QCOMPARE(basemap_for("http://tiles.example/osm/%z/%x/%y.png").custom_host, QString("http://tiles.example/osm/"));
    QVERIFY(basemap_for("").custom_host.isEmpty());
    QVERIFY(basemap_for("").problem.isEmpty());
    // Qt appends %z/%x/%y.png itself: other layouts cannot be used.
    QVERIFY(basemap_for("http://t.example/{z}/{y}/{x}.jpg").custom_host.isEmpty());
    QVERIFY(!basemap_for("http://t.example/{z}/{y}/{x}.jpg").problem.isEmpty());
  }

  void opensAProjectAndDrawsItsLayers() {
    OpenMap m("zh");
    open(m);
    QCOMPARE(m.app.township_count(), 4);
    QCOMPARE(m.app.facility_count(), 5);
    QCOMPARE(m.app.township_shapes()->rowCount(), 4);
    QCOMPARE(m.app.facility_symbols()->count(), 5);
    QCOMPARE(m.app.table()->rowCount(), 4);
    QVERIFY(m.app.has_access());
    QCOMPARE(m.app.catchment_shapes()->rowCount(), 5);
    QVERIFY(!m.app.legend().isEmpty());
    QCOMPARE(m.app.indicator(), QString("places_per_1000"));
    QCOMPARE(m.app.indicator_label(), QString("千人口托位数"));
    // Every facility inside the view is drawn (F5 lies outside every township
    // but inside the fitted view or not: at least the four inside).
    QTRY_VERIFY(m.find("facilityLayer")->property("drawnCount").toInt() >= 4);
    // The study area is in view.
    const QPoint a = m.window_point(22.85, 108.05);
    QVERIFY(m.map()->contains(m.map()->mapFromScene(a)));
  }

  void clickingATownshipShowsItsIndicators() {
    OpenMap m("zh");
    open(m);
    // Inside 南湖街道 (108.1-108.2, 22.8-22.9), away from its facility.
    QTest::mouseClick(m.window, Qt::LeftButton, {}, m.window_point(22.82, 108.18));
    QTRY_COMPARE(m.app.selected_township(), m.app.findTownship("南湖街道"));
    QCOMPARE(m.app.selected_facility(), -1);
    const QString text = m.info_text();
    QVERIFY2(text.startsWith("南湖街道\n甲区"), qPrintable(text));
    QVERIFY2(text.contains("千人口托位数: 4.50"), qPrintable(text));  // 90 places, 20,000 residents
    QVERIFY2(text.contains("常住人口: 20,000"), qPrintable(text));
    QVERIFY2(text.contains("0-3岁婴幼儿数: 300"), qPrintable(text));
    // The selection outline is on the map.
    QCOMPARE(m.app.selection_shapes()->rowCount(), 1);
    // Clicking outside every township clears the selection.
    QTest::mouseClick(m.window, Qt::LeftButton, {}, m.window_point(22.8, 107.96));
    QTRY_COMPARE(m.app.selected_township(), -1);
  }

  void clickingAFacilityShowsItsDetails() {
    OpenMap m("zh");
    open(m);
    // F3 南湖幼儿园托班 at (108.15, 22.85), 90 places, inclusive.
    QTest::mouseClick(m.window, Qt::LeftButton, {}, m.window_point(22.85, 108.15));
    QTRY_VERIFY(m.app.selected_facility() >= 0);
    QCOMPARE(m.app.selected_township(), -1);
    const QString text = m.info_text();
    QVERIFY2(text.startsWith("南湖幼儿园托班\nF3"), qPrintable(text));
    QVERIFY2(text.contains("托位数: 90"), qPrintable(text));
    QVERIFY2(text.contains("南湖街道"), qPrintable(text));
    QCOMPARE(m.find("facilityLayer")->property("selectedFeature").toInt(), m.app.selected_facility());
  }

  void infoPanelFollowsTheLanguage() {
    OpenMap m("en");
    open(m);
    m.app.selectTownship(m.app.findTownship("新竹街道"));
    QString text = m.info_text();
    QVERIFY2(text.contains("Places per 1,000 residents: 6.00"), qPrintable(text));
    QVERIFY2(text.contains("Residents: 10,000"), qPrintable(text));
    QVERIFY2(m.find("statusText")->property("text").toString().contains("4 townships"),
             qPrintable(m.find("statusText")->property("text").toString()));
    m.app.set_language("zh");
    text = m.info_text();
    QVERIFY2(text.contains("千人口托位数: 6.00"), qPrintable(text));
    // Interface text comes from the compiled Chinese translation.
    const QString status = m.find("statusText")->property("text").toString();
    QVERIFY2(status.contains("4 个乡镇"), qPrintable(status));
  }

  void tableSortsByAnyIndicator() {
    OpenMap m("zh");
    open(m);
    auto* table = m.app.table();
    auto name_at = [&](int row) { return table->textAt(row, 0); };
    table->sortByName("places_per_1000", false);
    QCOMPARE(name_at(0), QString("新竹街道"));  // 6.0
    QCOMPARE(name_at(3), QString("伶俐镇"));    // 0.0
    table->sortByName("places_per_1000", true);
    QCOMPARE(name_at(0), QString("伶俐镇"));
    QCOMPARE(name_at(3), QString("新竹街道"));
    table->sortByName("population", false);
    QCOMPARE(name_at(0), QString("南湖街道"));  // 20,000
    QCOMPARE(name_at(3), QString("伶俐镇"));    // 5,000
    // Clicking a header sorts by it, descending first, then flips.
    table->toggleSort(0);
    QCOMPARE(table->sortColumn(), 0);
    QVERIFY(!table->ascending());
    table->toggleSort(0);
    QVERIFY(table->ascending());
  }

  void tableFiltersByCounty() {
    OpenMap m("zh");
    open(m);
    QCOMPARE(m.app.counties(), QStringList({"甲区", "乙县"}));
    m.app.table()->set_county("乙县");
    QCOMPARE(m.app.table()->rowCount(), 2);
    QStringList names = {m.app.table()->textAt(0, 0), m.app.table()->textAt(1, 0)};
    names.sort();
    QCOMPARE(names, QStringList({"伶俐镇", "长塘镇"}));
    QCOMPARE(m.app.table()->rowOfTownship(m.app.findTownship("新竹街道")), -1);
    m.app.table()->set_county("");
    QCOMPARE(m.app.table()->rowCount(), 4);
  }

  void tableRowSelectsAndPansTheMap() {
    OpenMap m("zh");
    open(m);
    auto* table_view = m.find<QQuickItem>("rankingTable");
    QVERIFY(table_view);
    m.app.table()->sortByName("places_per_1000", true);  // 伶俐镇 first
    // Zoom in far from 伶俐镇 so that selecting it must pan the map.
    m.map()->setProperty("zoomLevel", 14);
    m.map()->setProperty("center", QVariant::fromValue(QGeoCoordinate(22.85, 108.05)));
    QTest::qWait(100);
    const int row_height = m.find("ranking")->property("rowHeight").toInt();
    QVERIFY(row_height > 0);
    const QPointF cell = table_view->mapToScene(QPointF(30, row_height / 2.0));
    QTest::mouseClick(m.window, Qt::LeftButton, {}, cell.toPoint());
    const int lingli = m.app.findTownship("伶俐镇");
    QTRY_COMPARE(m.app.selected_township(), lingli);
    // 伶俐镇 (108.1-108.2, 22.7-22.8): its centre comes into view.
    QTRY_VERIFY_WITH_TIMEOUT(m.map()->contains(m.map()->mapFromScene(m.window_point(22.75, 108.15))), 5000);
    // And the other way: a click on the map selects the township's row.
    m.map()->setProperty("zoomLevel", 10);
    m.map()->setProperty("center", QVariant::fromValue(QGeoCoordinate(22.8, 108.1)));
    QTest::qWait(100);
    QTest::mouseClick(m.window, Qt::LeftButton, {}, m.window_point(22.72, 108.02));  // 长塘镇
    const int changtang = m.app.findTownship("长塘镇");
    QTRY_COMPARE(m.app.selected_township(), changtang);
    QCOMPARE(m.app.table()->townshipAt(m.app.table()->rowOfTownship(changtang)), changtang);
  }

  void brokenProjectListsItsProblems() {
    // A project naming a townships file that is not there.
    project_.write_file("broken.toml", "[townships]\npath = \"missing.geojson\"\n\n[population]\nlayout = \"rasters\"\n"
                                       "residents = \"residents.tif\"\nchildren_0_3 = \"under3.tif\"\n\n"
                                       "[facilities]\npath = \"facilities.csv\"\ncrs = \"EPSG:4326\"\n");
    OpenMap m("en");
    QVERIFY(m.window);
    m.app.open(QString::fromStdString((project_.dir / "broken.toml").string()));
    QTRY_COMPARE_WITH_TIMEOUT(m.app.state(), MapController::Failed, 60000);
    QVERIFY(m.app.problems()->errors() > 0);
    QVERIFY2(m.app.problems()->text().contains("missing.geojson"), qPrintable(m.app.problems()->text()));
    auto* panel = m.find<QQuickItem>("problemsPanel");
    QVERIFY(panel);
    QTRY_VERIFY(panel->isVisible());
    QVERIFY(m.find("problemsTitle")->property("text").toString().contains("cannot be run"));
    QCOMPARE(m.app.township_shapes()->rowCount(), 0);
    // A good project opens afterwards in the same window.
    m.app.open(QString::fromStdString(project_.toml.string()));
    QTRY_COMPARE_WITH_TIMEOUT(m.app.state(), MapController::Ready, 120000);
    QCOMPARE(m.app.problems()->errors(), 0);
  }

  void cancelDropsTheLoad() {
    OpenMap m("zh");
    QVERIFY(m.window);
    m.app.open(QString::fromStdString(project_.toml.string()));
    QCOMPARE(m.app.state(), MapController::Loading);
    QVERIFY(m.find<QQuickItem>("cancelButton")->isVisible());
    m.app.cancel();
    QCOMPARE(m.app.state(), MapController::Empty);
    // Whatever the worker still does, its result is dropped.
    QTest::qWait(3000);
    QCOMPARE(m.app.state(), MapController::Empty);
    QCOMPARE(m.app.township_shapes()->rowCount(), 0);
    // Opening again works.
    m.app.open(QString::fromStdString(project_.toml.string()));
    QTRY_COMPARE_WITH_TIMEOUT(m.app.state(), MapController::Ready, 120000);
  }

  void exportsGeoPackageAndCsv() {
    OpenMap m("zh");
    open(m);
    const QString gpkg = QString::fromStdString((project_.dir / "out.gpkg").string());
    const QString csv = QString::fromStdString((project_.dir / "out.csv").string());
    QCOMPARE(m.app.exportGeoPackage(gpkg), QString());
    QCOMPARE(m.app.exportCsv(QUrl::fromLocalFile(csv).toString()), QString());  // a file: URL, as dialogs give
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    QVERIFY(ds);
    QVERIFY(ds->GetLayerByName("townships"));
    QCOMPARE(int(ds->GetLayerByName("townships")->GetFeatureCount()), 4);
    QVERIFY(ds->GetLayerByName("catchments"));
    std::ifstream is(csv.toStdString(), std::ios::binary);
    std::string first;
    std::getline(is, first);
    QVERIFY(first.rfind("\xEF\xBB\xBF", 0) == 0);             // byte-order mark for Excel
    QVERIFY(first.find("千人口托位数") != std::string::npos);  // Chinese headers in a Chinese interface
    int lines = 1;
    for (std::string line; std::getline(is, line);) lines += !line.empty();
    QCOMPARE(lines, 5);
    // Writing into a folder that does not exist is reported, not thrown.
    QVERIFY(!m.app.exportCsv("/nonexistent/folder/out.csv").isEmpty());
    // File > Export map as PNG: the map item, as drawn.
    const QString png = QString::fromStdString((project_.dir / "map.png").string());
    QMetaObject::invokeMethod(m.window, "exportMapPng", Q_ARG(QVariant, QUrl::fromLocalFile(png).toString()));
    QTRY_VERIFY(QFile::exists(png));
    QTRY_VERIFY(!QImage(png).isNull());
    QCOMPARE(QImage(png).size(), m.find<QQuickItem>("mapView")->size().toSize());
  }

  void exportsTheReport() {
    OpenMap m("zh");
    open(m);
    QSignalSpy done(&m.app, &MapController::reportExported);
    const QString folder = QString::fromStdString((project_.dir / "report").string());
    m.app.exportReport(QUrl::fromLocalFile(folder).toString());
    QVERIFY(m.app.busy());
    QVERIFY(!m.app.can_edit());  // the state on screen is being read
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString());
    for (const char* name : {"report.xlsx", "report.pdf"}) {
      const fs::path file = project_.dir / "report" / name;
      QVERIFY2(fs::exists(file) && fs::file_size(file) > 1000, name);
    }
    QVERIFY(m.app.can_edit());
    // The status bar says where it went.
    QTRY_VERIFY(m.find("statusText")->property("text").toString().contains(folder));
    // A folder that cannot be made: the error, not a crash.
    m.app.exportReport("/proc/no/such/folder");
    QVERIFY(done.wait(120000));
    QVERIFY(!done.takeFirst().at(0).toString().isEmpty());
  }

  void missingTileServerLeavesTheMapUsable() {
    // Nothing listens on port 9 of this machine: every tile fails.
    project_.write_file("project.toml", [&] {
      std::ifstream is(project_.toml);
      std::stringstream ss;
      ss << is.rdbuf() << "\n[map]\ntile_url = \"http://127.0.0.1:9/tiles/{z}/{x}/{y}.png\"\n";
      return ss.str();
    }());
    OpenMap m("zh");
    open(m);
    QCOMPARE(m.app.tile_host(), QString("http://127.0.0.1:9/tiles/"));
    QTRY_COMPARE(m.map()->property("copyrightsVisible").toBool(), true);  // the osm plugin's map
    QTest::qWait(500);  // tile requests fail meanwhile
    QTest::mouseClick(m.window, Qt::LeftButton, {}, m.window_point(22.82, 108.18));
    QTRY_COMPARE(m.app.selected_township(), m.app.findTownship("南湖街道"));
    QCOMPARE(m.app.problems()->errors(), 0);
  }

  void warningsFollowTheLanguageSwitch() {
    // The mini project's register has a facility with more children than
    // places: the run warns, in the language of the map.
    OpenMap m("zh");
    open(m);
    const QString zh = m.app.problems()->text();
    QVERIFY2(zh.contains(QStringLiteral("在托人数多于托位数")), qPrintable(zh));
    QVERIFY2(!zh.contains(QStringLiteral("enrolled")), qPrintable(zh));
    auto* panel = m.find<QQuickItem>("problemsPanel");
    QVERIFY(panel);
    m.app.set_language(QStringLiteral("en"));
    const QString en = m.app.problems()->text();
    QVERIFY2(en.contains(QStringLiteral("more children enrolled than places")), qPrintable(en));
    m.app.set_language(QStringLiteral("zh"));
    QCOMPARE(m.app.problems()->text(), zh);
    m.app.set_language(QStringLiteral("en"));
  }

  void unusableTileUrlIsAWarning() {
    project_.write_file("project.toml", [&] {
      std::ifstream is(project_.toml);
      std::stringstream ss;
      ss << is.rdbuf() << "\n[map]\ntile_url = \"http://tiles.example/{z}/{y}/{x}.jpg\"\n";
      return ss.str();
    }());
    OpenMap m("en");
    open(m);
    QCOMPARE(m.app.tile_host(), QString());  // offline
    QVERIFY2(m.app.problems()->text().contains("tile_url"), qPrintable(m.app.problems()->text()));
    QCOMPARE(m.app.problems()->errors(), 0);
  }

  void proposingSitesShowsThemAndTheStateAfter() {
    // Candidates as in tests/planner/test_siting.cpp: C1 on the corner of
    // four cells of 伶俐镇 (12 children within 800 m), which has no facility.
    fs::remove_all(project_.dir);
    project_ = MiniProject::create("ui-proposals", {},
                                   "crs = \"EPSG:4326\"\n[access]\nradius_m = 800\n[proposals]\n"
                                   "candidates = \"candidates.csv\"\ncandidates_crs = \"EPSG:4326\"\n");
    project_.write_file("candidates.csv",
                        "编号,名称,托位数,经度,纬度\n"
                        "C1,伶俐社区服务中心,80,108.15,22.75\n"
                        "C2,伶俐小学旧址,40,108.155,22.755\n"
                        "C3,新竹幼儿园,60,108.051,22.851\n");
    OpenMap m("zh");
    open(m);
    QCOMPARE(m.app.proposal_defaults().value("radius").toDouble(), 800.0);
    m.app.proposeSites(1, "coverage", 800);
    QVERIFY(m.app.proposing());
    QVERIFY(m.find<QQuickItem>("cancelButton")->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!m.app.proposing(), 120000);
    QVERIFY2(m.app.has_proposals(), qPrintable(m.app.problems()->text()));
    const QVariantList sites = m.app.proposals();
    QCOMPARE(sites.size(), 1);
    QCOMPARE(sites[0].toMap().value("name").toString(), QString("伶俐社区服务中心"));
    QCOMPARE(sites[0].toMap().value("gain").toString(), QString("12"));  // children newly covered
    QCOMPARE(sites[0].toMap().value("township").toString(), QString("伶俐镇"));
    QVERIFY(!m.app.proposal_summary().isEmpty());
    // On the map, and in the proposals table.
    QCOMPARE(m.app.proposal_symbols()->count(), 1);
    QTRY_COMPARE(m.find("proposalLayer")->property("drawnCount").toInt(), 1);
    QTRY_COMPARE(m.find("proposalsList")->property("count").toInt(), 1);
    // The map and the table show the state with the site built: 伶俐镇 gets
    // 80 places for 5,000 residents.
    QVERIFY(m.app.show_after());
    m.app.selectTownship(m.app.findTownship("伶俐镇"));
    QString text = m.info_text();
    QVERIFY2(text.contains("千人口托位数: 16.00"), qPrintable(text));
    m.app.table()->sortByName("places_per_1000", false);
    QCOMPARE(m.app.table()->textAt(0, 0), QString("伶俐镇"));
    // Back to the loaded state.
    m.app.set_show_after(false);
    QVERIFY2(m.info_text().contains("千人口托位数: 0.00"), qPrintable(m.info_text()));
    // Clicking the site selects it.
    QTest::mouseClick(m.window, Qt::LeftButton, {}, m.window_point(22.75, 108.15));
    QTRY_COMPARE(m.app.selected_proposal(), 0);
    QVERIFY2(m.info_text().startsWith("建议新址 1"), qPrintable(m.info_text()));
    // Why this site: what it covers and its township before and after.
    QVERIFY2(m.info_text().contains("新覆盖婴幼儿数: 12"), qPrintable(m.info_text()));
    QVERIFY2(m.info_text().contains("所在乡镇千人口托位数: 0.00 → 16.00"), qPrintable(m.info_text()));
    QCOMPARE(sites[0].toMap().value("newlyCovered").toString(), QString("12"));
    // Building it (what-if) adds an inclusive facility with its 80 places.
    QVERIFY(m.app.can_edit());
    QTest::mouseClick(m.window, Qt::LeftButton, {},
                      m.find<QQuickItem>("acceptProposal")->mapToScene(QPointF(10, 10)).toPoint());
    QTRY_COMPARE(m.app.facility_count(), 6);
    QVERIFY(m.app.proposalAccepted(0));
    QVERIFY(!m.app.show_after());
    m.app.selectTownship(m.app.findTownship("伶俐镇"));
    QVERIFY2(m.info_text().contains("千人口托位数: 16.00"), qPrintable(m.info_text()));
  }

  void whatIfEditsChangeTheIndicators() {
    OpenMap m("zh");
    open(m);
    QVERIFY(m.app.can_edit());
    const int lingli = m.app.findTownship("伶俐镇");
    // Add: the button, then a click in 伶俐镇 (no facility, 5,000 residents).
    m.find("mapView")->setProperty("newPlaces", 45);
    QTest::mouseClick(m.window, Qt::LeftButton, {},
                      m.find<QQuickItem>("addFacility")->mapToScene(QPointF(10, 10)).toPoint());
    QTRY_COMPARE(m.find("mapView")->property("editMode").toString(), QString("add"));
    QTest::mouseClick(m.window, Qt::LeftButton, {}, m.window_point(22.72, 108.18));
    QTRY_COMPARE(m.app.facility_count(), 6);
    QCOMPARE(m.app.edits(), 1);
    QCOMPARE(m.app.facility_symbols()->count(), 6);
    QVERIFY2(m.app.last_edit().contains("伶俐镇"), qPrintable(m.app.last_edit()));
    const int added = m.app.selected_facility();
    QCOMPARE(added, 5);
    m.app.selectTownship(lingli);
    QString text = m.info_text();
    QVERIFY2(text.contains("千人口托位数: 9.00"), qPrintable(text));  // 45 places, 5,000 residents
    QVERIFY2(text.contains("托位数: 45"), qPrintable(text));
    // The table follows.
    m.app.table()->sortByName("places", false);
    QCOMPARE(m.app.table()->rowOfTownship(lingli), 2);  // 90, 60, 45, 45: after 南湖 and 新竹
    // Move it into 长塘镇 (108.0-108.1, 22.7-22.8): 伶俐镇 is back to none.
    QCOMPARE(m.app.moveFacility(added, QGeoCoordinate(22.72, 108.02)), added);
    m.app.selectTownship(lingli);
    QVERIFY2(m.info_text().contains("千人口托位数: 0.00"), qPrintable(m.info_text()));
    m.app.selectTownship(m.app.findTownship("长塘镇"));
    QVERIFY2(m.info_text().contains("托位数: 90"), qPrintable(m.info_text()));  // 45 + 45
    // Remove it: as loaded again.
    QCOMPARE(m.app.removeFacility(added), added);
    QCOMPARE(m.app.facility_count(), 5);
    QCOMPARE(m.app.edits(), 3);
    QVERIFY2(m.info_text().contains("托位数: 45"), qPrintable(m.info_text()));
  }

  void yearSliderProjectsAndKeepsTheEdits() {
    // The mini project with a register for the end of 2024: 新竹街道 gives
    // 240 under-3s, 南湖街道 births falling from 100 to 88 in three years.
    project_.write_file("register.csv",
                        "区划代码,0-3岁人口,出生人口2021,出生人口2022,出生人口2023,出生人口2024\n"
                        "450103001000,240,,,,\n450103002000,,100,96,92,88\n");
    {
      std::ifstream is(project_.toml);
      std::string toml((std::istreambuf_iterator<char>(is)), std::istreambuf_iterator<char>());
      const std::string key = "children_0_3 = \"under3.tif\"\n";
      toml.replace(toml.find(key), key.size(), key + "year = 2020\n");
      project_.write_file("project.toml", toml + "\n[population.official]\npath = \"register.csv\"\nyear = 2024\n");
    }
    OpenMap m("en");
    open(m);
    QCOMPARE(m.app.base_year(), 2024);
    QCOMPARE(m.app.year(), 2024);
    QCOMPARE(m.app.last_year(), 2030);
    auto* slider = m.find<QQuickItem>("yearSlider");
    QVERIFY(slider);
    QTRY_VERIFY(slider->isVisible());
    const int xinzhu = m.app.findTownship("新竹街道");
    QCOMPARE(m.app.analysis()->table.townships[size_t(xinzhu)].children_0_3, 240.0);
    QCOMPARE(m.app.addFacility(QGeoCoordinate(22.75, 108.15), 30, true, QString(), "N1"), 5);
    m.app.selectTownship(xinzhu);
    // A key press on the slider: one year on.
    slider->forceActiveFocus();
    QTest::keyClick(m.window, Qt::Key_Right);
    QTRY_COMPARE_WITH_TIMEOUT(m.app.year(), 2025, 60000);
    QTRY_VERIFY(!m.app.busy());
    // To 2030: the register's count carried by the births' change.
    m.app.setYear(2030);
    QTRY_COMPARE_WITH_TIMEOUT(m.app.year(), 2030, 60000);
    QTRY_VERIFY(!m.app.busy());
    const double change = std::pow(0.88, 1.0 / 3.0) - 1.0;
    QVERIFY(std::fabs(m.app.analysis()->table.townships[size_t(xinzhu)].children_0_3 -
                      240 * std::pow(1 + change, 6)) < 1e-9);
    QCOMPARE(m.find<QQuickItem>("yearLabel")->property("text").toString(), QString("2030"));
    QVERIFY2(m.app.year_text().contains("projected from 2024"), qPrintable(m.app.year_text()));
    // The edit stays, and so does the selection; editing goes on.
    QCOMPARE(m.app.facility_count(), 6);
    QCOMPARE(m.app.edits(), 1);
    QCOMPARE(m.app.selected_township(), xinzhu);
    QVERIFY(m.app.can_edit());
    QCOMPARE(m.app.removeFacility(5), 5);
    QCOMPARE(m.app.analysis()->facilities.year(), 2030);
    // Back to the data's year.
    m.app.setYear(2024);
    QTRY_COMPARE_WITH_TIMEOUT(m.app.year(), 2024, 60000);
    QTRY_VERIFY(!m.app.busy());
    QCOMPARE(m.app.analysis()->table.townships[size_t(xinzhu)].children_0_3, 240.0);
    QCOMPARE(m.app.facility_count(), 5);
  }

  void whatIfEditsRedrawCatchmentsAndDesertsAsAFullRun() {
    fs::remove_all(project_.dir);
    project_ = MiniProject::create("ui-redraw", {},
                                   "crs = \"EPSG:4326\"\n[access]\nradius_m = 1500\n[deserts]\nmin_patch_children = 4\n");
    OpenMap m("en");
    open(m);
    auto features = [](const tuowei::ui::ShapeListModel* model) {
      std::vector<int> f;
      for (const auto& p : model->parts()) f.push_back(p.feature);
      std::sort(f.begin(), f.end());
      return f;
    };
    // What a map opened on the edited facilities would draw.
    auto expect_as_fresh = [&]() {
      const tuowei::planner::Analysis* a = m.app.analysis();
      const tuowei::ui::MapContent c = tuowei::ui::build_map_content(
          tuowei::planner::analyse(a->facilities, a->table.targets, a->access->settings));
      std::vector<int> catchments, deserts;
      for (const auto& p : c.catchments) catchments.push_back(p.feature);
      for (const auto& p : c.deserts) deserts.push_back(p.feature);
      std::sort(catchments.begin(), catchments.end());
      std::sort(deserts.begin(), deserts.end());
      QCOMPARE(features(m.app.catchment_shapes()), catchments);
      QCOMPARE(features(m.app.desert_shapes()), deserts);
      QCOMPARE(m.app.desert_shapes()->parts().size(), c.deserts.size());
    };
    const size_t desert_parts_before = m.app.desert_shapes()->parts().size();
    // A nursery in the middle of 伶俐镇 serves most of it.
    const int added = m.app.addFacility(QGeoCoordinate(22.75, 108.15), 300, true, QString(), "N1");
    QCOMPARE(added, 5);
    QVERIFY(m.app.desert_shapes()->parts().size() != desert_parts_before ||
            features(m.app.catchment_shapes()).back() == 5);
    expect_as_fresh();
    m.app.moveFacility(added, QGeoCoordinate(22.85, 108.05));
    expect_as_fresh();
    m.app.removeFacility(0);
    expect_as_fresh();
  }

  void proposalsStartFromTheEditedState() {
    fs::remove_all(project_.dir);
    project_ = MiniProject::create("ui-edited-proposals", {},
                                   "crs = \"EPSG:4326\"\n[access]\nradius_m = 800\n[proposals]\n"
                                   "candidates = \"candidates.csv\"\ncandidates_crs = \"EPSG:4326\"\n");
    project_.write_file("candidates.csv",
                        "编号,名称,托位数,经度,纬度\n"
                        "C1,伶俐社区服务中心,80,108.15,22.75\n"
                        "C4,伶俐角,40,108.2,22.7\n");
    OpenMap m("zh");
    open(m);
    // A what-if nursery where C1 stands covers C1's children...
    QCOMPARE(m.app.addFacility(QGeoCoordinate(22.75, 108.15), 45, true, QString(), "N1"), 5);
    m.app.proposeSites(1, "coverage", 800);
    QTRY_VERIFY_WITH_TIMEOUT(!m.app.proposing(), 120000);
    QVERIFY2(m.app.has_proposals(), qPrintable(m.app.problems()->text()));
    // ...so the site goes to C4, and the state after keeps the edit.
    QCOMPARE(m.app.proposals().at(0).toMap().value("name").toString(), QString("伶俐角"));
    QVERIFY(m.app.show_after());
    m.app.selectTownship(m.app.findTownship("伶俐镇"));
    QVERIFY2(m.info_text().contains("托位数: 85"), qPrintable(m.info_text()));  // 45 + 40
  }

  void screenshotShowsTheLayers() {
    OpenMap m("zh");
    open(m);
    QTest::qWait(500);
    const QString file = QStringLiteral(TUOWEI_UI_TEST_OUTPUT "/map_screenshot.png");
    QCOMPARE(m.app.saveWindowImage(m.window, file), QString());
    std::printf("screenshot: %s\n", qPrintable(file));
    QImage image(file);
    QVERIFY(!image.isNull());
    image = image.convertToFormat(QImage::Format_RGB32);

    // Not blank: the grey levels vary.
    double sum = 0, sum2 = 0;
    const double n = double(image.width()) * image.height();
    for (int y = 0; y < image.height(); ++y) {
      for (int x = 0; x < image.width(); ++x) {
        const double g = qGray(image.pixel(x, y));
        sum += g;
        sum2 += g * g;
      }
    }
    const double variance = sum2 / n - (sum / n) * (sum / n);
    QVERIFY2(variance > 100, qPrintable(QString("pixel variance %1").arg(variance)));

    // Only the map: the legend repeats the class colours.
    const QRectF map_rect = m.map()->mapRectToScene(m.map()->boundingRect());
    const QImage map_image = image.copy(map_rect.toRect());
    // Each choropleth class colour fills a township.
    const QVariantList legend = m.app.legend();
    QVERIFY(legend.size() >= 2);
    for (const QVariant& entry : legend) {
      const QColor color = entry.toMap().value("color").value<QColor>();
      const int count = pixels_of(map_image, color);
      QVERIFY2(count > 500, qPrintable(QString("class colour %1: %2 pixels").arg(color.name()).arg(count)));
    }
    // The facility symbols' colours (filled discs of inclusive facilities).
    const QVariantList symbols = m.app.facility_legend();
    QVERIFY(!symbols.isEmpty());
    const QColor first_type = symbols.first().toMap().value("color").value<QColor>();
    const int symbol_pixels = pixels_of(map_image, first_type, 8);
    QVERIFY2(symbol_pixels > 10, qPrintable(QString("symbol colour %1: %2 pixels").arg(first_type.name()).arg(symbol_pixels)));
  }
};

QTEST_MAIN(MapTest)
#include "test_map.moc"
