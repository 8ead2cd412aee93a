"""A real ``sitroom serve`` (uvicorn) on a free loopback port, over a real store ingested
from examples/ by the real CLI. Shared by tests/http, tests/web and the other end-to-end
tests (imported as ``liveserver``: tests/ is on the path), so the example store is built
once per session whichever runs first.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from testpaths import EXAMPLES, REPO

TOKEN = "test-token-4b1d9e"
"""The ingest token the token-protected test servers are started with."""
CLI = [sys.executable, "-c", "from sitroom.cli import main; main()"]
STARTUP_LIMIT_S = 90.0
"""Bound for waiting on a child process; a failure to start, not a speed assertion."""


def run_cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout)


def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples ingested once per test session (spaCy runs: it takes a while)."""
    folder = tmp_path_factory.getbasetemp() / "examples-store"
    db = folder / "sitroom.duckdb"
    done = folder / "done"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        result = run_cli("ingest", str(EXAMPLES), "--db", str(db), "--quiet")
        assert result.returncode == 0, result.stderr[-2000:]
        done.write_text(result.stdout)
    return db


def copy_store(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / db.name
    shutil.copyfile(db, target)
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, db: Path, process: subprocess.Popen, port: int) -> None:
        self.db = db
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)


@contextmanager
def serve(db: Path, *extra: str, env: dict[str, str] | None = None) -> Iterator[LiveServer]:
    port = free_port()
    child_env = {k: v for k, v in os.environ.items() if k != "SITROOM_INGEST_TOKEN"} | (env or {})
    log = open(db.parent / f"serve-{port}.log", "w+")
    process = subprocess.Popen(
        [*CLI, "serve", "--db", str(db), "--port", str(port), *extra],
        cwd=REPO,
        env=child_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = LiveServer(db, process, port)
    try:
        deadline = time.monotonic() + STARTUP_LIMIT_S
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise AssertionError(
                    f"sitroom serve exited {process.returncode}: {log.read()[-2000:]}"
                )
            try:
                if httpx.get(server.url + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("sitroom serve did not answer")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
