"""A follow-up's change history includes its funding rows and the year's indicator values,
which keep histories of their own; and a refused follow-up save says when someone else
changed the funding rows.

Rows a higher app keeps about an action or a follow-up (comments, evidence files, in
`collaboration`) join their history through `ACTION_ROWS` and `FOLLOW_UP_ROWS`: functions
(record) -> RowHistory, registered by that app's `ready()`, since a lower app never
imports a higher one. One query more per source, whatever the size."""

from django.utils.formats import number_format

from goals.history import RowHistory, history_entries

from .models import ExternalFunding, IndicatorValue

ACTION_ROWS = []
FOLLOW_UP_ROWS = []


def action_history(action):
    """history_entries of the action, with the registered rows (its comments) merged in."""
    return history_entries(action, rows=[source(action) for source in ACTION_ROWS])


def follow_up_history(follow_up):
    """history_entries of the follow-up, with funding rows and indicator values added,
    changed or removed (who, when, before → after). Two queries more, whatever the size."""
    funding = RowHistory(
        ExternalFunding.history.filter(follow_up_id=follow_up.pk),
        label=lambda record: ExternalFunding._meta.verbose_name,
        summary=_funding_summary,
    )
    indicator_values = RowHistory(
        IndicatorValue.history.filter(
            indicator__action_id=follow_up.action_id, year=follow_up.year
        ).select_related("indicator"),
        label=lambda record: _indicator_label(record.indicator),
        summary=lambda record: _number(record.value),
    )
    others = [source(follow_up) for source in FOLLOW_UP_ROWS]
    return history_entries(follow_up, rows=[funding, indicator_values, *others])


def funding_conflict(current, formset, loaded_version):
    """After a refused follow-up save: [(label, theirs, yours)] when someone else changed
    the funding rows since the user loaded `loaded_version`, else []."""
    theirs = sorted(_funding_summary(row) for row in current.external_funding.all())
    yours = sorted(
        funding_text(form.cleaned_data)
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    )
    since = (
        current.history.filter(version__gt=loaded_version)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if since is not None:
        # Rows saved after the first save the user did not see are someone else's.
        changed = ExternalFunding.history.filter(
            follow_up_id=current.pk, history_date__gte=since
        ).exists()
    else:
        changed = theirs != yours
    if not changed:
        return []
    return [(ExternalFunding._meta.verbose_name, "; ".join(theirs), "; ".join(yours))]


def funding_text(values):
    """'EU / Interreg, Sunrise: 20 000,00 SEK' from a funding row's values."""
    source = dict(ExternalFunding.Source.choices).get(values["source"], values["source"])
    if values.get("source_detail"):
        source = f"{source}, {values['source_detail']}"
    amount = number_format(values["amount"], decimal_pos=2, force_grouping=True)
    return f"{source}: {amount} {values['currency']}"  # no words to translate


def _funding_summary(row):
    return funding_text(
        {name: getattr(row, name) for name in ("source", "source_detail", "amount", "currency")}
    )


def _number(value):
    """300 or 12,5: an indicator value without decimals it does not have."""
    whole = value == value.to_integral_value()
    return number_format(value, decimal_pos=0 if whole else None, force_grouping=True)


def _indicator_label(indicator):
    return f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
