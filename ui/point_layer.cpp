#include "ui/point_layer.h"

#include <QGeoCoordinate>
#include <QPainter>
#include <QQuickWindow>
#include <QSGGeometryNode>
#include <QSGTextureMaterial>

#include <algorithm>
#include <cmath>
#include <memory>

#include "ui/map_projection.h"

namespace tuowei::ui {
namespace {

constexpr int kCell = 64;          // atlas cell, drawing units
constexpr int kCellPixels = 32;    // ... in texels: symbols are drawn at 4-25 px
constexpr double kDiscRadius = 28;  // symbol radius within a cell
constexpr double kQuadScale = (kCell / 2.0) / kDiscRadius;

QImage make_atlas(const std::vector<SymbolStyle>& styles, QColor selection, std::vector<QRectF>& cells) {
  const int n = int(styles.size()) + 1;
  QImage img(kCellPixels * n, kCellPixels, QImage::Format_ARGB32_Premultiplied);
  img.fill(Qt::transparent);
  QPainter p(&img);
  p.setRenderHint(QPainter::Antialiasing);
  p.scale(double(kCellPixels) / kCell, double(kCellPixels) / kCell);
  cells.clear();
  auto centre = [](int i) { return QPointF(i * kCell + kCell / 2.0, kCell / 2.0); };
  for (int i = 0; i < n - 1; ++i) {
    const SymbolStyle& s = styles[size_t(i)];
    if (s.shape == SymbolShape::diamond) {
      const QPointF c = centre(i);
      const double r = kDiscRadius + 1;
      const QPointF corners[] = {c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)};
      p.setPen(QPen(s.filled ? Qt::white : s.color, s.filled ? 4 : 9, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
      p.setBrush(s.filled ? QBrush(s.color) : QBrush(QColor(255, 255, 255, 230)));
      p.drawPolygon(corners, 4);
    } else if (s.filled) {
      p.setPen(QPen(Qt::white, 5));
      p.setBrush(s.color);
      p.drawEllipse(centre(i), kDiscRadius - 2.5, kDiscRadius - 2.5);
    } else {
      // A ring: a white disc with a thick coloured rim reads as hollow on
      // any fill colour.
      p.setPen(QPen(s.color, 11));
      p.setBrush(QColor(255, 255, 255, 230));
      p.drawEllipse(centre(i), kDiscRadius - 5.5, kDiscRadius - 5.5);
    }
  }
  p.setPen(QPen(selection, 7));
  p.setBrush(Qt::NoBrush);
  p.drawEllipse(centre(n - 1), kDiscRadius - 3.5, kDiscRadius - 3.5);
  p.end();
  for (int i = 0; i < n; ++i) {
    // Half a texel in from the cell's edges so linear filtering stays inside it.
    cells.emplace_back((i * kCellPixels + 0.5) / img.width(), 0.5 / kCellPixels, (kCellPixels - 1.0) / img.width(),
                       (kCellPixels - 1.0) / kCellPixels);
  }
  return img;
}

// Quads per geometry node: Qt Quick's renderer garbles geometries of more
// than 65,535 vertices, so symbols are drawn in chunks (in order).
constexpr int kChunkQuads = 10000;

// The symbols' chunks, sharing the atlas texture it owns (QSGTextureMaterial
// does not own its texture).
class SymbolNode : public QSGNode {
 public:
  ~SymbolNode() override { resize(0); }
  void set_texture(QSGTexture* t) {
    texture_.reset(t);
    for (auto* c : chunks_) {
      static_cast<QSGTextureMaterial*>(c->material())->setTexture(t);
      c->markDirty(DirtyMaterial);
    }
  }
  // Makes room for `quads` symbols; returns the chunks to fill.
  const std::vector<QSGGeometryNode*>& resize(int quads) {
    const size_t wanted = size_t((quads + kChunkQuads - 1) / kChunkQuads);
    while (chunks_.size() > wanted) {
      removeChildNode(chunks_.back());
      delete chunks_.back();
      chunks_.pop_back();
    }
    while (chunks_.size() < wanted) {
      auto* c = new QSGGeometryNode;
      auto* g = new QSGGeometry(QSGGeometry::defaultAttributes_TexturedPoint2D(), 0);
      g->setDrawingMode(QSGGeometry::DrawTriangles);
      c->setGeometry(g);
      c->setFlag(OwnsGeometry);
      auto* m = new QSGTextureMaterial;
      m->setFiltering(QSGTexture::Linear);
      m->setTexture(texture_.get());
      c->setMaterial(m);
      c->setFlag(OwnsMaterial);
      c->setFlag(OwnedByParent, false);
      appendChildNode(c);
      chunks_.push_back(c);
    }
    for (size_t i = 0; i < chunks_.size(); ++i) {
      const int n = std::min(kChunkQuads, quads - int(i) * kChunkQuads);
      chunks_[i]->geometry()->allocate(n * 6);
      chunks_[i]->markDirty(DirtyGeometry);
    }
    return chunks_;
  }

 private:
  std::vector<QSGGeometryNode*> chunks_;
  std::unique_ptr<QSGTexture> texture_;
};

void put_quad(QSGGeometry::TexturedPoint2D*& v, QPointF c, double half, const QRectF& uv) {
  const float x0 = float(c.x() - half), x1 = float(c.x() + half);
  const float y0 = float(c.y() - half), y1 = float(c.y() + half);
  const float u0 = float(uv.left()), u1 = float(uv.right()), v0 = float(uv.top()), v1 = float(uv.bottom());
  (v++)->set(x0, y0, u0, v0);
  (v++)->set(x1, y0, u1, v0);
  (v++)->set(x0, y1, u0, v1);
  (v++)->set(x1, y0, u1, v0);
  (v++)->set(x1, y1, u1, v1);
  (v++)->set(x0, y1, u0, v1);
}

}  // namespace

void PointSymbolSet::set(std::vector<PointSymbol> symbols, std::vector<SymbolStyle> styles) {
  std::stable_sort(symbols.begin(), symbols.end(),
                   [](const PointSymbol& a, const PointSymbol& b) { return a.radius_px > b.radius_px; });
  symbols_ = std::move(symbols);
  styles_ = std::move(styles);
  emit changed();
}

PointSymbolLayer::PointSymbolLayer(QQuickItem* parent) : QQuickItem(parent) {
  setFlag(ItemHasContents, true);
  connect(this, &QQuickItem::widthChanged, this, &PointSymbolLayer::view_changed);
  connect(this, &QQuickItem::heightChanged, this, &PointSymbolLayer::view_changed);
}

void PointSymbolLayer::set_map(QQuickItem* map) {
  if (map == map_) return;
  if (map_) disconnect(map_, nullptr, this, nullptr);
  map_ = map;
  if (map_) follow_map_view(map_, this, SLOT(view_changed()));
  emit mapChanged();
  view_changed();
}

void PointSymbolLayer::set_symbols(PointSymbolSet* symbols) {
  if (symbols == symbols_) return;
  if (symbols_) disconnect(symbols_, nullptr, this, nullptr);
  symbols_ = symbols;
  if (symbols_) connect(symbols_, &PointSymbolSet::changed, this, &PointSymbolLayer::symbols_changed);
  emit symbolsChanged();
  symbols_changed();
}

void PointSymbolLayer::set_selected_feature(int feature) {
  if (feature == selected_) return;
  selected_ = feature;
  emit selectedFeatureChanged();
  update();
}

void PointSymbolLayer::symbols_changed() {
  mercator_.clear();
  atlas_dirty_ = true;
  if (symbols_ && !symbols_->symbols().empty()) {
    const auto& s = symbols_->symbols();
    mercator_.reserve(s.size());
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (const PointSymbol& p : s) {
      mercator_.push_back(web_mercator(p.lat, p.lon));
      lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat);
      lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon);
    }
    // Two reference points far enough apart for a well-conditioned scale.
    if (lat1 - lat0 < 0.01) lat0 -= 0.01, lat1 += 0.01;
    if (lon1 - lon0 < 0.01) lon0 -= 0.01, lon1 += 0.01;
    ref_lat_[0] = lat1, ref_lon_[0] = lon0;
    ref_lat_[1] = lat0, ref_lon_[1] = lon1;
  }
  view_changed();
}

