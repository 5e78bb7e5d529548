"""Production without Docker, as the README says: supervisord with deploy/supervisord.conf.

Each process is supervised on its own. The worker's main process killed (what the OOM
killer does) is back within 10 s while the web keeps answering; the gunicorn master
killed is back within 10 s while the worker keeps running. (honcho, for development,
stops everything when one process exits.)
"""

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .stack import ROOT, answers, free_port, production_env, wait_for
from .test_procfile_stack import database, stack_redis_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.worker
CONF = ROOT / "deploy" / "supervisord.conf"
VENV_BIN = ROOT / ".venv" / "bin"


def local_config(tmp_path):
    """deploy/supervisord.conf with this checkout's paths, no user switch, logs in tmp."""
    text = CONF.read_text()
    text = text.replace("/srv/strategy-portal", str(ROOT))
    text = text.replace("/var/log/strategy-portal", str(tmp_path))
    text = text.replace("/var/lib/strategy-portal", str(tmp_path))
    text = re.sub(r"^user=portal\n", "", text, flags=re.M)
    head = f"""
[supervisord]
nodaemon=true
logfile={tmp_path}/supervisord.log
pidfile={tmp_path}/supervisord.pid

[unix_http_server]
file={tmp_path}/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://{tmp_path}/supervisor.sock
"""
    path = tmp_path / "supervisord.conf"
    path.write_text(head + text)
    return path


class Supervised:
    def __init__(self, conf, env):
        self.conf, self.env = conf, env
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "supervisord"), "-c", str(conf)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def ctl(self, *args):
        return subprocess.run(
            [str(VENV_BIN / "supervisorctl"), "-c", str(self.conf), *args],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout

    def pid(self, name):
        out = self.ctl("pid", f"portal:{name}").strip()
        return int(out) if out.isdigit() and out != "0" else None

    def log(self):
        logs = sorted(Path(self.conf).parent.glob("*.log"))
        return "\n".join(f"== {p.name}\n{p.read_text()[-3000:]}" for p in logs)

    def stop(self):
        self.ctl("stop", "all")
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def test_supervisord_config_restarts_each_process_on_its_own_and_stops_gracefully():
    text = CONF.read_text()
    for name in ("web", "worker", "beat"):
        block = text.split(f"[program:{name}]")[1].split("[program:")[0]
        assert "autorestart=true" in block and "stopsignal=TERM" in block, name
        assert re.search(r"stopwaitsecs=\d+", block), name
        assert re.search(r"priority=\d+", block), name
    assert "-c deploy/gunicorn.conf.py" in text
    units = ROOT / "deploy" / "systemd"
    for name in ("web", "worker", "beat"):
        unit = (units / f"strategy-portal-{name}.service").read_text()
        assert "Restart=always" in unit and "TimeoutStopSec=" in unit, name
    assert "OnCalendar=" in (units / "strategy-portal-backup.timer").read_text()


def test_one_killed_process_is_restarted_alone_within_10_seconds(
    database,  # noqa: F811
    stack_redis_url,  # noqa: F811
    tmp_path,
):
    port = free_port()
    env = production_env(
        database_url=database.url,
        redis_url=stack_redis_url,
        bind=f"127.0.0.1:{port}",
        static_root=tmp_path / "static",
        media_root=tmp_path / "media",
        WEB_CONCURRENCY="1",
        PORTAL_ENV_FILE=str(tmp_path / "no-such-env-file"),
        PATH=f"{VENV_BIN}:{os.environ['PATH']}",
    )
    health = f"http://127.0.0.1:{port}/healthz"
    stack = Supervised(local_config(tmp_path), env)
    try:
        wait_for(lambda: answers(health), 180, stack.log)
        wait_for(lambda: "ready." in (tmp_path / "worker.log").read_text(), 120, stack.log)
        worker, web, beat = stack.pid("worker"), stack.pid("web"), stack.pid("beat")
        assert worker and web and beat, stack.ctl("status")

        os.kill(worker, signal.SIGKILL)  # the worker's main process, as the OOM killer does
        killed = time.monotonic()
        wait_for(lambda: stack.pid("worker") not in (None, worker), 10, stack.log)
        worker_back = time.monotonic() - killed
        assert answers(health), stack.log()  # the web never noticed
        assert stack.pid("web") == web and stack.pid("beat") == beat

        worker = stack.pid("worker")
        os.kill(web, signal.SIGKILL)  # the gunicorn master
        killed = time.monotonic()
        wait_for(lambda: answers(health) and stack.pid("web") != web, 10, stack.log)
        web_back = time.monotonic() - killed
        assert stack.pid("worker") == worker and stack.pid("beat") == beat
        print(f"worker back in {worker_back:.1f} s, web answering again in {web_back:.1f} s")
    finally:
        stack.stop()
