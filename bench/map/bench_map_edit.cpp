// How long tuowei-map takes to open a project, and to redraw after a
// what-if edit (catchments and deserts included).
//
// Opens PROJECT in the application's own window (Main.qml, MapController),
// timing from open() to the first frame shown after the project is ready.
// Then, at each of N facilities of the register, moves it 500 m east, adds
// a facility beside it and removes that one again, timing each edit from
// the call to the first frame swapped after it (the indicators, catchments,
// desert polygons and symbols are all redrawn by then).
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/bench/map/bench_map_edit demo-data/nanning.toml
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGeoCoordinate>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ui/map_controller.h"
#include "ui/map_window.h"

namespace ui = tuowei::ui;
namespace planner = tuowei::planner;

namespace {

// Runs the event loop until the window has swapped a frame after `action`,
// returning the milliseconds from the call.
double time_until_frame(QQuickWindow* window, const std::function<void()>& action) {
  QElapsedTimer t;
  QEventLoop loop;  // waits without spinning: the CPU is the job's
  const auto c = QObject::connect(window, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit, Qt::QueuedConnection);
  t.start();
  action();
  window->requestUpdate();
  loop.exec();
  QObject::disconnect(c);
  return double(t.nsecsElapsed()) / 1e6;
}

struct Stats {
  double median, max;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v.back()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PROJECT [EDITS]  (EDITS: facilities edited, default 10)\n", argv[0]);
    return 2;
  }
  const int edits = argc > 2 ? std::atoi(argv[2]) : 10;
  QGuiApplication app(argc, argv);
  ui::set_up_application();
  ui::MapController controller;
  controller.set_language(QStringLiteral("zh"));
  QQmlApplicationEngine engine;
  QQuickWindow* window = ui::load_main_window(engine, controller);
  if (!window) return 3;
  window->resize(1280, 800);
  window->show();

  QElapsedTimer open_timer;
  QEventLoop loading;
  QObject::connect(&controller, &ui::MapController::loaded, &loading, &QEventLoop::quit);
  QString last_stage;
  QObject::connect(&controller, &ui::MapController::progressChanged, &controller, [&] {
    if (std::getenv("TUOWEI_TRACE") && controller.stage() != last_stage) {
      last_stage = controller.stage();
      std::printf("%8.3f s  %s\n", double(open_timer.nsecsElapsed()) / 1e9, qPrintable(last_stage));
    }
  });
  open_timer.start();
  controller.open(QString::fromLocal8Bit(argv[1]));
  loading.exec();
  const double ready_s = double(open_timer.nsecsElapsed()) / 1e9;
  if (controller.state() != ui::MapController::Ready) {
    std::fprintf(stderr, "bench_map_edit: the project did not open\n");
    return 1;
  }
  const double shown_s = ready_s + time_until_frame(window, [] {}) / 1e3;
  std::printf("open        ready in %.2f s, first frame after it at %.2f s (%d townships, %d facilities)\n", ready_s,
              shown_s, controller.township_count(), controller.facility_count());

  std::vector<double> moved, added, removed;
  const int n = std::min(edits, controller.facility_count());
  for (int k = 0; k < n; ++k) {
    const int j = k * (controller.facility_count() / std::max(1, n));
    const planner::Facility f = controller.analysis()->facilities[size_t(j)];
    const QGeoCoordinate east(f.lat, f.lon + 0.005);
    moved.push_back(time_until_frame(window, [&] { controller.moveFacility(j, east); }));
    int added_at = -1;
    added.push_back(time_until_frame(window, [&] {
      added_at = controller.addFacility(QGeoCoordinate(f.lat + 0.002, f.lon), 80, true, QString(), "bench");
    }));
    removed.push_back(time_until_frame(window, [&] { controller.removeFacility(added_at); }));
  }
  for (const auto& [name, v] : {std::pair{"move", moved}, {"add", added}, {"remove", removed}}) {
    const Stats s = stats(v);
    std::printf("%-11s median %.0f ms, worst %.0f ms over %zu edits (call to the next frame)\n", name, s.median, s.max,
                v.size());
  }
  return 0;
}
