#!/usr/bin/env python3
"""Usage: check_bibtex.py BIBTOOL WORKS.bib EXPECTED.json

Has bibtool read the bibtex plugin's output and write it back, then checks that bibtool said
nothing (it reports unbalanced braces, missing commas and the like on stderr, but exits 0
either way), that the citation keys are the expected ones, and that every entry comes back
with the same type and the same fields holding the same values as were written: a field that
bibtool split differently (an escape read as a delimiter) would differ."""
import re
import subprocess
import sys

from expectations import Checks, load

HEAD = re.compile(r"^@(\w+)\{\s*([^,\s]+),\s*$")
FIELD = re.compile(r"^\s*([A-Za-z]+)\s*=\s*\{(.*)\},?\s*$")


def entries(text):
    """[(type, key, {field: value})] of a .bib file written one field a line."""
    out = []
    for line in text.splitlines():
        if m := HEAD.match(line):
            out.append((m.group(1).lower(), m.group(2), {}))
        elif (m := FIELD.match(line)) and out:
            out[-1][2][m.group(1).lower()] = m.group(2)
    return out


def main(bibtool, bib_path, expected_path):
    want = load(expected_path)
    checks = Checks()
    with open(bib_path, encoding="utf-8") as f:
        written = entries(f.read())
    # Without a line length limit bibtool keeps each field on one line, as the plugin does.
    run = subprocess.run([bibtool, "-i", bib_path, "--", "print.line.length=100000"],
                         capture_output=True, text=True, encoding="utf-8")
    checks.equal("bibtool exit code", run.returncode, 0)
    checks.equal("bibtool messages", run.stderr.strip(), "")
    read = entries(run.stdout)
    checks.equal("keys written", [key for _, key, _ in written], want["keys"])
    checks.equal("keys bibtool read", [key for _, key, _ in read], want["keys"])
    for (type_w, key, fields_w), (type_r, _, fields_r) in zip(written, read):
        checks.equal(f"{key} type", type_r, type_w)
        checks.equal(f"{key} fields", fields_r, fields_w)
    return checks.done(f"{len(read)} entries")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
