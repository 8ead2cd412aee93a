"""The analyst's loop in the page, in headless Chromium against real servers: trust signals
on every listed event, corrections typed into the page with the operator's token (stored
through the real API, shown with their badge and audit trail), refused corrections with
the API's error, the claims tracker flagging estimates that disagree, and watchlist feeds.

Corrections change the store, so they go to a server over this module's own copy of the
example store (with a token); the shared example server stays as the other tests expect.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import httpx
import pytest

from liveserver import TOKEN, LiveServer, copy_store, examples_store, run_cli, serve
from web.conftest import WatchedPage

pytestmark = pytest.mark.browser

WATCHLIST = "syria-desk"

# Team-written wire copy: two outlets give non-overlapping estimates of the same scope in
# the same month (a disagreement); a third gives another scope (related, not contradicting).
DISPUTE_RECORDS = [
    {
        "id": "tigris-2024-03-05-fighters",
        "outlet": "Tigris Daily",
        "published": "2024-03-05",
        "url": "https://tigris-daily.example/2024/03/05/fighters",
        "title": "Observatory counts fighters in Deir ez-Zor",
        "text": "The Syrian Observatory for Human Rights said on Tuesday that between 3,000 and "
        "4,000 Islamic State fighters remain active in Deir ez-Zor province in Syria, hiding in "
        "the desert east of the Euphrates.\n"
        "The monitor said the group had regrouped after a year of raids.",
    },
    {
        "id": "levant-2024-03-20-fighters",
        "outlet": "Levant Courier",
        "published": "2024-03-20",
        "url": "https://levant-courier.example/2024/03/20/fighters",
        "title": "Army says few militants left in Deir ez-Zor",
        "text": "The Syrian army said on Wednesday that at most 200 Islamic State fighters "
        "remain active in Deir ez-Zor province in Syria after months of operations in the desert.\n"
        "Officers said the remaining cells were small and scattered.",
    },
    {
        "id": "mosul-2024-03-12-fighters",
        "outlet": "Mosul Ledger",
        "published": "2024-03-12",
        "url": "https://mosul-ledger.example/2024/03/12/fighters",
        "title": "Iraqi command counts militants in Anbar",
        "text": "The Iraqi Joint Operations Command said on Tuesday that about 400 Islamic State "
        "fighters remain in the Anbar desert in Iraq.\nCommanders said air strikes would continue.",
    },
]


@pytest.fixture(scope="module")
def analyst_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A token-protected server over this module's own copy of the example store, with one
    watchlist."""
    db = copy_store(examples_store(tmp_path_factory), tmp_path_factory.mktemp("analyst-store"))
    added = run_cli("watch", "add", WATCHLIST, "--country", "SYR", "--db", str(db))
    assert added.returncode == 0, added.stderr
    with serve(db, env={"SITROOM_INGEST_TOKEN": TOKEN}) as live:
        yield live


@pytest.fixture(scope="module")
def dispute_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("dispute-store")
    records = folder / "fighters.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in DISPUTE_RECORDS))
    db = folder / "sitroom.duckdb"
    ingested = run_cli("ingest", str(records), "--db", str(db), "--quiet")
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    with serve(db) as live:
        yield live


@pytest.fixture
def open_page(browser) -> Iterator[Callable[[LiveServer], WatchedPage]]:
    """Pages on any server, each checked afterwards for requests off loopback and console errors."""
    opened: list[tuple[object, WatchedPage]] = []

    def make(server: LiveServer) -> WatchedPage:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        watched = WatchedPage(context.new_page(), server.url)
        opened.append((context, watched))
        return watched

    yield make
    for context, _ in opened:
        context.close()
    for _, watched in opened:
        assert watched.outside == [], f"requests left loopback: {watched.outside}"
        assert watched.errors == [], f"console errors: {watched.errors}"


