"""Filters of the partner registry: where the dashboard's twin-town and partner counts lead."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Partner, TwinTown, TwinTownStatus


class TwinTownFilter(django_filters.FilterSet):
    twin_town_status = django_filters.ChoiceFilter(
        field_name="status", choices=TwinTownStatus.choices, label=_("Status")
    )
    twin_town_country = django_filters.CharFilter(field_name="country", label=_("Country"))

    class Meta:
        model = TwinTown
        fields = []


class PartnerFilter(django_filters.FilterSet):
    partner_active = django_filters.BooleanFilter(field_name="is_active", label=_("Active"))

    class Meta:
        model = Partner
        fields = []


def applied(filterset):
    """Whether any of the filterset's own filters was asked for (and is valid)."""
    return filterset.is_valid() and any(
        filterset.form.cleaned_data.get(name) not in (None, "") for name in filterset.filters
    )
