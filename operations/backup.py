"""Backup and restore of all data and generated report files, as one zip archive.

The archive holds `data.json` (Django's dumpdata of every app, with natural keys so it
loads into any empty database of the same schema), `media/…` (report PDFs) and
`manifest.json` (format, Django migration state, counts) to check before restoring.
"""

import io
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import management, serializers
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings

FORMAT = "strategy-portal-backup/1"
# Rebuilt by migrate in the target database; dumping them would clash on restore.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "search"]
# Derived from the plan rows, so rebuilt after a restore rather than stored.
DERIVED_COMMANDS = ["rebuild_search_index"]


# dumpdata's JSON to the microsecond (exact_json): history dates come back as they were.
serializers.register_serializer("json-exact", "operations.exact_json")


# Reference data every migrated database has (frameworks.loading: the SDGs, Europa 2020).
# The archive holds the installation's own copy, so a fresh target's is replaced by it.
SHIPPED = [
    "frameworks.Framework",
    "frameworks.FrameworkItem",
    "frameworks.HistoricalFramework",
    "frameworks.HistoricalFrameworkItem",
]


class RestoreError(Exception):
    pass


def _clear_shipped():
    """Deletes what migrate loaded into a fresh target (items first: they point at
    their frameworks)."""
    for label in reversed(SHIPPED):
        model = apps.get_model(label)
        model._default_manager.all().delete()


def _counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "sessions"}
        and model._meta.label not in {"auth.Permission", "admin.LogEntry"}
    }


def _latest_migrations():
    recorder = MigrationRecorder(connection)
    latest = {}
    for app, name in recorder.applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def create_backup(target):
    """Write the archive to `target` (a path or a binary file). Returns the manifest."""
    data = io.StringIO()
    management.call_command(
        "dumpdata",
        format="json-exact",
        exclude=EXCLUDED,
        natural_foreign=True,
        natural_primary=False,
        indent=None,
        stdout=data,
    )
    manifest = {"format": FORMAT, "migrations": _latest_migrations(), "counts": _counts()}
    media_root = Path(settings.MEDIA_ROOT)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
        archive.writestr("data.json", data.getvalue())
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    archive.write(path, f"media/{path.relative_to(media_root).as_posix()}")
    return manifest


def restore_backup(source):
    """Load an archive into an EMPTY, migrated database, and its files into MEDIA_ROOT."""
    with zipfile.ZipFile(source) as archive:
        names = set(archive.namelist())
        if not {"manifest.json", "data.json"} <= names:
            raise RestoreError("Not a Strategy Portal backup: manifest.json or data.json missing.")
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise RestoreError(f"Unknown backup format {manifest.get('format')!r}.")
        non_empty = [
            label
            for label, n in _counts().items()
            if n and label in manifest["counts"] and label not in SHIPPED
        ]
        if non_empty:
            raise RestoreError(
                "The database is not empty (" + ", ".join(sorted(non_empty)[:5]) + "…). "
                "Restore into a freshly migrated, empty database."
            )
        media_root = Path(settings.MEDIA_ROOT).resolve()
        members = [n for n in names if n.startswith("media/") and not n.endswith("/")]
        for name in members:
            target = (media_root / name.removeprefix("media/")).resolve()
            if not target.is_relative_to(media_root):
                raise RestoreError(f"Unsafe path in archive: {name}")
        fixture = Path(settings.MEDIA_ROOT).parent / ".restore-data.json"
        fixture.parent.mkdir(parents=True, exist_ok=True)
        fixture.write_bytes(archive.read("data.json"))
        try:
            # The archive holds the history rows; loading must not add new ones.
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                _clear_shipped()
                management.call_command("loaddata", str(fixture), verbosity=0)
        finally:
            fixture.unlink(missing_ok=True)
        for command in DERIVED_COMMANDS:
            management.call_command(command, verbosity=0)
        for name in members:
            target = media_root / name.removeprefix("media/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
    return manifest
