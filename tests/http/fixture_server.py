#!/usr/bin/env python3
"""A loopback HTTP server for bzpeer's tests: recorded payloads at API paths, with faults.

Usage:
    fixture_server.py ROOT [--routes FILE] [--log FILE] [--port N] [--idle SECONDS]
                           [--stall SECONDS]

It listens on 127.0.0.1 only (port 0 = any free port, the default), prints the port it got as
its first line on stdout and flushes, then serves until it has been idle for --idle seconds
(default 60) or its parent process has gone away. Python 3 standard library only.

Routes
------
The routes file has one route per line; blank lines and lines starting with '#' are ignored:

    TARGET  FILE  [OPTION=VALUE ...]

TARGET is a path with an optional query, e.g. `/api/query?search_query=au:Zheng&start=0`.
A request matches it when the paths are equal and the query parameters are the same multiset
of (name, value) pairs after percent-decoding ('+' is a space), in any order. `PATH?*` matches
any query on PATH; it is tried only when no exact route matches.
FILE is relative to ROOT; `-` means an empty body.
A request for which no route matches is answered from ROOT + path when such a file exists and
has no query (status 200), else 404 with a text body "no route for TARGET".

Options (all optional):
    status=N           status of the normal answer (default 200)
    type=MIME          Content-Type (default from the extension: .json application/json,
                       .xml application/atom+xml, .txt text/plain; charset=utf-8, else
                       application/octet-stream)
    etag=VALUE         send `ETag: "VALUE"`; a request whose If-None-Match names it gets 304
                       (VALUE `auto`: a hash of the body)
    last_modified=S    send Last-Modified as the HTTP-date S seconds after the epoch; a
                       request whose If-Modified-Since is not older gets 304
    ratelimit=N/I      send `x-rate-limit-limit: N` and `x-rate-limit-interval: I` (e.g. 2/1s)
    redirect=TARGET    answer 302 with `Location: TARGET` instead of the file
    gzip=1             gzip the body when the request's Accept-Encoding allows it
    retry_after=V      the Retry-After value sent with fail429 / fail503 (default 1); a
                       value `date+N` sends the HTTP-date N seconds from now
Fault options, applied to the route's first requests in the order they are written; e.g.
`fail429=1 fail500=2` answers request 1 with 429, requests 2-3 with 500, then normally:
    fail429=K          429 with Retry-After and a small JSON body
    fail503=K          503 with Retry-After and a small JSON body
    fail500=K          500 with a small JSON body
    stall=K            read the request, send nothing, hold the connection --stall seconds
                       (default 5) and close it
    truncate=K         send the headers with the full Content-Length, half the body, and close
    reset=K            close the connection without answering
K may be `always`. Counters are per route.

Log
---
Each request appends one line to the --log file (flushed at once), written when the request
has been read, before any answer or stall; tab-separated:

    METHOD  TARGET  STATUS  FAULT  SECONDS  USER_AGENT  IF_NONE_MATCH  IF_MODIFIED_SINCE

STATUS is the status answered ('-' for stall/reset), FAULT the fault injected or '-', SECONDS
a monotonic clock reading (for spacing checks), missing headers are '-'.

Control
-------
`GET /__reset` zeroes every route's counter and empties the log; it is not logged itself.
"""

import argparse
import email.utils
import gzip as gzip_module
import hashlib
import http.server
import os
import socket
import socketserver
import sys
import threading
import time
import urllib.parse

FAULTS = ("fail429", "fail503", "fail500", "stall", "truncate", "reset")


def query_key(query):
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    return tuple(sorted(pairs))


