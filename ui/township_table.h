// The ranking table: one row per township, one column per indicator, with
// a proxy that sorts by any column and filters by county.
#pragma once

#include <QAbstractTableModel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <vector>

#include <nlohmann/json.hpp>

#include "ui/indicator_text.h"

namespace tuowei::ui {

class TownshipTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Role { SortRole = Qt::UserRole + 1, TownshipRole, CountyRole, NumericRole, ColumnNameRole };

  explicit TownshipTableModel(QObject* parent = nullptr);

  // rows[i] is planner::indicator_row_json of township i.
  void set_rows(std::vector<nlohmann::json> rows, std::vector<IndicatorInfo> columns);
  void set_language(bool chinese, const QLocale& locale);
  // Columns shown: name, county, the main indicators, the counts, the rest, codes last.
  const std::vector<IndicatorInfo>& columns() const { return columns_; }
  int column_of(const std::string& name) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 private:
  std::vector<nlohmann::json> rows_;
  std::vector<IndicatorInfo> columns_;
  bool chinese_ = true;
  QLocale locale_;
};

class TownshipFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
  Q_PROPERTY(QString county READ county WRITE set_county NOTIFY countyChanged)
  Q_PROPERTY(int sortColumn READ sort_column NOTIFY sorted)
  Q_PROPERTY(bool ascending READ ascending NOTIFY sorted)

 public:
  explicit TownshipFilterModel(TownshipTableModel* source, QObject* parent = nullptr);

  QString county() const { return county_; }
  void set_county(const QString& county);
  int sort_column() const { return sortColumn(); }
  bool ascending() const { return sortOrder() == Qt::AscendingOrder; }

  Q_INVOKABLE void sortBy(int column, bool ascending);
  // Sorts by the column named `name` (planner's column name).
  Q_INVOKABLE void sortByName(const QString& name, bool ascending);
  // Clicking a header: a new column sorts descending (best or worst first
  // for indicators), the same column flips.
  Q_INVOKABLE void toggleSort(int column);
  Q_INVOKABLE int rowOfTownship(int township) const;  // -1 when filtered out
  Q_INVOKABLE int townshipAt(int row) const;
  Q_INVOKABLE QString textAt(int row, int column) const;

 signals:
  void countyChanged();
  void sorted();

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  QString county_;
};

}  // namespace tuowei::ui
