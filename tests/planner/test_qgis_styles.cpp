// The GeoPackage's layer_styles: one default QGIS style per layer, XML that
// parses, classes as the map's.
#include <gtest/gtest.h>

#include <cpl_minixml.h>

#include <map>

#include "gis/classify.h"
#include "gis/vector.h"
#include "mini_project.h"
#include "planner/outputs.h"
#include "planner/qgis_styles.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::test::Cleanup;
using tuowei::test::MiniProject;

namespace {

// The XML tree of a QML document; null when it does not parse.
struct Xml {
  CPLXMLNode* root;
  explicit Xml(const std::string& text) : root(CPLParseXMLString(text.c_str())) {}
  ~Xml() { CPLDestroyXMLNode(root); }
  const CPLXMLNode* qgis() const { return root ? CPLSearchXMLNode(root, "=qgis") : nullptr; }
};

int children_named(const CPLXMLNode* node, const char* name) {
  int n = 0;
  for (const CPLXMLNode* c = node ? node->psChild : nullptr; c; c = c->psNext) {
    n += c->eType == CXT_Element && std::string(c->pszValue) == name;
  }
  return n;
}

}  // namespace

TEST(QgisStyles, EveryLayerHasADefaultStyleThatParses) {
  MiniProject p = MiniProject::create("qgis-styles");
  Cleanup c{p.dir};
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml, true);
  write_results(p.dir / "out", *run.result, WriteOptions{});
  auto styles = tuowei::gis::read_vector({(p.dir / "out" / "tuowei.gpkg").string(), "layer_styles"});
  const int name_f = styles.require_field("f_table_name", tuowei::gis::as_is("test")), qml_f = styles.require_field("styleQML", tuowei::gis::as_is("test"));
  const int default_f = styles.require_field("useAsDefault", tuowei::gis::as_is("test"));
  const int geom_f = styles.require_field("f_geometry_column", tuowei::gis::as_is("test"));
  std::map<std::string, std::string> qml;
  for (const auto& r : styles.records) {
    qml[*r.values[size_t(name_f)]] = *r.values[size_t(qml_f)];
    EXPECT_EQ(*r.values[size_t(default_f)], "1");
    EXPECT_EQ(*r.values[size_t(geom_f)], "geom");
  }
  for (const char* layer : {"townships", "counties", "facilities", "deserts", "catchments"}) {
    ASSERT_TRUE(qml.count(layer)) << layer;
    Xml xml(qml[layer]);
    ASSERT_NE(xml.qgis(), nullptr) << layer << ":\n" << qml[layer];
    EXPECT_NE(CPLGetXMLNode(const_cast<CPLXMLNode*>(xml.qgis()), "renderer-v2"), nullptr) << layer;
  }
  // Townships: the map's quantile classes of places per 1,000.
  Xml towns(qml["townships"]);
  CPLXMLNode* renderer = CPLGetXMLNode(const_cast<CPLXMLNode*>(towns.qgis()), "renderer-v2");
  EXPECT_STREQ(CPLGetXMLValue(renderer, "type", ""), "graduatedSymbol");
  EXPECT_STREQ(CPLGetXMLValue(renderer, "attr", ""), "places_per_1000");
  std::vector<double> values;
  for (const IndicatorRow& r : run.table().townships) values.push_back(r.places_per_1000);
  const int classes = tuowei::gis::quantile_breaks(values, 5).classes();
  EXPECT_EQ(children_named(CPLGetXMLNode(renderer, "ranges"), "range"), classes);
  EXPECT_EQ(children_named(CPLGetXMLNode(renderer, "symbols"), "symbol"), classes);
  // Facilities: a rule per type and inclusive flag, filters naming the fields.
  Xml fac(qml["facilities"]);
  CPLXMLNode* rules = CPLGetXMLNode(const_cast<CPLXMLNode*>(fac.qgis()), "renderer-v2.rules");
  EXPECT_EQ(children_named(rules, "rule"), 2 * 3);  // 托育机构, 家庭托育点, 幼儿园托班
  EXPECT_NE(qml["facilities"].find(
                "filter=\"&quot;type&quot; = &apos;家庭托育点&apos; AND &quot;inclusive&quot; = 0\""),
            std::string::npos);
}

TEST(QgisStyles, TextIsEscaped) {
  const std::string q = facilities_qml({"A&B <\"x\">"});
  Xml xml(q);
  ASSERT_NE(xml.qgis(), nullptr) << q;
  EXPECT_NE(q.find("A&amp;B &lt;&quot;x&quot;&gt;"), std::string::npos);
}