class Route:
    def __init__(self, target, file, options, line_no):
        self.target = target
        self.file = file
        self.options = {}
        self.faults = []  # [(fault, count or None for always)]
        for option in options:
            name, sep, value = option.partition("=")
            if not sep:
                raise ValueError(f"line {line_no}: option '{option}' is not NAME=VALUE")
            if name in FAULTS:
                self.faults.append((name, None if value == "always" else int(value)))
            elif name in ("status", "type", "etag", "last_modified", "ratelimit", "redirect", "gzip",
                          "retry_after"):
                self.options[name] = value
            else:
                raise ValueError(f"line {line_no}: unknown option '{name}'")
        self.count = 0

    def fault_for(self, n):
        """The fault for the route's n-th request (1-based), or None."""
        first = 1
        for fault, count in self.faults:
            if count is None:
                return fault
            if n < first + count:
                return fault
            first += count
        return None


class Routes:
    def __init__(self, path):
        self.exact = {}
        self.any_query = {}
        self.lock = threading.Lock()
        if not path:
            return
        with open(path, encoding="utf-8") as f:
            for line_no, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                fields = line.split()
                if len(fields) < 2:
                    raise ValueError(f"{path}:{line_no}: expected TARGET FILE [OPTION=VALUE ...]")
                route = Route(fields[0], fields[1], fields[2:], line_no)
                path_part, sep, query = fields[0].partition("?")
                if sep and query == "*":
                    self.any_query[path_part] = route
                else:
                    self.exact[(path_part, query_key(query))] = route

    def find(self, target):
        path, _, query = target.partition("?")
        route = self.exact.get((path, query_key(query)))
        return route if route else self.any_query.get(path)

    def reset(self):
        with self.lock:
            for route in list(self.exact.values()) + list(self.any_query.values()):
                route.count = 0


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def content_type_for(file):
    ext = os.path.splitext(file)[1].lower()
    return {
        ".json": "application/json",
        ".xml": "application/atom+xml",
        ".txt": "text/plain; charset=utf-8",
    }.get(ext, "application/octet-stream")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bzpeer-fixture/1"
    timeout = 30  # an idle keep-alive connection is dropped after this
    disable_nagle_algorithm = True  # headers and body go out in separate writes

    def log_message(self, format, *args):  # quiet: the request log is the record
        pass

    def log_request_line(self, status, fault):
        state = self.server.state
        h = self.headers
        fields = [self.command, self.path, str(status), fault or "-", f"{time.monotonic():.6f}",
                  h.get("User-Agent", "-"), h.get("If-None-Match", "-"), h.get("If-Modified-Since", "-")]
        line = "\t".join(field.replace("\t", " ").replace("\n", " ") for field in fields) + "\n"
        with state.log_lock:
            if state.log:
                state.log.write(line)
                state.log.flush()

    def send_body(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        state = self.server.state
        state.touch()
        try:
            self.answer()
        finally:
            state.touch()

    def answer(self):
        state = self.server.state
        if self.path == "/__reset":
            state.routes.reset()
            with state.log_lock:
                if state.log:
                    state.log.seek(0)
                    state.log.truncate()
            self.send_body(200, b"reset\n", "text/plain")
            return

        route = state.routes.find(self.path)
        if route is None:
            self.answer_unrouted()
            return
        with state.routes.lock:
            route.count += 1
            n = route.count
        fault = route.fault_for(n)
        opts = route.options

        if fault in ("fail429", "fail503", "fail500"):
            status = int(fault[4:])
            headers = []
            if status != 500:
                headers.append(("Retry-After", self.retry_after(opts.get("retry_after", "1"))))
            self.log_request_line(status, fault)
            body = f'{{"status":"error","message":"injected {status}"}}\n'.encode()
            self.send_body(status, body, "application/json", headers)
            return
        if fault == "stall":
            self.log_request_line("-", fault)
            time.sleep(state.stall)
            self.close_connection = True
            return
        if fault == "reset":
            self.log_request_line("-", fault)
            self.close_connection = True
            return

        if "redirect" in opts:
            self.log_request_line(302, fault)
            self.send_body(302, b"", "text/plain", [("Location", opts["redirect"])])
            return

        body = b""
        if route.file != "-":
            with open(os.path.join(state.root, route.file), "rb") as f:
                body = f.read()
        status = int(opts.get("status", "200"))
        content_type = opts.get("type", content_type_for(route.file))
        headers = []
        etag = opts.get("etag")
        if etag == "auto":
            etag = hashlib.sha1(body).hexdigest()[:16]
        if etag:
            headers.append(("ETag", f'"{etag}"'))
        modified = None
        if "last_modified" in opts:
            modified = int(opts["last_modified"])
            headers.append(("Last-Modified", email.utils.formatdate(modified, usegmt=True)))
        if "ratelimit" in opts:
            limit, _, interval = opts["ratelimit"].partition("/")
            headers.append(("x-rate-limit-limit", limit))
            headers.append(("x-rate-limit-interval", interval))

        if fault is None and self.not_modified(etag, modified):
            self.log_request_line(304, fault)
            self.send_response(304)
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            return

        if opts.get("gzip") == "1" and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip_module.compress(body)
            headers.append(("Content-Encoding", "gzip"))

        if fault == "truncate":
            self.log_request_line(status, fault)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return

        self.log_request_line(status, fault)
        self.send_body(status, body, content_type, headers)

    def not_modified(self, etag, modified):
        if etag is not None:
            wanted = self.headers.get("If-None-Match")
            if wanted is not None:
                tags = [t.strip() for t in wanted.split(",")]
                return f'"{etag}"' in tags or f'W/"{etag}"' in tags or "*" in tags
        if modified is not None:
            since = self.headers.get("If-Modified-Since")
            if since is not None:
                try:
                    return email.utils.parsedate_to_datetime(since).timestamp() >= modified
                except (TypeError, ValueError):
                    return False
        return False

    @staticmethod
    def retry_after(value):
        if value.startswith("date+"):
            return email.utils.formatdate(time.time() + float(value[5:]), usegmt=True)
        return value

    def answer_unrouted(self):
        state = self.server.state
        path, sep, _ = self.path.partition("?")
        relative = urllib.parse.unquote(path).lstrip("/")
        file = os.path.realpath(os.path.join(state.root, relative))
        inside = file.startswith(os.path.realpath(state.root) + os.sep)
        if not sep and inside and os.path.isfile(file):
            with open(file, "rb") as f:
                body = f.read()
            self.log_request_line(200, None)
            self.send_body(200, body, content_type_for(file))
            return
        self.log_request_line(404, None)
        self.send_body(404, f"no route for {self.path}\n".encode(), "text/plain; charset=utf-8")

    def do_other(self):
        self.server.state.touch()
        self.log_request_line(405, None)
        self.send_body(405, b"method not allowed\n", "text/plain")

    do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_other


class State:
    def __init__(self, args):
        self.root = os.path.abspath(args.root)
        self.routes = Routes(args.routes)
        self.log = open(args.log, "a+", encoding="utf-8") if args.log else None
        self.log_lock = threading.Lock()
        self.stall = args.stall
        self.last_activity = time.monotonic()

    def touch(self):
        self.last_activity = time.monotonic()


def watchdog(server, state, idle, parent):
    while True:
        time.sleep(0.2)
        if time.monotonic() - state.last_activity > idle or os.getppid() != parent:
            server.shutdown()
            return


def main():
    parser = argparse.ArgumentParser(description="bzpeer loopback fixture server")
    parser.add_argument("root", help="directory the route files are relative to")
    parser.add_argument("--routes", help="the routes file (see the top of this script)")
    parser.add_argument("--log", help="append one line per request to this file")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--idle", type=float, default=60, help="exit after this many idle seconds")
    parser.add_argument("--stall", type=float, default=5, help="seconds a stalled connection is held")
    args = parser.parse_args()

    state = State(args)
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = state
    print(server.server_address[1], flush=True)
    threading.Thread(target=watchdog, args=(server, state, args.idle, os.getppid()), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
