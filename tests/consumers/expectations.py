"""Shared by the consumer checkers: the expected graph (JSON written by consumers_test.cpp) and
the rule a spreadsheet-safe cell follows (sdk/delimited.hpp), restated here independently."""
import json
import re

PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def inert(text):
    """A cell a spreadsheet would run as a formula gets a leading quote; numbers stay."""
    if text and text[0] in "=+-@\t\r" and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class Checks:
    """Collects failed comparisons so that one run reports all of them."""

    def __init__(self):
        self.failures = []

    def equal(self, what, got, want):
        if got != want or type(got) is not type(want):
            self.failures.append(f"{what}: got {got!r} ({type(got).__name__}), want {want!r} ({type(want).__name__})")

    def done(self, summary):
        for failure in self.failures:
            print("FAIL", failure)
        print(summary)
        return 1 if self.failures else 0
