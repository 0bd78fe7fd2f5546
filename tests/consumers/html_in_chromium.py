#!/usr/bin/env python3
"""Headless Chromium as a consumer of `--format html`.

1. bzpeer_html_sample writes a profile page with hostile names; the page must reference
   nothing outside itself.
2. Chromium, with every host name resolving to nothing, loads it from the file:
   --dump-dom gives the DOM after parsing, and the values read back must be the ones written
   (title, name, work rows, the graph's node labels, the hostile name as text, not markup);
   --screenshot must give a PNG of the window's size.
3. The real binary renders a profile imported from the bundled arXiv sample through the
   plugin module; that page must be self-contained too.
"""
import argparse
import html.parser
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys

PERSON = "Zoë <script>alert('pwned')</script> 山田太郎"
COAUTHOR = "O'Brien & \"Sons\""
CJK_COAUTHOR = "李雷"
WORK_ROWS = 5
WINDOW = (1200, 1600)
ALLOWED_LINKS = ("https://doi.org/", "https://arxiv.org/abs/")
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


class Page(html.parser.HTMLParser):
    """What the tests read from a page: tags, text of some elements, links and resources."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.tags = []            # (tag, attributes) in document order
        self.title = ""
        self.h1 = ""
        self.svg_texts = {}       # svg class -> text of its <text> elements
        self.work_rows = 0
        self.external = []        # resources a browser would fetch
        self.feed(text)
        self.close()

    def inside(self, tag, **attrs):
        return any(t == tag and all(a.get(k) == v for k, v in attrs.items()) for t, a in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in ("script", "link", "img", "iframe", "object", "embed", "image", "use"):
            self.external.append(f"<{tag}> element")
        for name, value in attrs.items():
            value = value or ""
            if name in ("src", "xlink:href", "srcset", "poster", "data", "background"):
                self.external.append(f"{tag} {name}={value}")
            if name == "href" and not (tag == "a" and value.startswith(ALLOWED_LINKS)):
                self.external.append(f"{tag} href={value}")
            if name == "style" and "url(" in value:
                self.external.append(f"{tag} style url()")
        if tag == "tr" and self.inside("section", id="section-works") and self.inside("tbody"):
            self.work_rows += 1
        if tag not in ("meta", "br", "path", "polygon", "ellipse", "rect", "line", "polyline"):
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self.stack:
            return
        tag = self.stack[-1][0]
        if tag == "title" and not self.inside("svg"):
            self.title += data
        if tag == "h1":
            self.h1 += data
        if tag == "style" and ("url(" in data or "@import" in data):
            self.external.append("style sheet url() or @import")
        if tag == "text":
            for t, a in reversed(self.stack):
                if t == "svg":
                    self.svg_texts.setdefault(a.get("class", ""), []).append(data)
                    break


def self_contained(text, what):
    page = Page(text)
    check(not page.external, f"{what}: references outside the file: {page.external}")
    for url in re.findall(r"https?://[^\"'\s<>]*", text):
        check(url in NAMESPACES or url.startswith(ALLOWED_LINKS), f"{what}: unexpected URL {url}")
    check('<meta charset="utf-8">' in text, f"{what}: no utf-8 charset")
    return page


def chromium_binary():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    sys.exit("html_in_chromium: no chromium found (run.sh installs the Debian package 'chromium')")


def run_chromium(work, *arguments):
    """One headless run with the network off: every host resolves to nothing."""
    profile = work / "chromium-profile"
    command = [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu",
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}",
               "--no-first-run", "--disable-extensions", "--disable-sync",
               "--disable-background-networking", "--disable-component-update",
               "--hide-scrollbars", *arguments]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    if result.returncode != 0:
        sys.exit(f"chromium failed ({result.returncode}): {result.stderr[-2000:]}")
    return result.stdout


def png_size(path):
    data = path.read_bytes()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    check(data[12:16] == b"IHDR", f"{path}: first chunk is not IHDR")
    width, height = struct.unpack(">II", data[16:24])
    return width, height, len(data)


def test_sample_in_chromium(args, work):
    page_path = work / "profile.html"
    subprocess.run([args.sample, str(page_path)], check=True, timeout=60)
    source = page_path.read_text(encoding="utf-8")
    self_contained(source, "sample page")

    dom = Page(run_chromium(work, "--dump-dom", page_path.as_uri()))
    check(dom.title == PERSON, f"DOM title is {dom.title!r}")
    check(dom.h1 == PERSON, f"DOM h1 is {dom.h1!r}")
    check(not any(tag == "script" for tag, _ in dom.tags), "a <script> element reached the DOM")
    check(dom.work_rows == WORK_ROWS, f"{dom.work_rows} work rows, expected {WORK_ROWS}")
    graphs = [a for tag, a in dom.tags if tag == "svg" and a.get("class") == "graph"]
    check(len(graphs) == 1, f"{len(graphs)} graph <svg> elements")
    labels = set(dom.svg_texts.get("graph", []))
    for name in (PERSON, COAUTHOR, CJK_COAUTHOR, "Statistical Mechanics", "University of Vermont"):
        check(name in labels, f"graph has no node labelled {name!r}; labels: {sorted(labels)}")
    bars = [a for tag, a in dom.tags if tag == "rect" and a.get("class") == "bar"]
    check(len(bars) == 4, f"{len(bars)} bars in the year chart, expected 4 (2016, 2018, 2019, 2021)")
    check(not dom.external, f"DOM references outside the file: {dom.external}")

    shot = work / "profile.png"
    run_chromium(work, f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}", page_path.as_uri())
    width, height, size = png_size(shot)
    check((width, height) == WINDOW, f"screenshot is {width}x{height}, expected {WINDOW[0]}x{WINDOW[1]}")
    # A blank page compresses to a few kilobytes; text, a graph and a chart take far more.
    check(size > 20_000, f"screenshot is only {size} bytes")


def test_cli_profile(args, work):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work),
           "BZPEER_DB": str(work / "bzpeer.db"), "BZPEER_CONFIG": str(work / "config.yaml")}

    def bzpeer(*arguments):
        return subprocess.run([args.bzpeer, *arguments], env=env, capture_output=True, text=True,
                              timeout=120, check=True).stdout

    bzpeer("init")
    bzpeer("import", "arxiv", "--file", args.arxiv_file)
    text = bzpeer("profile", "Adrian Del Maestro", "--format", "html")
    page = self_contained(text, "bzpeer profile --format html")
    check(page.title == "Adrian Del Maestro", f"CLI page title is {page.title!r}")
    check(page.work_rows > 0, "CLI page lists no works")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", required=True)
    parser.add_argument("--bzpeer", required=True)
    parser.add_argument("--arxiv-file", required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()
    work = pathlib.Path(args.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    test_sample_in_chromium(args, work)
    test_cli_profile(args, work)
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(failures)} failures" if failures else "chromium read back what bzpeer wrote")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
