"""Serves dist/ on 127.0.0.1 at / and again under /course/week-3/kinesis/, to prove the site
works from a sub-path; and the course pages of tests/e2e/host/ under /e2e-host/, which embed
the sandbox in an iframe."""
import http.server
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "dist")
SUB_PATH = "/course/week-3/kinesis/"
HOST_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "host")
HOST_PATH = "/e2e-host/"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def translate_path(self, path):
        if path.startswith(HOST_PATH):
            name = os.path.basename(path[len(HOST_PATH):].split("?", 1)[0].split("#", 1)[0])
            return os.path.join(HOST_ROOT, name)
        if path.startswith(SUB_PATH):
            path = "/" + path[len(SUB_PATH):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8123
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
