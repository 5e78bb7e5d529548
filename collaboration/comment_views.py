"""Comment threads on an action and a follow-up, and following an action.

Every view first finds the action or follow-up the way the staff screens do (another
municipality's is a 404), then asks `accounts.permissions`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_comment,
    can_edit_comment,
    can_read_comments,
    can_watch,
    require_member,
)
from actions import selectors
from core.tenancy import municipality_page

from . import comments
from .models import Comment


def _refused(request, template, context, error):
    """A bad comment: the page again with the text kept and the reason, never lost."""
    return render(request, template, {**context, "error": error}, status=400)


@municipality_page("actions.Action", staff_only=True)
@login_required
@require_POST
def action_comment(request, pk):
    action = selectors.action_for_write(request.user, pk)
    return _add(request, action, None)


@municipality_page("actions.FollowUp", staff_only=True)
@login_required
@require_POST
def follow_up_comment(request, pk):
    follow_up = selectors.follow_up_for_staff(request.user, pk)
    return _add(request, follow_up.action, follow_up)


def _add(request, action, follow_up):
    if not can_comment(request.user, action.strategy.municipality):
        raise PermissionDenied
    body = request.POST.get("body", "")
    try:
        comment = comments.add_comment(request.user, action, body, follow_up=follow_up)
    except ValidationError as error:
        return _refused(
            request,
            "collaboration/comment_form.html",
            {"action": action, "follow_up": follow_up, "body": body},
            " ".join(error.messages),
        )
    messages.success(request, _("Your comment is added."))
    return redirect(comment.get_absolute_url())


def _comment_for(user, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("action__strategy__municipality", "follow_up"), pk=pk
    )
    require_member(user, comment.action.strategy.municipality)
    return comment


@municipality_page("collaboration.Comment", staff_only=True)
@login_required
def comment_edit(request, pk):
    comment = _comment_for(request.user, pk)
    if not can_edit_comment(request.user, comment, timezone.now()):
        raise PermissionDenied
    context = {"comment": comment, "action": comment.action, "follow_up": comment.follow_up}
    if request.method != "POST":
        return render(request, "collaboration/comment_form.html", {**context, "body": comment.body})
    body = request.POST.get("body", "")
    try:
        comments.edit_comment(request.user, comment, body)
    except ValidationError as error:
        return _refused(
            request,
            "collaboration/comment_form.html",
            {**context, "body": body},
            " ".join(error.messages),
        )
    messages.success(request, _("Your comment is saved."))
    return redirect(comment.get_absolute_url())


@municipality_page("collaboration.Comment", staff_only=True)
@login_required
@require_POST
def comment_remove(request, pk):
    comment = _comment_for(request.user, pk)
    try:
        comments.remove_comment(request.user, comment)
    except ValidationError as error:
        raise PermissionDenied from error
    messages.success(request, _("The comment is removed."))
    return redirect(comment.get_absolute_url())


@municipality_page("actions.Action", staff_only=True)
@login_required
@require_POST
def action_follow(request, pk):
    """Follow (POST following=1) or stop following (following=0) an action."""
    action = selectors.action_for_write(request.user, pk)
    if not can_watch(request.user, action) or not can_read_comments(
        request.user, action.strategy.municipality
    ):
        raise PermissionDenied
    following = request.POST.get("following") == "1"
    comments.set_following(request.user, action, following)
    if following:
        messages.success(request, _("You follow this action: you are told of its changes."))
    else:
        messages.success(request, _("You no longer follow this action."))
    return redirect(_back(request, action))


def _back(request, action):
    """Back to the follow-up page the toggle was on, if it is one of this action's."""
    follow_up = action.follow_ups.filter(pk=_int(request.POST.get("follow_up"))).first()
    return follow_up or action


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
