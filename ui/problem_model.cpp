#include "ui/problem_model.h"

#include <algorithm>

namespace tuowei::ui {

ProblemListModel::ProblemListModel(QObject* parent) : QAbstractListModel(parent) {}

void ProblemListModel::set(const planner::Problems& problems) {
  beginResetModel();
  items_ = problems.all();
  std::stable_sort(items_.begin(), items_.end(), [](const planner::Problem& a, const planner::Problem& b) {
    return a.severity == planner::Severity::error && b.severity != planner::Severity::error;
  });
  errors_ = problems.count(planner::Severity::error);
  warnings_ = problems.count(planner::Severity::warning);
  endResetModel();
  emit changed();
}

void ProblemListModel::set_failure(const QString& message) {
  planner::Problems p;
  p.error({}, gis::as_is(message.toStdString()));
  set(p);
}

void ProblemListModel::clear() { set(planner::Problems()); }

QString ProblemListModel::text() const {
  QStringList lines;
  for (int i = 0; i < rowCount(); ++i) {
    const QModelIndex ix = index(i);
    QString line = data(ix, WhereRole).toString();
    if (!line.isEmpty()) line += QStringLiteral(": ");
    line += data(ix, MessageRole).toString();
    const QString fix = data(ix, FixRole).toString();
    if (!fix.isEmpty()) line += QStringLiteral(" (") + fix + QStringLiteral(")");
    lines << line;
  }
  return lines.join('\n');
}

void ProblemListModel::relanguage() {
  if (items_.empty()) return;
  emit dataChanged(index(0), index(int(items_.size()) - 1));
  emit changed();
}

int ProblemListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(items_.size()); }

QVariant ProblemListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(items_.size())) return {};
  const planner::Problem& p = items_[size_t(index.row())];
  switch (role) {
    case SeverityRole:
      return p.severity == planner::Severity::error ? QStringLiteral("error") : QStringLiteral("warning");
    case WhereRole:
      return QString::fromStdString(p.where.str());
    case MessageRole:
    case Qt::DisplayRole:
      return QString::fromStdString(p.message.str());
    case FixRole:
      return QString::fromStdString(p.fix.str());
    default:
      return {};
  }
}

QHash<int, QByteArray> ProblemListModel::roleNames() const {
  return {{SeverityRole, "severity"}, {WhereRole, "where"}, {MessageRole, "message"}, {FixRole, "fix"}};
}

}  // namespace tuowei::ui
