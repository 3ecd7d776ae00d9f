// tuowei-map: the desktop map. Opens a project (argument or File › Open),
// shows the study area, its indicators and facilities; --screenshot renders
// the loaded window to a PNG and quits (for documentation and CI).
#include <QApplication>
#include <QCommandLineParser>
#include <QGeoRectangle>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

#include "planner/version.h"
#include "ui/map_controller.h"
#include "ui/map_window.h"

int main(int argc, char** argv) {
  QCoreApplication::setAttribute(Qt::AA_EnableHighDpiScaling);
  QApplication app(argc, argv);  // widgets: the fallback for Qt.labs.platform file dialogs
  QApplication::setApplicationName(QStringLiteral("tuowei-map"));
  QApplication::setApplicationVersion(QString::fromUtf8(tuowei::planner::version()));
  tuowei::ui::set_up_application();

  QCommandLineParser cli;
  cli.setApplicationDescription(QStringLiteral("tuowei-map: the childcare capacity map of a tuowei project."));
  cli.addHelpOption();
  cli.addVersionOption();
  cli.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The project file (.toml) to open."));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Load the project, save the window as a PNG to FILE and quit."),
                                QStringLiteral("FILE"));
  QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Interface language: zh or en (default: the locale)."),
                          QStringLiteral("zh|en"));
  QCommandLineOption indicator(QStringLiteral("indicator"),
                               QStringLiteral("Colour townships by this column (default places_per_1000)."),
                               QStringLiteral("NAME"));
  QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select the township with this name or code."),
                            QStringLiteral("TOWNSHIP"));
  QCommandLineOption layers(QStringLiteral("layers"),
                            QStringLiteral("Extra layers to show: catchments, deserts (comma-separated)."),
                            QStringLiteral("LIST"));
  QCommandLineOption propose(QStringLiteral("propose"),
                             QStringLiteral("After loading, propose this many sites (the project's objective and radius)."),
                             QStringLiteral("N"));
  QCommandLineOption zoom(QStringLiteral("zoom"),
                          QStringLiteral("Zoom the map to this level, centred on the --select township if any."),
                          QStringLiteral("LEVEL"));
  QCommandLineOption timeout(QStringLiteral("timeout"),
                             QStringLiteral("With --screenshot: give up after this many seconds (default 900)."),
                             QStringLiteral("SECONDS"), QStringLiteral("900"));
  QCommandLineOption year(QStringLiteral("year"),
                          QStringLiteral("After loading, show the population at the end of this year (projected)."),
                          QStringLiteral("YEAR"));
  cli.addOptions({screenshot, lang, indicator, select, layers, propose, zoom, timeout, year});
  cli.process(app);

  tuowei::ui::MapController controller;
  if (cli.isSet(lang)) controller.set_language(cli.value(lang));
  if (cli.isSet(indicator)) controller.set_indicator(cli.value(indicator));

  QQmlApplicationEngine engine;
  QQuickWindow* window = tuowei::ui::load_main_window(engine, controller);
  if (!window) return 3;

  const QStringList args = cli.positionalArguments();
  if (!args.isEmpty()) controller.open(args.first());

  QObject::connect(&controller, &tuowei::ui::MapController::loaded, &controller, [&] {
    if (cli.isSet(indicator)) controller.set_indicator(cli.value(indicator));
    if (cli.isSet(select)) controller.selectTownship(controller.findTownship(cli.value(select)));
    if (cli.isSet(zoom)) {
      if (QObject* map = window->findChild<QObject*>(QStringLiteral("map"))) {
        const QGeoRectangle box = controller.townshipBounds(controller.selected_township());
        if (box.isValid()) map->setProperty("center", QVariant::fromValue(box.center()));
        map->setProperty("zoomLevel", cli.value(zoom).toDouble());
      }
    }
    const bool change_year = cli.isSet(year) && controller.state() == tuowei::ui::MapController::Ready &&
                             cli.value(year).toInt() != controller.year();
    if (change_year) controller.setYear(cli.value(year).toInt());
    if (cli.isSet(propose) && !change_year && controller.state() == tuowei::ui::MapController::Ready) {
      const QVariantMap d = controller.proposal_defaults();
      controller.proposeSites(cli.value(propose).toInt(), d.value("objective").toString(), d.value("radius").toDouble());
    }
    if (cli.isSet(layers)) {
      QObject* map_view = window->findChild<QObject*>(QStringLiteral("mapView"));
      for (const QString& layer : cli.value(layers).split(',', Qt::SkipEmptyParts)) {
        const QByteArray property = "show" + layer.trimmed().left(1).toUpper().toUtf8() + layer.trimmed().mid(1).toUtf8();
        if (map_view) map_view->setProperty(property.constData(), true);
      }
    }
  });

  QObject::connect(&controller, &tuowei::ui::MapController::yearChanged, &controller, [&] {
    if (cli.isSet(propose) && controller.state() == tuowei::ui::MapController::Ready) {
      const QVariantMap d = controller.proposal_defaults();
      controller.proposeSites(cli.value(propose).toInt(), d.value("objective").toString(), d.value("radius").toDouble());
    }
  });

  if (cli.isSet(screenshot)) {
    if (args.isEmpty()) {
      std::fprintf(stderr, "tuowei-map: --screenshot needs a project file\n");
      return 2;
    }
    const QString file = cli.value(screenshot);
    auto save_and_quit = [&controller, window, file] {
      const QString error = controller.saveWindowImage(window, file);
      if (!error.isEmpty()) {
        std::fprintf(stderr, "tuowei-map: %s\n", qPrintable(error));
        QCoreApplication::exit(3);
        return;
      }
      std::printf("%s\n", qPrintable(file));
      QCoreApplication::exit(controller.state() == tuowei::ui::MapController::Ready ? 0 : 1);
    };
    // After loading (and proposing), give the map items a moment to be
    // created and drawn.
    const bool proposing = cli.isSet(propose);
    const int wanted_year = cli.isSet(year) ? cli.value(year).toInt() : 0;
    QObject::connect(&controller, &tuowei::ui::MapController::loaded, &controller,
                     [save_and_quit, proposing, wanted_year, &controller] {
                       const bool ready = controller.state() == tuowei::ui::MapController::Ready;
                       const bool waiting = ready && (proposing || (wanted_year && wanted_year != controller.year()));
                       if (!waiting) QTimer::singleShot(1500, save_and_quit);
                     });
    // Another year first, then (with --propose) the proposals on it.
    QObject::connect(&controller, &tuowei::ui::MapController::yearChanged, &controller, [save_and_quit, proposing] {
      if (!proposing) QTimer::singleShot(1500, save_and_quit);
    });
    QObject::connect(&controller, &tuowei::ui::MapController::proposed, &controller,
                     [save_and_quit] { QTimer::singleShot(1500, save_and_quit); });
    QTimer::singleShot(cli.value(timeout).toInt() * 1000, &controller, [save_and_quit] {
      std::fprintf(stderr, "tuowei-map: timed out loading the project; saving what is shown\n");
      save_and_quit();
    });
  }
  return app.exec();
}
