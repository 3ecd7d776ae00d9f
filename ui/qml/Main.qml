// tuowei-map's window: layers and legend on the left, the map with the
// ranking table below it in the middle, details and problems on the right.
import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import QtQuick.Window 2.15
import Qt.labs.platform 1.1 as Platform
import Tuowei.Map 1.0

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 1600
    height: 1000
    visible: true
    title: app.projectName !== "" ? app.projectName + " — " + qsTr("tuowei map") : qsTr("tuowei map")

    property alias mapView: mapView
    property alias infoPanel: infoPanel
    property alias rankingTable: ranking
    property string message: ""

    function exportMapPng(path) {
        mapView.grabToImage(function (result) {
            window.message = result.saveToFile(app.localPath(path))
                    ? qsTr("Map saved to %1").arg(app.localPath(path))
                    : qsTr("Cannot write %1").arg(app.localPath(path))
        })
    }

    function report(error, path) {
        window.message = error === "" ? qsTr("Written: %1").arg(app.localPath(path)) : error
    }

    menuBar: MenuBar {
        Menu {
            title: qsTr("&File")
            Action {
                text: qsTr("&Open project…")
                shortcut: StandardKey.Open
                onTriggered: openDialog.open()
            }
            MenuSeparator {}
            Action {
                text: qsTr("Export map as &PNG…")
                enabled: app.state === MapController.Ready
                onTriggered: pngDialog.open()
            }
            Action {
                text: qsTr("Export results as &GeoPackage…")
                enabled: app.state === MapController.Ready
                onTriggered: gpkgDialog.open()
            }
            Action {
                text: qsTr("Export township table as &CSV…")
                enabled: app.state === MapController.Ready
                onTriggered: csvDialog.open()
            }
            Action {
                text: qsTr("Export &report (Excel and PDF)…")
                enabled: app.state === MapController.Ready && app.hasAccess && !app.busy
                onTriggered: reportDialog.open()
            }
            MenuSeparator {}
            Action {
                text: qsTr("&Quit")
                shortcut: StandardKey.Quit
                onTriggered: Qt.quit()
            }
        }
        Menu {
            title: qsTr("&Language") + (app.language === "zh" ? "" : " · 语言")
            Action {
                text: "中文"
                checkable: true
                checked: app.language === "zh"
                onTriggered: app.language = "zh"
            }
            Action {
                text: "English"
                checkable: true
                checked: app.language === "en"
                onTriggered: app.language = "en"
            }
        }
    }

    Platform.FileDialog {
        id: openDialog
        title: qsTr("Open a tuowei project")
        nameFilters: [qsTr("tuowei projects (*.toml)"), qsTr("All files (*)")]
        onAccepted: app.open(file)
    }
    Platform.FileDialog {
        id: pngDialog
        title: qsTr("Export the map as PNG")
        fileMode: Platform.FileDialog.SaveFile
        defaultSuffix: "png"
        nameFilters: [qsTr("PNG images (*.png)")]
        onAccepted: window.exportMapPng(file)
    }
    Platform.FileDialog {
        id: gpkgDialog
        title: qsTr("Export the results as GeoPackage")
        fileMode: Platform.FileDialog.SaveFile
        defaultSuffix: "gpkg"
        nameFilters: [qsTr("GeoPackage (*.gpkg)")]
        onAccepted: window.report(app.exportGeoPackage(file), file)
    }
    Platform.FolderDialog {
        id: reportDialog
        title: qsTr("Choose a folder for report.xlsx and report.pdf")
        onAccepted: app.exportReport(folder)
    }
    Platform.FileDialog {
        id: csvDialog
        title: qsTr("Export the township table as CSV")
        fileMode: Platform.FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV, UTF-8 (*.csv)")]
        onAccepted: window.report(app.exportCsv(file), file)
    }

    footer: ToolBar {
        height: 34
        background: Rectangle { color: "#eceff3"; border.color: "#d5d9df" }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 10
            anchors.rightMargin: 10
            spacing: 10
            Label {
                objectName: "statusText"
                Layout.fillWidth: !app.busy
                elide: Text.ElideRight
                text: window.message !== "" ? window.message
                    : app.busy ? app.stage
                    : app.state === MapController.Failed ? qsTr("The project has errors: see Problems on the right.")
                    : app.state === MapController.Ready ? app.summary
                    : qsTr("Open a project file to begin (File › Open project…).")
            }
            ProgressBar {
                objectName: "progressBar"
                visible: app.busy
                Layout.fillWidth: true
                from: 0
                to: 1
                value: app.progress
            }
            Button {
                objectName: "cancelButton"
                visible: app.busy
                text: qsTr("Cancel")
                onClicked: app.cancel()
            }
        }
    }
    Connections {
        target: app
        function onStateChanged() { window.message = "" }
        function onReportExported(error, folder) {
            window.message = error === "" ? qsTr("Report written to %1 (report.xlsx, report.pdf)").arg(folder) : error
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        LegendPanel {
            id: legend
            mapView: mapView
            SplitView.preferredWidth: 290
            SplitView.minimumWidth: 220
        }

        SplitView {
            orientation: Qt.Vertical
            SplitView.fillWidth: true

            Item {
                SplitView.fillHeight: true
                SplitView.minimumHeight: 200
                MapView {
                    id: mapView
                    objectName: "mapView"
                    anchors.fill: parent
                }
                // Before a project is open, or when it failed.
                Rectangle {
                    anchors.centerIn: parent
                    visible: app.state !== MapController.Ready
                    width: Math.min(parent.width - 40, 520)
                    height: placeholder.implicitHeight + 40
                    radius: 6
                    color: "#f8ffffff"
                    border.color: "#c8cdd3"
                    ColumnLayout {
                        id: placeholder
                        anchors.fill: parent
                        anchors.margins: 20
                        spacing: 12
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            font.pixelSize: 17
                            horizontalAlignment: Text.AlignHCenter
                            text: app.state === MapController.Loading ? qsTr("Opening %1…").arg(app.projectFile)
                                : app.state === MapController.Failed ? qsTr("This project cannot be shown yet: its problems are listed on the right.")
                                : qsTr("No project open")
                        }
                        ProgressBar {
                            Layout.fillWidth: true
                            visible: app.state === MapController.Loading
                            value: app.progress
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: app.state === MapController.Loading
                            horizontalAlignment: Text.AlignHCenter
                            text: app.stage
                            color: "#555555"
                        }
                        Button {
                            Layout.alignment: Qt.AlignHCenter
                            text: app.state === MapController.Loading ? qsTr("Cancel") : qsTr("Open project…")
                            onClicked: app.state === MapController.Loading ? app.cancel() : openDialog.open()
                        }
                    }
                }
            }

            ColumnLayout {
                SplitView.preferredHeight: 310
                SplitView.minimumHeight: 140
                spacing: 0
                TabBar {
                    id: tabs
                    objectName: "bottomTabs"
                    Layout.fillWidth: true
                    TabButton { text: qsTr("Township ranking"); width: implicitWidth + 20 }
                    TabButton { text: qsTr("Proposed sites (%1)").arg(app.proposals.length); width: implicitWidth + 20 }
                    Connections {
                        target: app
                        function onProposed() { if (app.hasProposals) tabs.currentIndex = 1 }
                    }
                }
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: tabs.currentIndex
                    RankingTable {
                        id: ranking
                        objectName: "ranking"
                        onTownshipActivated: mapView.focusTownship(township)
                    }
                    ProposalsTable {
                        objectName: "proposalsTable"
                        onProposalActivated: mapView.focusProposal(proposal)
                    }
                }
            }
        }

        ColumnLayout {
            SplitView.preferredWidth: 340
            SplitView.minimumWidth: 260
            spacing: 0
            InfoPanel {
                id: infoPanel
                objectName: "infoPanel"
                mapView: mapView
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: app.state !== MapController.Failed
            }
            ProblemsPanel {
                objectName: "problemsPanel"
                Layout.fillWidth: true
                Layout.fillHeight: app.state === MapController.Failed
                Layout.preferredHeight: app.state === MapController.Failed ? -1 : 220
                visible: app.problems.count > 0
            }
        }
    }
}
