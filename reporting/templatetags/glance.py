"""The member's own strategy at a glance, for the home page (goals stays free of reporting)."""

from django import template
from django.utils import timezone

from ..cache import cached_for_plan
from ..public import own_strategy
from ..selectors import dashboard_figures, default_year

register = template.Library()


@register.inclusion_tag("reporting/includes/at_a_glance.html")
def at_a_glance(user):
    """Summary figures of the member's current strategy (constant queries), or nothing."""
    strategy = own_strategy(user)
    if strategy is None:
        return {"strategy": None}
    today = timezone.localdate()

    def summary():
        year = default_year(strategy, approved_only=False, today=today)
        figures = dashboard_figures(strategy, year, approved_only=False, today=today)
        return {
            "year": figures["year"],
            "totals": figures["totals"],
            "attention": len(figures["attention"]),
        }

    # The dashboard's own figures, cached under the plan's version like the dashboard's:
    # the home page then costs what the sign-in page costs, not a dashboard.
    return {
        "strategy": strategy,
        "municipality": strategy.municipality,
        **cached_for_plan(strategy.municipality_id, ["glance", strategy.pk, today], summary),
    }
