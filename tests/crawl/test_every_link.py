"""Walk the whole app as each kind of user, from the home page, following every link.

The five seed strategies, demo users and demo follow-ups are loaded once for the module,
with Hamar unpublished, so that anything of Hamar's a stranger can reach is a leak. For
each role the crawl asserts: no server error, only the statuses a reader may meet, no
Hamar content outside Hamar and the admins, no unapproved follow-up text or coordinator's
comment for anyone outside the municipality, one h1, a language and a main landmark on
every page, and no link to a page that is not there. Run with -s for a summary.
"""

import html
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from actions.models import FollowUp
from goals.models import Municipality, Strategy
from tests.browser.seeds import load_seeds

from .crawler import crawl, fetch

SEEDS = ("time", "trondheim", "hamar", "tranas", "arvika")
# (username or None, crawls the admin site, municipality slug it belongs to)
ROLES = {
    "anonymous": (None, False, None),
    "time-editor": ("time-editor", False, "time"),
    "time-coordinator": ("time-coordinator", False, "time"),
    "time-politician": ("time-politician", False, "time"),
    "arvika-coordinator": ("arvika-coordinator", False, "arvika"),
    "admin": ("admin", True, None),
}
# Hamar's plan, unpublished for this module: its name, plan title, twin towns, partners.
HAMAR_MARKERS = (
    "Hamar",
    "hamar-2015",
    "Strategi for internasjonalt arbeid",
    "Stoppested Verden",
    "Karmiel",
    "Khan Younis",
)
REVIEW_COMMENT = "Crawler: the hours are missing, please add them"
APPROVED_COMMENT = "Crawler: approved, thank you for the clear account"
OK_STATUSES = {200, 302, 403, 404}
# Staff pages of Time's plan that the crawl does not reach by a link for every role: what
# each role gets (302: sign in first; 403: a member whose role does not allow it).
STAFF_PROBES = {
    "/actions/plan/time-2016-2019/new/": {
        "anonymous": 302,
        "time-editor": 403,
        "time-coordinator": 200,
        "time-politician": 403,
        "arvika-coordinator": 404,
        "admin": 200,
    },
    "/reports/annual/time-2016-2019/": {
        "anonymous": 302,
        "time-editor": 403,
        "time-coordinator": 200,
        "time-politician": 200,
        "arvika-coordinator": 404,
        "admin": 200,
    },
    # The coordinator's foreword and assessments: every member reads, outsiders get 404.
    "/reports/annual/time-2016-2019/2019/texts/": {
        "anonymous": 302,
        "time-editor": 200,
        "time-coordinator": 200,
        "time-politician": 200,
        "arvika-coordinator": 404,
        "admin": 200,
    },
}
SUMMARY = {}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seeds, once for the module, rolled back at the end."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                load_seeds(*SEEDS)
            Municipality.objects.filter(slug="hamar").update(is_published=False)
            yield {"comments": _review_comments(), "report_files": _annual_reports()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _review_comments():
    """In every municipality: a returned follow-up with a comment, an approved one that kept
    its comment, and a partner edited by its coordinator. Comments and who changed what are
    for the municipality's staff; each text returned here must never reach a stranger."""
    from partners.models import Partner

    comments = {}
    for municipality in Municipality.objects.order_by("slug"):
        follow_ups = FollowUp.objects.filter(action__strategy__municipality=municipality)
        submitted = follow_ups.filter(state=FollowUp.State.SUBMITTED).order_by("pk").first()
        approved = follow_ups.filter(state=FollowUp.State.APPROVED).order_by("pk").first()
        texts = []
        if submitted:
            submitted.state = FollowUp.State.RETURNED
            submitted.review_comment = f"{REVIEW_COMMENT} ({municipality.slug})."
            submitted.save()
            texts.append(submitted.review_comment)
        if approved:
            approved.review_comment = f"{APPROVED_COMMENT} ({municipality.slug})."
            approved.save()
            texts.append(approved.review_comment)
        partner = Partner.objects.filter(municipality=municipality).order_by("pk").first()
        coordinator = get_user_model().objects.get(username=f"{municipality.slug}-coordinator")
        if partner:
            partner.cooperation += "\nCrawler"
            partner._history_user = coordinator
            partner.save()
            texts.append(coordinator.username)
        comments[municipality.slug] = texts
    return comments


def _annual_reports():
    """A finished report (its PDF is written per test, into that test's MEDIA_ROOT) for
    every strategy, and one still queued for Time's, so its page polls the status."""
    from annual_reports.models import AnnualReport

    files = []
    for strategy in Strategy.objects.order_by("slug"):
        name = f"reports/crawl/{strategy.slug}.pdf"
        AnnualReport.objects.create(
            strategy=strategy,
            year=strategy.period_start,
            version=1,
            status=AnnualReport.Status.DONE,
            progress=100,
            file=name,
            checksum="0" * 64,
            page_count=1,
        )
        files.append(name)
    time = Strategy.objects.get(slug="time-2016-2019")
    AnnualReport.objects.create(strategy=time, year=time.period_start + 1, version=1)
    return files


@pytest.fixture(scope="module", autouse=True)
def summary():
    """Pages per role, printed (with -s) after the module's crawls."""
    yield
    if SUMMARY:
        print("\nrole                 pages  htmx  statuses")
    for role, (count, statuses, fragments) in SUMMARY.items():
        print(f"{role:20} {count:5} {fragments:5}  {statuses}")


@pytest.fixture
def report_files(seeded, settings):
    for name in seeded["report_files"]:
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4\n% crawler\n")


def _secrets_for(own_slug, comments):
    """Text this user must never see: other municipalities' unapproved follow-ups and
    comments (and all of Hamar's follow-ups), less any text they may see elsewhere."""
    rows = FollowUp.objects.values_list(
        "what_was_done", "state", "action__strategy__municipality__slug"
    )
    hidden, allowed = set(), set()
    for text, state, slug in rows:
        visible_to_all = state == FollowUp.State.APPROVED and slug != "hamar"
        (allowed if slug == own_slug or visible_to_all else hidden).add(text.strip())
    secrets = {text for text in hidden - allowed if text}
    secrets |= {c for slug, texts in comments.items() if slug != own_slug for c in texts}
    return secrets


def _leak_probes():
    """Hamar's own addresses: a stranger who guesses them must get nothing."""
    from actions.models import Action

    action = Action.objects.filter(strategy__slug="hamar-2015").order_by("pk").first()
    follow_up = FollowUp.objects.filter(action=action).order_by("pk").first()
    probes = [
        "/m/hamar/",
        "/strategy/hamar-2015/",
        "/actions/plan/hamar-2015/",
        "/reports/dashboard/hamar-2015/",
        "/reports/public/hamar/",
        "/reports/annual/hamar-2015/",
        "/partners/hamar/",
        "/partners/hamar/twin-town/karmiel/",
        "/partners/hamar/partner/stoppested-verden/",
        f"/actions/{action.pk}/",
        # Search terms chosen so that only a result, not the echoed query, holds a marker.
        "/reports/compare/?q=Stoppested",
        "/reports/compare/?q=Khan",
        "/reports/compare/?q=internasjonalt+arbeid",
    ]
    if follow_up:
        probes.append(f"/actions/follow-up/{follow_up.pk}/")
    return probes


def _unexpected_statuses(role, probes):
    """Hamar's addresses: 404 for strangers (a sign-in first for anonymous, where the page
    needs one); the search page answers, with nothing of Hamar's in it. The public page
    is what the public sees: none while unpublished, for admins too."""
    expected = {200} if role == "admin" else {302, 404} if role == "anonymous" else {404}
    unexpected = []
    for probe in probes:
        allowed = expected
        if "/compare/" in probe.url:
            allowed = {200}
        elif probe.url.startswith("/reports/public/"):
            allowed = {404}
        if probe.status not in allowed:
            unexpected.append(f"{probe.url}: {probe.status}")
    return unexpected


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES))
def test_crawl_every_link(role, seeded, report_files, client):
    username, admin_site, own_slug = ROLES[role]
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    start = ("/", "/admin/") if admin_site else ("/",)
    result = crawl(client, role, start=start, admin_site=admin_site)
    pages = list(result.pages.values())
    probes = [] if own_slug == "hamar" else [fetch(client, url) for url in _leak_probes()]
    problems = _unexpected_statuses(role, probes)
    for url, expected in STAFF_PROBES.items():
        probe = fetch(client, url)
        probes.append(probe)
        if probe.status != expected[role]:
            problems.append(f"{url}: {probe.status}, expected {expected[role]}")

    problems += _csv_probes(client, role, own_slug, probes)

    problems += [f"{p.status} {p.url}" for p in [*pages, *probes] if p.status not in OK_STATUSES]
    problems += _broken_links(result)
    problems += _outline_problems([*pages, *probes])
    problems += _csv_problems(pages)
    if role == "admin":
        # The markers are sound: the admin reaches Hamar's plan through links.
        assert _hamar_leaks(pages), "the admin's crawl never reached Hamar's plan"
    else:
        if own_slug != "hamar":
            problems += _hamar_leaks([*pages, *probes])
        secrets = _secrets_for(own_slug, seeded["comments"])
        assert len(secrets) > 20, "too few unapproved texts to check"
        problems += _internal_leaks(pages, secrets)
    if role == "time-coordinator":
        # The texts are sound: a member's crawl shows what strangers must never see.
        assert _internal_leaks(pages, _secrets_for(None, seeded["comments"]))

    statuses = Counter(page.status for page in pages)
    fragments = sum(page.htmx for page in pages)
    SUMMARY[role] = (len(pages), dict(sorted(statuses.items())), fragments)
    assert len(pages) > 20, f"{role}'s crawl reached only {len(pages)} pages"
    assert not problems, "\n".join(sorted(set(problems)))


