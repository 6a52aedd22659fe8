"""A webhook receiver for the docker-compose trial: verifies the Standard Webhooks
signature (https://www.standardwebhooks.com) of each POST with the shared secret, prints
one line per alert, answers 204 (or 401 on a bad signature). Standard library only."""
import base64
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = open(os.environ["WEBHOOK_SECRET_FILE"]).read().strip()
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
TOLERANCE_S = 300


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        msg_id = self.headers.get("webhook-id", "")
        ts = self.headers.get("webhook-timestamp", "0")
        signed = f"{msg_id}.{ts}.".encode() + body
        want = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
        sigs = [s.split(",", 1)[1] for s in self.headers.get("webhook-signature", "").split()
                if s.startswith("v1,")]
        ok = any(hmac.compare_digest(want, s) for s in sigs) and \
            abs(time.time() - int(ts)) <= TOLERANCE_S
        self.send_response(204 if ok else 401)
        self.end_headers()
        try:
            alert = json.loads(body)
            what = f"{alert.get('type')} {alert.get('key')}"
        except ValueError:
            what = f"{len(body)} bytes"
        print(f"{'verified' if ok else 'BAD SIGNATURE'} {msg_id} {what}", flush=True)

    def log_message(self, *args):
        pass


HTTPServer(("0.0.0.0", 8080), Hook).serve_forever()
