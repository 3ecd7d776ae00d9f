// Every problem planner found in the project: errors (the project cannot be
// run) first, then warnings, each with where it is and how to fix it.
import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Tuowei.Map 1.0

Pane {
    id: root
    padding: 12
    background: Rectangle { color: app.problems.errors > 0 ? "#fff5f5" : "#fffdf3" }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Label {
            objectName: "problemsTitle"
            Layout.fillWidth: true
            font.pixelSize: 16
            font.bold: true
            wrapMode: Text.WordWrap
            text: app.problems.errors > 0
                  ? qsTr("The project cannot be run: %n error(s)", "", app.problems.errors)
                  : qsTr("%n warning(s)", "", app.problems.warnings)
            color: app.problems.errors > 0 ? "#a50f15" : "#7a5c00"
        }
        Label {
            Layout.fillWidth: true
            visible: app.problems.errors > 0
            wrapMode: Text.WordWrap
            font.pixelSize: 12
            color: "#555555"
            text: qsTr("Fix these in the project file or its inputs, then open it again.")
        }
        ListView {
            id: list
            objectName: "problemsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: app.problems
            ScrollBar.vertical: ScrollBar {}
            delegate: Rectangle {
                width: list.width - 10
                height: body.implicitHeight + 10
                radius: 3
                color: "#ffffff"
                border.color: model.severity === "error" ? "#fb6a4a" : "#f0c14b"
                Column {
                    id: body
                    x: 6; y: 5
                    width: parent.width - 12
                    spacing: 2
                    Label {
                        width: parent.width
                        text: (model.severity === "error" ? qsTr("Error") : qsTr("Warning"))
                              + (model.where !== "" ? " · " + model.where : "")
                        font.pixelSize: 12
                        font.bold: true
                        color: model.severity === "error" ? "#a50f15" : "#7a5c00"
                        wrapMode: Text.WrapAnywhere
                    }
                    Label {
                        width: parent.width
                        text: model.message
                        font.pixelSize: 13
                        wrapMode: Text.WordWrap
                    }
                    Label {
                        width: parent.width
                        visible: model.fix !== ""
                        text: qsTr("Fix: %1").arg(model.fix)
                        font.pixelSize: 12
                        color: "#2b6a2b"
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
}
