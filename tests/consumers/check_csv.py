#!/usr/bin/env python3
"""Usage: check_csv.py NODES.csv EDGES.csv EXPECTED.json

Reads the graph-csv plugin's node and edge lists with Python's csv module and checks the
headers and every cell: text exactly as the document holds it, formulas defused with a leading
quote (plain numbers kept), numbers that read back as the same value."""
import csv
import sys

from expectations import Checks, inert, load


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def attribute_names(items, fixed):
    names = []
    for item in items:
        for name in item["attributes"]:
            if name not in names and name not in fixed:
                names.append(name)
    return names


def check_cell(checks, what, cell, value):
    if isinstance(value, bool):
        checks.equal(what, cell, "true" if value else "false")
    elif isinstance(value, (int, float)):
        checks.equal(what, float(cell), float(value))
    elif value is None:
        checks.equal(what, cell, "")
    else:
        checks.equal(what, cell, inert(value))


def main(nodes_path, edges_path, expected_path):
    want = load(expected_path)
    checks = Checks()
    labels = {n["id"]: n["label"] for n in want["nodes"]}

    fixed = ["id", "type", "label", "cluster"]
    names = attribute_names(want["nodes"], fixed)
    rows = read(nodes_path)
    checks.equal("nodes header", rows[0], fixed + names)
    checks.equal("node count", len(rows) - 1, len(want["nodes"]))
    for row, node in zip(rows[1:], want["nodes"]):
        for column, key in enumerate(fixed):
            check_cell(checks, f"{node['id']} {key}", row[column], node[key])
        for column, name in enumerate(names, start=len(fixed)):
            check_cell(checks, f"{node['id']} {name}", row[column], node["attributes"].get(name))

    fixed = ["source", "target", "type", "weight", "source_label", "target_label"]
    names = attribute_names(want["edges"], fixed)
    rows = read(edges_path)
    checks.equal("edges header", rows[0], fixed + names)
    checks.equal("edge count", len(rows) - 1, len(want["edges"]))
    for row, edge in zip(rows[1:], want["edges"]):
        what = f"{edge['source']}--{edge['target']}"
        expected = dict(edge, source_label=labels[edge["source"]], target_label=labels[edge["target"]])
        for column, key in enumerate(fixed):
            check_cell(checks, f"{what} {key}", row[column], expected[key])
        for column, name in enumerate(names, start=len(fixed)):
            check_cell(checks, f"{what} {name}", row[column], edge["attributes"].get(name))
    return checks.done(f"{len(read(nodes_path)) - 1} nodes, {len(rows) - 1} edges")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
