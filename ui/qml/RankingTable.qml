// The township ranking: sortable by any column (click a header), filtered
// by county, and linked with the map both ways.
import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Tuowei.Map 1.0

Pane {
    id: root
    padding: 0
    signal townshipActivated(int township)
    readonly property int rowHeight: 26
    property alias tableView: table

    background: Rectangle { color: "#ffffff" }

    function scrollToTownship(township) {
        var row = app.table.rowOfTownship(township)
        if (row < 0)
            return
        var top = row * rowHeight
        if (top < table.contentY || top + rowHeight > table.contentY + table.height)
            table.contentY = Math.max(0, Math.min(top - table.height / 2, table.contentHeight - table.height))
    }

    Connections {
        target: app
        function onSelectionChanged() { root.scrollToTownship(app.selectedTownship) }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 6
            spacing: 10
            Label {
                text: qsTr("County")
                color: "#555555"
            }
            ComboBox {
                id: countyBox
                objectName: "countyFilter"
                implicitWidth: 160
                model: [qsTr("All counties")].concat(app.counties)
                onActivated: app.table.county = index === 0 ? "" : app.counties[index - 1]
                // A new model (new project, new language) keeps the filter shown.
                onModelChanged: currentIndex = app.table.county === "" ? 0 : app.counties.indexOf(app.table.county) + 1
            }
            Label {
                text: qsTr("%n township(s)", "", table.rows)
                color: "#555555"
            }
            Item { Layout.fillWidth: true }
            Label {
                text: qsTr("Click a header to sort")
                color: "#888888"
                font.pixelSize: 12
            }
        }

        HorizontalHeaderView {
            id: header
            objectName: "tableHeader"
            Layout.fillWidth: true
            syncView: table
            clip: true
            delegate: Rectangle {
                implicitHeight: 40
                implicitWidth: 90
                color: column === app.table.sortColumn ? "#dde7f3" : "#eef0f3"
                border.color: "#d0d4da"
                Label {
                    anchors.fill: parent
                    anchors.margins: 4
                    text: display + (column === app.table.sortColumn ? (app.table.ascending ? " ▲" : " ▼") : "")
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    font.pixelSize: 12
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                TapHandler { onTapped: app.table.toggleSort(column) }
            }
        }

        TableView {
            id: table
            objectName: "rankingTable"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: app.table
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            ScrollBar.horizontal: ScrollBar {}
            columnWidthProvider: function (column) { return column === 0 ? 118 : column === 1 ? 84 : 104 }
            rowHeightProvider: function (row) { return root.rowHeight }
            delegate: Rectangle {
                implicitHeight: root.rowHeight
                color: model.township === app.selectedTownship ? "#cfe0f7" : (row % 2 ? "#f7f8fa" : "#ffffff")
                Label {
                    anchors.fill: parent
                    anchors.leftMargin: 6
                    anchors.rightMargin: 6
                    text: model.display
                    elide: Text.ElideRight
                    font.pixelSize: 13
                    horizontalAlignment: model.numeric ? Text.AlignRight : Text.AlignLeft
                    verticalAlignment: Text.AlignVCenter
                }
                TapHandler {
                    onTapped: {
                        app.selectTownship(model.township)
                        root.townshipActivated(model.township)
                    }
                }
            }
        }
    }
}
