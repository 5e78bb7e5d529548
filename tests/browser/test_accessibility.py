"""axe-core (WCAG 2.1 A and AA rules) on every main page, for each role, in headless Chromium.

The pages are listed below, each with the roles that may open it. One test per role
loads the Time and Arvika seed strategies once (with demo follow-ups), signs in as that
role's demo user and visits each of its pages: a page that does not open (not 200) or has
any axe violation fails the test, and the message lists every failing page.
One data load per role instead of per page keeps the suite within its time budget.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from accounts.models import Membership
from actions.models import FollowUp
from goals.models import Strategy
from tests.factories import MunicipalityFactory, StrategyFactory

from .conftest import axe_violations, sign_in
from .seeds import DEMO_PASSWORD, load_seeds

ANONYMOUS, EDITOR, COORDINATOR, POLITICIAN, ADMIN = (
    "anonymous",
    "editor",
    "coordinator",
    "politician",
    "admin",
)
EVERYONE = {ANONYMOUS, EDITOR, COORDINATOR, POLITICIAN, ADMIN}
MEMBERS = EVERYONE - {ANONYMOUS}
WRITERS = {EDITOR, COORDINATOR, ADMIN}
REPORT_READERS = {COORDINATOR, POLITICIAN, ADMIN}
STAFF = {COORDINATOR, ADMIN}  # the Django admin
PLAN_OWNERS = {COORDINATOR, ADMIN}  # new actions, reviews, partners and twin towns


@dataclass
class Seed:
    strategy: Strategy
    action: object  # an action the signed-in user may edit
    partner_key: str
    twin_town_key: str
    year: int
    draft_follow_up: FollowUp  # of `action`, editable by the signed-in user
    submitted_follow_up: FollowUp  # waiting for the coordinator's review


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[Seed], str]
    roles: frozenset
    then: Callable | None = None  # what the user does on the page before the check


def show_validation_error(page, seed):
    """Submit the follow-up form with a progress above 100 %: the error is on the page,
    tied to its field, and announced (the summary takes the focus and links to the field)."""
    page.locator("#id_progress").fill("150")
    page.locator("#main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    field = page.locator("#id_progress")
    assert field.get_attribute("aria-invalid") == "true", "no validation error shown"
    message = page.locator(f"#{field.get_attribute('aria-describedby')}")
    assert message.inner_text().strip(), "the field's error is not tied to it"
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary.locator('a[href="#id_progress"]').click()
    assert page.evaluate("document.activeElement.id") == "id_progress"


def charts_have_text_alternatives(page, seed):
    """Every chart is an image with a name, and its figures are in a data table too."""
    charts = page.locator("#main figure")
    assert charts.count() >= 3
    for i in range(charts.count()):
        chart = charts.nth(i)
        svg = chart.locator("svg")
        assert svg.get_attribute("role") == "img"
        title_id = svg.get_attribute("aria-labelledby").split()[0]
        assert page.locator(f"[id='{title_id}']").text_content().strip()
        assert chart.locator("table th[scope=row]").count() >= 1


def search(page, seed):
    page.locator("#compare-q").fill("internasjonal")
    page.locator("#compare-q").press("Enter")
    page.wait_for_load_state()
    assert page.locator('section[aria-labelledby="results-heading"] li').count() > 0


def review_is_offered(page, seed):
    """The coordinator sees the submitted follow-up with its approve and return buttons."""
    for decision in ("approve", "return"):
        assert page.locator(f"button[name=decision][value={decision}]").count() == 1, decision


def end_without_a_decision(page, seed):
    """Ending a twin-town relation without naming the decision: the error is shown."""
    page.locator("#id_status").select_option("ended")
    page.locator("#id_changed_on").fill(f"{seed.year}-06-30")
    page.locator("#main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#main .alert-danger, #main .invalid-feedback").count(), "no error"


def plan_url(seed):
    area = seed.strategy.goal_areas.order_by("order").first()
    return f"/actions/plan/{seed.strategy.slug}/?goal_area={area.pk}&status=planned&q=a"


PAGES = [
    Page("front page", lambda s: "/", EVERYONE),
    Page("municipality page", lambda s: f"/m/{s.strategy.municipality.slug}/", EVERYONE),
    Page("strategy page", lambda s: f"/strategy/{s.strategy.slug}/", EVERYONE),
    Page("action plan, filtered", plan_url, MEMBERS),
    Page("action detail", lambda s: f"/actions/{s.action.pk}/", MEMBERS),
    Page("action edit form", lambda s: f"/actions/{s.action.pk}/edit/", WRITERS),
    Page(
        "follow-up form with a validation error",
        lambda s: f"/actions/{s.action.pk}/follow-up/new/?year={s.year}",
        WRITERS,
        then=show_validation_error,
    ),
    Page(
        "follow-up edit form",
        lambda s: f"/actions/follow-up/{s.draft_follow_up.pk}/edit/",
        WRITERS,
    ),
    Page(
        "follow-up review (submitted: approve or return)",
        lambda s: f"/actions/follow-up/{s.submitted_follow_up.pk}/",
        PLAN_OWNERS,
        then=review_is_offered,
    ),
    Page("new action form", lambda s: f"/actions/plan/{s.strategy.slug}/new/", PLAN_OWNERS),
    Page("my work", lambda s: "/actions/my-work/", MEMBERS),
    Page("notifications", lambda s: "/notifications/", MEMBERS),
    Page("notification settings", lambda s: "/notifications/settings/", MEMBERS),
    Page("milestones form", lambda s: f"/actions/{s.action.pk}/milestones/", PLAN_OWNERS),
    Page("framework links form", lambda s: f"/actions/{s.action.pk}/frameworks/", WRITERS),
    Page(
        "SDG 11 page", lambda s: f"/m/{s.strategy.municipality.slug}/frameworks/sdg/11/", EVERYONE
    ),
    Page("compare by SDG", lambda s: "/frameworks/compare/?item=sdg-11&twin_towns=1", EVERYONE),
    Page("indicators form", lambda s: f"/actions/plan/{s.strategy.slug}/indicators/", PLAN_OWNERS),
    Page("partners registry", lambda s: f"/partners/{s.strategy.municipality.slug}/", EVERYONE),
    Page(
        "partner detail",
        lambda s: f"/partners/{s.strategy.municipality.slug}/partner/{s.partner_key}/",
        EVERYONE,
    ),
    Page(
        "twin-town detail",
        lambda s: f"/partners/{s.strategy.municipality.slug}/twin-town/{s.twin_town_key}/",
        EVERYONE,
    ),
    Page(
        "new partner form",
        lambda s: f"/partners/{s.strategy.municipality.slug}/partner/new/",
        PLAN_OWNERS,
    ),
    Page(
        "partner edit form",
        lambda s: f"/partners/{s.strategy.municipality.slug}/partner/{s.partner_key}/edit/",
        PLAN_OWNERS,
    ),
    Page(
        "new twin-town form",
        lambda s: f"/partners/{s.strategy.municipality.slug}/twin-town/new/",
        PLAN_OWNERS,
    ),
    Page(
        "twin-town edit form",
        lambda s: f"/partners/{s.strategy.municipality.slug}/twin-town/{s.twin_town_key}/edit/",
        PLAN_OWNERS,
    ),
    Page(
        "twin-town status change (ending, with its error)",
        lambda s: f"/partners/{s.strategy.municipality.slug}/twin-town/{s.twin_town_key}/status/",
        PLAN_OWNERS,
        then=end_without_a_decision,
    ),
    Page(
        "dashboard",
        lambda s: f"/reports/dashboard/{s.strategy.slug}/?year={s.year}",
        EVERYONE,
        then=charts_have_text_alternatives,
    ),
    Page("public page", lambda s: f"/reports/public/{s.strategy.municipality.slug}/", EVERYONE),
    Page("compare and search results", lambda s: "/reports/compare/", EVERYONE, then=search),
    Page("twin towns and partners of every municipality", lambda s: "/partners/", EVERYONE),
    Page(
        "publish or unpublish (confirmation)",
        lambda s: f"/m/{s.strategy.municipality.slug}/publication/",
        PLAN_OWNERS,
    ),
    Page("accessibility statement", lambda s: "/accessibility/", EVERYONE),
    Page(
        "municipality's accessibility statement",
        lambda s: f"/m/{s.strategy.municipality.slug}/accessibility/",
        EVERYONE,
    ),
    Page(
        "municipality's accessibility statement, edit form",
        lambda s: f"/m/{s.strategy.municipality.slug}/accessibility/edit/",
        PLAN_OWNERS,
    ),
    Page("privacy notice", lambda s: "/privacy/", EVERYONE),
    Page("what the portal holds about you", lambda s: "/privacy/my-data/", MEMBERS),
    Page("open data API documentation", lambda s: "/api/v1/docs/", EVERYONE),
    Page(
        "spreadsheet import",
        lambda s: f"/spreadsheets/{s.strategy.slug}/upload/",
        PLAN_OWNERS,
    ),
    Page(
        "annual report texts",
        lambda s: f"/reports/annual/{s.strategy.slug}/{s.year}/texts/",
        REPORT_READERS,
    ),
    Page("annual report page", lambda s: f"/reports/annual/{s.strategy.slug}/", REPORT_READERS),
    Page(
        "annual report preview",
        lambda s: f"/reports/annual/{s.strategy.slug}/{s.year}/preview/",
        REPORT_READERS,
    ),
    Page("login", lambda s: "/accounts/login/", {ANONYMOUS}),
    Page("password reset", lambda s: "/accounts/password_reset/", {ANONYMOUS}),
    Page("password change", lambda s: "/accounts/password_change/", MEMBERS),
    Page("admin index", lambda s: "/admin/", STAFF),
    Page("admin import page", lambda s: "/admin/goals/strategy/import/", STAFF),
]


def seed_for(role, strategies):
    """Time's plan for most roles; the politician reads Arvika's, in Swedish."""
    slug = "arvika" if role == POLITICIAN else "time"
    strategy = strategies[slug]
    municipality = strategy.municipality
    actions = strategy.actions.order_by("goal_area__order", "order")
    action = actions.first()
    if role == EDITOR:
        # An action of the demo editor's own department: the one the editor may edit.
        department = Membership.objects.get(user__username="time-editor").department
        if not actions.filter(responsible=department).exists():
            # The seed names few responsible parties: give the department one to edit.
            actions.filter(pk=action.pk).update(responsible=department)
        action = actions.filter(responsible=department).first()
    year = strategy.years[-1]
    other_action = actions.exclude(pk=action.pk).first()
    return Seed(
        strategy=strategy,
        action=action,
        partner_key=municipality.partners.order_by("pk").first().key,
        twin_town_key=municipality.twin_towns.order_by("pk").first().key,
        year=year,
        draft_follow_up=follow_up_in(action, year - 1, FollowUp.State.DRAFT),
        submitted_follow_up=follow_up_in(other_action, year - 1, FollowUp.State.SUBMITTED),
    )


def follow_up_in(action, year, state):
    """The action's follow-up for `year` (a demo one if there is), put in `state`."""
    follow_up, _ = FollowUp.objects.get_or_create(
        action=action,
        year=year,
        defaults={"currency": action.strategy.municipality.currency, "state": state},
    )
    FollowUp.objects.filter(pk=follow_up.pk).update(state=state)
    follow_up.state = state
    return follow_up


