#!/usr/bin/env python3
"""Reads a CSV (or, with --tsv, a TSV) file with python's csv module and prints its rows as a
JSON list of objects keyed by the header: what a spreadsheet script sees of bzpeer's output."""
import csv
import json
import sys

args = sys.argv[1:]
dialect = "excel-tab" if args and args[0] == "--tsv" else "excel"
path = args[-1]
with open(path, newline="", encoding="utf-8") as f:
    print(json.dumps(list(csv.DictReader(f, dialect=dialect))))
