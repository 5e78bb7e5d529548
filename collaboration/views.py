"""The signed-in member's notifications and their settings: each sees their own only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.tenancy import no_municipality_page

from . import notifications
from .forms import NotificationSettingsForm
from .models import Notification

PAGE_SIZE = 30


@login_required
def notification_list(request):
    page = Paginator(notifications.for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "notification": n,
            "message": notifications.message(n),
            "quote": notifications.quoted(n),
            "unread": n.read_at is None,
        }
        for n in page
    ]
    return render(request, "collaboration/notifications.html", {"page": page, "rows": rows})


@no_municipality_page
@login_required
def notification_open(request, pk):
    """Opening a notification marks it read and leads to what it is about."""
    notification = get_object_or_404(Notification.objects.filter(recipient=request.user), pk=pk)
    notifications.mark_read(Notification.objects.filter(pk=notification.pk))
    return redirect(notifications.target_url(notification))


@login_required
@require_POST
def notification_read_all(request):
    notifications.mark_read(Notification.objects.filter(recipient=request.user))
    messages.success(request, _("All notifications are marked read."))
    return redirect("collaboration:notifications")


@login_required
def notification_settings(request):
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings are saved."))
        return redirect("collaboration:settings")
    return render(request, "collaboration/settings.html", {"form": form})
