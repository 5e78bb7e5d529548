"""The endpoints of the API's own OpenAPI document (/api/v1/schema/, written by
django-ninja from api/schemas.py), as the tests walk them."""

from api.docs import openapi

PAGING = {"page", "page_size", "format"}


def endpoints(spec=None):
    """(path, operation id, the 200 answer's JSON schema, its filters) for every path."""
    spec = spec or openapi()
    rows = []
    for path, item in spec["paths"].items():
        operation = item["get"]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        filters = [
            p["name"]
            for p in operation["parameters"]
            if p["in"] == "query" and p["name"] not in PAGING
        ]
        rows.append((path, operation["operationId"], schema, filters))
    return rows
