"""The member's own strategy at a glance, for the home page (goals stays free of reporting)."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from accounts.permissions import membership_of

from ..cache import cached_for_plan
from ..public import own_strategy
from ..selectors import dashboard_figures, default_year

register = template.Library()


@register.simple_tag
def at_a_glance(user):
    """Summary figures of the member's current strategy, or nothing: no query when cached.

    Every member of a municipality sees the same current strategy (a member, like an
    administrator, also sees its drafts), so the box is rendered once per municipality,
    plan version, language and day (the dashboard's figures, and its `default_year`, change
    with them) and read from the cache after that: the signed-in home page then costs
    what the visitor's costs, not a strategy lookup and a dashboard."""
    membership = membership_of(user)
    if membership is None or membership.municipality_id is None:
        return ""
    today = timezone.localdate()

    def render():
        strategy = own_strategy(user)
        if strategy is None:
            return ""
        year = default_year(strategy, approved_only=False, today=today)
        figures = dashboard_figures(strategy, year, approved_only=False, today=today)
        return render_to_string(
            "reporting/includes/at_a_glance.html",
            {
                "strategy": strategy,
                "municipality": strategy.municipality,
                "year": figures["year"],
                "totals": figures["totals"],
                "attention": len(figures["attention"]),
            },
        )

    html = cached_for_plan(
        membership.municipality_id, ["glance-html", today, get_language()], render
    )
    return mark_safe(html)  # noqa: S308 - our template's output, every value escaped there
