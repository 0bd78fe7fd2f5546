#!/usr/bin/env python3
"""Usage: check_svg.py GRAPH.svg EXPECTED.json

Reads the SVG Graphviz drew from the dot plugin's output and checks that every node is drawn
once, titled with its id and showing its label line by line, that every edge and cluster is
drawn, and that the graph's caption holds the title and what was left out."""
import sys
import xml.etree.ElementTree as ET

from expectations import Checks, load

SVG = "{http://www.w3.org/2000/svg}"


def groups(root, cls):
    return [g for g in root.iter(SVG + "g") if g.get("class") == cls]


def texts(group):
    return [t.text or "" for t in group.iter(SVG + "text")]


def main(svg_path, expected_path):
    want = load(expected_path)
    root = ET.parse(svg_path).getroot()
    checks = Checks()
    nodes = {g.find(SVG + "title").text: g for g in groups(root, "node")}
    checks.equal("node count", len(groups(root, "node")), len(want["nodes"]))
    for node in want["nodes"]:
        drawn = nodes.get(node["id"])
        if drawn is None:
            checks.failures.append(f"node {node['id']!r} not drawn")
            continue
        checks.equal(f"label of {node['id']}", texts(drawn), node["label"].split("\n"))
    checks.equal("edge count", len(groups(root, "edge")), len(want["edges"]))
    clusters = {g.find(SVG + "title").text: texts(g) for g in groups(root, "cluster")}
    for cluster in want["clusters"]:
        checks.equal(f"cluster {cluster['id']}", clusters.get("cluster_" + cluster["id"]), [cluster["label"]])
    graph = groups(root, "graph")[0]
    caption = [t.text or "" for t in graph.findall(SVG + "text")]
    checks.equal("caption", caption, [want["title"]] + want["omitted"])
    return checks.done(f"{len(nodes)} nodes, {len(groups(root, 'edge'))} edges, {len(clusters)} cluster")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
