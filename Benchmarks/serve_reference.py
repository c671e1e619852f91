"""A minimal reference endpoint: xgboost's own Booster behind Python's threading http.server,
answering POST /invocations with one CSV prediction per line, as the SageMaker xgboost container
does (its real server is gunicorn + Flask; this is the smallest stand-in with the same work).

    python serve_reference.py MODEL_DIR/xgboost-model.json PORT
"""
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import xgboost as xgb

booster = xgb.Booster()
booster.load_model(sys.argv[1])
booster.set_param({"nthread": 1})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out in two writes: without this, Nagle + delayed ACK add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def answer(self, status, body, kind):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer(200 if self.path == "/ping" else 404, b"\n", "text/plain")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            rows = np.array([[float(v) if v else np.nan for v in line.split(",")]
                             for line in body.decode().splitlines() if line.strip()])
            scores = booster.predict(xgb.DMatrix(rows, missing=np.nan))
            self.answer(200, "".join(f"{s}\n" for s in scores).encode(), "text/csv")
        except Exception as e:  # noqa: BLE001 - a bad request must not stop the server
            self.answer(415, ('{"error": "%s"}' % e).encode(), "application/json")


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler).serve_forever()
