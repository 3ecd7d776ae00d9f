// The map: township choropleth, deserts, catchments and the selection as
// Qt Location map items, facility symbols as one scene-graph layer on top.
// Offline ("itemsoverlay") unless the project names a tile server.
import QtQuick 2.15
import QtQuick.Controls 2.15
import QtLocation 5.15
import QtPositioning 5.15
import Tuowei.Map 1.0

Item {
    id: root

    property bool showTownships: true
    property bool showFacilities: true
    property bool showCatchments: false
    property bool showDeserts: false
    property bool showProposals: true
    // What-if: "add" places a new facility at the next click, "move" moves
    // movingFacility there; "" is normal selection.
    property string editMode: ""
    property int movingFacility: -1
    property int newPlaces: 80
    property bool newInclusive: true
    property string newType: ""

    function startAdding() { editMode = "add" }
    function startMoving(facility) { movingFacility = facility; editMode = "move" }
    function cancelEdit() { editMode = ""; movingFacility = -1 }
    readonly property var map: mapLoader.item

    // Frames the study area (after loading, and on request).
    function fitStudyArea() {
        if (map && app.bounds.isValid && map.width > 0)
            map.fitViewportToGeoShape(app.bounds, 24)
    }

    // Brings a township into view (from the ranking table).
    function focusTownship(township) {
        if (!map || township < 0)
            return
        var box = app.townshipBounds(township)
        if (!box.isValid)
            return
        var view = map.visibleRegion.boundingGeoRectangle()
        if (!view.contains(box.topLeft) || !view.contains(box.bottomRight)) {
            if (box.width > view.width * 0.8 || box.height > view.height * 0.8)
                map.fitViewportToGeoShape(box, 60)
            else {
                panAnimation.to = box.center
                panAnimation.restart()
            }
        }
    }

    // Brings a proposed site into view (from the proposals table).
    function focusProposal(proposal) {
        var at = app.proposalCoordinate(proposal)
        if (!map || !at.isValid)
            return
        if (!map.visibleRegion.boundingGeoRectangle().contains(at)) {
            panAnimation.to = at
            panAnimation.restart()
        }
    }

    // What is under a point of this item: a proposed site, else a facility,
    // else a township.
    function pick(x, y) {
        var hit = { "proposal": -1, "facility": -1, "township": -1 }
        if (!map)
            return hit
        if (map.proposalLayer.visible)
            hit.proposal = map.proposalLayer.featureAt(x, y)
        if (hit.proposal < 0 && map.symbolLayer.visible)
            hit.facility = map.symbolLayer.featureAt(x, y)
        if (hit.proposal < 0 && hit.facility < 0 && showTownships)
            hit.township = app.townshipAt(map.toCoordinate(Qt.point(x, y), false))
        return hit
    }

    CoordinateAnimation {
        id: panAnimation
        target: root.map
        property: "center"
        duration: 300
        easing.type: Easing.InOutQuad
    }

    Loader {
        id: mapLoader
        anchors.fill: parent
        property string host: app.tileHost
        sourceComponent: mapComponent
        // The plugin is fixed when a Map is made: a project with another
        // tile server gets a new map.
        onHostChanged: {
            active = false
            active = true
        }
        onLoaded: root.fitStudyArea()
    }

    Connections {
        target: app
        function onLoaded() { root.fitStudyArea() }
    }

    Component {
        id: mapComponent

        Map {
            id: geoMap
            objectName: "map"
            property alias symbolLayer: symbols
            property alias proposalLayer: proposalSymbols
            readonly property string tileHost: mapLoader.host

            // Set once, not bound: a Map's plugin is write-once, and
            // QQmlEngine::retranslate() (switching languages) re-evaluates
            // every binding. Plugin names must be literals: a Plugin whose
            // name is a binding never attaches.
            Component.onCompleted: {
                plugin = tileHost === "" ? overlayPlugin : osmPlugin
                center = QtPositioning.coordinate(22.82, 108.37)
            }
            Plugin {
                id: overlayPlugin
                name: "itemsoverlay"
            }
            Plugin {
                id: osmPlugin
                name: "osm"
                PluginParameter { name: "osm.mapping.custom.host"; value: geoMap.tileHost }
                PluginParameter { name: "osm.mapping.providersrepository.disabled"; value: true }
                PluginParameter { name: "osm.useragent"; value: "tuowei-map" }
            }
            color: "#eef1f4"
            copyrightsVisible: tileHost !== ""
            zoomLevel: 8
            minimumZoomLevel: 3
            maximumZoomLevel: 18

            onSupportedMapTypesChanged: {
                for (var i = 0; i < supportedMapTypes.length; ++i) {
                    if (supportedMapTypes[i].style === MapType.CustomMap)
                        activeMapType = supportedMapTypes[i]
                }
            }
            onMapReadyChanged: if (mapReady) root.fitStudyArea()

            // Townships, deserts, catchments and the selection: one
            // scene-graph layer each (MapPolygon items are far too slow at
            // 1,500 townships).
            PolygonLayer {
                objectName: "townshipLayer"
                anchors.fill: parent
                z: 1
                map: geoMap
                shapes: app.townshipShapes
                outlineColor: "#8c8c8c"
                visible: root.showTownships
            }
            PolygonLayer {
                objectName: "desertLayer"
                anchors.fill: parent
                z: 2
                map: geoMap
                shapes: app.desertShapes
                fillColor: "#55d7301f"
                outlineColor: "#b30000"
                visible: root.showDeserts
            }
            PolygonLayer {
                objectName: "catchmentLayer"
                anchors.fill: parent
                z: 3
                map: geoMap
                shapes: app.catchmentShapes
                fillColor: "#1f54278f"
                outlineColor: "#b354278f"
                visible: root.showCatchments
            }
            PolygonLayer {
                objectName: "selectionLayer"
                anchors.fill: parent
                z: 4
                map: geoMap
                shapes: app.selectionShapes
                filled: false
                outlineColor: "#111111"
                outlineWidth: 3
            }

            PointSymbolLayer {
                id: symbols
                objectName: "facilityLayer"
                anchors.fill: parent
                z: 10
                map: geoMap
                symbols: app.facilitySymbols
                selectedFeature: app.selectedFacility
                visible: root.showFacilities
            }

            PointSymbolLayer {
                id: proposalSymbols
                objectName: "proposalLayer"
                anchors.fill: parent
                z: 11
                map: geoMap
                symbols: app.proposalSymbols
                selectedFeature: app.selectedProposal
                visible: root.showProposals
            }

            TapHandler {
                onTapped: {
                    if (root.editMode !== "") {
                        var at = geoMap.toCoordinate(eventPoint.position, false)
                        if (root.editMode === "add")
                            app.addFacility(at, root.newPlaces, root.newInclusive, root.newType, "")
                        else
                            app.moveFacility(root.movingFacility, at)
                        root.cancelEdit()
                        return
                    }
                    var hit = root.pick(eventPoint.position.x, eventPoint.position.y)
                    if (hit.proposal >= 0)
                        app.selectProposal(hit.proposal)
                    else if (hit.facility >= 0)
                        app.selectFacility(hit.facility)
                    else if (hit.township >= 0)
                        app.selectTownship(hit.township)
                    else
                        app.clearSelection()
                }
            }
            HoverHandler {
                id: hover
                cursorShape: root.editMode !== "" ? Qt.CrossCursor : Qt.ArrowCursor
                onPointChanged: hoverTimer.restart()
                onHoveredChanged: if (!hovered) tip.text = ""
            }
            Timer {
                // Picks at most every 30 ms while the mouse moves.
                id: hoverTimer
                interval: 30
                onTriggered: {
                    if (!hover.hovered) { tip.text = ""; return }
                    var p = hover.point.position
                    var hit = root.pick(p.x, p.y)
                    tip.text = app.hoverText(hit.township, hit.facility, hit.proposal)
                    tip.x = Math.min(p.x + 14, geoMap.width - tip.width - 4)
                    tip.y = Math.min(p.y + 14, geoMap.height - tip.height - 4)
                }
            }
            Rectangle {
                id: tipBox
                z: 20
                visible: tip.text !== ""
                x: tip.x - 6
                y: tip.y - 4
                width: tip.width + 12
                height: tip.height + 8
                radius: 3
                color: "#f2ffffff"
                border.color: "#999999"
            }
            Label {
                id: tip
                z: 21
                visible: text !== ""
                font.pixelSize: 13
            }
        }
    }

    // What-if: what the next click does.
    Rectangle {
        z: 30
        visible: root.editMode !== ""
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.topMargin: 10
        width: editRow.implicitWidth + 24
        height: editRow.implicitHeight + 12
        radius: 4
        color: "#fff8e1"
        border.color: "#e0a800"
        Row {
            id: editRow
            anchors.centerIn: parent
            spacing: 12
            Label {
                anchors.verticalCenter: parent.verticalCenter
                text: root.editMode === "add" ? qsTr("Click on the map where the new facility goes")
                                              : qsTr("Click on the map where the facility moves to")
            }
            Button {
                text: qsTr("Cancel")
                onClicked: root.cancelEdit()
            }
        }
    }
    Shortcut {
        sequence: "Esc"
        enabled: root.editMode !== ""
        onActivated: root.cancelEdit()
    }

    Column {
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 10
        spacing: 4
        z: 30
        visible: root.map !== null && app.state === MapController.Ready
        RoundButton {
            text: "+"
            width: 34; height: 34
            onClicked: root.map.zoomLevel = Math.min(root.map.maximumZoomLevel, root.map.zoomLevel + 1)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Zoom in")
        }
        RoundButton {
            text: "−"
            width: 34; height: 34
            onClicked: root.map.zoomLevel = Math.max(root.map.minimumZoomLevel, root.map.zoomLevel - 1)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Zoom out")
        }
        RoundButton {
            text: "⌂"
            width: 34; height: 34
            onClicked: root.fitStudyArea()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Show the whole study area")
        }
    }
}
