// Point symbols (facilities) drawn straight into the scene graph over a QML
// Map: thousands of symbols as one textured geometry, repositioned each frame
// from two Map.fromCoordinate calls instead of one QQuickItem per point.
#pragma once

#include <QImage>
#include <QPointF>
#include <QQuickItem>
#include <QRectF>

#include <vector>

#include "ui/map_layers.h"

namespace tuowei::ui {

// The symbols of a layer and their styles; shared by the map layer and the
// legend.
class PointSymbolSet : public QObject {
  Q_OBJECT
  Q_PROPERTY(int count READ count NOTIFY changed)

 public:
  explicit PointSymbolSet(QObject* parent = nullptr) : QObject(parent) {}
  // Symbols are drawn largest first, so small ones stay visible on top.
  void set(std::vector<PointSymbol> symbols, std::vector<SymbolStyle> styles);
  const std::vector<PointSymbol>& symbols() const { return symbols_; }
  const std::vector<SymbolStyle>& styles() const { return styles_; }
  int count() const { return int(symbols_.size()); }

 signals:
  void changed();

 private:
  std::vector<PointSymbol> symbols_;
  std::vector<SymbolStyle> styles_;
};

class PointSymbolLayer : public QQuickItem {
  Q_OBJECT
  Q_PROPERTY(QQuickItem* map READ map WRITE set_map NOTIFY mapChanged)
  Q_PROPERTY(tuowei::ui::PointSymbolSet* symbols READ symbols WRITE set_symbols NOTIFY symbolsChanged)
  Q_PROPERTY(int selectedFeature READ selected_feature WRITE set_selected_feature NOTIFY selectedFeatureChanged)
  Q_PROPERTY(int drawnCount READ drawn_count NOTIFY drawn)

 public:
  explicit PointSymbolLayer(QQuickItem* parent = nullptr);

  QQuickItem* map() const { return map_; }
  void set_map(QQuickItem* map);
  PointSymbolSet* symbols() const { return symbols_; }
  void set_symbols(PointSymbolSet* symbols);
  int selected_feature() const { return selected_; }
  void set_selected_feature(int feature);
  int drawn_count() const { return drawn_count_; }

  // The feature of the topmost symbol under (x, y) in this item's
  // coordinates, or -1.
  Q_INVOKABLE int featureAt(qreal x, qreal y) const;

 signals:
  void mapChanged();
  void symbolsChanged();
  void selectedFeatureChanged();
  void drawn();

 protected:
  void updatePolish() override;
  QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;

 private slots:
  void view_changed();
  void symbols_changed();

 private:
  QQuickItem* map_ = nullptr;
  PointSymbolSet* symbols_ = nullptr;
  int selected_ = -1;
  QColor selection_color_ = QColor(20, 20, 20);
  std::vector<QPointF> mercator_;  // per symbol, Web Mercator in [0, 1]
  struct Placed {
    int symbol;
    QPointF at;  // item coordinates
  };
  std::vector<Placed> placed_;  // the symbols in view, in drawing order (from updatePolish)
  bool placed_valid_ = false;
  double ref_lat_[2] = {0, 0}, ref_lon_[2] = {0, 0};
  QImage atlas_;
  std::vector<QRectF> atlas_cells_;  // texture coordinates per style; the last is the selection ring
  bool atlas_dirty_ = true;
  int drawn_count_ = 0;
};

}  // namespace tuowei::ui