void PointSymbolLayer::view_changed() {
  polish();
}

void PointSymbolLayer::updatePolish() {
  placed_.clear();
  placed_valid_ = false;
  if (map_ && !mercator_.empty() && width() > 0 && height() > 0) {
    const MapPlacement m = map_placement(map_, this, ref_lat_[0], ref_lon_[0], ref_lat_[1], ref_lon_[1]);
    if (m.valid) {
      const auto& s = symbols_->symbols();
      const QRectF view = boundingRect();
      for (size_t i = 0; i < mercator_.size(); ++i) {
        const QPointF at = m.place(mercator_[i]);
        const double r = (s[i].radius_px + 4.0) * kQuadScale;
        if (view.adjusted(-r, -r, r, r).contains(at)) placed_.push_back({int(i), at});
      }
      placed_valid_ = true;
    }
  }
  if (int(placed_.size()) != drawn_count_) {
    drawn_count_ = int(placed_.size());
    emit drawn();
  }
  update();
}

int PointSymbolLayer::featureAt(qreal x, qreal y) const {
  if (!symbols_ || !placed_valid_) return -1;
  const auto& s = symbols_->symbols();
  for (size_t k = placed_.size(); k-- > 0;) {  // topmost first
    const double r = s[size_t(placed_[k].symbol)].radius_px + 2.0;
    const double dx = placed_[k].at.x() - x, dy = placed_[k].at.y() - y;
    if (dx * dx + dy * dy <= r * r) return s[size_t(placed_[k].symbol)].feature;
  }
  return -1;
}

