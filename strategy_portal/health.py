"""The health check, answered ahead of the rest of the middleware."""

from .views import healthz

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect.

    docker-compose and load balancers probe a container by its own address over plain
    HTTP; with DEBUG off, ALLOWED_HOSTS and SECURE_SSL_REDIRECT would answer them with
    400 or 301, and the service would never become healthy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return healthz(request)
        return self.get_response(request)
