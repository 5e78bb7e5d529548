"""A management command speaks one language: the active one, its own words included."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.importer.conftest import SMALL

pytestmark = pytest.mark.django_db


def _refused(*args, **options):
    with pytest.raises(CommandError) as refused:
        call_command(*args, **options)
    return str(refused.value)


@pytest.fixture
def bad_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SMALL.read_text(encoding="utf-8").replace("responsible: kultur", "responsible: x", 1),
        encoding="utf-8",
    )
    return bad


def test_a_refused_import_reads_in_bokmal_from_heading_to_last_line(bad_file):
    with translation.override("nb"):
        err = _refused("import_strategy", str(bad_file))
    assert "Strategifilen kan ikke importeres" in err
    assert err.endswith("Ingenting ble importert.")
    assert "Nothing was imported" not in err


def test_a_refused_import_reads_in_swedish_when_swedish_is_active(bad_file):
    with translation.override("sv"):
        err = _refused("import_strategy", str(bad_file))
    assert err.endswith("Ingenting importerades.")
    assert "Nothing was imported" not in err


def test_an_unknown_user_and_slug_are_refused_in_nynorsk():
    with translation.override("nn"):
        assert "Ukjend brukar 'nobody'" in _refused("import_strategy", str(SMALL), user="nobody")
        assert "Ingen strategi har kortnamnet 'nowhere'" in _refused("export_strategy", "nowhere")


def test_a_successful_import_reports_in_the_active_language(capsys):
    with translation.override("nb"):
        call_command("import_strategy", str(SMALL))
    assert "Importerte testby-2024-2027:" in capsys.readouterr().out