QSGNode* PointSymbolLayer::updatePaintNode(QSGNode* old, UpdatePaintNodeData*) {
  auto* node = static_cast<SymbolNode*>(old);
  if (!symbols_ || !placed_valid_ || placed_.empty()) {
    delete node;
    return nullptr;
  }
  if (!node) {
    node = new SymbolNode;
    atlas_dirty_ = true;
  }
  if (atlas_dirty_) {
    atlas_ = make_atlas(symbols_->styles(), selection_color_, atlas_cells_);
    node->set_texture(window()->createTextureFromImage(atlas_, QQuickWindow::TextureHasAlphaChannel));
    atlas_dirty_ = false;
  }
  const auto& s = symbols_->symbols();
  const Placed* selected = nullptr;
  for (const Placed& p : placed_) {
    if (selected_ >= 0 && s[size_t(p.symbol)].feature == selected_) selected = &p;
  }
  const int quads = int(placed_.size()) + (selected ? 1 : 0);
  const std::vector<QSGGeometryNode*>& chunks = node->resize(quads);
  const int styles = int(symbols_->styles().size());
  int q = 0;
  QSGGeometry::TexturedPoint2D* v = nullptr;
  auto next = [&]() -> QSGGeometry::TexturedPoint2D*& {
    if (q % kChunkQuads == 0) v = chunks[size_t(q / kChunkQuads)]->geometry()->vertexDataAsTexturedPoint2D();
    ++q;
    return v;
  };
  for (const Placed& p : placed_) {
    const PointSymbol& sym = s[size_t(p.symbol)];
    put_quad(next(), p.at, sym.radius_px * kQuadScale, atlas_cells_[size_t(std::clamp(sym.style, 0, styles - 1))]);
  }
  if (selected) {
    put_quad(next(), selected->at, (s[size_t(selected->symbol)].radius_px + 4.0) * kQuadScale, atlas_cells_.back());
  }
  return node;
}

}  // namespace tuowei::ui
