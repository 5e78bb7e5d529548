import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from goals.models import FIRST_YEAR, LAST_YEAR, Currency, GoalArea, ResponsibleParty
from partners.models import Partner

from .models import Action, ExternalFunding, FollowUp
from .rules import expecting_follow_up, spending_follow_ups
from .selectors import ANY_SOURCE, funding_of, with_estimate

FOLLOW_UP_STATUS_CHOICES = [
    *FollowUp.Status.choices,
    ("missing", _("No follow-up")),
    ("in", _("Follow-up in")),
    ("due", _("Due or reported")),
    ("expected", _("Owing a follow-up")),
]
SPENT_CHOICES = [("hours", _("Hours spent")), ("money", _("Money spent"))]
ESTIMATED_CHOICES = [("hours", _("Hours estimated")), ("cost", _("Cost estimated"))]
# Members' figures count every follow-up state, drafts included (dashboards.selectors).
ALL_STATES = FollowUp.State.values


def in_year(queryset, year, status, states=ALL_STATES):
    """The actions behind a dashboard figure of `year`, counting follow-ups in `states`
    (members: every state; the public: approved only, as its figures count).

    `due`: actions owing a follow-up or with one; `expected`: owing one (the "of Y" of
    "X of Y" and the actions the progress roll-up averages over); `in`: submitted or
    approved while owing one; `missing`: owing one and without; a follow-up status: their
    follow-up has it.
    """
    follow_ups = FollowUp.objects.filter(action=OuterRef("pk"), year=year, state__in=states)
    owing = Q(pk__in=expecting_follow_up(Action.objects.all(), year).values("pk"))
    if status == "due":
        return queryset.filter(owing | Exists(follow_ups))
    if status == "expected":
        return queryset.filter(owing)
    if status == "in":
        reported = follow_ups.filter(state__in=[FollowUp.State.SUBMITTED, FollowUp.State.APPROVED])
        return queryset.filter(owing & Exists(reported))
    if status == "missing":
        return queryset.filter(owing & ~Exists(follow_ups))
    return queryset.filter(Exists(follow_ups.filter(status=status)))


# The filters a dashboard figure's link sets (dashboards.drilldown) on top of the plan's own.
DRILL_DOWN_FILTERS = (
    "estimated",
    "follow_up_year",
    "follow_up_status",
    "spent",
    "funding_source",
    "funding_currency",
)


def framework_choices(municipality):
    """The framework items an action of `municipality` may be linked to (the shared
    frameworks' goals and the municipality's own), grouped by framework, as (reference,
    "SDG 11 Sustainable cities and communities"). The frameworks app is read through the
    relation, not imported: it builds on the plan, not the plan on it."""
    Item = Action._meta.get_field("framework_items").related_model
    items = (
        Item.objects.filter(parent__isnull=True)
        .filter(Q(framework__municipality__isnull=True) | Q(framework__municipality=municipality))
        .select_related("framework")
        .order_by("framework__order", "framework__code", "order", "pk")
    )
    groups = {}
    for item in items:
        groups.setdefault(item.framework.name, []).append(
            (item.reference, f"{item.label} {item.name}")
        )
    return list(groups.items())


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year: 2020.5 is refused, not read as 2020


