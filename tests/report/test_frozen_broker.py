"""A frozen broker (Redis stopped with SIGSTOP, a half-open connection, a hung host)
accepts connections and never answers: "Generate" still answers within 3 s with the
"queue not reachable" message, and the report is failed with that reason."""

import socket
import threading
import time

import pytest
from django.urls import reverse
from django.utils import translation

from annual_reports.models import AnnualReport

from .conftest import YEAR


class SilentServer:
    """A TCP port that accepts every connection, reads what is sent and never answers."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.stopped = False
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)  # kept open, never written to

    def close(self):
        self.stopped = True
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture
def frozen_broker():
    from strategy_portal.celery import app

    server = SilentServer()
    saved = (app.conf.broker_url, app._pool, app.amqp._producer_pool, app.conf.task_always_eager)
    app._pool = app.amqp._producer_pool = None
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{server.port}/0"
    yield server
    if app._pool is not None:
        app._pool.force_close_all()
    app.conf.broker_url, app._pool, app.amqp._producer_pool, app.conf.task_always_eager = saved
    server.close()


def test_broker_timeouts_are_at_most_two_seconds(settings):
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["socket_connect_timeout"] <= 2 and options["socket_timeout"] <= 2
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 2


@pytest.mark.django_db(transaction=True)  # on_commit runs as in production
def test_generate_answers_within_3_seconds_when_the_broker_never_answers(
    client, strategy, users, frozen_broker
):
    client.force_login(users["coordinator"])
    url = reverse("annual_reports:annual_generate", args=[strategy.slug])
    started = time.monotonic()
    response = client.post(url, {"year": YEAR})
    elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed
    assert response.status_code == 302
    assert frozen_broker.held, "the request never reached the silent broker"
    with translation.override("en"):
        page = client.get(response["Location"]).content.decode()
    assert "The job queue is not reachable" in page
    report = AnnualReport.objects.get()
    assert (report.status, report.failure) == ("failed", "queue_unreachable")
