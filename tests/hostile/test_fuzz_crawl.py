"""Every page and form the crawl reaches, sent hostile values, as each role (issue 20).

Two real seed strategies (Time, Arvika) with their demo people. For each role the crawler
walks the app from the home page; then every query parameter a page takes (its filter
forms' fields and its links' parameters) is sent each hostile value, and every POST form
on the pages is submitted with one field at a time replaced by each hostile value.
Asserted: never a server error; a request that is refused (anything but a redirect after
success) writes nothing. Each POST runs in a savepoint that is rolled back, so the next one
meets the same data. Bounded by time and count per role; the figures are printed
(`-s`) and quoted in the README's security section.
"""

import time
import urllib.parse
from collections import Counter, defaultdict
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from tests.browser.seeds import load_seeds
from tests.crawl.crawler import crawl

from .conftest import changed, row_counts

SEEDS = ("time", "arvika")
ROLES = {
    "anonymous": None,
    "editor": "time-editor",
    "coordinator": "time-coordinator",
    "politician": "time-politician",
    "admin": "admin",
}
# Raw, already percent-encoded: a lone surrogate cannot be written as UTF-8 any other way.
HOSTILE = {
    "NUL": "%00",
    "NUL inside": "a%00b",
    "100,000 characters": "x" * 100_000,
    "lone surrogate": "%ED%A0%80",
    "1e309": "1e309",
    "2026-02-30": "2026-02-30",
    "30 digits": "9" * 30,
    "negative": "-1",
}
# Per role: the pages crawled, and the time and requests the attack may take.
MAX_PAGES = 80
SECONDS_PER_ROLE = 30
MAX_FORMS_PER_VIEW = 2
MAX_FIELDS_PER_FORM = 8
# Forms that end the session or only switch the language: nothing to attack there.
SKIPPED_ACTIONS = ("/accounts/logout/", "/admin/logout/", "/i18n/")
FIGURES = {}


