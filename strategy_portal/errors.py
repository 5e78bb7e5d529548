"""What an error report may show."""

import re

from django.views.debug import SafeExceptionReporterFilter

# user:password@ in a connection URL (redis://:secret@host, postgres://u:secret@db/x).
URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]*:[^/@\s]*@")


class CredentialMaskingFilter(SafeExceptionReporterFilter):
    """Django's filter, also masking settings named like a connection (a broker, cache or
    database URL) and the credentials in any URL, wherever a setting holds one."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|BROKER|DATABASE_URL|REDIS|LOCATION|DSN",
        flags=re.I,
    )

    def cleanse_setting(self, key, value):
        value = super().cleanse_setting(key, value)
        if type(value) is str:  # not lazy objects Django leaves as they are
            return URL_CREDENTIALS.sub(f"{self.cleansed_substitute}@", value)
        return value
