#include "ui/map_module.h"

#include <QtQml>

#include "ui/map_controller.h"
#include "ui/point_layer.h"
#include "ui/polygon_layer.h"
#include "ui/problem_model.h"
#include "ui/shape_model.h"
#include "ui/township_table.h"

static void init_map_resources() {
  Q_INIT_RESOURCE(map_qml);
  Q_INIT_RESOURCE(map_translations);
}

namespace tuowei::ui {

void register_map_module() {
  static bool done = false;
  if (done) return;
  done = true;
  init_map_resources();
  const char* uri = "Tuowei.Map";
  qmlRegisterType<PointSymbolLayer>(uri, 1, 0, "PointSymbolLayer");
  qmlRegisterType<PolygonLayer>(uri, 1, 0, "PolygonLayer");
  qmlRegisterUncreatableType<MapController>(uri, 1, 0, "MapController", "provided by the application as 'app'");
  qmlRegisterUncreatableType<PointSymbolSet>(uri, 1, 0, "PointSymbolSet", "provided by MapController");
  qmlRegisterUncreatableType<ShapeListModel>(uri, 1, 0, "ShapeListModel", "provided by MapController");
  qmlRegisterUncreatableType<ProblemListModel>(uri, 1, 0, "ProblemListModel", "provided by MapController");
  qmlRegisterUncreatableType<TownshipFilterModel>(uri, 1, 0, "TownshipFilterModel", "provided by MapController");
}

}  // namespace tuowei::ui