def username(role, seed):
    return "admin" if role == ADMIN else f"{seed.strategy.municipality.slug}-{role}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [ANONYMOUS, EDITOR, COORDINATOR, POLITICIAN, ADMIN])
def test_every_page_has_no_axe_violations(page, role, settings):
    # Staff see the interface in their municipality's language, as in production.
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    seed = seed_for(role, load_seeds("time", "arvika"))
    if role != ANONYMOUS:
        sign_in(page, username(role, seed), DEMO_PASSWORD)
        assert page.url.endswith("/"), "sign-in failed"
    failures = {}
    visited = []
    for item in PAGES:
        if role not in item.roles:
            continue
        print(f"axe as {role}: {item.name}")  # the pages checked, in the test's output
        response = page.goto(item.url(seed))
        if response.status != 200:
            failures[item.name] = f"HTTP {response.status} at {page.url}"
            continue
        if item.then:
            item.then(page, seed)
        violations = axe_violations(page)
        if violations:
            failures[item.name] = {"url": page.url, "violations": violations}
        visited.append(item.name)
    assert visited, "no page checked"
    assert not failures, format_failures(role, failures)


def format_failures(role, failures):
    return f"axe as {role}:\n" + json.dumps(failures, indent=1, ensure_ascii=False)


@pytest.mark.django_db(transaction=True)
def test_keyboard_user_skips_to_the_main_content_with_the_focus_always_visible(page):
    strategy = StrategyFactory(municipality=MunicipalityFactory(is_published=True))
    page.goto(f"/m/{strategy.municipality.slug}/")

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.get_attribute("href") == "#main"
    box = skip_link.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 10, "skip link not shown on focus"
    assert focus_outline(page) != "none"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The next stop is the page's own content, not the header's links again.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert focus_outline(page) != "none"


def focus_outline(page):
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
