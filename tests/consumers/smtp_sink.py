#!/usr/bin/env python3
"""A loopback SMTP server for tests: accepts one session, keeps the first message, exits.

Usage: smtp_sink.py PORT_FILE OUT_PREFIX [SECONDS]
Listens on 127.0.0.1 on a port the system picks and writes that port to PORT_FILE (renamed
into place, so a reader never sees half of it). The message's bytes, as the client sent them
after dot-unstuffing, go to OUT_PREFIX.eml and the envelope to OUT_PREFIX.json, both written
before the server accepts the message. Exits after QUIT or when SECONDS (default 30) run out.
"""
import json
import os
import signal
import socket
import sys


def serve(conn, out_prefix):
    stream = conn.makefile("rwb")

    def reply(text):
        stream.write(text.encode("ascii") + b"\r\n")
        stream.flush()

    envelope = {"mail_from": "", "rcpt_to": []}
    reply("220 localhost bzpeer test sink")
    while True:
        line = stream.readline()
        if not line:
            return
        command = line.decode("ascii", "replace").strip()
        verb = command[:4].upper()
        if verb in ("EHLO", "HELO"):
            reply("250 localhost")
        elif verb == "MAIL":
            envelope["mail_from"] = command.split(":", 1)[1].strip().strip("<>")
            reply("250 OK")
        elif verb == "RCPT":
            envelope["rcpt_to"].append(command.split(":", 1)[1].strip().strip("<>"))
            reply("250 OK")
        elif verb == "DATA":
            reply("354 end with <CRLF>.<CRLF>")
            data = bytearray()
            while True:
                chunk = stream.readline()
                if not chunk or chunk == b".\r\n":
                    break
                data += chunk[1:] if chunk.startswith(b"..") else chunk
            with open(out_prefix + ".eml", "wb") as f:
                f.write(bytes(data))
            with open(out_prefix + ".json", "w") as f:
                json.dump(envelope, f)
            reply("250 OK queued")
        elif verb == "QUIT":
            reply("221 bye")
            return
        elif verb in ("RSET", "NOOP"):
            reply("250 OK")
        else:
            reply("502 not implemented")


def main():
    port_file, out_prefix = sys.argv[1], sys.argv[2]
    seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    signal.alarm(seconds)  # never outlive the test
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    conn, _ = server.accept()
    with conn:
        serve(conn, out_prefix)
    server.close()


if __name__ == "__main__":
    main()
