"""What an error report may show."""

import re

from django.views.debug import SafeExceptionReporterFilter


class CredentialMaskingFilter(SafeExceptionReporterFilter):
    """Django's filter, also masking settings named like a connection URL (a broker or
    database URL carries its password: redis://:secret@host)."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|URL|BROKER|DATABASE|REDIS|DSN",
        flags=re.I,
    )
