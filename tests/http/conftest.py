"""Fixtures for the API tests: one server over the example store for the session, and
servers with an ingest token and tight limits over copies of it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from liveserver import TOKEN, LiveServer, copy_store, examples_store, serve


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serve(examples_store(tmp_path_factory)) as live:
        yield live


@pytest.fixture(scope="session")
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


@pytest.fixture(scope="module")
def ingest_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Token set through the environment (as an operator would), small body limit."""
    db = copy_store(examples_store(tmp_path_factory), tmp_path_factory.mktemp("ingest-store"))
    with serve(db, "--max-body", "65536", env={"SITROOM_INGEST_TOKEN": TOKEN}) as live:
        yield live
