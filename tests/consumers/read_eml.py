#!/usr/bin/env python3
"""Reads a message file as a mail program does (python's email, policy=default) and prints
what it found as JSON: decoded From (name, address), To, Subject, Message-ID, the content type,
charset and transfer encoding, the decoded body, and the defects the parser noticed.

Usage: read_eml.py FILE
"""
import email
import email.policy
import json
import sys


def main():
    with open(sys.argv[1], "rb") as f:
        message = email.message_from_bytes(f.read(), policy=email.policy.default)
    sender = message["From"].addresses[0]
    to = message["To"].addresses[0] if message["To"] else None
    print(json.dumps({
        "from_name": sender.display_name,
        "from_address": sender.addr_spec,
        "to_name": to.display_name if to else None,
        "to_address": to.addr_spec if to else None,
        "subject": str(message["Subject"]),
        "date": str(message["Date"]),
        "message_id": str(message["Message-ID"]),
        "mime_version": str(message["MIME-Version"]),
        "content_type": message.get_content_type(),
        "charset": message.get_content_charset(),
        "transfer_encoding": str(message["Content-Transfer-Encoding"]),
        # Lines as a reader shows them: the wire's CRLF line ends become "\n".
        "body": message.get_content().replace("\r\n", "\n"),
        "defects": [type(d).__name__ for d in message.defects],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
