#!/usr/bin/env python3
"""Usage: expected_from_json.py GRAPH.json TITLE OUT.json

Turns `bzpeer graph --format json` into the expectations the checkers read (expectations.py):
the same graph, so that what Graphviz or networkx read back from the dot or graphml output of
the same command must equal what the JSON says, node for node."""
import json
import sys

graph = json.load(open(sys.argv[1], encoding="utf-8"))
for node in graph["nodes"]:
    node["cluster"] = node["cluster"] or ""
graph["title"] = sys.argv[2]
json.dump(graph, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False)
