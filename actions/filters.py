import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from goals.models import GoalArea, ResponsibleParty
from partners.models import Partner

from .models import Action, FollowUp


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
    year = django_filters.NumberFilter(
        method="with_follow_up_in", label=_("Has a follow-up in year")
    )
    archived = django_filters.ChoiceFilter(
        choices=ARCHIVED_CHOICES, method="by_archived", label=_("Archived"), empty_label=None
    )

    class Meta:
        model = Action
        fields = []

    def __init__(self, data=None, *args, strategy, **kwargs):
        super().__init__(data, *args, **kwargs)
        municipality = strategy.municipality
        self.filters["goal_area"].queryset = strategy.goal_areas.all()
        self.filters["goal_area"].label = municipality.label_goal_area
        self.filters["responsible"].queryset = municipality.responsible_parties.all()
        self.filters["partner"].queryset = municipality.partners.all()

    def filter_queryset(self, queryset):
        # Archived actions stay out of the plan unless asked for.
        if self.form.cleaned_data.get("archived") not in {"yes", "all"}:
            queryset = queryset.filter(is_archived=False)
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(code__icontains=value)
            | Q(responsible_note__icontains=value)
        )

    def with_follow_up_in(self, queryset, name, value):
        return queryset.filter(
            Exists(FollowUp.objects.filter(action=OuterRef("pk"), year=int(value)))
        )

    def by_archived(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(is_archived=True)
        return queryset
