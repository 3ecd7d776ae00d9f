// The proposed sites as the map shows them: the list for the proposals
// table, the summary with the solver's proof, the township rows after the
// sites are built, and which sites were built as what-if facilities.
#pragma once

#include <QGeoCoordinate>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QVariantList>

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/planner_jobs.h"

namespace tuowei::ui {

class ProposalPanel : public QObject {
  Q_OBJECT

 public:
  explicit ProposalPanel(QObject* parent = nullptr) : QObject(parent) {}

  // A finished proposal job (or none); `townships` is the number of rows
  // the map shows, which the state after must match.
  void set(std::shared_ptr<ProposalResult> result, size_t townships);
  void clear() { set(nullptr, 0); }
  const ProposalResult* result() const { return result_.get(); }
  bool has_run() const { return result_ && result_->run; }
  const std::shared_ptr<ProposalResult>& shared_result() const { return result_; }
  const planner::ProposalRun& run() const { return *result_->run; }
  size_t size() const { return has_run() ? run().proposals.size() : 0; }
  // planner::indicator_row_json per township with the sites built (empty
  // when the proposals do not fit the townships on screen).
  const std::vector<nlohmann::json>& after_rows() const { return after_rows_; }

  QVariantList list(const std::vector<planner::Township>& townships, const QLocale& locale) const;
  QString summary(const QLocale& locale) const;
  QGeoCoordinate coordinate(int proposal) const;
  bool accepted(int proposal) const;
  void mark_accepted(int proposal);

  // The objective's unit, as planner names it, for the planner.
  static QString unit_text(const std::string& unit);
  // The objectives offered, with their labels.
  static QVariantList objectives();

 private:
  std::shared_ptr<ProposalResult> result_;
  std::vector<nlohmann::json> after_rows_;
  std::vector<char> accepted_;  // per proposal: built as a what-if facility
};

}  // namespace tuowei::ui
