#include "ui/polygon_layer.h"

#include <QSGFlatColorMaterial>
#include <QSGGeometryNode>
#include <QSGTransformNode>
#include <QSGVertexColorMaterial>

#include <algorithm>
#include <cmath>

#include "ui/map_projection.h"

namespace tuowei::ui {
namespace {

// Local units per Web Mercator unit: the study area spans a few thousand
// units, well within float precision at street zoom.
constexpr double kScale = 1 << 20;

// Two reference coordinates around the data, to place it (map_projection.h).
struct Reference {
  double lat0, lon0, lat1, lon1;
};

Reference reference_of(const QPointF& origin) {
  // The origin and a point a mercator-degree or so away, converted back to
  // lat/lon: any two distinct points fix the affine map.
  const double lon0 = origin.x() * 360.0 - 180.0;
  const double lat0 = std::atan(std::sinh(M_PI * (1 - 2 * origin.y()))) * 180.0 / M_PI;
  return {lat0, lon0, lat0 - 1.0, lon0 + 1.0};
}

// Vertices per geometry node: Qt Quick's renderer draws larger geometries
// wrongly (16-bit vertex indices), so a level is split into chunks.
constexpr int kChunkVertices = 3 * 20000;  // a multiple of 2 and of 3

// A chunk of a level: skipped while its box is out of view.
class ChunkNode : public QSGGeometryNode {
 public:
  bool isSubtreeBlocked() const override { return hidden; }
  void set_hidden(bool h) {
    if (h == hidden) return;
    hidden = h;
    markDirty(DirtySubtreeBlocked);
  }
  QRectF box;  // local units
  bool hidden = false;
};

QRectF box_of(const std::vector<QPointF>& points, int first, int count) {
  double x0 = points[size_t(first)].x(), x1 = x0, y0 = points[size_t(first)].y(), y1 = y0;
  for (int i = first; i < first + count; ++i) {
    x0 = std::min(x0, points[size_t(i)].x()), x1 = std::max(x1, points[size_t(i)].x());
    y0 = std::min(y0, points[size_t(i)].y()), y1 = std::max(y1, points[size_t(i)].y());
  }
  return QRectF(QPointF(x0 - 1, y0 - 1), QPointF(x1 + 1, y1 + 1));  // never empty
}

ChunkNode* new_fill_node(int vertices) {
  auto* n = new ChunkNode;
  auto* g = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), vertices);
  g->setDrawingMode(QSGGeometry::DrawTriangles);
  g->setVertexDataPattern(QSGGeometry::StaticPattern);
  n->setGeometry(g);
  n->setFlag(QSGNode::OwnsGeometry);
  n->setMaterial(new QSGVertexColorMaterial);
  n->setFlag(QSGNode::OwnsMaterial);
  return n;
}

ChunkNode* new_outline_node(int vertices, float width, const QColor& color) {
  auto* n = new ChunkNode;
  auto* g = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), vertices);
  g->setDrawingMode(QSGGeometry::DrawLines);
  g->setVertexDataPattern(QSGGeometry::StaticPattern);
  g->setLineWidth(width);
  n->setGeometry(g);
  n->setFlag(QSGNode::OwnsGeometry);
  auto* m = new QSGFlatColorMaterial;
  m->setColor(color);
  n->setMaterial(m);
  n->setFlag(QSGNode::OwnsMaterial);
  return n;
}

// Per level of detail, its fill and outline chunks; only the level drawn is
// in the tree, so each level's vertices are uploaded once.
class LayerNode : public QSGTransformNode {
 public:
  ~LayerNode() override {
    show(-1);
    for (auto& l : levels) l.clear();
  }
  struct Chunks {
    std::vector<ChunkNode*> fill, outline;
    bool built = false;
    void clear() {
      for (auto* n : fill) delete n;
      for (auto* n : outline) delete n;
      fill.clear();
      outline.clear();
      built = false;
    }
  };
  void show(int level) {
    if (level == shown) return;
    if (shown >= 0) {
      for (auto* n : levels[size_t(shown)].fill) removeChildNode(n);
      for (auto* n : levels[size_t(shown)].outline) removeChildNode(n);
    }
    shown = level;
    if (shown >= 0) {
      for (auto* n : levels[size_t(shown)].fill) appendChildNode(n);
      for (auto* n : levels[size_t(shown)].outline) appendChildNode(n);
    }
  }
  // Rebuilding the level on screen: take it out of the tree first.
  void rebuild(int level) {
    if (level == shown) show(-1);
    levels[size_t(level)].clear();
  }
  std::array<Chunks, kDetailLevels> levels;
  int shown = -1;
};

}  // namespace

