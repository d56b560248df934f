#!/usr/bin/env python3
"""A tiny SMTP sink on 127.0.0.1 for tests/bench/three-nodes.sh. Standard library only.

Accepts every message (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT; no TLS, no auth: enough for
MailKit with Security=None) and appends one line per message to --out: the reminder id taken from the Message-ID the
SMTP channel derives from the idempotency key (`<reminder-{id:N}@domain>`), the receive time and the connection's
number. Nothing else of the message is kept: no address, no name, no text. A message whose DATA never ended (the
sender was killed in the middle) is not recorded, as a real server would not have accepted it.
Usage: python3 smtp_sink.py --port 0 --port-file F --out messages.tsv   (port 0: any free port, written to F)
"""
import argparse, itertools, re, socketserver, threading, time

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, default=0)
p.add_argument("--port-file", required=True)
p.add_argument("--out", required=True)
a = p.parse_args()

MESSAGE_ID = re.compile(rb"^Message-Id:\s*<reminder-([0-9a-f]{32})@", re.IGNORECASE | re.MULTILINE)
lock = threading.Lock()
out = open(a.out, "a", buffering=1)
connections = itertools.count(1)
queued = itertools.count(1)


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        try:
            self.session()
        except OSError:
            pass   # the sender went away (a killed node resets its connections)

    def session(self):
        conn = next(connections)
        self.reply("220 sink.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.reply("250-sink.test")
                self.reply("250 8BITMIME")
            elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                self.reply("250 2.0.0 OK")
            elif verb == b"DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data, complete = [], False
                while True:
                    d = self.rfile.readline()
                    if not d:
                        break
                    if d.rstrip(b"\r\n") == b".":
                        complete = True
                        break
                    data.append(d[1:] if d.startswith(b"..") else d)
                if not complete:
                    return
                m = MESSAGE_ID.search(b"".join(data))
                with lock:
                    out.write(f"{m.group(1).decode() if m else '-'}\t{time.time():.3f}\t{conn}\n")
                self.reply(f"250 2.0.0 Ok: queued as Q{next(queued)}")
            elif verb == b"QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Command not recognized")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", a.port), Session)
with open(a.port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
