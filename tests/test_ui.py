"""The web explorer in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no
browser is ever downloaded): filter, sort, open an event and see its labelled spans, hostile text
shown as text, the timeline, map, network and paste box, and the API docs, all with no request
leaving the server. Screenshots go to test-artifacts/.

Without Chromium these tests are skipped, except in CI (CI set), where they fail.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from serving import HOSTILE, start_filled

CHROMIUM = os.environ.get("TACITUS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
# The browser logs an API refusal (the paste box's 422 for an empty text) that the page then shows.
EXPECTED_ERROR = "Failed to load resource: the server responded with a status of 422"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: the browser tests must run in CI (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_filled(tmp_path_factory.mktemp("ui"))
    yield running
    running.stop()


@pytest.fixture
def page(browser, server):
    """A page that may reach only the server: any other request is aborted and recorded, and so
    are console errors (a CSP violation is one)."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    elsewhere, errors = [], []

    def only_the_server(route):
        if route.request.url.startswith(server.url + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and not message.text.startswith(EXPECTED_ERROR) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(20_000)
    yield page
    context.close()
    assert elsewhere == [], f"requests beyond the server: {elsewhere}"
    assert errors == [], f"console errors: {errors}"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def open_view(page, server, hash_: str) -> None:
    page.goto(f"{server.url}/#/{hash_}")
    page.wait_for_selector("#view[aria-busy=false]")


def test_filter_sort_and_open_an_event(page, server):
    open_view(page, server, "events")
    total = int(page.text_content(".pager .count").split(" of ")[1].split()[0])
    page.select_option("#filters select[name=type]", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_function("location.hash.includes('type=ASSAULT')")
    page.wait_for_selector("#view[aria-busy=false]")
    badges = page.locator("#events tbody td:nth-child(2) .type").all_text_contents()
    assert badges and all(b.startswith("ASSAULT") for b in badges)
    assert int(page.text_content(".pager .count").split(" of ")[1].split()[0]) == len(badges) < total

    page.click("#events th[data-sort=fatalities]")
    page.wait_for_function("location.hash.includes('sort=fatalities')")
    page.wait_for_selector("#events th.sorted-asc[data-sort=fatalities]")
    page.click("#events th[data-sort=fatalities]")
    page.wait_for_selector("#events th.sorted-desc[data-sort=fatalities]")
    killed = [int(k) for k in page.locator("#events tbody td:nth-child(6)").all_text_contents() if k]
    assert killed and killed == sorted(killed, reverse=True)
    screenshot(page, "events.png")

    page.locator("#events tbody tr", has_text="shelled").first.click()
    page.wait_for_selector(".report mark.hl-trigger")
    page.wait_for_selector("#view[aria-busy=false]")
    labelled = {kind: page.locator(f".report mark.hl-{kind}").all_text_contents()
                for kind in ("trigger", "source", "target", "place", "date", "killed", "injured")}
    joined = {kind: "".join(texts) for kind, texts in labelled.items()}
    assert "shelled" in joined["trigger"] and "Azerbaijani troops" in joined["source"]
    assert "Armenian positions" in joined["target"] and "Jermuk" in joined["place"]
    assert "on Monday" in joined["date"] and "killing three soldiers" in joined["killed"]
    assert "wounding five others" in joined["injured"]
    tags = " · ".join(m.get_attribute("data-label") for m in page.locator(".report mark[data-label]").all()).split(" · ")
    assert "killed: 3" in tags and "injured: 5" in tags and any(t.startswith("ASSAULT") for t in tags)
    assert page.locator("#mentions li").count() >= 1
    screenshot(page, "event.png")


def test_hostile_text_is_shown_as_text(page, server):
    open_view(page, server, f"events?doc={HOSTILE['id']}")
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector(".report mark.hl-trigger")
    page.wait_for_selector("#view[aria-busy=false]")
    report = page.text_content(".report")
    assert "<script>window.pwned='text'</script>" in report
    assert "<img src=x onerror=\"window.pwned='img'\">" in report
    details = "".join(page.locator(".facts").all_text_contents())
    assert HOSTILE["title"] in details and HOSTILE["source"] in details  # shown as the characters they are
    assert page.locator(".report script, .report img, .facts img, .facts b").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0  # its javascript: URL is not a link
    assert page.evaluate("window.pwned") is None
    screenshot(page, "hostile.png")


def test_paste_box_codes_and_highlights(page, server):
    open_view(page, server, "code")
    text = ("Government forces shelled rebel positions in Idlib on Tuesday, killing seven fighters, "
            "a monitoring group said. <script>window.pwned='pasted'</script>")
    page.fill("#paste", text)
    page.fill("#published", "2021-03-06")
    page.click("#code-button")
    page.wait_for_selector("#coded-events tbody tr")
    assert page.text_content(".report") == text
    assert page.locator(".report mark.hl-trigger").first.text_content().endswith("shelled")
    assert "on Tuesday" in page.locator(".report mark.hl-date").first.text_content()
    assert page.evaluate("window.pwned") is None
    screenshot(page, "code.png")

    page.fill("#paste", "   ")
    page.click("#code-button")
    page.wait_for_selector("#message:not([hidden])")
    assert "empty text" in page.text_content("#message")


def test_timeline_map_and_network(page, server):
    open_view(page, server, "timeline")
    bars = page.locator(".chart rect.bar")
    assert bars.count() > 0
    assert page.locator("#timeline tbody tr").count() > 0
    screenshot(page, "timeline.png")
    period = bars.first.get_attribute("data-period")
    bars.first.click()
    page.wait_for_function(f"location.hash.includes('since={period}')")
    page.wait_for_selector("#view[aria-busy=false]")
    dates = page.locator("#events tbody td:nth-child(1)").all_text_contents()
    assert dates and all(d.startswith(period) for d in dates)

    places = server.json("GET", "/api/places")
    open_view(page, server, "map")
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map circle.place").count() == len(places)
    page.locator("#map circle.place[data-place='Nairobi']").click(force=True)
    assert "Nairobi" in page.text_content("#place h3")
    screenshot(page, "map.png")

    dyads = server.json("GET", "/api/dyads?limit=60")
    open_view(page, server, "network")
    assert page.locator("#network line").count() == len(dyads)
    screenshot(page, "network.png")
    actor = dyads[0]["source"]
    page.locator(f"#network circle[data-actor='{actor}']").click()
    page.wait_for_function(f"location.hash.includes('actor={actor}')")


def test_api_docs_work_offline(page, server):
    page.goto(f"{server.url}/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Tacitus" in page.text_content(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path", has_text="/api/events").count() >= 1


def test_readme_screenshot(page, server):
    """The README's picture: an event read against its report (copy test-artifacts/explorer.png to docs/)."""
    open_view(page, server, "events?doc=border-clashes&type=ASSAULT")
    page.locator("#events tbody tr", has_text="shelled").first.click()
    page.wait_for_selector(".report mark.hl-trigger")
    page.wait_for_selector("#view[aria-busy=false]")
    screenshot(page, "explorer.png")
    assert (ARTIFACTS / "explorer.png").stat().st_size > 10_000
