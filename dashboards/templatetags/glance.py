"""The member's own strategy at a glance, for the home page (goals stays free of dashboards)."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from accounts.permissions import is_admin, membership_of
from goals.selectors import strategies_by_municipality

from ..cache import cached_for_plan, cached_for_plans
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
            "dashboards/includes/at_a_glance.html",
            {
                "strategy": strategy,
                "municipality": strategy.municipality,
                "year": figures["year"],
                "totals": figures["totals"],
                "attention": len(figures["attention"]),
            },
        )

    html = cached_for_plan(
        membership.municipality_id,
        ["glance-html", today, get_language()],
        render,
        narrative=False,  # figures only
    )
    return mark_safe(html)  # noqa: S308 - our template's output, every value escaped there


@register.simple_tag
def municipality_cards(municipalities, user):
    """`municipalities` (the home page's page of them), each with its `card`: its name and
    the strategies `user` may see, as HTML. A card is the same for every reader who sees
    the same strategies of it (its members and administrators also its drafts): cached
    per plan version, language and that, all of a page's read in two cache calls; the
    strategies of those not cached are read together (1 query)."""
    admin = is_admin(user)
    membership = membership_of(user)
    own = membership.municipality_id if membership is not None else None
    language = get_language()
    by_pk = {municipality.pk: municipality for municipality in municipalities}

    def render(missing):
        strategies = strategies_by_municipality(user, missing)
        return {
            pk: render_to_string(
                "goals/includes/municipality_card.html",
                {"municipality": by_pk[pk], "strategies": strategies[pk]},
            )
            for pk in missing
        }

    cards = cached_for_plans(
        {pk: (pk, ["home-card", admin or pk == own, language]) for pk in by_pk}, render
    )
    for municipality in municipalities:
        # Our template's output, every value escaped there.
        municipality.card = mark_safe(cards[municipality.pk])  # noqa: S308
    return municipalities
