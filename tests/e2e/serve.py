"""Serves dist/ on 127.0.0.1 at / and again under /course/week-3/kinesis/, to prove the site
works from a sub-path; and the course pages of tests/e2e/host/ under /e2e-host/, which embed
the sandbox in an iframe. Like a static host with precompressed files, it answers with the
.br or .gz beside a file when the browser accepts that encoding."""
import http.server
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "dist")
SUB_PATH = "/course/week-3/kinesis/"
HOST_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "host")
HOST_PATH = "/e2e-host/"
# The precompressed encodings offered (SERVE_ENCODINGS=gzip: a host without brotli).
ENCODINGS = os.environ.get("SERVE_ENCODINGS", "br,gzip").split(",")


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

    def send_head(self):
        # A precompressed copy, if the client takes it (Content-Type stays the original's).
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and encoding in ENCODINGS and os.path.isfile(path) and os.path.isfile(path + suffix):
                with open(path + suffix, "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return _Body(body)
        return super().send_head()

    def copyfile(self, source, outputfile):
        # A page that navigates away mid-download closes the connection: not an error.
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


class _Body:
    """A file-like answer body for SimpleHTTPRequestHandler's copyfile."""

    def __init__(self, data):
        self.data = data

    def read(self, n=-1):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8123
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
