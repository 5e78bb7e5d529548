"""The pages of issue 21 in Chromium: the municipality's accessibility statement, its edit
form, what the portal holds about you and the home page with counties — axe clean, and
no sideways scroll at 320 px. (Kept apart from test_accessibility.PAGES, whose full run
per role is long; the coordinator opens every one of these pages.)"""

import pytest

from .conftest import axe_violations, sign_in
from .seeds import DEMO_PASSWORD, load_seeds
from .test_accessibility import COORDINATOR, seed_for, username
from .test_reflow import wider_than_the_screen

PAGES = [
    lambda s: f"/m/{s.strategy.municipality.slug}/accessibility/",
    lambda s: f"/m/{s.strategy.municipality.slug}/accessibility/edit/",
    lambda s: "/privacy/my-data/",
    lambda s: "/?country=NO",
    lambda s: "/reports/compare/?q=utveksling",
]


@pytest.mark.django_db(transaction=True)
def test_the_pages_pass_axe_and_reflow_at_320_px(page, settings):
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    seed = seed_for(COORDINATOR, load_seeds("time", "arvika"))
    sign_in(page, username(COORDINATOR, seed), DEMO_PASSWORD)
    failures = {}
    for width in (1366, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for url_of in PAGES:
            url = url_of(seed)
            response = page.goto(url)
            if response.status != 200:
                failures[f"{url} at {width}"] = f"HTTP {response.status}"
                continue
            violations = axe_violations(page)
            if violations:
                failures[f"{url} at {width}"] = violations
            over = wider_than_the_screen(page)
            if over["over"] > 0:
                failures[f"{url} at {width}"] = over
    assert not failures, failures
