"""The follow-up and indicator sheets of the plan workbook: one sheet per year of
follow-ups (status, progress, hours, money, external funding per source) and one of
indicators. Members get every follow-up with its state; the public workbook approved,
real (not demo) ones only — the public page's rule."""

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from actions.export import safe_cell
from actions.models import ExternalFunding, FollowUp, Indicator, IndicatorValue
from actions.selectors import public_indicator_values
from goals.models import Currency

CURRENCY_FORMATS = {
    Currency.NOK: '#,##0.00 "kr"',
    Currency.SEK: '#,##0.00 "kr"',
    Currency.EUR: '#,##0.00 "€"',
}


def money_format(currency):
    """Money as a number, shown in the municipality's currency."""
    return CURRENCY_FORMATS.get(currency, "#,##0.00")


def _verbose(model, name):
    return str(capfirst(model._meta.get_field(name).verbose_name))


def follow_ups_for(strategy, *, public):
    """The strategy's follow-ups, oldest year first. Two queries."""
    follow_ups = FollowUp.objects.filter(action__strategy=strategy)
    if public:
        follow_ups = follow_ups.filter(state=FollowUp.State.APPROVED, is_demo=False)
    return list(
        follow_ups.defer("review_comment")
        .select_related("action")
        .prefetch_related(
            Prefetch("external_funding", queryset=ExternalFunding.objects.order_by("pk"))
        )
        .order_by("year", "action__code", "pk")
    )


def add_follow_up_sheets(workbook, follow_ups, municipality, *, public):
    by_year = {}
    for follow_up in follow_ups:
        by_year.setdefault(follow_up.year, []).append(follow_up)
    for year, rows in by_year.items():
        _year_sheet(
            workbook.create_sheet(f"{_('Follow-up')} {year}"[:31]), rows, municipality, public
        )


def _year_sheet(sheet, follow_ups, municipality, public):
    sources = []  # (source, currency) pairs of the year, in the order first met
    for follow_up in follow_ups:
        for funding in follow_up.external_funding.all():
            if (funding.source, funding.currency) not in sources:
                sources.append((funding.source, funding.currency))
    source_labels = dict(ExternalFunding.Source.choices)
    heading = [
        f"{municipality.label_action} ({_('code')})",
        _("Title"),
        _("Status"),
        _("Progress"),
        _("Hours"),
        _("Money spent"),
        _("Currency"),
    ]
    heading += [f"{_('External funding')}: {source_labels.get(s, s)} ({c})" for s, c in sources]
    if not public:
        heading.append(_verbose(FollowUp, "state"))
    sheet.append([safe_cell(h) for h in heading])
    for follow_up in follow_ups:
        funding = {}
        for f in follow_up.external_funding.all():
            key = (f.source, f.currency)
            funding[key] = funding.get(key, 0) + f.amount
        row = [
            safe_cell(follow_up.action.code),
            safe_cell(follow_up.action.title),
            safe_cell(follow_up.get_status_display()),
            follow_up.progress,
            follow_up.hours,
            follow_up.money_spent,
            follow_up.currency,
        ]
        row += [funding.get(key) for key in sources]
        if not public:
            row.append(safe_cell(follow_up.get_state_display()))
        sheet.append(row)
    money = money_format(municipality.currency)
    for cells in sheet.iter_rows(min_row=2):
        cells[5].number_format = money
        for cell in cells[7 : 7 + len(sources)]:
            cell.number_format = money
    _finish(sheet, len(heading))


def add_indicator_sheet(workbook, strategy, *, public):
    """Indicators with baseline, target and a column per year with a value (public: the
    values the public dashboard shows). Two queries."""
    values = public_indicator_values() if public else IndicatorValue.objects.all()
    indicators = list(
        Indicator.objects.filter(strategy=strategy)
        .select_related("goal_area", "action")
        .prefetch_related(Prefetch("values", queryset=values.order_by("year")))
        .order_by("code", "pk")
    )
    if not indicators:
        return
    years = sorted({v.year for i in indicators for v in i.values.all()})
    sheet = workbook.create_sheet(_("Indicators")[:31])
    heading = [
        _("Code"),
        _("Name"),
        _verbose(Indicator, "unit"),
        _("Baseline"),
        _("Target"),
        _verbose(Indicator, "target_year"),
    ] + [str(year) for year in years]
    sheet.append([safe_cell(h) for h in heading])
    for indicator in indicators:
        values = {v.year: v.value for v in indicator.values.all()}
        sheet.append(
            [
                safe_cell(indicator.code),
                safe_cell(indicator.name),
                safe_cell(indicator.unit),
                indicator.baseline,
                indicator.target,
                indicator.target_year,
            ]
            + [values.get(year) for year in years]
        )
    _finish(sheet, len(heading))


def _finish(sheet, columns):
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index in range(1, columns + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    sheet.column_dimensions["B"].width = 40
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(sheet.max_row, 1)}"
