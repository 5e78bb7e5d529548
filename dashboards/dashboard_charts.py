"""The dashboard's charts, built from `dashboard_figures`: shared by the page and the PDF.

Titles and units are translated here, so build them in the language of the page or report.
"""

from django.utils.translation import gettext as _

from .charts import grouped_bar_chart, line_chart, stacked_bar_chart


def dashboard_charts(figures, *, hide_missing_estimates=False):
    """The charts of `figures`; the web dashboard leaves out estimate series the plan lacks
    (`hide_missing_estimates`), the report keeps its fixed layout."""
    areas = figures["goal_areas"]
    area_names = [str(row["label"]) for row in areas]
    label = figures["municipality"].label_goal_area_plural
    year = figures["year"]
    currency = figures["municipality"].currency
    actions = figures["municipality"].label_action_plural.lower()
    # No estimate in the plan at all (none of the seeds has one): no series of zeros.
    hours_estimated = not hide_missing_estimates or bool(figures["totals"]["estimated_hours"])
    cost_estimated = not hide_missing_estimates or bool(figures["totals"]["estimated_cost"])
    charts = {
        "status": stacked_bar_chart(
            _("Actions by follow-up status per %(label)s, %(year)s")
            % {"label": label.lower(), "year": year},
            area_names,
            [
                (name, [row["by_status"][key] for row in areas])
                for key, name in figures["status_choices"]
            ],
            unit_label=_("number of %(actions)s") % {"actions": actions},
        ),
        "hours": grouped_bar_chart(
            (
                _("Hours spent and estimated per %(label)s, %(year)s")
                if hours_estimated
                else _("Hours spent per %(label)s, %(year)s")
            )
            % {"label": label.lower(), "year": year},
            area_names,
            [(_("Hours spent"), [row["hours_spent"] for row in areas])]
            + (
                [(_("Hours estimated"), [row["estimated_hours"] for row in areas])]
                if hours_estimated
                else []
            ),
            unit_label=_("hours"),
        ),
        "money": grouped_bar_chart(
            (
                _("Money spent and estimated per %(label)s, %(year)s")
                if cost_estimated
                else _("Money spent per %(label)s, %(year)s")
            )
            % {"label": label.lower(), "year": year},
            area_names,
            [(_("Spent"), [row["money_spent"] for row in areas])]
            + (
                [(_("Estimated"), [row["estimated_cost"] for row in areas])]
                if cost_estimated
                else []
            ),
            unit_label=currency,
        ),
        "progress_over_years": line_chart(
            _("Progress roll-up and follow-ups in, by year"),
            [row["year"] for row in figures["year_over_year"]],
            [
                (_("Average progress (%)"), [row["progress"] for row in figures["year_over_year"]]),
                (
                    _("Follow-ups in (%)"),
                    [
                        round(100 * row["reported"] / row["expected"]) if row["expected"] else None
                        for row in figures["year_over_year"]
                    ],
                ),
            ],
            unit_label="%",
        ),
    }
    charts["indicators"] = [
        line_chart(
            f"{indicator.code} {indicator.name}",
            list(figures["years"]),
            [(_("Value"), indicator.series)],
            targets={_("Value"): indicator.target} if indicator.target is not None else None,
            unit=indicator.unit,
        )
        for indicator in figures["indicators"]
    ]
    return charts
