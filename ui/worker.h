// Long planner calls off the GUI thread: a job runs on Qt's thread pool,
// its progress reaches the GUI throttled, and cancelling drops its result.
//
// planner's run functions have no cancel hook: a cancelled job's progress
// callback throws at the job's next progress report (planner reports per
// stage and per raster strip), and a result that arrives anyway is dropped.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

#include "planner/study.h"

namespace tuowei::ui {

class Worker : public QObject {
  Q_OBJECT

 public:
  // Returns the job's result (never null: a job reports its own errors in
  // it); it reports through `progress`.
  using Job = std::function<std::shared_ptr<void>(const planner::Progress& progress)>;

  explicit Worker(QObject* parent = nullptr);
  ~Worker() override;

  // Starts `job`; one still running is cancelled and its result dropped.
  void start(Job job);
  void cancel();
  bool running() const { return running_; }

 signals:
  void progress(const QString& stage, double fraction);
  // The job's result; null only when the job threw (a bug).
  void finished(std::shared_ptr<void> result);

 private:
  using Watcher = QFutureWatcher<std::shared_ptr<void>>;
  void on_finished(Watcher* watcher, int generation);

  std::shared_ptr<std::atomic<bool>> cancelled_;
  int generation_ = 0;
  bool running_ = false;
};

}  // namespace tuowei::ui

Q_DECLARE_METATYPE(std::shared_ptr<void>)
