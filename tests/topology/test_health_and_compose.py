"""What the container platform relies on: the health check and the compose file."""

from pathlib import Path

import pytest
import yaml
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": False,
    "ALLOWED_HOSTS": ["strategi.example.no"],
    "SECURE_SSL_REDIRECT": True,
}


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_health_check_answers_a_probe_by_container_address_over_plain_http(client):
    # docker-compose probes http://127.0.0.1:8000/healthz: not an allowed host, not HTTPS.
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["database"]) == ("ok", "ok")


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_other_pages_keep_the_host_check_and_the_https_redirect(client):
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    assert client.get("/", HTTP_HOST="strategi.example.no").status_code == 301


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def test_compose_migrates_once_before_web_worker_and_beat_start():
    services = compose()
    migrating = [name for name, s in services.items() if "migrate" in str(s.get("command"))]
    assert migrating == ["migrate"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}
        assert depends["db"] == depends["redis"] == {"condition": "service_healthy"}


def test_compose_has_health_checks_and_keeps_state_in_named_volumes():
    services = compose()
    for name in ("web", "worker", "db", "redis"):
        assert services[name]["healthcheck"]["test"], name
    assert "--appendonly yes" in services["redis"]["command"]
    assert "noeviction" in services["redis"]["command"]
    beat_schedule = services["beat"]["command"].split("--schedule=")[1]
    assert any(beat_schedule.startswith(v.split(":")[1]) for v in services["beat"]["volumes"])
    assert "media:/data/media" in services["web"]["volumes"]


def test_compose_backs_up_every_night_into_a_volume_of_its_own():
    backup = compose()["backup"]
    assert "manage.py backup /data/backups/" in backup["command"]
    assert "sleep 86400" in backup["command"]
    assert "backups:/data/backups" in backup["volumes"]
    assert "media:/data/media" in backup["volumes"]  # the report files go in too
