"""Change history for any model with django-simple-history: who, when, what changed."""


def history_of(instance, limit=50):
    """Who changed what and when: each history record with its field-level diff."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            changes = [(c.field, c.old, c.new) for c in delta.changes if c.field != "version"]
        entries.append({"record": newer, "changes": changes})
    return entries[:limit]
