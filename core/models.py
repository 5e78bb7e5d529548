"""The request each history row was written in (core.history_requests)."""

from django.db import models


class HistoryRequest(models.Model):
    """One django-simple-history row and the id of the HTTP request that wrote it.

    Kept beside the history tables rather than as a column of each, so every tracked model
    has it without a migration of its own. Rows written outside a request (imports,
    commands, the worker) have none.
    """

    municipality_path = None  # points at a history row of any model (core.tenancy)

    history_model = models.CharField(max_length=100)  # "actions.HistoricalFollowUp"
    history_id = models.BigIntegerField()
    request_id = models.UUIDField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["history_model", "history_id"], name="one_request_per_history_row"
            )
        ]

    def __str__(self):
        return f"{self.history_model} {self.history_id}: {self.request_id}"
