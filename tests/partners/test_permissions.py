"""Permission matrix for the partner registry: every view × role × own/other municipality.

Fails if any cell changes. Other municipality's data: 404, never data. Wrong role: 403.
"""

import pytest

from tests.pages import shows_word

READ = "get"
WRITE = "post"

VIEWS = {
    "registry": ("/partners/{m}/", READ),
    "partner": ("/partners/{m}/partner/{p}/", READ),
    "twin_town": ("/partners/{m}/twin-town/{t}/", READ),
    "partner_new": ("/partners/{m}/partner/new/", WRITE),
    "partner_edit": ("/partners/{m}/partner/{p}/edit/", WRITE),
    "twin_town_new": ("/partners/{m}/twin-town/new/", WRITE),
    "twin_town_edit": ("/partners/{m}/twin-town/{t}/edit/", WRITE),
    "twin_town_status": ("/partners/{m}/twin-town/{t}/status/", WRITE),
}

# role -> (own municipality read, own write, other municipality read, other write)
EXPECTED = {
    "anonymous": (404, 302, 404, 302),
    "politician": (200, 403, 404, 404),
    "editor": (200, 403, 404, 404),
    "coordinator": (200, 200, 404, 404),
    "admin": (200, 200, 200, 200),
}

TARGETS = {"own": ("time", "ks", "almhult"), "other": ("arvika", "arko", "skive")}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("where", ["own", "other"])
def test_permission_matrix(client, users, view, role, where):
    url_pattern, kind = VIEWS[view]
    m, p, t = TARGETS[where]
    url = url_pattern.format(m=m, p=p, t=t)
    if role != "anonymous":
        client.force_login(users[role])
    # A write view answered with GET shows the form: same rule as POST for who gets in.
    response = client.get(url)
    own_read, own_write, other_read, other_write = EXPECTED[role]
    expected = {
        ("own", READ): own_read,
        ("own", WRITE): own_write,
        ("other", READ): other_read,
        ("other", WRITE): other_write,
    }[(where, kind)]
    assert response.status_code == expected, f"{role} {where} {view}"
    if expected in (403, 404):
        assert not shows_word(response, "ARKO") and not shows_word(response, "KS")


@pytest.mark.parametrize("role", ["politician", "editor", "other_coordinator"])
def test_refused_writes_change_nothing(client, users, time_kommune, role):
    from partners.models import Partner

    client.force_login(users[role])
    before = list(Partner.objects.values_list("name", "version"))
    client.post("/partners/time/partner/new/", {"name": "Inntrengar", "kind": "network"})
    client.post("/partners/time/partner/ks/edit/", {"name": "Endra", "kind": "network"})
    assert list(Partner.objects.values_list("name", "version")) == before
