"""Dashboards, public transparency pages and the compare page: read, select, render."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from accounts.permissions import can_view_internal, require_view_strategy, visible_municipalities
from actions.rules import clamp_year
from core.tenancy import municipality_page
from frameworks import selectors as framework_selectors
from goals.models import Municipality, Strategy
from search.query import similar_names

from . import compare as compare_selectors
from . import public as public_selectors
from .cache import cached_for_plan, cached_for_plans
from .dashboard_charts import dashboard_charts
from .drilldown import Links, add_links
from .selectors import dashboard_figures, default_year
from .timeline import milestone_timeline


def _year(request, strategy, *, public, today):
    """(year, asked): the year asked for, clamped to the period; without one, `default_year`."""
    try:
        return clamp_year(strategy, int(request.GET.get("year", ""))), True
    except ValueError:
        year = cached_for_plan(
            strategy.municipality_id,
            ["default-year", strategy.pk, public, today],
            lambda: default_year(strategy, approved_only=public, today=today),
            narrative=False,
        )
        return year, False


def _framework_summary_html(request, context, strategy, year, public):
    """The Agenda 2030 section: the strategy's actions, and the year's hours and money, per
    SDG (two queries). Each SDG's count leads to its actions: the plan filtered for
    members, the public page's list for others (dashboards.drilldown, as every figure)."""
    summary = framework_selectors.summary_with_colours(strategy, year, approved_only=public)
    links = Links(strategy, year, public=public)
    for item, _colour in summary:
        item.actions_url = links.plan(framework_item=item.reference)
    return render_to_string(
        "frameworks/_summary.html", {**context, "framework_summary": summary}, request
    )


def _dashboard_context(request, strategy, *, public):
    today = timezone.localdate()
    year, asked = _year(request, strategy, public=public, today=today)
    # Opened on an earlier year because this year's follow-ups are not in yet: say so.
    this_year = today.year
    pending = (
        this_year if not asked and year < this_year and strategy.covers_year(this_year) else None
    )
    context = {
        # The rows just read for the permission check.
        "strategy": strategy,
        "municipality": strategy.municipality,
        "year": year,
        "years": list(strategy.years),
        "approved_only": public,
        "this_year_pending": pending,
        "public": public,
    }

    def render_figures():
        figures = dashboard_figures(strategy, year, approved_only=public, today=today)
        add_links(figures, Links(strategy, figures["year"], public=public))
        figures["charts"] = dashboard_charts(figures, hide_missing_estimates=True)
        context.update({**figures, **context})  # the figures, for this response's context
        body = render_to_string("dashboards/includes/dashboard_body.html", context, request)
        return body + _framework_summary_html(request, context, strategy, year, public)

    # The figures' HTML (and the Agenda 2030 section after it) holds no form, token or
    # user, and is the same for everyone who may see it: cached as rendered, keyed by what
    # the reader counts (approved only or every state), the language of its labels, the day
    # ("late" changes with it) and the notice.
    context["dashboard_body"] = cached_for_plan(
        strategy.municipality_id,
        ["dashboard-html", strategy.pk, year, public, get_language(), today, pending],
        render_figures,
        narrative=False,  # figures and titles only: no follow-up's text is on it
    )
    return context


@municipality_page("goals.Strategy", "slug")
def dashboard(request, slug):
    """Members of the municipality see all follow-ups; others only a published
    municipality's approved ones; an unpublished municipality or a draft strategy of
    others is a 404."""
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    require_view_strategy(request.user, strategy)
    public = not can_view_internal(request.user, strategy.municipality)
    context = _dashboard_context(request, strategy, public=public)
    if not public:
        # The milestone timeline per goal area, for members: the same for every member,
        # cached as rendered per plan version, language and day ("late" changes with it).
        today = timezone.localdate()
        context["timeline_html"] = cached_for_plan(
            strategy.municipality_id,
            ["timeline-html", strategy.pk, get_language(), today],
            lambda: render_to_string(
                "dashboards/includes/timeline.html",
                {**context, "timeline": milestone_timeline(strategy, today)},
                request,
            ),
            narrative=False,
        )
    return render(request, "dashboards/dashboard.html", context)


@login_required
def my_dashboard(request):
    """The nav's "Dashboard": the member's current strategy; 404 without one."""
    strategy = public_selectors.own_strategy(request.user)
    if strategy is None:
        raise Http404
    return redirect("dashboards:dashboard", strategy.slug)


@municipality_page("goals.Municipality", "slug")
def public_page(request, slug):
    """A published municipality's plan, figures and approved follow-ups, for anyone."""
    municipality = public_selectors.published_municipality(slug)
    strategy, others = public_selectors.strategy_and_others(
        request.user, municipality, request.GET.get("strategy")
    )
    context = {"municipality": municipality, "strategy": strategy, "public": True}
    if strategy is not None:
        context.update(_dashboard_context(request, strategy, public=True))
        # The plan with its approved follow-ups: the same for every visitor, cached as HTML.
        context["public_plan"] = cached_for_plan(
            municipality.pk,
            ["public-plan-html", strategy.pk, get_language()],
            lambda: render_to_string(
                "dashboards/includes/public_plan.html",
                {**context, "plan": public_selectors.public_plan(strategy)},
                request,
            ),
        )
        context["figure_actions"] = public_selectors.figure_actions(strategy, request.GET)
        context["other_strategies"] = others
    return render(request, "dashboards/public.html", context)


def _results_page(request):
    """The page of search results asked for (`rpage`; the strategies' list has `page`)."""
    try:
        return max(1, min(int(request.GET.get("rpage", "1")), 1000))
    except ValueError:
        return 1


def _strategy_rows(user, ids):
    """The compare table's rows as HTML, for the (pk, municipality id) pairs of one page.

    A row holds one strategy's own data (its goal areas and live actions), the same for
    everyone who may see it (which rows a user sees is decided before, per request):
    cached per plan version and language, all read in two cache calls; the rows missing
    are read together (4 queries) and rendered."""

    def render_rows(missing):
        strategies = compare_selectors.visible_strategies(user).filter(pk__in=missing)
        return {
            strategy.pk: render_to_string(
                "dashboards/includes/compare_row.html", {"strategy": strategy}
            )
            for strategy in strategies
        }

    language = get_language()
    rows = cached_for_plans(
        {pk: (municipality_id, ["compare-row", pk, language]) for pk, municipality_id in ids},
        render_rows,
    )
    # Our template's output, every value escaped there.
    return [mark_safe(rows[pk]) for pk, _municipality_id in ids if pk in rows]  # noqa: S308


def compare(request):
    query = request.GET.get("q", "").strip()[:200]
    page = compare_selectors.strategy_page(request.user, request.GET.get("page"))
    return render(
        request,
        "dashboards/compare.html",
        {
            "page": page,
            "strategy_rows": _strategy_rows(request.user, page.object_list),
            "query": query,
            "results": compare_selectors.search(request.user, query, page=_results_page(request))
            if query
            else None,
            # The municipalities the words name, misspelt too ("Trondhiem").
            "municipalities_found": similar_names(
                visible_municipalities(request.user, Municipality.objects.all()), query
            )
            if query
            else [],
        },
    )
