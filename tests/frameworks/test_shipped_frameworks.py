"""The SDGs and Europa 2020 are in the database after migrate, with names and colours."""

import re

import pytest
from django.utils import translation

from frameworks.models import ActionLink, Framework, FrameworkItem
from frameworks.services import items_offered, set_links
from tests.factories import ActionFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_the_17_sdgs_load_on_migrate_with_names_in_four_languages_and_colours():
    sdgs = list(FrameworkItem.objects.filter(framework__code="sdg", parent=None).order_by("order"))
    assert [i.code for i in sdgs] == [str(n) for n in range(1, 18)]
    for item in sdgs:
        assert item.name_nb and item.name_nn and item.name_sv and item.name_en
        assert re.fullmatch(r"#[0-9A-F]{6}", item.colour)
    eleven = sdgs[10]
    assert eleven.colour == "#FD9D24"
    assert eleven.name_en == "Sustainable cities and communities"
    with translation.override("sv"):
        assert eleven.name == "Hållbara städer och samhällen"
    with translation.override("nb"):
        assert eleven.name == "Bærekraftige byer og lokalsamfunn"
    assert Framework.objects.get(code="sdg").source


def test_europa_2020_loads_with_its_five_headline_targets():
    assert FrameworkItem.objects.filter(framework__code="eu2020").count() == 5


def test_another_municipalitys_own_framework_is_not_offered():
    ours, theirs = MunicipalityFactory(), MunicipalityFactory()
    plan = Framework.objects.create(code="kp-theirs", name_nb="Kommuneplan", municipality=theirs)
    FrameworkItem.objects.create(framework=plan, code="1", name_nb="Levende sentrum")
    offered = items_offered(ours)
    assert not offered.filter(framework=plan).exists()
    assert offered.filter(framework__code="sdg", parent=None).count() == 17


def test_each_link_change_has_its_history_row():
    action = ActionFactory()
    eleven = FrameworkItem.objects.get(framework__code="sdg", code="11")
    seventeen = FrameworkItem.objects.get(framework__code="sdg", code="17")
    assert set_links(action, [eleven, seventeen], reason="linked")
    assert not set_links(action, [eleven, seventeen])
    assert set_links(action, [seventeen])
    assert list(action.framework_items.all()) == [seventeen]
    history = ActionLink.history.filter(action_id=action.pk)
    assert sorted(history.values_list("history_type", flat=True)) == ["+", "+", "-"]


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_the_shipped_frameworks_back_and_sdg_pages_work(client):
    """`flush` (and every transactional test's teardown) empties the tables the data
    migration filled; the SDG pages of a plan loaded afterwards must still be there."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)

    assert FrameworkItem.objects.filter(framework__code="sdg", parent=None).count() == 17
    assert FrameworkItem.objects.filter(framework__code="sdg", parent__code="11").count() == 10
    assert FrameworkItem.objects.filter(framework__code="eu2020").count() == 5
    municipality = MunicipalityFactory(is_published=True)
    response = client.get(f"/m/{municipality.slug}/frameworks/sdg/11/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "language, code, name",
    [
        ("sv", "3", "Hälsa och välbefinnande"),
        ("sv", "17", "Genomförande och globalt partnerskap"),
        ("nb", "7", "Ren energi for alle"),
        ("nb", "16", "Fred, rettferdighet og velfungerende institusjoner"),
        ("nn", "2", "Utrydde svolt"),
        ("nn", "7", "Rein energi for alle"),
        ("nn", "11", "Berekraftige byar og lokalsamfunn"),
    ],
)
def test_sdg_names_are_the_official_ones(language, code, name):
    """Swedish as globalamalen.se, bokmål as FN-sambandet, nynorsk correspondingly."""
    item = FrameworkItem.objects.get(framework__code="sdg", code=code)
    with translation.override(language):
        assert item.name == name


def test_the_name_migration_corrects_a_database_loaded_with_the_old_names():
    from importlib import import_module

    from django.apps import apps

    item = FrameworkItem.objects.get(framework__code="sdg", code="3")
    FrameworkItem.objects.filter(pk=item.pk).update(name_sv="God hälsa och välbefinnande")
    migration = import_module("frameworks.migrations.0003_sdg_official_names")
    migration.reload_sdgs(apps, None)
    item.refresh_from_db()
    assert item.name_sv == "Hälsa och välbefinnande"
