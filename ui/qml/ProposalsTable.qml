// The proposed sites in the order they add most, with each one's marginal
// gain; a row selects the site on the map.
import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Tuowei.Map 1.0

Pane {
    id: root
    padding: 0
    signal proposalActivated(int proposal)
    readonly property var columns: [
        { "key": "rank", "title": qsTr("Rank"), "width": 50, "right": true },
        { "key": "name", "title": qsTr("Site"), "width": 120, "right": false },
        { "key": "type", "title": qsTr("Type"), "width": 100, "right": false },
        { "key": "township", "title": qsTr("Township"), "width": 110, "right": false },
        { "key": "places", "title": qsTr("Places"), "width": 70, "right": true },
        { "key": "newlyCovered", "title": qsTr("Newly covered"), "width": 100, "right": true },
        { "key": "gain", "title": qsTr("Marginal gain"), "width": 110, "right": true },
        { "key": "objectiveAfter", "title": qsTr("Cumulative"), "width": 100, "right": true },
        { "key": "alternative", "title": qsTr("Alternative within 500 m"), "width": 150, "right": false },
        { "key": "gcj", "title": qsTr("Longitude, latitude (GCJ-02)"), "width": 200, "right": false },
        { "key": "status", "title": qsTr("What-if"), "width": 90, "right": false }
    ]

    background: Rectangle { color: "#ffffff" }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            Row {
                Layout.fillWidth: true
                Repeater {
                    model: root.columns
                    delegate: Rectangle {
                        width: modelData.width
                        height: 32
                        color: "#eef0f3"
                        border.color: "#d0d4da"
                        Label {
                            anchors.fill: parent
                            anchors.margins: 4
                            text: modelData.title
                            font.pixelSize: 12
                            font.bold: true
                            elide: Text.ElideRight
                            horizontalAlignment: modelData.right ? Text.AlignRight : Text.AlignLeft
                            verticalAlignment: Text.AlignVCenter
                        }
                    }
                }
            }
            ListView {
                id: list
                objectName: "proposalsList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: app.proposals
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    readonly property var site: modelData
                    width: list.width
                    height: 26
                    color: site.index === app.selectedProposal ? "#cfe0f7" : (index % 2 ? "#f7f8fa" : "#ffffff")
                    Row {
                        Repeater {
                            model: root.columns
                            delegate: Label {
                                width: modelData.width
                                height: 26
                                leftPadding: 6
                                rightPadding: 6
                                text: site[modelData.key]
                                font.pixelSize: 13
                                elide: Text.ElideRight
                                horizontalAlignment: modelData.right ? Text.AlignRight : Text.AlignLeft
                                verticalAlignment: Text.AlignVCenter
                            }
                        }
                    }
                    TapHandler {
                        onTapped: {
                            app.selectProposal(site.index)
                            root.proposalActivated(site.index)
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    visible: list.count === 0
                    color: "#777777"
                    text: app.proposing ? qsTr("Proposing sites…")
                                        : qsTr("No proposals yet: choose the number of sites and an objective on the left, then Propose.")
                }
            }
        }

        // The solver's summary and planner's paragraph for reports.
        Rectangle {
            Layout.preferredWidth: 330
            Layout.fillHeight: true
            visible: app.hasProposals
            color: "#fafafa"
            border.color: "#e0e0e0"
            ScrollView {
                id: summaryScroll
                anchors.fill: parent
                anchors.margins: 8
                contentWidth: availableWidth
                clip: true
                TextEdit {
                    objectName: "proposalSummary"
                    width: summaryScroll.availableWidth
                    readOnly: true
                    selectByMouse: true
                    wrapMode: Text.WordWrap
                    text: app.proposalSummary
                    font.pixelSize: 13
                }
            }
        }
    }
}
