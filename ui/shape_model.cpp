#include "ui/shape_model.h"

#include <QGeoShape>

namespace tuowei::ui {

ShapeListModel::ShapeListModel(QObject* parent) : QAbstractListModel(parent) {}

void ShapeListModel::set_parts(std::vector<ShapePart> parts) {
  beginResetModel();
  parts_ = std::move(parts);
  endResetModel();
  emit countChanged();
}

void ShapeListModel::set_feature_colors(std::vector<QColor> colors) {
  colors_ = std::move(colors);
  if (!parts_.empty()) emit dataChanged(index(0), index(int(parts_.size()) - 1), {FillColorRole});
}

int ShapeListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(parts_.size());
}

QVariant ShapeListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(parts_.size())) return {};
  const ShapePart& p = parts_[size_t(index.row())];
  switch (role) {
    case ShapeRole:
      return QVariant::fromValue(QGeoShape(p.polygon));
    case FeatureRole:
      return p.feature;
    case FillColorRole:
      return color_of(p.feature);
    default:
      return {};
  }
}

QHash<int, QByteArray> ShapeListModel::roleNames() const {
  return {{ShapeRole, "shape"}, {FeatureRole, "feature"}, {FillColorRole, "fillColor"}};
}

}  // namespace tuowei::ui
