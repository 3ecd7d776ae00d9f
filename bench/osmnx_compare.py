#!/usr/bin/python3
"""The same bounded walking searches in OSMnx + networkx, for bench/README.md.

    osmium cat demo-data/streets.osm.pbf -o /tmp/streets.osm
    TUOWEI_BENCH_SOURCES=/tmp/sources.csv build/bench/bench_network --demo demo-data
    /usr/bin/python3 bench/osmnx_compare.py /tmp/streets.osm /tmp/sources.csv

Debian 12: python3-osmnx, python3-networkx, osmium-tool. The graph is read
from the same extract (OSMnx's walk rules need its own download filters, so
every way of the file is kept, as tuowei's tag rules keep almost all of the
demo's), projected to UTM 49N, and each source (the most populated cells
bench_network searches from) is moved to its nearest graph node; then, per
radius, networkx's single_source_dijkstra_path_length with that cutoff (what
an OSMnx isochrone, ego_graph with distance, runs) from each source. The
times printed are the searches only, as bench_network's are.
"""
import sys
import time

import networkx as nx
import osmnx as ox


def main() -> None:
    osm, sources_csv = sys.argv[1], sys.argv[2]
    t = time.perf_counter()
    graph = ox.graph_from_xml(osm, simplify=True, retain_all=True)
    graph = ox.project_graph(graph, to_crs="EPSG:32649")
    undirected = ox.get_undirected(graph)
    print(f"graph: {undirected.number_of_nodes()} nodes, {undirected.number_of_edges()} edges, "
          f"read and projected in {time.perf_counter() - t:.1f} s")
    points = [tuple(map(float, line.split(","))) for line in open(sources_csv) if line.strip()]
    xs, ys = zip(*points)
    gdf = ox.projection.project_geometry
    import shapely.geometry as sg
    projected = [gdf(sg.Point(x, y), crs="EPSG:4326", to_crs="EPSG:32649")[0] for x, y in zip(xs, ys)]
    nodes = ox.distance.nearest_nodes(undirected, [p.x for p in projected], [p.y for p in projected])
    for radius in (300.0, 1000.0):
        t = time.perf_counter()
        reached = 0
        for node in nodes:
            reached += len(nx.single_source_dijkstra_path_length(undirected, node, cutoff=radius, weight="length"))
        seconds = time.perf_counter() - t
        print(f"{radius:5.0f} m: {len(nodes)} searches in {seconds:.3f} s "
              f"({1000 * seconds / len(nodes):.2f} ms a search), {reached} nodes reached")


if __name__ == "__main__":
    main()
