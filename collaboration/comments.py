"""Comment threads and following an action: writing, editing, removing, and who is told.

Guarantees: every change is kept in the comment's history (django-simple-history, with a
change reason); a removed comment keeps its place as "comment removed"; `@username`
notifies that member only if they belong to the action's municipality; the thread costs
a constant number of queries (`thread`).
"""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from accounts.permissions import can_edit_comment, can_remove_comment

from . import notifications
from .models import Comment, Kind, Watch

MENTION = re.compile(r"(?<![\w@.])@([\w.@+-]{1,150})")


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write something before you send the comment."))
    # As every form's text field does: PostgreSQL cannot store a NUL character.
    ProhibitNullCharactersValidator()(body)
    if len(body) > Comment._meta.get_field("body").max_length:
        raise ValidationError(
            _("A comment holds at most %(max)s characters.")
            % {"max": Comment._meta.get_field("body").max_length}
        )
    return body


def mentioned(body, municipality):
    """Active members of `municipality` named as @username in `body` (one query)."""
    names = {name.rstrip(".") for name in MENTION.findall(body)}
    if not names:
        return []
    return list(
        get_user_model()
        .objects.filter(username__in=names, is_active=True, membership__municipality=municipality)
        .select_related("membership__municipality")
    )


def add_comment(author, action, body, follow_up=None):
    """Add a comment to the action's thread (or the follow-up's); tells the mentioned
    members and the action's followers once the comment is saved."""
    body = _clean_body(body)
    with transaction.atomic():
        comment = Comment(action=action, follow_up=follow_up, author=author, body=body)
        comment._change_reason = "comment added"
        comment.save()
        municipality = action.strategy.municipality
        named = mentioned(body, municipality)
        common = {"actor": author, "action": action, "follow_up": follow_up}
        notifications.notify(named, Kind.MENTIONED, about_comment=comment, **common)
        told = {user.pk for user in named}
        notifications.notify(
            [user for user in followers(action) if user.pk not in told],
            Kind.COMMENT_ADDED,
            about_comment=comment,
            **common,
        )
    return comment


def edit_comment(user, comment, body):
    if not can_edit_comment(user, comment, timezone.now()):
        raise ValidationError(_("A comment can be edited by its author for 15 minutes only."))
    comment.body = _clean_body(body)
    comment.edited_at = timezone.now()
    comment._change_reason = "comment edited"
    comment.save()
    return comment


def remove_comment(user, comment):
    """The text goes from the thread (the history keeps it); "comment removed" stays."""
    if not can_remove_comment(user, comment):
        raise ValidationError(_("You cannot remove this comment."))
    comment.body = ""
    comment.removed_at = timezone.now()
    comment.removed_by = user
    comment._change_reason = "comment removed"
    comment.save()
    return comment


def thread(action, follow_up=None):
    """The comments of the action's own thread, or of one follow-up's (constant queries)."""
    comments = Comment.objects.filter(action=action).select_related("author", "removed_by")
    if follow_up is None:
        return comments.filter(follow_up__isnull=True)
    return comments.filter(follow_up=follow_up)


# --- Following -----------------------------------------------------------------------------


def follows_by_default(user, action):
    try:
        membership = user.membership
    except Membership.DoesNotExist:
        return False
    return (
        membership.role == Role.EDITOR
        and membership.department_id is not None
        and membership.department_id == action.responsible_id
    )


def is_following(user, action):
    choice = Watch.objects.filter(action=action, user=user).values_list("following", flat=True)
    choice = list(choice)
    return choice[0] if choice else follows_by_default(user, action)


def set_following(user, action, following):
    watch, created = Watch.objects.get_or_create(
        action=action, user=user, defaults={"following": following}
    )
    if not created and watch.following != following:
        watch.following = following
        watch.save()
    return watch


def followers(action):
    """Who follows the action: the responsible department's editors unless they stopped,
    and everyone who chose to follow it."""
    choices = dict(Watch.objects.filter(action=action).values_list("user_id", "following"))
    users = {
        user.pk: user
        for user in notifications.editors_of(action.responsible)
        if choices.get(user.pk, True)
    }
    chosen = [pk for pk, following in choices.items() if following and pk not in users]
    if chosen:
        users.update(
            (user.pk, user)
            for user in get_user_model().objects.filter(pk__in=chosen, is_active=True)
        )
    return list(users.values())
