// Polygons (townships, catchments, deserts) drawn straight into the scene
// graph over a QML Map: every part's triangles in one geometry and every
// outline in another, fixed in Web Mercator and moved by one transform per
// frame. Qt Location's MapPolygon re-projects each item on every camera
// change, which at 1,500 townships costs hundreds of milliseconds a frame.
#pragma once

#include <QColor>
#include <QPointF>
#include <QQuickItem>

#include <array>
#include <vector>

#include "ui/map_layers.h"
#include "ui/shape_model.h"

namespace tuowei::ui {

class PolygonLayer : public QQuickItem {
  Q_OBJECT
  Q_PROPERTY(QQuickItem* map READ map WRITE set_map NOTIFY mapChanged)
  Q_PROPERTY(tuowei::ui::ShapeListModel* shapes READ shapes WRITE set_shapes NOTIFY shapesChanged)
  // Fill: the model's colour per feature; `fillColor` when it has none.
  Q_PROPERTY(QColor fillColor READ fill_color WRITE set_fill_color NOTIFY styleChanged)
  Q_PROPERTY(bool filled MEMBER filled_ NOTIFY styleChanged)
  Q_PROPERTY(QColor outlineColor MEMBER outline_color_ NOTIFY styleChanged)
  Q_PROPERTY(qreal outlineWidth MEMBER outline_width_ NOTIFY styleChanged)

 public:
  explicit PolygonLayer(QQuickItem* parent = nullptr);

  QQuickItem* map() const { return map_; }
  void set_map(QQuickItem* map);
  ShapeListModel* shapes() const { return shapes_; }
  void set_shapes(ShapeListModel* shapes);
  QColor fill_color() const { return fill_color_; }
  void set_fill_color(const QColor& color);

 signals:
  void mapChanged();
  void shapesChanged();
  void styleChanged();

 protected:
  void updatePolish() override;
  QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;

 private slots:
  void view_changed();
  void geometry_changed();
  void colors_changed();

 private:
  QPointF from_coordinate(double lat, double lon) const;

  QQuickItem* map_ = nullptr;
  ShapeListModel* shapes_ = nullptr;
  QColor fill_color_ = QColor(0, 0, 0, 0);
  bool filled_ = true;
  QColor outline_color_ = QColor(140, 140, 140);
  qreal outline_width_ = 1.0;

  // Vertices in "local" Web Mercator: (m - origin) * kScale, where m is in
  // [0, 1] over the world; small numbers keep float precision at any zoom.
  struct Level {
    std::vector<QPointF> fill;      // three per triangle
    std::vector<int> fill_feature;  // feature of each triangle
    std::vector<QPointF> outline;   // two per segment
  };
  QPointF origin_;
  std::array<Level, kDetailLevels> levels_;
  // Per level: vertex data to (re)write on the render side.
  std::array<bool, kDetailLevels> geometry_dirty_{}, colors_dirty_{};
  // From updatePolish: the level drawn, the item position of the origin and
  // pixels per local unit.
  int level_ = 0;
  QPointF at_origin_, scale_;
  bool placed_ = false;
};

}  // namespace tuowei::ui
