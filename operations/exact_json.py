"""Django's JSON serializer, keeping datetimes to the microsecond.

Django's encoder cuts them to milliseconds, so a restored database would not be the one
backed up: change-history rows made within one millisecond would lose their order, and
every history date would differ. Loaded back with Django's own JSON deserializer."""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

Deserializer = django_json.Deserializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
