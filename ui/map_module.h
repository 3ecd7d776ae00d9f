// The QML side of tuowei-map: types under "Tuowei.Map 1.0" and the QML and
// translation resources, for the app, its tests and bench/map.
#pragma once

namespace tuowei::ui {

// Registers the QML types and makes the compiled-in resources available
// (the library is static, so its resources need an explicit hook).
void register_map_module();

}  // namespace tuowei::ui
