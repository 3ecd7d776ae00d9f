#include "ui/map_window.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QQmlContext>
#include <QQuickStyle>

#include "ui/map_module.h"

namespace tuowei::ui {

void set_up_application() {
  QQuickStyle::setStyle(QStringLiteral("Fusion"));
  // Noto Sans CJK SC (fonts-noto-cjk) covers both scripts; otherwise any
  // CJK family the system has.
  const QStringList families = QFontDatabase().families();
  for (const char* name : {"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei"}) {
    if (families.contains(QString::fromUtf8(name))) {
      QFont font(QString::fromUtf8(name));
      font.setPixelSize(14);
      QGuiApplication::setFont(font);
      return;
    }
  }
}

QQuickWindow* load_main_window(QQmlApplicationEngine& engine, MapController& controller) {
  register_map_module();
  controller.set_engine(&engine);
  engine.rootContext()->setContextProperty(QStringLiteral("app"), &controller);
  engine.load(QUrl(QStringLiteral("qrc:/tuowei/map/Main.qml")));
  const auto roots = engine.rootObjects();
  return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(roots.first());
}

}  // namespace tuowei::ui
