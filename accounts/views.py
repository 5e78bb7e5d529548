from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render

from .client_address import client_address
from .throttle import within_limit


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited so that nobody can flood a mailbox or the mail
    server: per address a clear 429; per account the usual "sent" page, so the limit
    never tells whether an address has an account."""

    def form_valid(self, form):
        address = client_address(self.request)
        if not within_limit("password-reset-address", address, settings.PASSWORD_RESET_PER_ADDRESS):
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        email = form.cleaned_data["email"].strip().lower()
        if not within_limit("password-reset-account", email, settings.PASSWORD_RESET_PER_ACCOUNT):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
