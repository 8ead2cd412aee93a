"""Headers, limits, token-protected ingest and the OpenAPI document of a real server."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from liveserver import CLI, TOKEN, copy_store, examples_store, serve
from testpaths import REPO


def test_security_headers_on_pages_api_and_errors(client):
    for path in ("/", "/api/stats", "/api/nothing-here", "/static/js/main.js"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert (
            "'self'" in script_src
            and "unsafe-inline" not in script_src
            and "unsafe-eval" not in script_src
        )
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_file_routes_serve_only_listed_files(client):
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/js/main.js").headers["content-type"].startswith("text/javascript")
    for path in (
        "/static/../serve.py",
        "/static/%2e%2e/serve.py",
        "/vendor/../../package.json",
        "/vendor/leaflet/%2e%2e/%2e%2e/package.json",
        "/static//etc/passwd",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "error" in response.json()


def test_openapi_served_equals_checked_in(client):
    served = client.get("/api/openapi.json").json()
    checked_in = json.loads((REPO / "docs" / "openapi.json").read_text())
    assert served == checked_in, (
        "regenerate with: sitroom serve --print-openapi > docs/openapi.json"
    )
    assert {
        "/api/events",
        "/api/articles/{article_id}",
        "/api/actors/{actor}",
        "/api/claims/subjects",
        "/api/search",
        "/api/stats/timeline",
        "/api/stats/map",
        "/api/ingest",
    } <= set(served["paths"])


def test_ingest_is_off_without_a_token(client):
    response = client.post(
        "/api/ingest",
        content=b'{"text": "A short note."}\n',
        headers={"Authorization": "Bearer anything"},
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "ingest_disabled"


def _record(n: int) -> bytes:
    text = (
        f"BAGHDAD: Provincial officials said on Monday that {n + 3} new water stations opened in "
        f"the district {n}, and the governor promised more before the summer heat."
    )
    return (
        json.dumps(
            {
                "id": f"api-{n}",
                "title": f"Water stations open in district {n}",
                "text": text,
                "published": "2025-05-05",
                "outlet": "Test Wire",
            }
        ).encode()
        + b"\n"
    )


def test_ingest_needs_the_right_token(ingest_server):
    with ingest_server.client() as c:
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": TOKEN},
            {"Authorization": f"Basic {TOKEN}"},
        ):
            response = c.post("/api/ingest", content=_record(0), headers=headers)
            assert response.status_code == 401, headers
            assert response.json()["error"]["code"] == "unauthorized"
        assert c.get("/api/search", params={"q": "water stations district"}).json()["total"] == 0


def test_ingest_stores_once(ingest_server):
    with ingest_server.client() as c:
        before = c.get("/api/stats").json()["articles"]
        auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
        body = _record(1) + b"not json\n" + _record(2)
        first = c.post("/api/ingest", content=body, headers=auth, timeout=600)
        assert first.status_code == 200, first.text
        result = first.json()
        assert result["new"] == 2 and result["failed"] == 1
        assert any("api:ingest#2" in p for p in result["problems"])
        assert c.get("/api/stats").json()["articles"] == before + 2
        hits = c.get("/api/search", params={"q": "water stations district"}).json()
        assert hits["total"] == 2
        again = c.post("/api/ingest", content=_record(1), headers=auth, timeout=600).json()
        assert again["new"] == 0 and again["duplicate"] == 1


def test_body_size_limit_declared_and_streamed(ingest_server):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = _record(3) * 1000  # well over the 64 KiB limit of this server
    with ingest_server.client() as c:
        declared = c.post("/api/ingest", content=big, headers=auth)
        assert (
            declared.status_code == 413 and declared.json()["error"]["code"] == "payload_too_large"
        )
        streamed = c.post(
            "/api/ingest",
            content=iter([big[i : i + 8192] for i in range(0, len(big), 8192)]),
            headers=auth,
        )
        assert (
            streamed.status_code == 413 and streamed.json()["error"]["code"] == "payload_too_large"
        )


def test_rate_limit_answers_429(tmp_path_factory):
    db = copy_store(examples_store(tmp_path_factory), tmp_path_factory.mktemp("rate-store"))
    with serve(db, "--rate", "0.01", "--burst", "5") as live, live.client() as c:
        # The start-up probe spent one token already: at most 4 more pass, then none.
        codes = [c.get("/api/stats").status_code for _ in range(8)]
        passed = codes.count(200)
        assert 1 <= passed <= 4 and codes == [200] * passed + [429] * (8 - passed)
        limited = c.get("/api/stats")
        assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
        assert int(limited.headers["retry-after"]) >= 1


@pytest.mark.slow
def test_reads_keep_working_while_another_process_ingests(tmp_path_factory, tmp_path: Path):
    """An ingest in another process commits batch by batch into the served store; every
    read meanwhile answers 200 and the new articles appear."""
    db = copy_store(examples_store(tmp_path_factory), tmp_path_factory.mktemp("busy-store"))
    records = tmp_path / "more.jsonl"
    records.write_bytes(b"".join(_record(100 + n) for n in range(6)))
    with serve(db) as live, live.client() as c:
        before = c.get("/api/stats").json()["articles"]
        ingest = subprocess.Popen(
            [*CLI, "ingest", str(records), "--db", str(db), "--batch-size", "1", "--quiet"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        statuses: list[int] = []
        for _ in range(3000):  # bounded: ends with the ingest, or after this many reads
            for path in ("/api/stats", "/api/events", "/api/search?q=water"):
                response = c.get(path)
                statuses.append(response.status_code)
            if ingest.poll() is not None:
                break
            time.sleep(0.02)
        out, err = ingest.communicate(timeout=600)
        assert ingest.returncode == 0, err
        assert statuses and set(statuses) == {200}
        assert c.get("/api/stats").json()["articles"] == before + 6
