"""Every main page at a phone's width and a laptop's (WCAG 2.1 1.4.10 Reflow), in Chromium.

For anonymous visitors and each role, on the Time and Arvika seeds, every page of
`test_accessibility.PAGES` is opened at 320×640, 390×844, 768×1024 and 1366×768: the page
itself never scrolls sideways (a wide table scrolls inside its own focusable region).
axe-core stays clean at 390 px too (at 1366 px it is `test_accessibility`). On a phone
the menu folds behind a button that opens by keyboard, and every item in it is reached
with Tab. The dashboard's first screen holds the year's figures and every goal area's
status bar. The README's screenshots are made here.
"""

from pathlib import Path

import pytest

from goals.models import Strategy

from .conftest import axe_violations, sign_in
from .seeds import DEMO_PASSWORD, load_seeds
from .test_accessibility import (
    ADMIN,
    ANONYMOUS,
    COORDINATOR,
    EDITOR,
    PAGES,
    POLITICIAN,
    format_failures,
    seed_for,
    username,
)

VIEWPORTS = [(320, 640), (390, 844), (768, 1024), (1366, 768)]
AXE_WIDTH = 390
# The Django admin is Django's own interface, not one of the portal's pages.
NOT_PORTAL_PAGES = {"admin index", "admin import page"}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def wider_than_the_screen(page):
    """How far the page reaches past the window's right edge (0 when it reflows), and
    the elements that stick out, for the failure message."""
    return page.evaluate(
        """() => {
          const over = document.documentElement.scrollWidth - window.innerWidth;
          if (over <= 0) return {over: 0, culprits: []};
          const culprits = [];
          for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.right > window.innerWidth + 1 && box.width > 0) {
              culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string'
                   ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
            }
            if (culprits.length >= 5) break;
          }
          return {over, culprits};
        }"""
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [ANONYMOUS, EDITOR, COORDINATOR, POLITICIAN, ADMIN])
def test_every_page_reflows_at_every_width_and_passes_axe_on_a_phone(page, role, settings):
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    seed = seed_for(role, load_seeds("time", "arvika"))
    if role != ANONYMOUS:
        sign_in(page, username(role, seed), DEMO_PASSWORD)
    failures = {}
    checked = 0
    for item in PAGES:
        if role not in item.roles or item.name in NOT_PORTAL_PAGES:
            continue
        url = item.url(seed)
        for width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(url)
            if response.status != 200:
                failures[f"{item.name} at {width}"] = f"HTTP {response.status} at {page.url}"
                continue
            checked += 1
            wide = wider_than_the_screen(page)
            if wide["over"]:
                failures[f"{item.name} at {width}"] = {"url": url, **wide}
            if width == AXE_WIDTH:
                violations = axe_violations(page)
                if violations:
                    failures[f"{item.name}: axe at {width}"] = violations
    assert checked, "no page checked"
    assert not failures, format_failures(role, failures)


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_menu_opens_by_keyboard_and_every_item_is_reachable(page):
    seed = seed_for(COORDINATOR, load_seeds("time"))
    sign_in(page, username(COORDINATOR, seed), DEMO_PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/m/{seed.strategy.municipality.slug}/")
    menu = page.locator("#site-menu")
    toggler = page.locator("button.navbar-toggler")
    assert toggler.is_visible() and not menu.is_visible()
    # Tab from the top: skip link, brand, then the menu button.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('navbar-toggler')"):
            break
    else:
        pytest.fail("the menu button is not reached by keyboard")
    assert toggler.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#site-menu').classList.contains('show')")
    assert toggler.get_attribute("aria-expanded") == "true"
    focusable = menu.locator("a[href], button, select")
    names = []
    for _ in range(focusable.count()):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        assert page.evaluate("el => document.querySelector('#site-menu').contains(el)", focused)
        box = page.evaluate("el => el.getBoundingClientRect().toJSON()", focused)
        assert box["width"] > 0 and box["right"] <= 390, box
        names.append(page.evaluate("el => el.textContent.trim() || el.name", focused))
    # Every menu item, sign-out and the language choice were reached.
    text = " ".join(names)
    assert "My work" in text or "Mitt arbeid" in text or "Mitt arbeid" in text, names
    assert any(name in ("language", "Switch language") or "språk" in name for name in names)


def _goal_area_bars_and_tiles(page):
    return page.evaluate(
        """() => ({
          tiles: [...document.querySelectorAll('#figure-tiles > li')]
                   .map(el => el.getBoundingClientRect().bottom),
          bars: [...document.querySelectorAll('.area-card .status-bar')]
                   .map(el => el.getBoundingClientRect().bottom),
          height: window.innerHeight,
        })"""
    )


@pytest.mark.django_db(transaction=True)
def test_the_dashboards_first_screen_holds_the_figures_and_every_goal_areas_status(page):
    load_seeds("time", "trondheim", "hamar", "tranas", "arvika")
    sign_in(page, "admin", DEMO_PASSWORD)
    for strategy in Strategy.objects.order_by("slug"):
        url = f"/reports/dashboard/{strategy.slug}/"
        page.set_viewport_size({"width": 1366, "height": 768})
        page.goto(url)
        desktop = _goal_area_bars_and_tiles(page)
        assert len(desktop["tiles"]) == 6, strategy.slug
        assert len(desktop["bars"]) == strategy.goal_areas.count() + (
            1 if strategy.actions.filter(goal_area__isnull=True).exists() else 0
        ), strategy.slug
        assert max(desktop["tiles"] + desktop["bars"]) <= desktop["height"], (
            strategy.slug,
            desktop,
        )
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(url)
        phone = _goal_area_bars_and_tiles(page)
        assert max(phone["tiles"]) <= phone["height"], (strategy.slug, phone)


@pytest.mark.django_db(transaction=True)
def test_readme_screenshots_on_desktop_and_phone(page, settings):
    """docs/screenshots: the dashboard, public page, action plan and follow-up form, in the
    municipality's own language (Time: nynorsk)."""
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    seed = seed_for(EDITOR, load_seeds("time", "arvika"))
    sign_in(page, "time-coordinator", DEMO_PASSWORD)
    shots = {
        "dashboard": f"/reports/dashboard/{seed.strategy.slug}/?year={seed.year}",
        "public-page": f"/reports/public/{seed.strategy.municipality.slug}/",
        "action-plan": f"/actions/plan/{seed.strategy.slug}/",
        "follow-up-form": f"/actions/follow-up/{seed.draft_follow_up.pk}/edit/",
    }
    DOCS.mkdir(parents=True, exist_ok=True)
    for name, url in shots.items():
        for device, (width, height) in {"desktop": (1366, 768), "phone": (390, 844)}.items():
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(url)
            assert response.status == 200, (name, response.status)
            path = DOCS / f"{name}-{device}.png"
            page.screenshot(path=str(path), full_page=False)
            assert path.stat().st_size > 10_000, path


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_and_public_page_print_without_navigation(page):
    seed = seed_for(ANONYMOUS, load_seeds("time"))
    for url in (
        f"/reports/dashboard/{seed.strategy.slug}/?year={seed.year}",
        f"/reports/public/{seed.strategy.municipality.slug}/",
    ):
        page.goto(url)
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.site-header', '.section-nav', 'footer', '.year-form']
                .map(s => document.querySelector(s))
                .filter(Boolean)
                .map(el => getComputedStyle(el).display)"""
        )
        assert hidden and set(hidden) == {"none"}, (url, hidden)
        kept = page.evaluate("getComputedStyle(document.querySelector('.figure-tile')).breakInside")
        assert kept == "avoid", url
        assert page.locator("#figure-tiles").is_visible()
        page.emulate_media(media="screen")
