// The population's year, then layers and legend: each layer's switch, the
// choropleth's indicator and class breaks, the facility symbols.
import QtQuick 2.15
import QtQuick.Controls 2.15
import QtQuick.Layouts 1.15
import Tuowei.Map 1.0

Pane {
    id: root
    property var mapView
    padding: 12

    background: Rectangle { color: "#fafafa" }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: parent.width
            spacing: 6

            // The year whose population the indicators, deserts and
            // proposals use: the data's own, or projected up to lastYear.
            ColumnLayout {
                visible: app.baseYear > 0 && app.lastYear > app.baseYear
                Layout.fillWidth: true
                spacing: 2
                Label {
                    text: qsTr("Population year")
                    font.pixelSize: 17
                    font.bold: true
                }
                RowLayout {
                    Layout.fillWidth: true
                    Slider {
                        id: yearSlider
                        objectName: "yearSlider"
                        Layout.fillWidth: true
                        from: app.baseYear
                        to: Math.max(app.lastYear, app.baseYear + 1)
                        stepSize: 1
                        snapMode: Slider.SnapAlways
                        value: app.year
                        enabled: app.state === MapController.Ready && !app.busy
                        // On release (or a key press): one analysis per chosen year.
                        onPressedChanged: if (!pressed && Math.round(value) !== app.year) app.setYear(Math.round(value))
                        onMoved: if (!pressed) app.setYear(Math.round(value))
                        Connections {
                            target: app
                            function onProjectChanged() { yearSlider.value = app.year }
                        }
                    }
                    Label {
                        objectName: "yearLabel"
                        text: yearSlider.pressed ? Math.round(yearSlider.value) : app.year
                        font.pixelSize: 15
                        font.bold: true
                    }
                }
                Label {
                    text: app.yearText
                    color: "#555555"
                    font.pixelSize: 12
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                }
                Item { height: 8 }
            }

            Label {
                text: qsTr("Layers")
                font.pixelSize: 17
                font.bold: true
            }

            // Townships: the choropleth.
            CheckBox {
                id: townshipsBox
                objectName: "townshipsLayer"
                text: qsTr("Townships")
                checked: true
                onToggled: mapView.showTownships = checked
                leftPadding: 0
            }
            Label {
                text: qsTr("Colour by")
                color: "#555555"
                font.pixelSize: 12
            }
            ComboBox {
                id: indicatorBox
                objectName: "indicatorBox"
                Layout.fillWidth: true
                model: app.indicators
                textRole: "label"
                valueRole: "name"
                enabled: app.state === MapController.Ready
                Component.onCompleted: currentIndex = indexOfValue(app.indicator)
                onActivated: app.indicator = currentValue
                Connections {
                    target: app
                    function onIndicatorChanged() { indicatorBox.currentIndex = indicatorBox.indexOfValue(app.indicator) }
                    function onIndicatorsChanged() { indicatorBox.currentIndex = indicatorBox.indexOfValue(app.indicator) }
                }
            }
            Label {
                text: qsTr("Quantiles, %n class(es)", "", app.legend.length)
                visible: app.legend.length > 0
                color: "#555555"
                font.pixelSize: 12
            }
            Repeater {
                model: app.legend
                delegate: RowLayout {
                    spacing: 8
                    Layout.fillWidth: true
                    Rectangle {
                        width: 26; height: 16
                        color: modelData.color
                        border.color: "#8c8c8c"
                    }
                    Label {
                        text: modelData.label
                        Layout.fillWidth: true
                        font.pixelSize: 13
                    }
                    Label {
                        text: modelData.count
                        color: "#777777"
                        font.pixelSize: 12
                    }
                }
            }

            MenuSeparator { Layout.fillWidth: true }

            CheckBox {
                objectName: "facilitiesLayer"
                text: qsTr("Facilities (%1)").arg(app.facilityCount)
                checked: true
                onToggled: mapView.showFacilities = checked
                leftPadding: 0
            }
            Repeater {
                model: app.facilityLegend
                delegate: RowLayout {
                    spacing: 8
                    Item {
                        width: 44; height: 18
                        Rectangle {
                            x: 2; y: 2
                            width: 14; height: 14; radius: 7
                            color: modelData.color
                            border.color: "white"
                        }
                        Rectangle {
                            x: 24; y: 2
                            width: 14; height: 14; radius: 7
                            color: "white"
                            border.color: modelData.color
                            border.width: 3
                        }
                    }
                    Label {
                        text: modelData.label
                        font.pixelSize: 13
                    }
                }
            }
            Label {
                visible: app.facilityLegend.length > 0
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Filled: inclusive (普惠); ring: not inclusive. Size grows with places.")
                color: "#555555"
                font.pixelSize: 12
            }

            MenuSeparator { Layout.fillWidth: true; visible: app.hasAccess }

            CheckBox {
                objectName: "catchmentsLayer"
                visible: app.hasAccess
                text: qsTr("Catchments (%1)").arg(app.catchmentShapes.count)
                checked: mapView.showCatchments
                onToggled: mapView.showCatchments = checked
                leftPadding: 0
            }
            CheckBox {
                objectName: "desertsLayer"
                visible: app.hasAccess
                text: qsTr("Service deserts (%1)").arg(app.desertShapes.count)
                checked: mapView.showDeserts
                onToggled: mapView.showDeserts = checked
                leftPadding: 0
            }
            RowLayout {
                visible: app.hasAccess
                spacing: 8
                Rectangle { width: 26; height: 16; color: "#1f54278f"; border.color: "#54278f" }
                Label { text: qsTr("catchment"); font.pixelSize: 13 }
                Rectangle { width: 26; height: 16; color: "#55d7301f"; border.color: "#b30000" }
                Label { text: qsTr("desert"); font.pixelSize: 13 }
            }

            MenuSeparator { Layout.fillWidth: true; visible: app.canEdit }

            // What-if: add a facility where the planner clicks; move or
            // remove one from the details panel.
            Label {
                visible: app.canEdit
                text: qsTr("What if")
                font.pixelSize: 17
                font.bold: true
            }
            GridLayout {
                visible: app.canEdit
                columns: 2
                columnSpacing: 8
                rowSpacing: 4
                Layout.fillWidth: true
                enabled: app.state === MapController.Ready && !app.busy
                Label { text: qsTr("Places"); font.pixelSize: 13 }
                SpinBox {
                    objectName: "newPlaces"
                    from: 1
                    to: 1000
                    editable: true
                    value: mapView.newPlaces
                    onValueModified: mapView.newPlaces = value
                    Layout.fillWidth: true
                }
                CheckBox {
                    Layout.columnSpan: 2
                    text: qsTr("Inclusive (普惠)")
                    checked: mapView.newInclusive
                    onToggled: mapView.newInclusive = checked
                    leftPadding: 0
                }
                Button {
                    objectName: "addFacility"
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    text: qsTr("Add a facility on the map…")
                    highlighted: mapView.editMode === "add"
                    onClicked: {
                        mapView.newType = app.defaultFacilityType()
                        mapView.startAdding()
                    }
                }
            }
            Label {
                visible: app.canEdit && app.edits > 0
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 12
                color: "#555555"
                text: qsTr("%n edit(s). Last: %1", "", app.edits).arg(app.lastEdit)
                      + "\n" + qsTr("Catchments and deserts are drawn as loaded.")
            }
            Button {
                visible: app.canEdit && app.edits > 0
                Layout.fillWidth: true
                text: qsTr("Discard edits (reopen)")
                onClicked: app.open(app.projectFile)
            }

            MenuSeparator { Layout.fillWidth: true }

            // Site proposals: where new facilities would help most.
            Label {
                text: qsTr("Propose sites")
                font.pixelSize: 17
                font.bold: true
            }
            GridLayout {
                columns: 2
                columnSpacing: 8
                rowSpacing: 4
                Layout.fillWidth: true
                enabled: app.state === MapController.Ready && !app.busy
                Label { text: qsTr("Sites"); font.pixelSize: 13 }
                SpinBox {
                    id: sitesBox
                    objectName: "proposalSites"
                    from: 1
                    to: 500
                    editable: true
                    value: app.proposalDefaults.sites
                    enabled: objectiveBox.currentValue !== "setcover"
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Radius (m)"); font.pixelSize: 13 }
                SpinBox {
                    id: radiusBox
                    objectName: "proposalRadius"
                    from: 50
                    to: 20000
                    stepSize: 50
                    editable: true
                    value: app.proposalDefaults.radius
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Objective"); font.pixelSize: 13 }
                Item { width: 1; height: 1 }
                ComboBox {
                    id: objectiveBox
                    objectName: "proposalObjective"
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    model: app.objectives
                    textRole: "label"
                    valueRole: "name"
                    Component.onCompleted: currentIndex = Math.max(0, indexOfValue(app.proposalDefaults.objective))
                    Connections {
                        target: app
                        function onProjectChanged() {
                            objectiveBox.currentIndex = Math.max(0, objectiveBox.indexOfValue(app.proposalDefaults.objective))
                        }
                    }
                }
                Button {
                    objectName: "proposeButton"
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    text: app.proposing ? qsTr("Proposing…") : qsTr("Propose")
                    onClicked: app.proposeSites(sitesBox.value, objectiveBox.currentValue, radiusBox.value)
                }
            }
            RowLayout {
                visible: app.hasProposals
                spacing: 8
                CheckBox {
                    objectName: "proposalsLayer"
                    text: qsTr("Proposed sites (%1)").arg(app.proposals.length)
                    checked: mapView.showProposals
                    onToggled: mapView.showProposals = checked
                    leftPadding: 0
                }
                Rectangle {
                    width: 14; height: 14
                    rotation: 45
                    color: "#e6194b"
                    border.color: "white"
                }
            }
            Switch {
                objectName: "showAfter"
                visible: app.hasProposals
                Layout.fillWidth: true
                text: qsTr("Indicators with the proposed sites")
                checked: app.showAfter
                onToggled: app.showAfter = checked
                leftPadding: 0
            }

            MenuSeparator { Layout.fillWidth: true }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: "#777777"
                font.pixelSize: 12
                text: app.tileHost === "" ? qsTr("Basemap: none (offline)") : qsTr("Basemap: %1").arg(app.tileHost)
            }
        }
    }
}
