// Frame times of tuowei-map's map while it pans and zooms.
//
// Loads N synthetic township-like polygons (jittered rings tiling the Nanning
// area, V vertices each, coloured in 5 classes) and M facility symbols into
// the same models and the same MapView.qml the application uses, then moves
// the map programmatically, one step per frame, and records each frame's
// QQuickWindow::frameSwapped time. Reports the mean, median, 95th percentile
// and worst frame interval for a pan phase and a zoom phase, and where a
// frame's time goes on the render thread: render (uploading vertices and
// issuing GL calls) and swap (with a software rasterizer such as Mesa's
// llvmpipe under Xvfb, the drawing itself happens here).
//
// Run under Xvfb on a machine without a display:
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/bench/map/bench_map_frames
// See bench/README.md ("bench_map_frames").
#include <QElapsedTimer>
#include <QGeoCoordinate>
#include <QGuiApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QTimer>

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "ui/choropleth.h"
#include "ui/map_content.h"
#include "ui/map_controller.h"
#include "ui/map_module.h"
#include "ui/map_window.h"

namespace ui = tuowei::ui;

namespace {

struct Options {
  int polygons = 1500;
  int vertices = 200;  // per polygon, after display simplification
  int points = 10000;
  int frames = 240;    // per phase
  int width = 1280, height = 800;
};

[[noreturn]] void usage(const char* argv0, int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: %s [--polygons N] [--vertices N] [--points N] [--frames N] [--size WxH]\n"
               "  --polygons N  township polygons (default 1500)\n"
               "  --vertices N  vertices per polygon (default 200)\n"
               "  --points N    facility symbols (default 10000)\n"
               "  --frames N    frames per phase, pan and zoom (default 240)\n"
               "  --size WxH    map size in pixels (default 1280x800)\n",
               argv0);
  std::exit(code);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(argv[0], 2);
      return argv[++i];
    };
    if (a == "--polygons") o.polygons = std::stoi(value());
    else if (a == "--vertices") o.vertices = std::stoi(value());
    else if (a == "--points") o.points = std::stoi(value());
    else if (a == "--frames") o.frames = std::stoi(value());
    else if (a == "--size") {
      const std::string v = value();
      const auto x = v.find('x');
      if (x == std::string::npos) usage(argv[0], 2);
      o.width = std::stoi(v.substr(0, x));
      o.height = std::stoi(v.substr(x + 1));
    } else if (a == "--help" || a == "-h") usage(argv[0], 0);
    else usage(argv[0], 2);
  }
  if (o.polygons < 1 || o.vertices < 3 || o.points < 0 || o.frames < 10) usage(argv[0], 2);
  return o;
}

// The Nanning area, where the demo lives.
constexpr double kLon0 = 107.3, kLon1 = 109.6, kLat0 = 22.2, kLat1 = 24.0;

// Polygons on a k x k lattice, each a ring of jittered radius around its
// cell's centre filling most of the cell, like a township's outline.
ui::MapContent synthetic_content(const Options& o, std::vector<QColor>& colors) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  ui::MapContent c;
  const int k = int(std::ceil(std::sqrt(double(o.polygons))));
  const double w = (kLon1 - kLon0) / k, h = (kLat1 - kLat0) / k;
  const std::vector<QColor> palette = ui::sequential_palette(ui::Palette::blues, 5);
  for (int i = 0; i < o.polygons; ++i) {
    const double cx = kLon0 + (i % k + 0.5) * w, cy = kLat0 + (i / k + 0.5) * h;
    OGRLinearRing ring;
    const double phase = u(rng) * 6.28;
    for (int v = 0; v < o.vertices; ++v) {
      const double t = 2 * std::numbers::pi * v / o.vertices;
      const double r = 0.46 + 0.03 * std::sin(5 * t + phase) + 0.01 * (u(rng) - 0.5);
      ring.addPoint(cx + r * w * std::cos(t), cy + r * h * std::sin(t));
    }
    ring.closeRings();
    OGRPolygon polygon;
    polygon.addRing(&ring);
    // The app's own conversion: parts, then GEOS triangles (no simplification:
    // the vertex count is the one asked for).
    ui::append_shape_parts(polygon, i, 0.0, c.townships);
    colors.push_back(palette[size_t(i % 5)]);
  }
  c.township_bounds.resize(size_t(o.polygons));
  for (const ui::ShapePart& p : c.townships) c.township_bounds[size_t(p.feature)] = p.polygon.boundingGeoRectangle();
  c.bounds = ui::bounds_of(c.townships);
  const char* type_colors[] = {"#7b3294", "#1b7837", "#c51b7d", "#3f3f3f", "#8c510a"};
  for (const char* color : type_colors) {
    c.facility_styles.push_back({QColor(color), true});
    c.facility_styles.push_back({QColor(color), false});
  }
  for (int i = 0; i < o.points; ++i) {
    ui::PointSymbol s;
    s.lon = kLon0 + u(rng) * (kLon1 - kLon0);
    s.lat = kLat0 + u(rng) * (kLat1 - kLat0);
    s.radius_px = ui::facility_radius_px(10 + 140 * u(rng));
    s.style = i % int(c.facility_styles.size());
    s.feature = i;
    c.facilities.push_back(s);
  }
  return c;
}

