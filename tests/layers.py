#!/usr/bin/env python3
"""Fails when a core folder includes a folder above it, or a plugin includes more than the SDK.

The table below is the layering ARCHITECTURE.md describes: each core folder and the folders it
may include (besides itself and the plugin SDK). Usage: layers.py SOURCE_DIR
"""
import pathlib
import re
import sys

MAY_USE = {
    "base": [],
    "store": ["base"],
    "net": ["base", "store"],
    "host": ["base", "store", "net"],
    "identity": ["base", "store"],
    "social": ["base", "store", "host", "identity", "graph"],
    "ingest": ["base", "store", "net", "host", "identity", "social"],
    "graph": ["base", "store", "identity"],
    "reports": ["base", "store", "host", "identity", "graph", "social"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:bzpeer/)?([a-z_]+)/[^"]+"', re.M)


def folder_of(path, root):
    return path.relative_to(root).parts[0]


def main():
    source = pathlib.Path(sys.argv[1])
    problems = []
    for root in (source / "core/src", source / "core/include/bzpeer"):
        for path in sorted(root.rglob("*.[hc]pp")):
            layer = folder_of(path, root)
            if layer == "sdk":
                continue
            if layer not in MAY_USE:
                problems.append(f"{path}: folder '{layer}' is not in the layer table of tests/layers.py")
                continue
            for used in INCLUDE.findall(path.read_text()):
                if used not in (layer, "sdk") and used not in MAY_USE[layer]:
                    problems.append(f"{path}: {layer}/ includes {used}/, which it may not use")
    for path in sorted((source / "plugins").rglob("*.[hc]pp")):
        for used in INCLUDE.findall(path.read_text()):
            if used != "sdk" and (source / "core/include/bzpeer" / used).is_dir():
                problems.append(f"{path}: a plugin includes core's {used}/ (plugins see only the SDK)")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} upward includes" if problems else "every include points down")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
