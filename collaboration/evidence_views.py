"""Evidence files on a follow-up: added and removed by whoever may edit the follow-up,
read by whoever may read it (`follow_up_for_staff`: another municipality's is a 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import can_edit_follow_up
from actions import selectors
from core.tenancy import municipality_page

from . import evidence as files
from .models import Evidence


@municipality_page("actions.FollowUp", staff_only=True)
@login_required
@require_POST
def evidence_add(request, pk):
    follow_up = selectors.follow_up_for_staff(request.user, pk)
    if not can_edit_follow_up(request.user, follow_up):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect(follow_up.get_absolute_url() + "#evidence")
    try:
        added = files.add(follow_up, upload, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” is added.") % {"name": added.name})
    return redirect(follow_up.get_absolute_url() + "#evidence")


def _evidence_for(user, pk):
    evidence = get_object_or_404(Evidence.objects.only("pk", "follow_up_id"), pk=pk)
    # The follow-up's own permission: the same rule as reading the follow-up.
    follow_up = selectors.follow_up_for_staff(user, evidence.follow_up_id)
    return Evidence.objects.get(pk=evidence.pk), follow_up


@municipality_page("collaboration.Evidence", staff_only=True)
@login_required
@require_GET
def evidence_download(request, pk):
    evidence, _follow_up = _evidence_for(request.user, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    # Never rendered by the browser as a page of ours, whatever the file holds.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@municipality_page("collaboration.Evidence", staff_only=True)
@login_required
@require_POST
def evidence_remove(request, pk):
    evidence, follow_up = _evidence_for(request.user, pk)
    if not can_edit_follow_up(request.user, follow_up):
        raise PermissionDenied
    name = evidence.name
    files.remove(evidence)
    messages.success(request, _("“%(name)s” is removed.") % {"name": name})
    return redirect(follow_up.get_absolute_url() + "#evidence")
