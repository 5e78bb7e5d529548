"""Every interface string is translated into nb, nn and sv, and the catalogues are current.

Fails when a template or Python string marked for translation has no translation in any
of the three languages, when a translation is fuzzy, or when the committed .po files miss
a string that `makemessages` finds in the code today.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["nb", "nn", "sv"]
# Everything makemessages should scan: the project's code and templates, nothing else.
NOT_SOURCES = {
    ".venv",
    "node_modules",
    "tests",
    "benchmarks",
    "test-artifacts",
    "locale",
    "media",
    "staticfiles",
    "docs",
    "fixtures",
    "static",
}
SOURCES = sorted(
    p.name
    for p in ROOT.iterdir()
    if not p.name.startswith(".")
    and p.name not in NOT_SOURCES
    and (p.is_dir() or p.suffix == ".py")
)

pytestmark = pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext not installed")


def _msgids(po_file):
    text = Path(po_file).read_text(encoding="utf-8")
    ids = set()
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue  # obsolete entries
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not match:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        ctx = re.search(r'^msgctxt "(.*)"', block, re.M)
        if msgid:
            ids.add((ctx.group(1) if ctx else None, msgid))
    return ids


@pytest.fixture(scope="module")
def current_msgids(tmp_path_factory):
    """What makemessages finds in the code now (run on a copy, leaving the repo alone)."""
    copy = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, copy / name)
    (copy / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "nb",
            "--no-obsolete",
            "--settings=strategy_portal.settings",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**__import__("os").environ, "PYTHONPATH": str(copy)},
    )
    return _msgids(copy / "locale" / "nb" / "LC_MESSAGES" / "django.po")


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_every_string_in_the_code(language, current_msgids):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{po} missing: run makemessages -l {language}"
    missing = current_msgids - _msgids(po)
    assert not missing, (
        f"{language}: {len(missing)} strings not in the catalogue, e.g. "
        + "; ".join(sorted(m for _, m in missing)[:10])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_fuzzy(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    stats = result.stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, f"{language}: {stats.strip()}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_compiled_catalogue_matches_the_po_file(language, tmp_path):
    """The .mo is committed for laptops without gettext; it must say what the .po says.

    Compared with the committed blob (git), since `make test` rebuilds the working copy.
    """
    import gettext
    import io

    path = f"locale/{language}/LC_MESSAGES/django"
    committed = subprocess.run(["git", "show", f"HEAD:{path}.mo"], cwd=ROOT, capture_output=True)
    if committed.returncode != 0:
        pytest.skip("not a git checkout with committed catalogues")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(ROOT / f"{path}.po")], check=True)
    assert gettext.GNUTranslations(io.BytesIO(committed.stdout))._catalog == (
        gettext.GNUTranslations(fresh.open("rb"))._catalog
    ), f"{language}: the committed django.mo is stale; run `make messages` and commit it"