struct Stats {
  double mean = 0, p50 = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> ms) {
  Stats s;
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  for (double v : ms) s.mean += v;
  s.mean /= double(ms.size());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))]; };
  s.p50 = at(0.5);
  s.p95 = at(0.95);
  s.max = ms.back();
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  QGuiApplication app(argc, argv);
  ui::set_up_application();
  ui::register_map_module();

  QElapsedTimer clock;
  clock.start();
  std::vector<QColor> colors;
  ui::MapContent content = synthetic_content(o, colors);
  const double generate_ms = clock.nsecsElapsed() / 1e6;

  ui::MapController controller;
  QQuickView view;
  view.engine()->rootContext()->setContextProperty(QStringLiteral("app"), &controller);
  view.setResizeMode(QQuickView::SizeRootObjectToView);
  view.resize(o.width, o.height);
  view.setSource(QUrl(QStringLiteral("qrc:/tuowei/map/MapView.qml")));
  if (view.status() != QQuickView::Ready) return 3;
  view.show();

  // Phase bookkeeping, driven by frameSwapped: each frame moves the map a
  // step, which schedules the next frame.
  enum Phase { warmup, pan, zoom, done };
  Phase phase = warmup;
  int step = 0;
  qint64 last_swap = -1, render_start = -1, render_end = -1;
  std::vector<double> frame_ms[2], render_ms[2], swap_ms[2];
  QQuickItem* map = nullptr;
  QGeoCoordinate centre;
  double base_zoom = 0;
  double load_ms = 0;

  // Render-thread signals (direct connections); the GUI thread only reads
  // these in frameSwapped's queued handler, after the frame.
  QObject::connect(&view, &QQuickWindow::beforeRendering, &view,
                   [&] { render_start = clock.nsecsElapsed(); }, Qt::DirectConnection);
  QObject::connect(&view, &QQuickWindow::afterRendering, &view,
                   [&] { render_end = clock.nsecsElapsed(); }, Qt::DirectConnection);
  QObject::connect(&view, &QQuickWindow::frameSwapped, &view, [&] {
    const qint64 now = clock.nsecsElapsed();
    if (phase == pan || phase == zoom) {
      const int i = phase - pan;
      if (last_swap >= 0) frame_ms[i].push_back((now - last_swap) / 1e6);
      if (render_start >= 0 && render_end >= render_start) render_ms[i].push_back((render_end - render_start) / 1e6);
      if (render_end >= 0 && now >= render_end) swap_ms[i].push_back((now - render_end) / 1e6);
    }
    last_swap = now;
    if (!map) return;
    ++step;
    if (phase == warmup && step >= 20) phase = pan, step = 0;
    else if (phase == pan && step >= o.frames) phase = zoom, step = 0, map->setProperty("center", QVariant::fromValue(centre));
    else if (phase == zoom && step >= o.frames) {
      phase = done;
      QTimer::singleShot(0, &app, &QCoreApplication::quit);
      return;
    }
    const double t = double(step) / o.frames;
    if (phase == pan || phase == warmup) {
      // A loop around the area's middle, a third of the view wide.
      const double r = 0.25 * (kLon1 - kLon0) / 2;
      map->setProperty("center", QVariant::fromValue(QGeoCoordinate(
                                     centre.latitude() + r * 0.6 * std::sin(2 * std::numbers::pi * t),
                                     centre.longitude() + r * std::cos(2 * std::numbers::pi * t))));
    } else if (phase == zoom) {
      // In by three levels and back out: townships grow from specks to the screen.
      map->setProperty("zoomLevel", base_zoom + 3.0 * std::sin(std::numbers::pi * t));
    }
  });

  // Load once the map is ready, then fit the area and start moving.
  QTimer poll;
  poll.setInterval(20);
  QObject::connect(&poll, &QTimer::timeout, &view, [&] {
    QQuickItem* m = view.rootObject()->findChild<QQuickItem*>(QStringLiteral("map"));
    if (!m || !m->property("mapReady").toBool()) return;
    poll.stop();
    QElapsedTimer load;
    load.start();
    controller.show_content(std::move(content));
    controller.township_shapes()->set_feature_colors(colors);
    QCoreApplication::processEvents();
    load_ms = load.nsecsElapsed() / 1e6;
    centre = controller.bounds().center();
    base_zoom = m->property("zoomLevel").toDouble();
    map = m;
    view.update();
  });
  poll.start();

  QTimer::singleShot(600000, &app, [&] {
    std::fprintf(stderr, "bench_map_frames: timed out\n");
    QCoreApplication::exit(1);
  });
  const int rc = app.exec();
  if (rc != 0) return rc;

  std::printf("bench_map_frames: %d polygons x %d vertices, %d symbols, %dx%d, %s\n", o.polygons, o.vertices,
              o.points, o.width, o.height, qPrintable(QString::fromLatin1(qgetenv("QT_QUICK_BACKEND"))));
  std::printf("  generate and triangulate %.0f ms, load into the models %.0f ms\n", generate_ms, load_ms);
  std::printf("  %-5s %7s %9s %8s %8s %8s   %s\n", "phase", "frames", "mean ms", "p50", "p95", "max",
              "of which render, swap");
  const char* names[] = {"pan", "zoom"};
  for (int i = 0; i < 2; ++i) {
    const Stats f = stats(frame_ms[i]);
    std::printf("  %-5s %7zu %9.2f %8.2f %8.2f %8.2f   %15.2f %6.2f\n", names[i], frame_ms[i].size(), f.mean, f.p50,
                f.p95, f.max, stats(render_ms[i]).mean, stats(swap_ms[i]).mean);
  }
  return 0;
}
