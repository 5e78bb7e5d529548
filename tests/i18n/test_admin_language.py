"""Admin pages speak the user's language all the way: field labels of linked records
(municipality, strategy, goal area ...) and the "please correct the errors" banner, which
Django's own bokmål and nynorsk catalogues lack."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise

from accounts.models import Role
from partners.models import Partner
from tests.factories import MunicipalityFactory, PartnerFactory, StrategyFactory, member
from tests.pages import visible_text

OUR_APPS = {"goals", "partners", "actions", "accounts", "annual_reports"}


def _our_fields():
    for model in apps.get_models():
        # simple_history's copies take their labels from these models.
        if model._meta.app_label not in OUR_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if field.auto_created or not hasattr(field, "verbose_name"):
                continue
            yield model, field


def test_every_field_of_our_models_has_a_label_marked_for_translation():
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model, field in _our_fields()
        if not isinstance(field.verbose_name, Promise)
    ]
    assert not untranslated


@pytest.fixture(autouse=True)
def _language_from_membership(settings):
    settings.LANGUAGE_FROM_MUNICIPALITY = True


def _admin(language):
    """A superuser who set their language on their membership (the user profile)."""
    user = member(Role.ADMIN, None, username=f"admin-{language}", is_staff=True)
    user.is_superuser = True
    user.save()
    user.membership.language = language
    user.membership.save()
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "banner"),
    [
        ("nb", "Rett opp feilene nedenfor."),
        ("nn", "Rett opp feila nedanfor."),
        ("sv", "Rätta felen nedan."),
    ],
)
def test_an_invalid_admin_save_is_explained_in_the_users_language(client, language, banner):
    client.force_login(_admin(language))
    response = client.post(reverse("admin:partners_partner_add"), {})
    assert response.status_code == 200
    text = visible_text(response)
    assert banner in text
    assert "Please correct" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "url", "labels"),
    [
        ("nb", "admin:goals_goalarea_add", ["Strategi"]),
        ("nn", "admin:partners_partner_add", ["Kommune"]),
        ("sv", "admin:actions_indicator_add", ["Strategi", "Målområde", "Aktivitet"]),
        ("nn", "admin:goals_goal_add", ["Satsingsområde"]),
        ("nb", "admin:goals_strategypoint_add", ["Strategi", "Overordnet punkt"]),
    ],
)
def test_linked_record_fields_are_labelled_in_the_users_language(client, language, url, labels):
    client.force_login(_admin(language))
    text = visible_text(client.get(reverse(url)))
    for label in labels:
        assert f"{label}:" in text, label


@pytest.mark.django_db
def test_a_taken_partner_key_is_refused_in_plain_swedish(client):
    arvika = MunicipalityFactory(slug="arvika", language="sv", country="SE", currency="SEK")
    StrategyFactory(municipality=arvika)
    PartnerFactory(municipality=arvika, key="icld")
    client.force_login(_admin("sv"))
    response = client.post(
        reverse("admin:partners_partner_add"),
        {"municipality": arvika.pk, "key": "icld", "name": "ICLD", "kind": "funder"},
    )
    text = visible_text(response)
    assert "Samarbetspartner med samma Kommun och Nyckel finns redan." in text
    assert Partner.objects.filter(municipality=arvika, key="icld").count() == 1
