// Polygon parts for a QML MapItemView of MapPolygons: townships, catchments,
// deserts. Colours are per feature, so re-colouring a choropleth touches one
// role and no geometry.
#pragma once

#include <QAbstractListModel>
#include <QColor>

#include <vector>

#include "ui/map_layers.h"

namespace tuowei::ui {

class ShapeListModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role { ShapeRole = Qt::UserRole + 1, FeatureRole, FillColorRole };

  explicit ShapeListModel(QObject* parent = nullptr);

  void set_parts(std::vector<ShapePart> parts);
  const std::vector<ShapePart>& parts() const { return parts_; }
  // Fill colour of each feature (indexed by ShapePart::feature); features
  // past the end use the default.
  void set_feature_colors(std::vector<QColor> colors);
  void set_default_color(QColor color) { default_color_ = color; }
  QColor color_of(int feature) const {
    return feature >= 0 && size_t(feature) < colors_.size() ? colors_[size_t(feature)] : default_color_;
  }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 signals:
  void countChanged();

 private:
  std::vector<ShapePart> parts_;
  std::vector<QColor> colors_;
  QColor default_color_ = QColor(0, 0, 0, 0);
};

}  // namespace tuowei::ui
