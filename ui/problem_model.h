// planner::Problems as a list for the problems panel: errors first, each
// with where it is, what is wrong and how to fix it.
#pragma once

#include <QAbstractListModel>

#include <vector>

#include "planner/problems.h"

namespace tuowei::ui {

class ProblemListModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ rowCount NOTIFY changed)
  Q_PROPERTY(int errors READ errors NOTIFY changed)
  Q_PROPERTY(int warnings READ warnings NOTIFY changed)

 public:
  enum Role { SeverityRole = Qt::UserRole + 1, WhereRole, MessageRole, FixRole };

  explicit ProblemListModel(QObject* parent = nullptr);

  void set(const planner::Problems& problems);
  // One problem that is not planner's (an unexpected failure).
  void set_failure(const QString& message);
  void clear();
  // The messages again, in the language now set (gis::set_language).
  void relanguage();
  int errors() const { return errors_; }
  int warnings() const { return warnings_; }
  // Every problem as text, one per line (for copying and for tests).
  Q_INVOKABLE QString text() const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 signals:
  void changed();

 private:
  std::vector<planner::Problem> items_;
  int errors_ = 0, warnings_ = 0;
};

}  // namespace tuowei::ui
