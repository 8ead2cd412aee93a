"""The situation room in headless Chromium against a real server: each view renders what
the API holds, a filter lands in the URL, and a click on a timeline event or a claim marks
its evidence in the article reader. Screenshots go to test-artifacts/web/ (and to
docs/img/ with SITROOM_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.browser


def api(web_server, path: str, **params) -> dict:
    response = httpx.get(web_server.url + path, params=params, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def evidence(web_server, article_id: str, kind: str, record_id: str) -> str:
    """The evidence text cut from the stored article by the record's offsets."""
    body = api(web_server, f"/api/articles/{article_id}")
    record = next(r for r in body[kind] if r["id"] == record_id)
    field = record["evidence_field"]
    a = body["article"]
    text = (
        a["title"]
        if field == "title"
        else (a[field.split(":")[0]][int(field.split(":")[1])] if field else a["text"])
    )
    return text[record["evidence_start"] : record["evidence_end"]]


def test_filter_then_click_a_timeline_event_marks_its_evidence(web, web_server, browser):
    page = web.page
    web.open("#view=timeline")
    assert page.locator("rect.bar").count() > 0
    page.fill("#filters input[name=actor]", "Daesh")
    web.navigate(lambda: page.click("#filters button[type=submit]"))
    assert "actor=Daesh" in page.url
    expected = sum(
        r["events"] for r in api(web_server, "/api/stats/timeline", actor="Daesh")["days"]
    )
    shown = sum(int(b.get_attribute("data-events")) for b in page.locator("rect.bar").all())
    assert shown == expected > 0
    web.navigate(lambda: page.locator("rect.bar").first.click())
    first = page.locator("#day-events li").first
    event_id, article_id = (
        first.get_attribute("data-event-id"),
        first.get_attribute("data-article-id"),
    )
    web.navigate(lambda: first.click())
    mark = page.locator("#reader mark.evidence")
    mark.wait_for()
    assert mark.text_content() == evidence(web_server, article_id, "events", event_id) != ""
    web.screenshot("timeline")

    shared = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    shared.goto(page.url)
    shared.wait_for_selector("body[data-ready=true]")
    assert shared.input_value("#filters input[name=actor]") == "Daesh"
    assert shared.locator("#reader mark.evidence").text_content() == mark.text_content()
    shared.context.close()


def test_map_clusters_events_over_offline_outlines(web, web_server):
    page = web.page
    web.open("#view=map")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country outlines
    markers = page.locator(".leaflet-marker-pane .pt, .leaflet-marker-pane .marker-cluster")
    assert markers.count() > 0
    counts = [int(m.text_content()) for m in markers.all()]
    assert sum(counts) == sum(p["events"] for p in api(web_server, "/api/stats/map")["points"])
    web.screenshot("map")
    point = api(web_server, "/api/stats/map")["points"][0]
    web.open(f"#view=map&place={point['place']}")
    assert page.locator("#place-events li").count() == point["events"]


def test_actor_page_shows_roles_events_and_company(web, web_server):
    page = web.page
    web.open("#view=actors")
    web.navigate(lambda: page.click("button[data-actor=islamic-state]"))
    data = api(web_server, "/api/actors/islamic-state")
    assert page.locator("#actor-page h2").text_content() == data["actor"]["name"]
    assert page.locator("svg.roles rect").count() > 0
    assert page.locator("#as-actor li").count() == len(data["as_actor"]["items"])
    assert page.locator("#as-recipient li").count() == len(data["as_recipient"]["items"])
    assert page.locator(".co-actors li").count() == len(data["co_actors"])
    web.screenshot("actors")
    other = data["co_actors"][0]["id"]
    web.navigate(lambda: page.click(f".co-actors li[data-actor='{other}']"))
    assert f"who={other}" in page.url


def test_claims_tracker_draws_ranges_and_marks_a_claims_evidence(web, web_server):
    page = web.page
    web.open("#view=claims")
    subject = api(web_server, "/api/claims/subjects", limit=200)["items"][0]
    dated = [
        c for c in subject["series"] if c["day"] and (c["low"] is not None or c["high"] is not None)
    ]
    assert page.locator("#claim-subject .claim-range").count() == len(dated) > 0
    assert page.locator("#claim-subject tr.claim-row").count() == len(subject["series"])
    web.screenshot("claims")
    claim = dated[0]
    web.navigate(
        lambda: page.locator(f"#claim-subject .claim-range[data-claim-id='{claim['id']}']").click()
    )
    mark = page.locator("#reader mark.evidence")
    mark.wait_for()
    assert (
        mark.text_content()
        == evidence(web_server, claim["article_id"], "claims", claim["id"])
        != ""
    )


def test_search_lists_articles_and_reader_shows_text_as_text(web, web_server):
    page = web.page
    web.open("#view=articles")
    page.fill("input[name=q]", "fighters")
    web.navigate(lambda: page.press("input[name=q]", "Enter"))
    found = api(web_server, "/api/search", q="fighters", limit=100)
    assert page.locator("ul.articles li").count() == len(found["items"]) > 0
    web.navigate(lambda: page.locator("ul.articles li").first.click())
    article = api(web_server, f"/api/articles/{found['items'][0]['id']}")["article"]
    assert page.locator("#reader .reader-body").text_content() == article["text"]
    # Only text nodes (and a mark when something is selected) inside the body.
    assert page.locator("#reader .reader-body *").count() == 0
    web.screenshot("reader")
