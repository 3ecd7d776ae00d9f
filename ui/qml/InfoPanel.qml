// The selected township's or facility's indicators.
import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Tuowei.Map 1.0

Pane {
    id: root
    padding: 12
    background: Rectangle { color: "#ffffff" }

    // Every line of the panel as text (for tests and copying).
    function text() {
        var lines = [app.infoTitle, app.infoSubtitle]
        for (var i = 0; i < app.infoRows.length; ++i)
            lines.push(app.infoRows[i].label + ": " + app.infoRows[i].value)
        return lines.join("\n")
    }

    property var mapView

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        Label {
            objectName: "infoTitle"
            Layout.fillWidth: true
            text: app.infoTitle !== "" ? app.infoTitle : qsTr("Details")
            font.pixelSize: 19
            font.bold: true
            elide: Text.ElideRight
        }
        Label {
            Layout.fillWidth: true
            text: app.infoSubtitle
            visible: text !== ""
            color: "#666666"
            font.pixelSize: 13
        }
        Label {
            Layout.fillWidth: true
            visible: app.infoRows.length === 0
            wrapMode: Text.WordWrap
            color: "#777777"
            text: app.state === MapController.Ready
                  ? qsTr("Click a township or a facility on the map, or a row of the table, to see its indicators.")
                  : ""
        }
        // What-if edits of the selected facility or proposed site.
        RowLayout {
            visible: app.canEdit && (app.selectedFacility >= 0 || app.selectedProposal >= 0)
            spacing: 6
            Button {
                objectName: "moveFacility"
                visible: app.selectedFacility >= 0
                text: qsTr("Move…")
                onClicked: root.mapView.startMoving(app.selectedFacility)
            }
            Button {
                objectName: "removeFacility"
                visible: app.selectedFacility >= 0
                text: qsTr("Remove")
                onClicked: app.removeFacility(app.selectedFacility)
            }
            Button {
                objectName: "acceptProposal"
                visible: app.selectedProposal >= 0
                enabled: !app.proposalAccepted(app.selectedProposal) && app.edits >= 0
                text: app.proposalAccepted(app.selectedProposal) ? qsTr("Built (what-if)") : qsTr("Build this site (what-if)")
                onClicked: app.acceptProposal(app.selectedProposal)
            }
        }
        ListView {
            id: rows
            objectName: "infoRows"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: app.infoRows
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            delegate: Rectangle {
                width: rows.width
                height: Math.max(labelText.implicitHeight, valueText.implicitHeight) + 8
                color: modelData.highlight ? "#e8f0fb" : (index % 2 ? "#f7f7f7" : "#ffffff")
                Label {
                    id: labelText
                    anchors.left: parent.left
                    anchors.leftMargin: 6
                    anchors.right: valueText.left
                    anchors.rightMargin: 8
                    anchors.verticalCenter: parent.verticalCenter
                    text: modelData.label
                    wrapMode: Text.WordWrap
                    font.pixelSize: 13
                    color: "#333333"
                }
                Label {
                    id: valueText
                    anchors.right: parent.right
                    anchors.rightMargin: 6
                    anchors.verticalCenter: parent.verticalCenter
                    // With proposed sites: the loaded value, then the new one.
                    text: modelData.before !== "" ? "<font color='#888888'>" + modelData.before + " →</font> " + modelData.value
                                                  : modelData.value
                    textFormat: modelData.before !== "" ? Text.StyledText : Text.PlainText
                    font.pixelSize: 13
                    font.bold: modelData.highlight
                    horizontalAlignment: Text.AlignRight
                }
            }
        }
    }
}
