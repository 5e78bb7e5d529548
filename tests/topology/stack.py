"""Helpers to run the real stack on 127.0.0.1: a throwaway PostgreSQL database, the
production settings over plain HTTP, and a small stdlib HTTP client with a cookie jar.

Used by the topology test and by benchmarks/load_test.py. Nothing here is Django-aware:
the stack runs in other processes, seen only through its database URL and HTTP.
"""

import html
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-portal-2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_server_url(database_url):
    """The server part of a postgres:// URL, or None if it is not PostgreSQL."""
    if not database_url or not database_url.startswith(("postgres://", "postgresql://")):
        return None
    parts = urllib.parse.urlsplit(database_url)
    return f"postgres://{parts.netloc}"


class ThrowawayDatabase:
    """A PostgreSQL database with a unique name, dropped (connections and all) on close."""

    def __init__(self, server_url, prefix="sp_stack"):
        self.server_url = server_url
        self.name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self._admin("CREATE DATABASE {}")
        self.url = f"{server_url}/{self.name}"

    def _admin(self, sql):
        parts = urllib.parse.urlsplit(self.server_url)
        conn = psycopg2.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
        )
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql.format(f'"{self.name}"'))
        finally:
            conn.close()

    def query(self, sql, params=()):
        parts = urllib.parse.urlsplit(self.url)
        conn = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname=self.name,
        )
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            conn.close()

    def drop(self):
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def production_env(*, database_url, bind, static_root, media_root, redis_url=None, **extra):
    """Production settings (DEBUG off) for a plain-HTTP stack on 127.0.0.1."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "strategy_portal.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "stack-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "BIND": bind,
        "PYTHONUNBUFFERED": "1",
        # Stacks of parallel tests share the Redis server: their caches keep apart.
        "CACHE_KEY_PREFIX": "stack-" + uuid.uuid4().hex[:12],
    }
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    # Set by the browser tests' harness (Playwright in this process), never in production.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def manage(env, *args, timeout=300):
    """Run `manage.py <args>` in a child process; raise with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def manage_async(env, *args, log_path):
    """Start `manage.py <args>` in the background (e.g. collectstatic beside migrate)."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=open(log_path, "w"),
        stderr=subprocess.STDOUT,
    )


def descendants(pid):
    """Every live process below `pid` (Linux /proc). honcho starts web, worker and beat in
    sessions of their own, so killing honcho's process group does not reach them."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The field after the parenthesised command name: state, then the parent pid.
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_family(pids, signum):
    for pid in pids:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


def wait_for(condition, timeout, describe=lambda: "", interval=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s\n{describe()}")


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


class Response:
    def __init__(self, status, headers, body, url):
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One signed-in user: a cookie jar, CSRF tokens taken from the forms it reads."""

    def __init__(self, base_url, timeout=30, follow_redirects=True, headers=None):
        self.base_url = base_url.rstrip("/")
        # Sent with every request, e.g. the X-Forwarded-For a proxy in front would add.
        self.headers = dict(headers or {})
        self.cookies = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies)]
        if not follow_redirects:
            handlers.append(_NoRedirect())
        self.opener = urllib.request.build_opener(*handlers)
        self.timeout = timeout

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Response(response.status, response.headers, response.read(), response.url)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read(), error.url)

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def sign_in(self, username, password=DEMO_PASSWORD):
        form = self.get("/accounts/login/")
        response = self.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": csrf_token(form.text),
                "username": username,
                "password": password,
            },
        )
        if not any(c.name == "sessionid" for c in self.cookies):
            raise AssertionError(f"{username} could not sign in: {response.status}")
        return response


def csrf_token(page):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise AssertionError("no CSRF token in the page")
    return match.group(1)


def form_fields(page, action=None, containing=None):
    """Name → value of the inputs, textareas and selected options of one <form>: the one
    posting to `action`, or the one with a field named `containing`, or the first."""
    forms = re.findall(r"<form\b([^>]*)>(.*?)</form>", page, re.S)
    for attrs, body in forms:
        if action is not None and f'action="{action}"' not in attrs:
            continue
        if containing is not None and f'name="{containing}"' not in body:
            continue
        return _fields(body)
    raise AssertionError(f"no form with action {action!r} / field {containing!r}")


def _attr(tag, name):
    match = re.search(rf'\b{name}="([^"]*)"', tag)
    return html.unescape(match.group(1)) if match else None


def _fields(body):
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", body):
        name, kind = _attr(tag, "name"), (_attr(tag, "type") or "text")
        if not name or kind in {"submit", "button", "file"}:
            continue
        if kind in {"checkbox", "radio"}:
            if re.search(r"\bchecked\b", tag):
                fields.setdefault(name, []).append(_attr(tag, "value") or "on")
            continue
        fields[name] = _attr(tag, "value") or ""
    for tag, text in re.findall(r"<textarea\b([^>]*)>(.*?)</textarea>", body, re.S):
        fields[_attr(tag, "name")] = html.unescape(text)
    for tag, options in re.findall(r"<select\b([^>]*)>(.*?)</select>", body, re.S):
        tags = re.findall(r"<option\b[^>]*>", options)
        chosen = [_attr(o, "value") for o in tags if re.search(r"\bselected\b", o)]
        if re.search(r"\bmultiple\b", tag):
            fields[_attr(tag, "name")] = chosen
        else:  # as a browser does: the first option unless another is selected
            first = _attr(tags[0], "value") if tags else ""
            fields[_attr(tag, "name")] = chosen[0] if chosen else first
    return fields
