"""`{% comment_thread action %}` / `{% comment_thread action follow_up %}`: the thread and
the follow toggle on the staff pages, in three queries whatever the thread's length."""

from django import template
from django.conf import settings
from django.utils import timezone

from accounts.permissions import (
    can_comment,
    can_edit_comment,
    can_edit_follow_up,
    can_read_comments,
    can_remove_comment,
    can_watch,
)
from collaboration import comments

register = template.Library()


@register.inclusion_tag("collaboration/_thread.html", takes_context=True)
def comment_thread(context, action, follow_up=None):
    user = context["request"].user
    municipality = action.strategy.municipality
    if not can_read_comments(user, municipality):
        return {"hidden": True}
    now = timezone.now()
    thread = list(comments.thread(action, follow_up))
    for comment in thread:
        comment.action = action  # already loaded: no query per comment
        comment.can_edit = can_edit_comment(user, comment, now)
        comment.can_remove = can_remove_comment(user, comment)
    return {
        "action": action,
        "follow_up": follow_up,
        "comments": thread,
        "can_comment": can_comment(user, municipality),
        "can_watch": can_watch(user, action),
        "following": comments.is_following(user, action),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }


@register.inclusion_tag("collaboration/_evidence.html", takes_context=True)
def evidence_list(context, follow_up):
    """The follow-up's evidence files (one query) and, for those who may edit it, the
    upload form."""
    user = context["request"].user
    return {
        "follow_up": follow_up,
        "files": list(follow_up.evidence.select_related("uploaded_by")),
        "can_edit": can_edit_follow_up(user, follow_up),
        "max_size": settings.EVIDENCE_MAX_BYTES,
        "csrf_token": context.get("csrf_token"),
    }
