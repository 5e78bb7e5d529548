"""A year typed into the admin is a year the strategy file can hold (1800–2200): a period
ending in 20190 is refused next to its field and nothing is saved, so the yearly pages
stay small and export → import still works."""

import pytest
from django.urls import reverse

from actions.models import IndicatorValue
from goals.models import FIRST_YEAR, LAST_YEAR
from partners.models import TwinTownStatusChange
from strategy_files.import_fields import Checker, Year
from tests.factories import IndicatorFactory, StrategyFactory, TwinTownFactory
from tests.security.tenancy_world import staff_coordinator

from .admin_forms import posted_back

pytestmark = pytest.mark.django_db


def _url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _refused(response, form, field, value="20190"):
    assert response.status_code == 200
    errors = " ".join(form.errors.get(field, []))
    assert value in errors and f"{FIRST_YEAR}" in errors and f"{LAST_YEAR}" in errors, errors


def test_admin_refuses_a_period_ending_in_20190(admin):
    strategy = StrategyFactory()
    data = posted_back(admin.get(_url(strategy)))
    data["period_end"] = "20190"
    response = admin.post(_url(strategy), data)
    _refused(response, response.context["adminform"].form, "period_end")
    strategy.refresh_from_db()
    assert strategy.period_end == 2027


def test_a_coordinator_in_the_admin_is_refused_a_period_start_of_20190(client):
    strategy = StrategyFactory()
    client.force_login(staff_coordinator(strategy.municipality))
    data = posted_back(client.get(_url(strategy)))
    data["period_start"] = "20190"
    data["period_end"] = "20200"
    response = client.post(_url(strategy), data)
    _refused(response, response.context["adminform"].form, "period_start")
    strategy.refresh_from_db()
    assert (strategy.period_start, strategy.period_end) == (2024, 2027)


def test_a_revision_date_before_the_adoption_is_refused(admin):
    strategy = StrategyFactory()
    data = posted_back(admin.get(_url(strategy)))
    data.update({"adopted_on": "2024-06-20", "revise_by": "2023-12-31"})
    response = admin.post(_url(strategy), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["revise_by"]
    strategy.refresh_from_db()
    assert strategy.revise_by is None


def test_a_period_ending_before_it_starts_is_refused(admin):
    strategy = StrategyFactory()
    data = posted_back(admin.get(_url(strategy)))
    data["period_end"] = "2020"
    response = admin.post(_url(strategy), data)
    assert response.context["adminform"].form.errors["period_end"]
    strategy.refresh_from_db()
    assert strategy.period_end == 2027


def test_admin_refuses_a_twin_town_since_20190_and_a_status_step_in_20190(admin):
    twin_town = TwinTownFactory(since=1992)
    data = posted_back(admin.get(_url(twin_town)))
    data["since"] = "20190"
    data["status_changes-TOTAL_FORMS"] = "1"
    data.update(
        {
            "status_changes-0-order": "1",
            "status_changes-0-status": "dormant",
            "status_changes-0-year": "20190",
        }
    )
    response = admin.post(_url(twin_town), data)
    _refused(response, response.context["adminform"].form, "since")
    step = response.context["inline_admin_formsets"][0].formset.forms[0]
    _refused(response, step, "year")
    twin_town.refresh_from_db()
    assert twin_town.since == 1992
    assert not TwinTownStatusChange.objects.exists()


def test_admin_refuses_an_indicator_target_or_value_in_20190(admin):
    indicator = IndicatorFactory(target_year=2027)
    data = posted_back(admin.get(_url(indicator)))
    data["target_year"] = "20190"
    data["values-TOTAL_FORMS"] = "1"
    data.update({"values-0-year": "20190", "values-0-value": "3"})
    response = admin.post(_url(indicator), data)
    _refused(response, response.context["adminform"].form, "target_year")
    _refused(response, response.context["inline_admin_formsets"][0].formset.forms[0], "year")
    indicator.refresh_from_db()
    assert indicator.target_year == 2027
    assert not IndicatorValue.objects.exists()


def test_the_importer_takes_the_same_years_as_the_admin():
    checker = Checker()
    assert Year().check(checker, LAST_YEAR, "year") == LAST_YEAR
    assert Year().check(checker, LAST_YEAR + 1, "year") is None
