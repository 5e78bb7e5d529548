from django.urls import URLPattern, path

from . import docs
from .http import api_view
from .views import api

app_name = "api"

# django-ninja's operations, each behind the API's common answer (api/http.py).
operations = [
    URLPattern(pattern.pattern, api_view(pattern.callback), name=pattern.name)
    for pattern in api.urls[0]
    if pattern.name != "api-root"
]

urlpatterns = [
    path("schema/", docs.schema, name="schema"),
    path("docs/", docs.docs, name="docs"),
    *operations,
]
