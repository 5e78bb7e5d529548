"""Where each dashboard figure leads: the staff screens for members, the public page otherwise.

Links are added to the figures after `dashboard_figures` (which stays request-free), so
the same figures serve the web page, the public page and the PDF report.
"""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from actions.selectors import ANY_SOURCE

from .selectors import STATUS_KEYS


def _reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the staff screens may not be installed (yet)
        return None


class Links:
    def __init__(self, strategy, year, *, public):
        self.strategy = strategy
        self.year = year
        self.public = public
        self.public_url = reverse("dashboards:public", args=[strategy.municipality.slug])
        self.plan_url = None if public else _reverse("actions:plan", strategy.slug)

    def _public(self, anchor, **filters):
        query = urlencode({"strategy": self.strategy.slug, "year": self.year, **filters})
        return f"{self.public_url}?{query}#{anchor}"

    def plan(self, **filters):
        """The action plan filtered (members), or the public page's list of the actions
        behind the figure (same filters, approved follow-ups only; the whole plan without)."""
        filters = {k: v for k, v in filters.items() if v is not None}
        if self.plan_url is None:
            return self._public("figure-actions", **filters) if filters else self._public("plan")
        query = urlencode(filters)
        return f"{self.plan_url}?{query}" if query else self.plan_url

    def action(self, action_id):
        if not self.public:
            url = _reverse("actions:detail", action_id)
            if url:
                return url
        return self._public(f"action-{action_id}")


def _year_links(row, links, **where):
    """Links from a row's year figures to exactly the actions they count."""
    year = {"follow_up_year": links.year}
    row["url"] = links.plan(**where)
    row["actions_url"] = links.plan(**where, **year, follow_up_status="due")
    row["in_url"] = links.plan(**where, **year, follow_up_status="in")
    row["expected_url"] = links.plan(**where, **year, follow_up_status="expected")
    row["status_urls"] = {
        key: links.plan(**where, **year, follow_up_status=key) for key in STATUS_KEYS
    }
    _spent_links(row, links, links.year, **where)


def _spent_links(row, links, year, **where):
    """Links from hours and money figures to the actions whose follow-ups add to them."""
    row["hours_url"] = links.plan(**where, follow_up_year=year, spent="hours")
    row["money_url"] = links.plan(**where, follow_up_year=year, spent="money")
    # Estimates count the plan's estimate of every action in the year's figures.
    due = {"follow_up_year": year, "follow_up_status": "due"}
    row["estimated_hours_url"] = links.plan(**where, **due, estimated="hours")
    row["estimated_cost_url"] = links.plan(**where, **due, estimated="cost")


def add_links(figures, links):
    """Attach `url` to every row of `figures` that stands for a set of actions."""
    for row in figures["goal_areas"]:
        area = row["goal_area"]
        _year_links(row, links, **({"goal_area": area.pk} if area else {"plan_wide": "true"}))
    for row in figures["departments"]:
        department = row["department"]
        where = {"responsible": department.pk} if department else {"no_responsible": "true"}
        _year_links(row, links, **where)
    for row in figures["year_over_year"]:
        year = row["year"]
        row["actions_url"] = links.plan(follow_up_year=year, follow_up_status="due")
        row["in_url"] = links.plan(follow_up_year=year, follow_up_status="in")
        row["expected_url"] = links.plan(follow_up_year=year, follow_up_status="expected")
        row["status_urls"] = {
            key: links.plan(follow_up_year=year, follow_up_status=key) for key in STATUS_KEYS
        }
        row["funding_urls"] = {
            currency: links.plan(
                follow_up_year=year, funding_source=ANY_SOURCE, funding_currency=currency
            )
            for currency in row["funding"]
        }
        _spent_links(row, links, year)
    figures["totals_url"] = links.plan(follow_up_year=links.year, follow_up_status="due")
    figures["totals_expected_url"] = links.plan(
        follow_up_year=links.year, follow_up_status="expected"
    )
    figures["totals_in_url"] = links.plan(follow_up_year=links.year, follow_up_status="in")
    _spent_links(figures["totals"], links, links.year)
    for row in figures["funding"]:
        row["url"] = links.plan(
            follow_up_year=links.year,
            funding_source=row["source"],
            funding_currency=row["currency"],
        )
    for row in figures["attention"]:
        row["url"] = links.action(row["action"].pk)
    for relation in figures["twin_towns"] + figures["partners"]:
        for action in relation.strategy_actions:
            action.url = links.action(action.pk)
    _relation_links(figures, links)
    for indicator in figures["indicators"]:
        indicator.action_url = links.action(indicator.action_id) if indicator.action_id else None
    figures["plan_url"] = links.plan()
    return figures


def _relation_links(figures, links):
    """Twin towns and partners lead to their pages, their counts to the registry filtered.

    The registry and these pages are open to anyone who may see the dashboard (members, or
    anyone for a published municipality), so the public page links to them too. Built from
    the municipality already loaded: no query per relation.
    """
    slug = links.strategy.municipality.slug
    registry = _reverse("partners:registry", slug)
    for town in figures["twin_towns"]:
        town.url = _reverse("partners:twin_town", slug, town.key)
    for partner in figures["partners"]:
        partner.url = _reverse("partners:partner", slug, partner.key)
    if registry is None:
        return

    def twin_towns(**where):
        return f"{registry}?{urlencode(where)}#twins-h"

    statuses = [key for key, _label in figures["twin_town_statuses"]]
    figures["twin_towns_status_urls"] = {
        status: twin_towns(twin_town_status=status) for status in statuses
    }
    figures["twin_towns_country_urls"] = {
        country: {
            status: twin_towns(twin_town_country=country, twin_town_status=status)
            for status in statuses
        }
        for country in figures["twin_towns_by_country"]
    }
    figures["partners_active_url"] = f"{registry}?partner_active=true#partners-h"
    figures["partners_inactive_url"] = f"{registry}?partner_active=false#partners-h"
