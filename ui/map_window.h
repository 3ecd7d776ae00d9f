// The main window as tuowei-map shows it (also used by tests/ui): Fusion
// style, a font with Chinese glyphs, the controller as QML's `app`, Main.qml.
#pragma once

#include <QQmlApplicationEngine>
#include <QQuickWindow>

#include "ui/map_controller.h"

namespace tuowei::ui {

// Style and font for the whole application; call before loading QML.
void set_up_application();

// Loads Main.qml into `engine` with `controller` as `app`; returns the
// window, or null when the QML failed to load (errors are printed).
QQuickWindow* load_main_window(QQmlApplicationEngine& engine, MapController& controller);

}  // namespace tuowei::ui
