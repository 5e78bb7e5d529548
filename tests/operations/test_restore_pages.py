"""Backup, then restore into a fresh database: every municipality's pages, follow-ups,
change history and report files come back identical (issue 23). The commands are the
README's: `manage.py backup FILE` and `manage.py restore FILE`."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core import management
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from annual_reports.models import AnnualReport
from tests.factories import member
from tests.report.conftest import build_strategy

pytestmark = pytest.mark.django_db(transaction=True)
# What differs between two renders of one page by design: the CSRF token.
VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+|(csrf[-_]token[^>]*?")[^"]+')


def pages(client, strategies, people):
    """Each municipality's pages as its coordinator and as the public read them."""
    seen = {}
    for strategy in strategies:
        slug, municipality = strategy.slug, strategy.municipality
        client.logout()
        seen[f"public {slug}"] = client.get(reverse("dashboards:public", args=[municipality.slug]))
        client.force_login(people[municipality.pk])
        urls = [
            reverse("goals:strategy", args=[slug]),
            reverse("actions:plan", args=[slug]),
            reverse("dashboards:dashboard", args=[slug]),
            reverse("annual_reports:annual", args=[slug]),
        ]
        urls += [
            reverse("actions:follow_up", args=[pk])
            for pk in FollowUp.objects.filter(action__strategy=strategy).values_list(
                "pk", flat=True
            )
        ]
        for url in urls:
            seen[url] = client.get(url)
    out = {}
    for key, response in seen.items():
        assert response.status_code == 200, (key, response.status_code)
        out[key] = VOLATILE.sub(r"\1\2", response.content.decode())
    return out


def history():
    return {
        model._meta.label: sorted(
            model.objects.values_list("history_id", "history_type", "history_date")
        )
        for model in apps.get_models()
        if model._meta.model_name.startswith("historical")
        and any(f.name == "history_type" for f in model._meta.get_fields())
    }


def files(media_root):
    return {
        str(p.relative_to(media_root)): p.read_bytes()
        for p in Path(media_root).rglob("*")
        if p.is_file()
    }


def test_a_restore_into_a_fresh_database_gives_back_identical_pages_history_and_files(
    client, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    strategies = [build_strategy(language="nb"), build_strategy(language="sv")]
    people = {}
    for strategy in strategies:
        municipality = strategy.municipality
        type(municipality).objects.filter(pk=municipality.pk).update(is_published=True)
        people[municipality.pk] = member(
            Role.COORDINATOR, municipality, username=f"koordinator-{municipality.slug}"
        )
        report = AnnualReport.objects.create(strategy=strategy, year=2025, version=1)
        report.file.save(f"{strategy.slug}-2025-v1.pdf", ContentFile(b"%PDF-1.7 " + bytes(200)))
        AnnualReport.objects.filter(pk=report.pk).update(status="done")
    before = (pages(client, strategies, people), history(), files(settings.MEDIA_ROOT))

    archive = tmp_path / "nightly.zip"
    management.call_command("backup", str(archive))
    management.call_command("flush", interactive=False)  # a fresh, migrated database
    for path in Path(settings.MEDIA_ROOT).rglob("*.pdf"):
        path.unlink()  # and an empty media volume
    cache.clear()
    management.call_command("restore", str(archive))
    cache.clear()

    people = {pk: type(user).objects.get(username=user.username) for pk, user in people.items()}
    after = (pages(client, strategies, people), history(), files(settings.MEDIA_ROOT))
    assert after[2] == before[2]
    assert after[1] == before[1]
    assert after[0].keys() == before[0].keys()
    for key in before[0]:
        assert after[0][key] == before[0][key], key
