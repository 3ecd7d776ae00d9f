#include "ui/township_table.h"

#include <cmath>

namespace tuowei::ui {

TownshipTableModel::TownshipTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TownshipTableModel::set_rows(std::vector<nlohmann::json> rows, std::vector<IndicatorInfo> catalog) {
  beginResetModel();
  rows_ = std::move(rows);
  columns_.clear();
  auto take = [&](const char* name) {
    for (auto it = catalog.begin(); it != catalog.end(); ++it) {
      if (it->name == name) {
        columns_.push_back(*it);
        catalog.erase(it);
        return;
      }
    }
  };
  // What a planner compares first, then the counts behind it, then the rest
  // in planner's order, codes last.
  for (const char* name : {"name", "parent_name", "places_per_1000", "rank_overall", "rank_in_parent", "places_needed",
                           "places_per_100_children", "places_needed_for_share", "coverage_rate", "access_2sfca", "access_index", "children_in_deserts", "enrolment_rate",
                           "inclusive_share", "population", "children_0_3", "facilities", "places",
                           "inclusive_places", "enrolled"}) {
    take(name);
  }
  std::vector<IndicatorInfo> codes;
  for (IndicatorInfo& c : catalog) {
    if (c.name == "id" || c.name == "parent_id") codes.push_back(c);
    else columns_.push_back(c);
  }
  columns_.insert(columns_.end(), codes.begin(), codes.end());
  endResetModel();
}

void TownshipTableModel::set_language(bool chinese, const QLocale& locale) {
  chinese_ = chinese;
  locale_ = locale;
  if (!columns_.empty()) emit headerDataChanged(Qt::Horizontal, 0, int(columns_.size()) - 1);
  if (!rows_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::DisplayRole});
}

int TownshipTableModel::column_of(const std::string& name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return int(i);
  }
  return -1;
}

int TownshipTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int TownshipTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(columns_.size());
}

QVariant TownshipTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(rows_.size()) || index.column() >= int(columns_.size())) return {};
  const nlohmann::json& row = rows_[size_t(index.row())];
  const IndicatorInfo& col = columns_[size_t(index.column())];
  const auto it = row.find(col.name);
  const nlohmann::json value = it == row.end() ? nlohmann::json() : *it;
  switch (role) {
    case Qt::DisplayRole:
      return format_value(value, col.format, locale_);
    case SortRole:
      if (value.is_string()) return QString::fromStdString(value.get<std::string>());
      return number_of(value);
    case TownshipRole:
      return index.row();
    case CountyRole:
      return QString::fromStdString(row.value("parent_name", std::string()));
    case NumericRole:
      return col.format != ValueFormat::text;
    case ColumnNameRole:
      return QString::fromStdString(col.name);
    default:
      return {};
  }
}

QVariant TownshipTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Vertical) return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
  if (section < 0 || section >= int(columns_.size())) return {};
  if (role == Qt::DisplayRole) return columns_[size_t(section)].label(chinese_);
  if (role == ColumnNameRole) return QString::fromStdString(columns_[size_t(section)].name);
  return {};
}

QHash<int, QByteArray> TownshipTableModel::roleNames() const {
  return {{Qt::DisplayRole, "display"}, {SortRole, "sortValue"},  {TownshipRole, "township"},
          {CountyRole, "county"},       {NumericRole, "numeric"}, {ColumnNameRole, "columnName"}};
}

TownshipFilterModel::TownshipFilterModel(TownshipTableModel* source, QObject* parent)
    : QSortFilterProxyModel(parent) {
  setSourceModel(source);
  setSortRole(TownshipTableModel::SortRole);
  setDynamicSortFilter(true);
}

void TownshipFilterModel::set_county(const QString& county) {
  if (county == county_) return;
  county_ = county;
  invalidateFilter();
  emit countyChanged();
}

void TownshipFilterModel::sortBy(int column, bool ascending) {
  sort(column, ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
  emit sorted();
}

void TownshipFilterModel::sortByName(const QString& name, bool ascending) {
  auto* table = static_cast<TownshipTableModel*>(sourceModel());
  const int column = table->column_of(name.toStdString());
  if (column >= 0) sortBy(column, ascending);
}

void TownshipFilterModel::toggleSort(int column) {
  if (column == sortColumn()) sortBy(column, sortOrder() == Qt::DescendingOrder);
  else sortBy(column, false);
}

int TownshipFilterModel::rowOfTownship(int township) const {
  if (township < 0 || township >= sourceModel()->rowCount()) return -1;
  const QModelIndex i = mapFromSource(sourceModel()->index(township, 0));
  return i.isValid() ? i.row() : -1;
}

int TownshipFilterModel::townshipAt(int row) const {
  const QModelIndex i = mapToSource(index(row, 0));
  return i.isValid() ? i.row() : -1;
}

QString TownshipFilterModel::textAt(int row, int column) const { return data(index(row, column)).toString(); }

bool TownshipFilterModel::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
  if (county_.isEmpty()) return true;
  const QModelIndex i = sourceModel()->index(source_row, 0, source_parent);
  return sourceModel()->data(i, TownshipTableModel::CountyRole).toString() == county_;
}

bool TownshipFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const QVariant a = left.data(TownshipTableModel::SortRole), b = right.data(TownshipTableModel::SortRole);
  if (a.type() == QVariant::String || b.type() == QVariant::String) {
    return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
  }
  const double x = a.toDouble(), y = b.toDouble();
  // Empty values (no residents, no access) go last in either order: the
  // descending sort compares (right, left).
  const bool descending = sortOrder() == Qt::DescendingOrder;
  if (std::isnan(x) || std::isnan(y)) {
    if (std::isnan(x) && std::isnan(y)) return false;
    return std::isnan(x) ? descending : !descending;
  }
  return x < y;
}

}  // namespace tuowei::ui