PolygonLayer::PolygonLayer(QQuickItem* parent) : QQuickItem(parent) {
  setFlag(ItemHasContents, true);
  connect(this, &QQuickItem::widthChanged, this, &PolygonLayer::view_changed);
  connect(this, &QQuickItem::heightChanged, this, &PolygonLayer::view_changed);
  connect(this, &PolygonLayer::styleChanged, this, [this] {
    geometry_dirty_.fill(true);
    colors_dirty_.fill(true);
    update();
  });
}

void PolygonLayer::set_map(QQuickItem* map) {
  if (map == map_) return;
  if (map_) disconnect(map_, nullptr, this, nullptr);
  map_ = map;
  if (map_) follow_map_view(map_, this, SLOT(view_changed()));
  emit mapChanged();
  view_changed();
}

void PolygonLayer::set_shapes(ShapeListModel* shapes) {
  if (shapes == shapes_) return;
  if (shapes_) disconnect(shapes_, nullptr, this, nullptr);
  shapes_ = shapes;
  if (shapes_) {
    connect(shapes_, &QAbstractItemModel::modelReset, this, &PolygonLayer::geometry_changed);
    connect(shapes_, &QAbstractItemModel::dataChanged, this, &PolygonLayer::colors_changed);
  }
  emit shapesChanged();
  geometry_changed();
}

void PolygonLayer::set_fill_color(const QColor& color) {
  if (color == fill_color_) return;
  fill_color_ = color;
  if (shapes_) shapes_->set_default_color(color);
  emit styleChanged();
}

void PolygonLayer::geometry_changed() {
  for (Level& l : levels_) l = Level();
  if (shapes_) {
    shapes_->set_default_color(fill_color_);
    const auto& parts = shapes_->parts();
    double x0 = 1, y0 = 1;
    for (const ShapePart& p : parts) {
      for (const QGeoCoordinate& c : p.polygon.path()) {
        const QPointF m = web_mercator(c.latitude(), c.longitude());
        x0 = std::min(x0, m.x());
        y0 = std::min(y0, m.y());
      }
    }
    origin_ = QPointF(x0, y0);
    auto local = [&](const QPointF& lonlat) {
      const QPointF m = web_mercator(lonlat.y(), lonlat.x());
      return QPointF((m.x() - x0) * kScale, (m.y() - y0) * kScale);
    };
    // Parts in a spatial order (rows of a 32 x 32 grid over the area), so
    // that each chunk of vertices covers a compact region and chunks out
    // of view can be skipped when zoomed in.
    std::vector<std::pair<int, size_t>> order;
    {
      double x1 = x0, y1 = y0;
      std::vector<QPointF> centres;
      for (const ShapePart& p : parts) {
        const QGeoCoordinate c = p.polygon.boundingGeoRectangle().center();
        centres.push_back(web_mercator(c.latitude(), c.longitude()));
        x1 = std::max(x1, centres.back().x());
        y1 = std::max(y1, centres.back().y());
      }
      for (size_t i = 0; i < parts.size(); ++i) {
        const int gx = std::min(31, int(32 * (centres[i].x() - x0) / std::max(1e-12, x1 - x0)));
        const int gy = std::min(31, int(32 * (centres[i].y() - y0) / std::max(1e-12, y1 - y0)));
        order.emplace_back(gy * 32 + gx, i);
      }
      std::stable_sort(order.begin(), order.end());
    }
    for (const auto& cell_part : order) {
      const ShapePart& p = parts[cell_part.second];
      for (int l = 0; l < kDetailLevels && size_t(l) < p.details.size(); ++l) {
        const ShapeDetail& d = p.details[size_t(l)];
        Level& level = levels_[size_t(l)];
        for (const QPointF& t : d.triangles) level.fill.push_back(local(t));
        level.fill_feature.insert(level.fill_feature.end(), d.triangles.size() / 3, p.feature);
        for (const auto& ring : d.rings) {
          for (size_t i = 0; i < ring.size(); ++i) {
            level.outline.push_back(local(ring[i]));
            level.outline.push_back(local(ring[(i + 1) % ring.size()]));
          }
        }
      }
    }
  }
  geometry_dirty_.fill(true);
  colors_dirty_.fill(true);
  view_changed();
}

void PolygonLayer::colors_changed() {
  colors_dirty_.fill(true);
  update();
}

