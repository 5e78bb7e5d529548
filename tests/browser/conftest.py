"""Real-browser tests: Playwright drives Debian's Chromium against a live server.

Chromium comes from Debian (`apt-get install chromium`), not Playwright's download.
axe-core comes from the npm registry (`npm ci`) and is injected into each page checked.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE") or shutil.which("chromium") or ""
# Playwright's sync API runs an event loop in the test thread; Django's ORM is still
# used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Without these flags Chromium tries Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing_tools():
    if not CHROMIUM or not Path(CHROMIUM).exists():
        return "Chromium not found (apt-get install chromium)"
    if not AXE.exists():
        return "axe-core not installed (npm ci)"
    return None


def pytest_collection_modifyitems(config, items):
    missing = _missing_tools()
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if missing and not os.environ.get("CI"):
                item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(autouse=True)
def _browser_tools_installed():
    """In CI a missing browser or axe-core is a broken install: every browser test fails
    (red run), never a skip or an expected failure that exits 0."""
    missing = _missing_tools()
    if missing:
        pytest.fail(f"{missing}: the browser tests cannot run")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server):
    """Opens a page in a browser context of its own: one per person in a journey."""
    contexts = []

    def open_page():
        # bypass_csp lets the test inject axe-core; the app's own pages use no inline script.
        context = chromium.new_context(
            base_url=live_server.url,
            bypass_csp=True,
            accept_downloads=True,
            viewport={"width": 1366, "height": 768},
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe files these under "best-practice", not a WCAG tag, yet they check what WCAG 2.1
# (1.3.1, 2.4.1, 2.4.6) asks of a page's structure: one h1, headings in order, one main
# landmark, no content outside landmarks, a skip link that leads somewhere.
AXE_STRUCTURE_RULES = [
    "page-has-heading-one",
    "heading-order",
    "empty-heading",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-main-is-top-level",
    "region",
    "skip-link",
]


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """([tags, rules]) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(rules.map(rule => [rule, {enabled: true}])),
            resultTypes: ['violations'],  // 3-4x faster: passes are not collected
        })""",
        [AXE_TAGS, AXE_STRUCTURE_RULES],
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n" + json.dumps(violations, indent=1)


def sign_in(page, username, password="secret-pass-123"):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("#main form button[type=submit]").click()  # not the header's language form
    page.wait_for_load_state()