def api(server: LiveServer, path: str, **params) -> dict:
    response = httpx.get(server.url + path, params=params, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def expect_refusal_logged(web: WatchedPage, status: int) -> None:
    """Chromium logs a refused fetch as a console error: that one (and only that) is expected."""
    refused = [e for e in web.errors if f"status of {status}" in e]
    assert len(refused) == 1, web.errors
    web.errors.remove(refused[0])


def pick_event(server: LiveServer) -> dict:
    """An unreviewed, dated event (so it is listed under its day on the timeline)."""
    events = api(server, "/api/events", limit=200)["items"]
    return next(
        e for e in events if e["review"] == "unreviewed" and e["day"] and not e["corrected"]
    )


def open_event(web: WatchedPage, event: dict) -> None:
    web.open(f"#view=timeline&day={event['day']}")
    web.navigate(lambda: web.page.click(f"#day-events li[data-event-id='{event['id']}']"))
    web.page.locator("#record-box[data-kind=event]").wait_for()


def test_every_listed_event_shows_why_review_and_sources(open_page, analyst_server):
    web = open_page(analyst_server)
    page = web.page
    web.open("#view=actors&who=islamic-state")
    listed = api(analyst_server, "/api/actors/islamic-state")["as_actor"]["items"]
    items = page.locator("#as-actor li")
    assert items.count() == len(listed) > 0
    for item, event in zip(items.all(), listed, strict=True):
        assert item.get_attribute("data-event-id") == event["id"]
        trust = item.locator(".trust")
        assert trust.locator(".review").text_content() == event["review"]
        assert f"rule {event['rule']}" in trust.locator(".why").text_content()
        assert f"{event['score']:.2f}" in trust.locator(".why").text_content()
        sources = trust.locator(".sources")
        assert sources.get_attribute("data-sources") == str(event["sources"])
        assert sources.get_attribute("data-independent") == str(event["independent_sources"])


def test_recode_an_event_type_through_the_page(open_page, analyst_server):
    event = pick_event(analyst_server)
    new_type = "PROTEST" if event["type"] != "PROTEST" else "ACCUSE"
    web = open_page(analyst_server)
    page = web.page
    open_event(web, event)
    box = page.locator("#record-box")
    assert box.locator(".trust .review").text_content() == "unreviewed"
    form = box.locator("form#correct-event")
    assert form.locator("select[name=type] option").count() == 16
    form.locator("select[name=type]").select_option(new_type)
    form.locator("textarea[name=why]").fill("the source describes a protest")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("input[name=by]").fill("desk-1")
    web.navigate(lambda: form.locator("button[data-action=set]").click())

    item = page.locator(f"#day-events li[data-event-id='{event['id']}']")
    assert item.locator(".event-type").text_content() == new_type
    assert item.locator(".trust .review").text_content() == "corrected"
    assert "type" in item.locator(".corrected-fields").text_content()
    box = page.locator("#record-box")
    assert box.get_attribute("data-review") == "corrected"
    row = box.locator(".audit-trail tr.audit-row[data-field=type]")
    assert row.count() == 1
    cells = [c.text_content() for c in row.locator("td").all()]
    assert cells[1] == f"{event['type']} → {new_type}"
    assert cells[2] == "the source describes a protest" and cells[4] == "desk-1"
    # The token is kept for the tab, never put in the URL.
    assert page.evaluate("sessionStorage.getItem('sitroom.token')") == TOKEN
    assert TOKEN not in page.url

    stored = api(analyst_server, "/api/corrections", target=event["id"])["items"]
    assert [(c["field"], c["old"], c["new"], c["operator"]) for c in stored] == [
        ("type", event["type"], new_type, "desk-1")
    ]
    now = next(
        e
        for e in api(analyst_server, "/api/events", article=event["article_id"], limit=500)["items"]
        if e["id"] == event["id"]
    )
    assert (now["type"], now["review"], now["corrected"]) == (new_type, "corrected", ["type"])
    box.scroll_into_view_if_needed()
    page.locator("#reader").evaluate("el => { el.scrollTop = 0; }")
    web.screenshot("corrections")


def test_reject_a_claim_and_it_disappears(open_page, analyst_server):
    subject = next(
        s
        for s in api(analyst_server, "/api/claims/subjects", limit=200)["items"]
        if s["claims"] >= 2
    )
    claim, kept = subject["series"][0], subject["series"][1]
    web = open_page(analyst_server)
    page = web.page
    web.open(f"#view=claims&subject={subject['subject_key']}")
    rows = page.locator("#claim-subject tr.claim-row")
    assert rows.count() == len(subject["series"])
    web.navigate(lambda: page.click(f"#claim-subject tr.claim-row[data-claim-id='{claim['id']}']"))
    form = page.locator("#record-box[data-kind=claim] form#correct-claim")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("textarea[name=why]").fill("a quote of an older figure")
    web.navigate(lambda: form.locator("button[data-action=reject]").click())

    assert page.locator(f"#claim-subject tr.claim-row[data-claim-id='{claim['id']}']").count() == 0
    assert page.locator(f"#claim-subject tr.claim-row[data-claim-id='{kept['id']}']").count() == 1
    assert page.locator(f".reader-parts button[data-hl='claim:{claim['id']}']").count() == 0
    trail = page.locator("#record-box .audit-trail tr.audit-row[data-action=reject]")
    assert trail.count() == 1 and "rejected" in trail.text_content()
    listed = api(analyst_server, "/api/claims", subject_key=subject["subject_key"], limit=500)[
        "items"
    ]
    assert claim["id"] not in {c["id"] for c in listed} and kept["id"] in {c["id"] for c in listed}


def test_a_refused_correction_shows_the_apis_error(open_page, analyst_server, web_server):
    # No token typed: the token-protected server answers 401.
    event = pick_event(analyst_server)
    web = open_page(analyst_server)
    open_event(web, event)
    form = web.page.locator("form#correct-event")
    form.locator("select[name=modality]").select_option(
        "planned" if event["modality"] != "planned" else "negated"
    )
    form.locator("button[data-action=set]").click()
    status = form.locator(".correction-status.error")
    status.wait_for()
    assert (
        "401" in status.text_content() and "missing or wrong ingest token" in status.text_content()
    )
    expect_refusal_logged(web, 401)
    assert api(analyst_server, "/api/corrections", target=event["id"])["items"] == []

    # A server started without a token refuses every correction with 403, token or not.
    event = pick_event(web_server)
    web = open_page(web_server)
    open_event(web, event)
    form = web.page.locator("form#correct-event")
    form.locator("input[name=token]").fill("any-token")
    form.locator("button[data-action=confirm]").click()
    status = form.locator(".correction-status.error")
    status.wait_for()
    assert "403 ingest_disabled" in status.text_content()
    assert "the operator has not set an ingest token" in status.text_content()
    expect_refusal_logged(web, 403)
    assert api(web_server, "/api/corrections", target=event["id"])["items"] == []
    assert web.page.locator("#record-box").get_attribute("data-review") == "unreviewed"


def test_fix_an_actor_role_from_the_actor_page(open_page, analyst_server):
    web = open_page(analyst_server)
    page = web.page
    web.open("#view=actors&who=islamic-state")
    form = page.locator("#actor-corrections form#correct-actor")
    form.locator("input[name=country]").fill("SYR")
    form.locator("input[name=sector]").fill("REB")
    form.locator("input[name=start]").fill("2024-01-01")
    form.locator("input[name=token]").fill(TOKEN)
    web.navigate(lambda: form.locator("button[data-action=role]").click())
    rows = page.locator("#actor-corrections .audit-trail tr.audit-row[data-action=role]")
    assert rows.count() == 1
    stored = api(analyst_server, "/api/corrections", target="islamic-state")["items"]
    assert [c["action"] for c in stored] == ["role"]
    roles = api(analyst_server, "/api/actors/islamic-state")["roles"]
    assert any(
        r["country"] == "SYR"
        and r["start_date"] == "2024-01-01"
        and r["source"].startswith("correction:")
        for r in roles
    )


def test_merge_an_actor_from_its_page(open_page, analyst_server):
    actors = [
        a
        for a in api(analyst_server, "/api/actors", limit=500)["items"]
        if a["id"] != "islamic-state"
    ]
    into, merged = actors[0], actors[-1]
    web = open_page(analyst_server)
    page = web.page
    web.open(f"#view=actors&who={merged['id']}")
    form = page.locator("#actor-corrections form#correct-actor")
    form.locator("input[name=into]").fill(into["id"])
    form.locator("input[name=token]").fill(TOKEN)
    web.navigate(lambda: form.locator("button[data-action=merge]").click())
    assert f"who={into['id']}" in page.url
    assert page.locator("#actor-page h2").text_content() == into["name"]
    row = page.locator(
        "#actor-corrections .audit-trail "
        f"tr.audit-row[data-action=merge][data-target='{merged['id']}']"
    )
    assert row.count() == 1 and f"→ {into['id']}" in row.text_content()
    assert api(analyst_server, f"/api/actors/{merged['id']}")["actor"]["id"] == into["id"]


def test_claims_tracker_flags_a_disagreement_and_lists_other_scopes_apart(
    open_page, dispute_server
):
    contested = api(dispute_server, "/api/claims/compare", disagreements="true")["items"]
    assert len(contested) == 1 and len(contested[0]["disagreements"]) == 1
    subject = contested[0]
    pair = subject["disagreements"][0]["claims"]
    assert len({c["article_id"] for c in subject["claims"] if c["id"] in pair}) == 2
    assert len(subject["related"]) == 1
    web = open_page(dispute_server)
    page = web.page
    web.open(f"#view=claims&subject={subject['subject_key']}")
    assert (
        page.locator(
            f"ul.subjects li[data-subject='{subject['subject_key']}'][data-disputed=true]"
        ).count()
        == 1
    )
    assert page.locator("ul.subjects li[data-disputed=true]").count() == 1
    flagged = page.locator("#claim-subject tr.claim-row.disagrees")
    assert sorted(r.get_attribute("data-claim-id") for r in flagged.all()) == sorted(pair)
    assert page.locator("#claim-subject .disagree-halo").count() == 2
    listed = page.locator("#claim-disagreements li.disagreement")
    assert listed.count() == 1 and listed.get_attribute("data-claims") == ",".join(pair)
    related = page.locator("#claim-related li")
    assert [r.get_attribute("data-subject") for r in related.all()] == subject["related"]
    web.screenshot("claims-compare")
    # The other scope is a different question: shown, never flagged.
    web.navigate(lambda: related.first.click())
    assert page.locator("#claim-subject tr.claim-row").count() >= 1
    assert page.locator("#claim-subject tr.claim-row.disagrees").count() == 0
    assert page.locator("#claim-disagreements li.disagreement").count() == 0


def test_watchlists_view_links_each_atom_feed(open_page, analyst_server):
    web = open_page(analyst_server)
    page = web.page
    web.open("#view=watchlists")
    expected = api(analyst_server, "/api/watchlists")["items"]
    assert [w["name"] for w in expected] == [WATCHLIST]
    row = page.locator(f"#watchlists tr.watchlist[data-name='{WATCHLIST}']")
    href = row.locator("a.feed-link").get_attribute("href")
    assert href == expected[0]["feed"]
    feed = httpx.get(analyst_server.url + href, timeout=60)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith(
        "application/atom+xml"
    )
    assert "<feed" in feed.text
    head = page.locator("head link[rel=alternate][type='application/atom+xml']")
    assert [h.get_attribute("href") for h in head.all()] == [href]
