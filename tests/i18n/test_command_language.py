"""A management command speaks one language, its own words included: for an import, the
language of the file's municipality unless --language says otherwise."""

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


def test_a_refused_import_reads_in_swedish_when_asked_for(bad_file):
    with translation.override("nb"):
        err = _refused("import_strategy", str(bad_file), language="sv")
    assert err.endswith("Ingenting importerades.")
    assert "Nothing was imported" not in err


def test_an_import_speaks_the_language_of_the_files_municipality(bad_file, tmp_path):
    swedish = tmp_path / "svensk.yaml"
    swedish.write_text(
        bad_file.read_text(encoding="utf-8").replace("language: nb", "language: sv", 1),
        encoding="utf-8",
    )
    with translation.override("en"):
        assert _refused("import_strategy", str(bad_file)).endswith("Ingenting ble importert.")
        assert _refused("import_strategy", str(swedish)).endswith("Ingenting importerades.")


def test_an_unknown_user_and_slug_are_refused_in_nynorsk():
    with translation.override("nn"):
        assert "Ukjend brukar 'nobody'" in _refused(
            "import_strategy", str(SMALL), user="nobody", language="nn"
        )
        assert "Ingen strategi har kortnamnet 'nowhere'" in _refused("export_strategy", "nowhere")


def test_a_successful_import_reports_in_the_municipalitys_language_and_words(capsys):
    with translation.override("en"):
        call_command("import_strategy", str(SMALL))
    out = capsys.readouterr().out
    assert "Importerte testby-2024-2027:" in out
    assert "(2 satsingsområder, 3 tiltak)" in out
    assert "Tiltak: 3 lagt til" in out
