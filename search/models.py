"""The search index: one row per searchable action, goal, partner and twin town, with the
text it is found by and, on PostgreSQL, that text's tsvector in its municipality's language.

Rows are written by signals on every save, delete and many-to-many change (search/signals.py),
so whichever path changed the plan (portal, admin, importer) the index follows. On
PostgreSQL two GIN indexes serve the search (migration 0001): the stored vector (full-text
words, stemmed in Norwegian or Swedish) and the upper-cased text's trigrams (words inside
compounds, "utveksling" in "kulturutveksling"). SQLite keeps the text only and searches it
with LIKE: the quick start's fallback.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from goals.models import Municipality, Strategy

# PostgreSQL's text search configuration for each municipality language.
CONFIGS = {"nb": "norwegian", "nn": "norwegian", "sv": "swedish", "en": "english"}


def config_for(language):
    return CONFIGS.get(language, "simple")


class SearchEntry(models.Model):
    municipality_path = "municipality"

    class Kind(models.TextChoices):
        ACTION = "action"
        GOAL = "goal"
        PARTNER = "partner"
        TWIN_TOWN = "twin_town"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    # An action's or a goal's strategy (None for partners and twin towns): who may see the
    # hit is asked of the entry itself (a draft's rows for its members only), so results
    # are ranked and paged inside one query on this table, whatever the number of hits.
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # What the hit is called on the page (an action's title, a goal's text, a partner's or
    # twin town's name) and its code: an exact name comes first, then the order of a list.
    name = models.TextField(blank=True, default="")
    code = models.CharField(max_length=20, blank=True, default="")
    text = models.TextField()
    config = models.CharField(max_length=20, default="simple")
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
