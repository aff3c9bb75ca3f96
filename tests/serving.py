"""A real `tacitus serve` in a subprocess on a free port, filled with the sample articles (and a
hostile one) through its own API: shared by test_server.py and test_ui.py."""
from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

from tacitus.document import Document
from tacitus.readers import read_inputs

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "samples"
TOKEN = "test-token-0123"
# A report that tries to run script in the explorer through its text, title and URL.
HOSTILE = {
    "id": "hostile",
    "title": "<img src=x onerror=\"window.pwned='title'\">Hostile report",
    "url": "javascript:window.pwned='url'",
    "published": "2024-02-01",
    "source": "<b>Evil Wire</b>",
    "text": "Rebels <script>window.pwned='text'</script> attacked an army base near Homs on Monday, killing four "
            "soldiers, the army said. <img src=x onerror=\"window.pwned='img'\">",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`tacitus serve --db DB --port FREE --token TOKEN`, started and waited for."""

    def __init__(self, db: Path, log: Path, *extra: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [sys.executable, "-m", "tacitus.cli", "serve", "--db", str(db), "--port", str(self.port),
                   "--token", TOKEN, *extra]
        with log.open("w") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180  # start-up loads spaCy, the lexicons and the gazetteer
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"tacitus serve exited with {self.process.returncode}:\n{log.read_text()}")
            try:
                if self.request("GET", "/api/events?limit=1")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"tacitus serve did not answer within 180 s:\n{log.read_text()}")

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """One request as sent (http.client leaves `..` in paths alone); (status, headers, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def json(self, method: str, path: str, payload=None, token: str | None = None, expect: int = 200):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = None if payload is None else json.dumps(payload).encode()
        status, _, data = self.request(method, path, body, headers)
        assert status == expect, (status, data[:500])
        return json.loads(data)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def sample_documents() -> list[dict]:
    documents = [item for item in read_inputs([str(SAMPLES)]) if isinstance(item, Document)]
    assert len(documents) >= 4
    return [{"id": d.id, "text": d.text, "title": d.title} for d in documents]


def start_filled(folder: Path) -> Server:
    """A server over a new store holding the samples and the hostile report, posted with the token."""
    server = Server(folder / "served.duckdb", folder / "server.log")
    try:
        report = server.json("POST", "/api/documents", {"documents": sample_documents() + [HOSTILE]}, token=TOKEN)
        assert report["errors"] == [] and report["stored"] == len(sample_documents()) + 1, report
    except BaseException:
        server.stop()
        raise
    return server