def _broken_links(result):
    """A link the crawl followed that answered 404 for this same user."""
    problems = [f"unknown address on {s} -> {t}" for s, t in result.unresolvable]
    for source, target in result.links:
        page = result.pages.get(target)
        if page is not None and page.status == 404:
            problems.append(f"broken link on {source} -> {target}")
    return problems


def _outline_problems(pages):
    """Every whole page, error pages included: one h1, one main, a language."""
    problems = []
    for page in pages:
        if page.status not in (200, 403, 404) or not page.is_document:
            continue
        tags = page.parser.tags
        if tags["h1"] != 1:
            problems.append(f"{tags['h1']} h1 on {page.url} ({page.status})")
        if tags["main"] != 1:
            problems.append(f"{tags['main']} main on {page.url} ({page.status})")
        if not page.parser.html_lang:
            problems.append(f"no html lang on {page.url} ({page.status})")
    return problems


def _csv_probes(client, role, own_slug, probes):
    """Every strategy's CSV export, not only the one the crawl happens to reach first:
    the staff plan is for the municipality's members (a sign-in first for anonymous)."""
    problems = []
    for strategy in Strategy.objects.select_related("municipality").order_by("slug"):
        probe = fetch(client, f"/actions/plan/{strategy.slug}/?format=csv")
        probes.append(probe)
        if role == "admin" or strategy.municipality.slug == own_slug:
            expected = 200
        else:
            expected = 302 if role == "anonymous" else 404
        if probe.status != expected:
            problems.append(f"CSV {probe.url}: {probe.status}, expected {expected}")
        elif expected == 200 and not probe.content_type.startswith("text/csv"):
            problems.append(f"CSV {probe.url}: {probe.content_type}")
    return problems


def _csv_problems(pages):
    exports = [p for p in pages if "format=csv" in p.url]
    return [f"CSV export {p.url}: {p.status} {p.content_type}" for p in exports if p.status != 200]


def _hamar_leaks(pages):
    problems = []
    for page in pages:
        # The address the visitor typed comes back (language switcher's `next`): not a leak.
        body = page.body.replace(html.escape(page.url), "").replace(page.url, "")
        found = [m for m in HAMAR_MARKERS if m.lower() in body.lower()]
        if found:
            problems.append(f"Hamar ({', '.join(found)}) leaks on {page.url}")
    return problems


def _internal_leaks(pages, secrets):
    problems = []
    for page in pages:
        leaked = [s for s in secrets if s in page.body]
        if leaked:
            problems.append(f"{len(leaked)} internal texts on {page.url}: {leaked[:2]}")
    return problems