void PolygonLayer::view_changed() { polish(); }

void PolygonLayer::updatePolish() {
  placed_ = false;
  if (map_ && shapes_ && !levels_[0].outline.empty() && width() > 0 && height() > 0) {
    const Reference r = reference_of(origin_);
    const MapPlacement m = map_placement(map_, this, r.lat0, r.lon0, r.lat1, r.lon1);
    if (m.valid) {
      at_origin_ = m.place(origin_);
      scale_ = QPointF(m.sx / kScale, m.sy / kScale);
      // The coarsest level whose tolerance is under half a pixel (a
      // mercator unit is 360 degrees of longitude).
      const double degrees_per_pixel = 360.0 / m.sx;
      level_ = 0;
      for (int l = kDetailLevels - 1; l > 0; --l) {
        if (kDetailToleranceDeg[l] <= 0.5 * degrees_per_pixel && !levels_[size_t(l)].outline.empty()) {
          level_ = l;
          break;
        }
      }
      placed_ = true;
    }
  }
  update();
}

QSGNode* PolygonLayer::updatePaintNode(QSGNode* old, UpdatePaintNodeData*) {
  auto* node = static_cast<LayerNode*>(old);
  if (!placed_) {
    delete node;
    geometry_dirty_.fill(true);
    colors_dirty_.fill(true);
    return nullptr;
  }
  if (!node) {
    node = new LayerNode;
    geometry_dirty_.fill(true);
    colors_dirty_.fill(true);
  }
  const size_t l = size_t(level_);
  const Level& level = levels_[l];
  LayerNode::Chunks& chunks = node->levels[l];
  if (geometry_dirty_[l] || !chunks.built) {
    node->rebuild(level_);
    const int fill = filled_ ? int(level.fill.size()) : 0;
    for (int first = 0; first < fill; first += kChunkVertices) {
      const int n = std::min(kChunkVertices, fill - first);
      chunks.fill.push_back(new_fill_node(n));
      chunks.fill.back()->box = box_of(level.fill, first, n);
    }
    const int outline = outline_width_ > 0 ? int(level.outline.size()) : 0;
    for (int first = 0; first < outline; first += kChunkVertices) {
      const int n = std::min(kChunkVertices, outline - first);
      ChunkNode* chunk = new_outline_node(n, float(outline_width_), outline_color_);
      chunk->box = box_of(level.outline, first, n);
      auto* v = chunk->geometry()->vertexDataAsPoint2D();
      for (int i = 0; i < n; ++i) {
        const QPointF& p = level.outline[size_t(first + i)];
        v[i].set(float(p.x()), float(p.y()));
      }
      chunks.outline.push_back(chunk);
    }
    chunks.built = true;
    geometry_dirty_[l] = false;
    colors_dirty_[l] = true;
  }
  if (colors_dirty_[l]) {
    for (size_t c = 0; c < chunks.fill.size(); ++c) {
      const size_t first = c * size_t(kChunkVertices);
      QSGGeometry* g = chunks.fill[c]->geometry();
      auto* v = g->vertexDataAsColoredPoint2D();
      for (int i = 0; i < g->vertexCount(); ++i) {
        const size_t k = first + size_t(i);
        // Premultiplied alpha, as QSGVertexColorMaterial expects.
        const QColor color = shapes_->color_of(level.fill_feature[k / 3]);
        const float a = float(color.alphaF());
        v[i].set(float(level.fill[k].x()), float(level.fill[k].y()), uchar(color.red() * a), uchar(color.green() * a),
                 uchar(color.blue() * a), uchar(color.alpha()));
      }
      chunks.fill[c]->markDirty(QSGNode::DirtyGeometry);
    }
    colors_dirty_[l] = false;
  }
  node->show(level_);
  // Chunks out of view are not drawn (the view in local units, with a margin
  // for the outline's width).
  const QRectF view((-at_origin_.x() - 4) / scale_.x(), (-at_origin_.y() - 4) / scale_.y(),
                    (width() + 8) / scale_.x(), (height() + 8) / scale_.y());
  for (ChunkNode* c : chunks.fill) c->set_hidden(!c->box.intersects(view));
  for (ChunkNode* c : chunks.outline) c->set_hidden(!c->box.intersects(view));
  QMatrix4x4 matrix;
  matrix.translate(float(at_origin_.x()), float(at_origin_.y()));
  matrix.scale(float(scale_.x()), float(scale_.y()));
  node->setMatrix(matrix);
  return node;
}

}  // namespace tuowei::ui
