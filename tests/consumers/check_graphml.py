#!/usr/bin/env python3
"""Usage: check_graphml.py GRAPH.graphml EXPECTED.json

Reads the graphml plugin's output with networkx.read_graphml and checks node and edge counts,
every node's type, label and cluster, every attribute with its Python type (int, float, bool,
str, as the GraphML keys declared them), edge types and weights, and the graph's own data."""
import sys

import networkx

from expectations import Checks, load


def main(graphml_path, expected_path):
    want = load(expected_path)
    graph = networkx.read_graphml(graphml_path)
    checks = Checks()
    checks.equal("graph type", type(graph).__name__, "Graph")
    checks.equal("node count", graph.number_of_nodes(), len(want["nodes"]))
    checks.equal("edge count", graph.number_of_edges(), len(want["edges"]))
    checks.equal("title", graph.graph.get("title"), want["title"])
    # Nothing left out: no omitted data at all.
    checks.equal("omitted", graph.graph.get("omitted"), "\n".join(want["omitted"]) or None)
    for node in want["nodes"]:
        if node["id"] not in graph:
            checks.failures.append(f"node {node['id']!r} missing")
            continue
        got = graph.nodes[node["id"]]
        checks.equal(f"{node['id']} type", got.get("type"), node["type"])
        checks.equal(f"{node['id']} label", got.get("label"), node["label"])
        checks.equal(f"{node['id']} cluster", got.get("cluster"), node["cluster"] or None)
        for name, value in node["attributes"].items():
            checks.equal(f"{node['id']} {name}", got.get(name), value)
    for edge in want["edges"]:
        if not graph.has_edge(edge["source"], edge["target"]):
            checks.failures.append(f"edge {edge['source']} -- {edge['target']} missing")
            continue
        got = graph.edges[edge["source"], edge["target"]]
        checks.equal(f"{edge['source']}--{edge['target']} type", got.get("type"), edge["type"])
        checks.equal(f"{edge['source']}--{edge['target']} weight", got.get("weight"), float(edge["weight"]))
        for name, value in edge["attributes"].items():
            checks.equal(f"{edge['source']}--{edge['target']} {name}", got.get(name), value)
    return checks.done(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
