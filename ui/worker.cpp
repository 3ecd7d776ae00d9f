#include "ui/worker.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <mutex>
#include <utility>

namespace tuowei::ui {
namespace {

struct Cancelled {};

}  // namespace

Worker::Worker(QObject* parent) : QObject(parent) { qRegisterMetaType<std::shared_ptr<void>>(); }

Worker::~Worker() {
  cancel();
  // Jobs report through this object: wait for every one still running
  // (cancelled, each stops at its next progress report).
  for (auto* w : findChildren<QFutureWatcherBase*>()) w->waitForFinished();
}

void Worker::start(Job job) {
  cancel();
  const int generation = ++generation_;
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  cancelled_ = cancelled;
  running_ = true;

  // Progress reaches the GUI at most every 250 ms, and at each new stage:
  // every update redraws the window, and where OpenGL is done in software
  // (no GPU, a remote desktop) a frame costs tens of milliseconds of the
  // CPU the job needs.
  QPointer<Worker> self(this);
  struct Throttle {
    std::mutex mutex;
    std::string stage;
    QElapsedTimer since;
  };
  auto throttle = std::make_shared<Throttle>();
  planner::Progress report = [self, generation, cancelled, throttle](const std::string& stage, double fraction) {
    if (cancelled->load()) throw Cancelled{};
    {
      std::lock_guard<std::mutex> lock(throttle->mutex);
      const bool new_stage = stage != throttle->stage;
      if (!new_stage && throttle->since.isValid() && throttle->since.elapsed() < 250 && fraction < 1.0) return;
      throttle->stage = stage;
      throttle->since.restart();
    }
    const QString text = QString::fromStdString(stage);
    // The worker waits for every job before it goes, so `self` is alive here.
    QMetaObject::invokeMethod(
        self.data(),
        [self, generation, text, fraction] {
          if (self && self->generation_ == generation && self->running_) emit self->progress(text, fraction);
        },
        Qt::QueuedConnection);
  };

  auto* watcher = new Watcher(this);
  connect(watcher, &QFutureWatcherBase::finished, this,
          [this, watcher, generation] { on_finished(watcher, generation); });
  watcher->setFuture(QtConcurrent::run([job = std::move(job), report, cancelled]() -> std::shared_ptr<void> {
    try {
      std::shared_ptr<void> result = job(report);
      return cancelled->load() ? nullptr : result;
    } catch (const Cancelled&) {
      return nullptr;
    } catch (...) {
      return nullptr;  // jobs report their own errors in their result; this is a bug's last resort
    }
  }));
}

void Worker::cancel() {
  if (!running_) return;
  if (cancelled_) cancelled_->store(true);
  running_ = false;
}

void Worker::on_finished(Watcher* watcher, int generation) {
  std::shared_ptr<void> result = watcher->result();
  watcher->deleteLater();
  if (generation != generation_ || !running_) return;  // cancelled or replaced
  running_ = false;
  emit finished(std::move(result));
}

}  // namespace tuowei::ui
