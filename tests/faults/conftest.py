"""Fault tests: a Redis server of the test's own, to stop and restart at will.

The machine's shared Redis (6379) is never touched: each test starts `redis-server` on a
free port, points the web side (this process) and the Celery workers at it, and kills or
restarts it. Workers and queues come from the real-worker fixtures of tests/report.
"""

import os
import shutil
import signal
import subprocess

import pytest
import redis

from tests.topology.stack import free_port, wait_for


class RedisServer:
    """`redis-server` on 127.0.0.1:<free port>, no persistence unless asked for."""

    def __init__(self, workdir, persistent=False):
        self.port = free_port()
        self.workdir = workdir
        self.persistent = persistent
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self):
        persistence = (
            ["--appendonly", "yes", "--appendfsync", "always"]
            if self.persistent
            else ["--appendonly", "no"]
        )
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--dir",
                str(self.workdir),
                "--maxmemory-policy",
                "noeviction",
                *persistence,
            ],
            stdout=(self.workdir / "redis.log").open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.answers, 20, lambda: (self.workdir / "redis.log").read_text())

    def answers(self):
        try:
            return redis.Redis.from_url(self.url, socket_timeout=1).ping()
        except redis.RedisError:
            return False

    def stop(self, sig=signal.SIGTERM):
        """SIGTERM: a clean shutdown (an append-only file keeps the queue); SIGKILL: a crash."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=20)

    def restart(self):
        self.stop()
        self.start()

    def queued(self, queue):
        return redis.Redis.from_url(self.url).llen(queue)


def point_celery_at(url):
    """Make this process publish to `url`: drop the pooled connections and producers.

    Producer pools are also kept in kombu's global registry, keyed by connection; a pool
    closed here would otherwise be handed out again to the next test on the same URL.
    """
    from kombu import pools

    from strategy_portal.celery import app

    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()
    app.conf.broker_url = url


@pytest.fixture
def redis_server(request, tmp_path, monkeypatch):
    """Parametrize indirectly with True for an append-only file (as docker-compose runs it)."""
    if not shutil.which("redis-server"):
        message = "redis-server is not installed (Debian package redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from strategy_portal.celery import app

    workdir = tmp_path / "redis"
    workdir.mkdir()
    server = RedisServer(workdir, persistent=getattr(request, "param", False))
    server.start()
    saved = app.conf.broker_url
    # Workers started from here on read REDIS_URL from the environment.
    monkeypatch.setenv("REDIS_URL", server.url)
    point_celery_at(server.url)
    yield server
    point_celery_at(saved)
    server.stop(signal.SIGKILL)
