"""Believable demo follow-ups for the past years of a strategy, so dashboards are not empty.

`create_demo_follow_ups(strategy)` is deterministic (a random.Random seeded with the
strategy's slug), idempotent (does nothing if the strategy already has demo follow-ups),
never overwrites a real follow-up, and marks every row it makes: `is_demo=True` and
"Demodata: …" at the start of `what_was_done`. The quick-start `load_seeds` calls it.

Like a real approval (`services.approve_follow_up`), a one-off action whose "done"
follow-up is approved is marked done, so the plan, the "due" lists and the follow-up
form agree that it has ended. The demo editor's department (`editor_department`) is
left work to do: its actions are never reported done, and when the strategy period is
over its last year is left unreported for them.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from .models import Action, ExternalFunding, FollowUp

MAX_YEARS = 4
TEXTS = {
    "nb": [
        "møter med partnere",
        "søknad om prosjektmidler",
        "studiebesøk",
        "felles seminar",
        "utveksling for elever og ansatte",
        "arbeid i nettverket",
    ],
    "nn": [
        "møte med partnarar",
        "søknad om prosjektmidlar",
        "studiebesøk",
        "felles seminar",
        "utveksling for elevar og tilsette",
        "arbeid i nettverket",
    ],
    "sv": [
        "möten med partner",
        "ansökan om projektmedel",
        "studiebesök",
        "gemensamt seminarium",
        "utbyte för elever och anställda",
        "arbete i nätverket",
    ],
    "en": [
        "partner meetings",
        "grant application",
        "study visit",
        "joint seminar",
        "pupil and staff exchange",
        "network work",
    ],
}
FUNDING = {
    "NO": [
        (ExternalFunding.Source.KS, "KS skjønnsmidler"),
        (ExternalFunding.Source.EU_INTERREG, "Interreg Øresund-Kattegat-Skagerrak"),
        (ExternalFunding.Source.EEA_GRANTS, "EØS-midlene"),
    ],
    "SE": [
        (ExternalFunding.Source.ICLD, "ICLD kommunala partnerskap"),
        (ExternalFunding.Source.EU_INTERREG, "Interreg Sverige-Norge"),
        (ExternalFunding.Source.EU_OTHER, "Erasmus+"),
    ],
}


def demo_years(strategy, today=None):
    """The strategy's past years (before this one), the most recent MAX_YEARS of them."""
    this_year = (today or date.today()).year
    past = [y for y in strategy.years if y < this_year]
    return past[-MAX_YEARS:]


def _status(rng, progress, last):
    roll = rng.random()
    if progress >= 100:
        return FollowUp.Status.DONE
    if roll < 0.12:
        return FollowUp.Status.DELAYED
    if roll < 0.15 and not last:
        return FollowUp.Status.NOT_STARTED
    return FollowUp.Status.ON_TRACK


def _state(rng, last):
    # Older years are all approved; the latest demo year still has some in the workflow.
    if not last:
        return FollowUp.State.APPROVED
    roll = rng.random()
    if roll < 0.75:
        return FollowUp.State.APPROVED
    return FollowUp.State.SUBMITTED if roll < 0.9 else FollowUp.State.DRAFT


@transaction.atomic
def create_demo_follow_ups(strategy, today=None, editor_department=None):
    """Create the demo follow-ups; returns how many were made (0 if already there)."""
    if FollowUp.objects.filter(action__strategy=strategy, is_demo=True).exists():
        return 0
    years = demo_years(strategy, today)
    if not years:
        return 0
    municipality = strategy.municipality
    rng = random.Random(f"strategy-portal-demo:{strategy.slug}")
    texts = TEXTS.get(municipality.language, TEXTS["en"])
    sources = FUNDING.get(municipality.country, FUNDING["NO"])
    actions = list(
        Action.objects.filter(strategy=strategy, is_archived=False)
        .exclude(status=Action.Status.CANCELLED)
        .order_by("pk")
    )
    taken = set(
        FollowUp.objects.filter(action__in=actions, year__in=years).values_list("action_id", "year")
    )
    follow_ups, funding_for = [], []
    for action in actions:
        editors = editor_department is not None and action.responsible_id == editor_department.pk
        progress = 0
        for year in years:
            last = year == years[-1]
            progress = min(100, progress + rng.choice([10, 15, 20, 25, 30, 40]))
            if action.recurrence != Action.Recurrence.ONE_OFF or editors:
                progress = min(progress, 90)  # ongoing work (and the demo editor's) is not done
            if (action.pk, year) in taken:
                continue
            if editors and year == strategy.period_end:
                continue  # the ended period's last report is the demo editor's to write
            done = ", ".join(rng.sample(texts, 2))
            follow_up = FollowUp(
                action=action,
                year=year,
                status=_status(rng, progress, last),
                progress=progress,
                what_was_done=f"Demodata: {done} ({year}).",
                hours=Decimal(rng.randrange(10, 205, 5)),
                money_spent=Decimal(rng.randrange(0, 151, 5) * 1000),
                currency=municipality.currency,
                state=_state(rng, last),
                is_demo=True,
            )
            follow_ups.append(follow_up)
            if rng.random() < 0.2:
                source, detail = rng.choice(sources)
                funding_for.append((follow_up, source, detail, rng.randrange(20, 501, 10) * 1000))
            if progress >= 100 and action.recurrence == Action.Recurrence.ONE_OFF:
                break  # a finished one-off action reports no more years
    FollowUp.objects.bulk_create(follow_ups)
    ended = {
        f.action_id
        for f in follow_ups
        if f.state == FollowUp.State.APPROVED and f.status == FollowUp.Status.DONE
    }
    # One-off actions are the only ones reported done; approval marks them done.
    Action.objects.filter(pk__in=ended).exclude(status=Action.Status.DONE).update(
        status=Action.Status.DONE, version=F("version") + 1
    )
    ExternalFunding.objects.bulk_create(
        ExternalFunding(
            follow_up=follow_up,
            source=source,
            source_detail=detail,
            amount=Decimal(amount),
            currency=municipality.currency,
        )
        for follow_up, source, detail, amount in funding_for
    )
    # Bulk writes send no signals: the plan's cached figures are told here.
    from dashboards.cache import bump

    bump(municipality.pk)
    return len(follow_ups)
