"""The coordinator's words in the annual report: a foreword for the year and a short
assessment per goal area ("what went well, what we will do differently").

Plain text (paragraphs, line breaks, simple lists: `goals.plain_text`), escaped in every
output. Each text carries a version: a save made from a page loaded before someone else's
save is refused, and the other person's text is shown beside the writer's own, which is
kept in the form. History is kept (django-simple-history).
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from goals.models import GoalArea, Strategy

MAX_LENGTH = 10_000  # a foreword is a page or two; a megabyte paste is a mistake


class ReportText(models.Model):
    """One text of a strategy's annual report for a year: the foreword (no goal area) or
    the assessment of one goal area."""

    municipality_path = "strategy__municipality"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="report_texts", verbose_name=_("strategy")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_texts",
        verbose_name=_("goal area"),
    )
    text = models.TextField(_("text"), blank=True, max_length=MAX_LENGTH)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    # Both tables keep the names they had in the `reporting` app (models.AnnualReport).
    history = HistoricalRecords(table_name="reporting_historicalreporttext")

    class Meta:
        db_table = "reporting_reporttext"
        ordering = ["strategy", "year", "goal_area__order", "pk"]
        verbose_name = _("annual report text")
        verbose_name_plural = _("annual report texts")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "year", "goal_area"], name="report_text_unique"
            ),
            models.UniqueConstraint(
                fields=["strategy", "year"],
                condition=Q(goal_area__isnull=True),
                name="report_foreword_unique",
            ),
        ]

    def __str__(self):
        return f"{self.strategy} {self.year}: {self.goal_area or _('foreword')}"


def texts_for(strategy, year):
    """{goal area id or None: ReportText} for the strategy's report of `year` (1 query)."""
    return {
        text.goal_area_id: text for text in ReportText.objects.filter(strategy=strategy, year=year)
    }


def last_changes(strategy):
    """{year: when its texts last changed} (1 query): a report made before is out of date."""
    rows = (
        ReportText.objects.filter(strategy=strategy)
        .values("year")
        .annotate(changed=Max("updated_at"))
        .order_by()
    )
    return {row["year"]: row["changed"] for row in rows}


class Conflict(Exception):
    """Someone saved these texts after the writer loaded them: [(label, theirs, yours)]."""

    def __init__(self, rows):
        super().__init__("texts changed meanwhile")
        self.rows = rows


def save_texts(strategy, year, entries, user):
    """Save the texts `entries` = [(goal area or None, text, loaded version, label)].

    All or nothing: if any text was saved by someone else after the writer loaded it
    (its version moved on), nothing is saved and `Conflict` lists theirs beside yours.
    Unchanged texts are not written (no empty history rows). Returns how many changed.
    """
    now = timezone.now()
    with transaction.atomic():
        # No ordering: the default one joins goal areas, and PostgreSQL cannot lock the
        # nullable side of an outer join.
        rows = ReportText.objects.select_for_update().filter(strategy=strategy, year=year)
        current = {t.goal_area_id: t for t in rows.order_by()}
        conflicts, changes = [], []
        for area, text, loaded_version, label in entries:
            text = text.replace("\r\n", "\n").strip()
            row = current.get(area.pk if area else None)
            saved_version = row.version if row else 0
            saved_text = row.text if row else ""
            if text == saved_text:
                continue
            if loaded_version != saved_version:
                conflicts.append((label, saved_text, text))
                continue
            changes.append((area, row, text))
        if conflicts:
            raise Conflict(conflicts)
        for area, row, text in changes:
            if row is None:
                row = ReportText(strategy=strategy, year=year, goal_area=area)
            row.text = text
            row.version = (row.version + 1) if row.pk else 1
            row.updated_at = now
            row.updated_by = user
            row._change_reason = "annual report text"
            row.save()
        return len(changes)
