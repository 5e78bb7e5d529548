"""Comments and evidence files in the change history of their action or follow-up
(`actions.history` merges them in: who wrote, edited or removed a comment, who added or
removed a file, and when). Registered by `CollaborationConfig.ready`."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from actions.history import ACTION_ROWS, FOLLOW_UP_ROWS
from goals.history import RowHistory

from .models import Comment, Evidence

SHOWN_CHARACTERS = 200


def _comment_summary(record):
    if record.removed_at:
        return _("Comment removed")
    return Truncator(record.body).chars(SHOWN_CHARACTERS)


class CommentHistory(RowHistory):
    """A removed comment's text stays out of the page's history as it is out of its thread
    (the admin's history keeps it): its entries say a comment, since removed, was written
    and who removed it. Read from the same records: no query more."""

    def changes(self):
        items = super().changes()
        removed = {record.id for record, _change in items if record.removed_at}
        hidden = _("(a comment since removed)")
        shown = []
        for record, (label, before, after) in items:
            if record.id in removed:
                before = hidden if before else ""
                after = _("Comment removed") if record.removed_at else (hidden if after else "")
                if record.history_type == "~" and before == after:
                    continue  # an edit of a comment since removed: nothing to show
            shown.append((record, (label, before, after)))
        return shown


def action_comments(action):
    """The action's own thread (a follow-up's comments are in the follow-up's history)."""
    return CommentHistory(
        Comment.history.filter(action_id=action.pk, follow_up_id__isnull=True),
        label=lambda record: Comment._meta.verbose_name,
        summary=_comment_summary,
    )


def follow_up_comments(follow_up):
    return CommentHistory(
        Comment.history.filter(follow_up_id=follow_up.pk),
        label=lambda record: Comment._meta.verbose_name,
        summary=_comment_summary,
    )


def follow_up_evidence(follow_up):
    return RowHistory(
        Evidence.history.filter(follow_up_id=follow_up.pk),
        label=lambda record: Evidence._meta.verbose_name,
        summary=lambda record: record.name,
    )


def register():
    for rows, source in [
        (ACTION_ROWS, action_comments),
        (FOLLOW_UP_ROWS, follow_up_comments),
        (FOLLOW_UP_ROWS, follow_up_evidence),
    ]:
        if source not in rows:
            rows.append(source)