class ActionFilter(django_filters.FilterSet):
    """Filters of the plan screen; querysets are limited to the strategy's municipality."""

    ARCHIVED_CHOICES = [("no", _("Active only")), ("yes", _("Archived only")), ("all", _("All"))]

    q = django_filters.CharFilter(method="search", label=_("Search"))
    goal_area = django_filters.ModelChoiceFilter(queryset=GoalArea.objects.none())
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, label=_("Status"))
    responsible = django_filters.ModelChoiceFilter(
        queryset=ResponsibleParty.objects.none(), label=_("Responsible")
    )
    partner = django_filters.ModelChoiceFilter(
        field_name="partners", queryset=Partner.objects.none(), label=_("Partner")
    )
    recurrence = django_filters.ChoiceFilter(
        choices=Action.Recurrence.choices, label=_("Recurrence")
    )
    # "SDG 11": the actions linked to the item or to one of its targets.
    framework_item = django_filters.ChoiceFilter(
        method="linked_to", label=_("Contributes to (SDG or framework)")
    )
    year = django_filters.NumberFilter(
        method="with_follow_up_in", label=_("Has a follow-up in year")
    )
    # Dashboard drill-down: the actions behind a figure of a year (members count every state).
    follow_up_year = YearFilter(method="noop", label=_("Dashboard year"))
    follow_up_status = django_filters.ChoiceFilter(
        choices=FOLLOW_UP_STATUS_CHOICES, method="noop", label=_("Follow-up status in the year")
    )
    spent = django_filters.ChoiceFilter(
        choices=SPENT_CHOICES, method="noop", label=_("Spent in the year")
    )
    estimated = django_filters.ChoiceFilter(
        choices=ESTIMATED_CHOICES, method="with_estimate", label=_("Has an estimate")
    )
    funding_source = django_filters.ChoiceFilter(
        choices=[(ANY_SOURCE, _("Any source")), *ExternalFunding.Source.choices],
        method="noop",
        label=_("Funding source"),
    )
    funding_currency = django_filters.ChoiceFilter(
        choices=Currency.choices, method="noop", label=_("Funding currency")
    )
    plan_wide = django_filters.BooleanFilter(
        field_name="goal_area", lookup_expr="isnull", label=_("Plan-wide (no goal area)")
    )
    no_responsible = django_filters.BooleanFilter(
        field_name="responsible", lookup_expr="isnull", label=_("No responsible given")
    )
    archived = django_filters.ChoiceFilter(
        choices=ARCHIVED_CHOICES, method="by_archived", label=_("Archived"), empty_label=None
    )

    class Meta:
        model = Action
        fields = []

    def __init__(self, data=None, *args, strategy, states=ALL_STATES, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.states = states  # the follow-up states the figures behind a drill-down count
        municipality = strategy.municipality
        self.currency = municipality.currency
        self.filters["goal_area"].queryset = strategy.goal_areas.all()
        self.filters["goal_area"].label = municipality.label_goal_area
        self.filters["responsible"].queryset = municipality.responsible_parties.all()
        self.filters["partner"].queryset = municipality.partners.all()
        # Evaluated only when the field is rendered or the filter is set (a callable).
        self.filters["framework_item"].extra["choices"] = lambda: framework_choices(municipality)
        # A figure's year lies in the strategy period; another year is an invalid filter
        # (no rows), never "every action" under another year's column.
        self.filters["follow_up_year"].extra.update(
            min_value=strategy.period_start or FIRST_YEAR,
            max_value=strategy.period_end or LAST_YEAR,
        )

    # Shown up front on the plan screen; the rest sit behind "More filters".
    MAIN_FILTERS = ("q", "goal_area", "status")

    def main_fields(self):
        return [self.form[name] for name in self.MAIN_FILTERS]

    def more_fields(self):
        return [field for field in self.form if field.name not in self.MAIN_FILTERS]

    def active(self):
        """The filters set, as the reader sees them: (label, value shown, query without
        it), for chips that remove one filter each. Drill-down companions go together."""
        data = self.form.data
        chips = []
        for field in self.form:
            raw = data.get(field.name, "") if hasattr(data, "get") else ""
            if raw in ("", None) or (field.name == "archived" and raw == "no"):
                continue
            shown = raw
            choices = getattr(field.field, "choices", None)
            if choices is not None:
                shown = next((str(label) for value, label in choices if str(value) == raw), raw)
            remaining = data.copy()
            remaining.pop(field.name, None)
            chips.append((field.label, shown, remaining.urlencode()))
        return chips

    def more_set(self):
        """A filter behind "More filters" is set: the section opens by itself."""
        names = {label for label, _shown, _query in self.active()}
        return any(field.label in names for field in self.more_fields())

    def filter_queryset(self, queryset):
        # django-filter drops an invalid filter and lists everything: under a figure that
        # is too much, so an invalid drill-down lists nothing (the form shows why).
        # So does an SDG that is not offered: "SDG 99" is no list of every action.
        if any(name in self.form.errors for name in (*DRILL_DOWN_FILTERS, "framework_item")):
            return queryset.none()
        # Archived actions stay out of the plan unless asked for.
        if self.form.cleaned_data.get("archived") not in {"yes", "all"}:
            queryset = queryset.filter(is_archived=False)
        queryset = super().filter_queryset(queryset)
        year = self.form.cleaned_data.get("follow_up_year")
        status = self.form.cleaned_data.get("follow_up_status")
        if year and status:
            queryset = in_year(queryset, int(year), status, self.states)
        spent = self.form.cleaned_data.get("spent")
        if year and spent:
            spending = spending_follow_ups(
                int(year), spent, states=self.states, currency=self.currency
            )
            queryset = queryset.filter(
                Exists(FollowUp.objects.filter(spending, action=OuterRef("pk")))
            )
        source = self.form.cleaned_data.get("funding_source")
        if year and source:
            currency = self.form.cleaned_data.get("funding_currency") or self.currency
            funding = funding_of(int(year), source, currency, states=self.states)
            queryset = queryset.filter(
                Exists(ExternalFunding.objects.filter(funding, follow_up__action=OuterRef("pk")))
            )
        return queryset

    def with_estimate(self, queryset, name, value):
        return queryset.filter(with_estimate(value, self.currency))

    def noop(self, queryset, name, value):
        return queryset  # these act together with follow_up_year (filter_queryset)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(code__icontains=value)
            | Q(responsible_note__icontains=value)
        )

    def linked_to(self, queryset, name, value):
        framework, _hyphen, code = value.partition("-")
        at = {"framework__code": framework, "code": code}
        linked = Action.objects.filter(
            Q(**{f"framework_items__{key}": v for key, v in at.items()})
            | Q(**{f"framework_items__parent__{key}": v for key, v in at.items()})
        )
        return queryset.filter(pk__in=linked.values("pk"))

    def with_follow_up_in(self, queryset, name, value):
        return queryset.filter(
            Exists(FollowUp.objects.filter(action=OuterRef("pk"), year=int(value)))
        )

    def by_archived(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(is_archived=True)
        return queryset