class FormReader(HTMLParser):
    """Every form on a page: method, action and the names of its fields with values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action"),
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is None or "name" not in attrs and tag != "option":
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                if kind == "submit" and attrs.get("name"):
                    self._form["fields"].setdefault(attrs["name"], attrs.get("value", ""))
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                self._form["fields"].setdefault(attrs["name"], None)
                return
            self._form["fields"][attrs["name"]] = attrs.get("value", "")
        elif tag == "select":
            self._select = attrs["name"]
            self._form["fields"].setdefault(self._select, None)
        elif tag == "option" and self._select:
            if self._form["fields"][self._select] is None or "selected" in attrs:
                self._form["fields"][self._select] = attrs.get("value", "")
        elif tag in {"textarea", "button"} and attrs.get("name"):
            self._form["fields"].setdefault(attrs["name"], attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _encode(fields):
    return "&".join(
        f"{urllib.parse.quote(name, safe='')}={value}"
        for name, value in fields.items()
        if value is not None
    )


def _plain(fields):
    """Field values percent-encoded, as a browser sends them."""
    return {
        name: None if value is None else urllib.parse.quote(value, safe="")
        for name, value in fields.items()
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                load_seeds(*SEEDS)
            _give_the_editor_work()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _give_the_editor_work():
    """An action of Time's demo editor's department with a follow-up returned to them:
    their work list then leads to its edit and submit forms (Time's plan is over and
    names no department for its actions, so nothing else is theirs)."""
    from accounts.models import Membership
    from actions.models import Action, FollowUp

    editor = Membership.objects.select_related("department").get(user__username="time-editor")
    action = Action.objects.filter(
        strategy__municipality=editor.municipality, is_archived=False
    ).order_by("code")[0]
    action.responsible = editor.department
    action.save()
    year = action.strategy.period_end
    FollowUp.objects.filter(action=action, year=year).delete()
    FollowUp.objects.create(
        action=action,
        year=year,
        currency="NOK",
        state=FollowUp.State.RETURNED,
        what_was_done="Open dag.",
        review_comment="Legg til timetal.",
        submitted_by=editor.user,
    )


def _attack(client, role, deadline):
    # Staff start at their work list, so their own forms come within the page budget.
    start = ("/",) if role == "anonymous" else ("/actions/my-work/", "/")
    # The administrator's crawl takes in the admin's change lists, searches, filters and
    # its add and change forms (issue 23), after the portal's own pages.
    if role == "admin":
        start = (*start, "/admin/")
    pages = crawl(
        client,
        role,
        start=start,
        max_pages=MAX_PAGES,
        admin_site=(role == "admin"),
        admin_forms=(role == "admin"),
    ).pages
    sent, errors, partial = Counter(), [], []
    queries = defaultdict(set)  # path -> parameter names it takes
    forms = []
    forms_per_view = Counter()
    for url, page in pages.items():
        if not page.is_document or page.status != 200:
            continue
        path, _, query = url.partition("?")
        queries[path] |= {name for name, _ in urllib.parse.parse_qsl(query)}
        reader = FormReader()
        reader.feed(page.body)
        for form in reader.forms:
            target = urllib.parse.urljoin(path, form["action"] or path).split("#")[0]
            if target.startswith(SKIPPED_ACTIONS):
                continue
            if form["method"] == "get":
                target_path = target.split("?")[0]
                queries[target_path] |= set(form["fields"])
                continue
            try:
                view = resolve(target.split("?")[0]).view_name
            except Resolver404:
                continue
            if forms_per_view[view] < MAX_FORMS_PER_VIEW:
                forms_per_view[view] += 1
                forms.append((target, form["fields"]))

    # Half the time for addresses, the rest for forms, so each role's forms are reached.
    start = time.monotonic()
    halfway = start + (deadline - start) / 2

    def out_of_time(until=deadline):
        return time.monotonic() > until

    for path, names in queries.items():
        for name in (sorted(names) or ["q"])[:MAX_FIELDS_PER_FORM]:
            for label, value in HOSTILE.items():
                if out_of_time(halfway):
                    break
                response = client.get(f"{path}?{urllib.parse.quote(name, safe='')}={value}")
                sent["GET"] += 1
                if response.status_code >= 500:
                    errors.append(("GET", path, name, label, response.status_code))
    for target, fields in forms:
        plain = _plain(fields)
        for name in [n for n in fields if n != "csrfmiddlewaretoken"][:MAX_FIELDS_PER_FORM]:
            for label, value in HOSTILE.items():
                if out_of_time():
                    return sent, errors, partial
                body = _encode({**plain, name: value})
                with transaction.atomic():
                    before = row_counts()
                    response = client.post(
                        target, body, content_type="application/x-www-form-urlencoded"
                    )
                    after = row_counts()
                    transaction.set_rollback(True)
                sent["POST"] += 1
                if response.status_code >= 500:
                    errors.append(("POST", target, name, label, response.status_code))
                elif response.status_code != 302:
                    written = changed(before, after)
                    written.pop("simple_history.HistoricalRecords", None)
                    if written:
                        partial.append((target, name, label, written))
    return sent, errors, partial


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_every_page_and_form_never_fail_or_write(seeded, role, settings):
    from django.contrib.auth import get_user_model

    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client = Client(raise_request_exception=False)
    username = ROLES[role]
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    sent, errors, partial = _attack(client, role, time.monotonic() + SECONDS_PER_ROLE)
    FIGURES[role] = (sent["GET"], sent["POST"], len(errors), len(partial))
    print(
        f"\nhostile crawl as {role}: {sent['GET']} GET and {sent['POST']} POST requests, "
        f"{len(errors)} server errors, {len(partial)} partial writes"
    )
    assert sent["GET"] + sent["POST"] > 50, "the crawl reached too little to attack"
    assert errors == []
    assert partial == []
