"""The address a request really came from, behind the reverse proxies we trust.

Behind a TLS proxy every request arrives from the proxy's address; the client's is the
last one the proxy appended to X-Forwarded-For. Only as many entries as there are trusted
proxies (`TRUSTED_PROXY_COUNT`) are believed: anything further left was written by the
client and may be forged. Used by django-axes (lockouts) and the password-reset limit.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not trusted:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        return remote  # not through all our proxies: a direct request
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
