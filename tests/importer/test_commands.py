"""manage.py import_strategy, export_strategy and load_seeds, as an operator runs them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Membership, Role
from goals.models import Strategy
from strategy_files.importer import import_file, normalise, parse_file

from .conftest import DATA, SEEDS, SMALL, row_counts

pytestmark = pytest.mark.django_db


def _refused(*args, **options):
    """Run a command that must fail; manage.py prints the message and exits with returncode."""
    with pytest.raises(CommandError) as refused:
        call_command(*args, **options)
    assert refused.value.returncode == 1
    return str(refused.value)


def test_import_strategy_reports_what_it_imported_in_the_municipalitys_words(capsys):
    call_command("import_strategy", str(SMALL), language="en")
    out = capsys.readouterr().out
    assert (
        "Imported testby-2024-2027: Internasjonal strategi 2024–2027 (2 satsingsområder, 3 tiltak)"
        in out
    )
    assert "Tiltak: 3 added" in out


def test_reimporting_says_whether_anything_changed(capsys, tmp_path):
    call_command("import_strategy", str(SMALL), language="en")
    capsys.readouterr()
    call_command("import_strategy", str(SMALL), language="en")
    assert "Nothing changed: the database already holds what the file says." in (
        capsys.readouterr().out
    )
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        SMALL.read_text(encoding="utf-8").replace("Kurs i EU-søknader", "Kurs i søknader", 1),
        encoding="utf-8",
    )
    call_command("import_strategy", str(changed), language="en")
    assert "Tiltak: 1 changed, 2 unchanged" in capsys.readouterr().out


def test_dry_run_writes_nothing_and_prints_what_would_change(capsys):
    before = row_counts()
    call_command("import_strategy", str(SMALL), dry_run=True, language="en")
    out = capsys.readouterr().out
    assert row_counts() == before
    assert "it can be imported. Nothing was written." in out
    assert "Satsingsområder: 2 added" in out
    assert "Tiltak: 3 added" in out


def test_dry_run_of_a_bad_file_lists_its_errors_and_fails(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SMALL.read_text(encoding="utf-8").replace("responsible: kultur", "responsible: x", 1),
        encoding="utf-8",
    )
    err = _refused("import_strategy", str(bad), dry_run=True, language="en")
    assert "unknown responsible party 'x'" in err


def test_import_strategy_with_errors_exits_non_zero_listing_them(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SMALL.read_text(encoding="utf-8").replace("responsible: kultur", "responsible: x", 1),
        encoding="utf-8",
    )
    before = row_counts()
    err = _refused("import_strategy", str(bad), language="en")
    assert "strategy.goal_areas[0].actions[0].responsible: unknown responsible party 'x'" in err
    assert "Nothing was imported." in err
    assert row_counts() == before


def test_import_strategy_refuses_an_unknown_user_before_writing():
    before = row_counts()
    assert "Unknown user 'nobody'" in _refused(
        "import_strategy", str(SMALL), user="nobody", language="en"
    )
    assert row_counts() == before


def test_export_strategy_prints_the_file(capsys):
    import_file(SMALL)
    call_command("export_strategy", "testby-2024-2027")
    out = capsys.readouterr().out
    assert out.startswith("format: strategy-portal/1\n")
    assert normalise(parse_file(out.encode(), "out.yaml")) == normalise(parse_file(SMALL))


def test_export_strategy_writes_yaml_or_json_to_a_file(tmp_path):
    import_file(SMALL)
    for name in ("out.yaml", "out.json"):
        target = tmp_path / name
        call_command("export_strategy", "testby-2024-2027", "-o", str(target))
        assert normalise(parse_file(target)) == normalise(parse_file(SMALL))


def test_export_of_an_unknown_strategy_exits_non_zero():
    assert "No strategy with the slug 'nowhere'" in _refused("export_strategy", "nowhere")


def test_load_demo_creates_demo_users_for_each_municipality_and_role(capsys):
    call_command("load_demo", dir=str(DATA), force=True)
    users = get_user_model().objects
    admin = users.get(username="admin")
    assert admin.is_superuser and admin.check_password("demo-portal-2026")
    memberships = {
        m.user.username: (m.role, m.municipality.slug if m.municipality else None)
        for m in Membership.objects.select_related("user", "municipality")
    }
    assert memberships == {
        "admin": (Role.ADMIN, None),
        "testby-coordinator": (Role.COORDINATOR, "testby"),
        "testby-editor": (Role.EDITOR, "testby"),
        "testby-politician": (Role.POLITICIAN, "testby"),
    }
    # The editor works for the party with the most actions: kultur (1.1 and 2.1).
    editor = Membership.objects.get(user__username="testby-editor")
    assert editor.department.key == "kultur"
    assert users.get(username="testby-coordinator").is_staff
    out = capsys.readouterr().out
    assert "testby-politician" in out and "demo-portal-2026" in out


def test_load_seeds_twice_changes_nothing():
    call_command("load_seeds", dir=str(DATA))
    before = row_counts()
    call_command("load_seeds", dir=str(DATA))
    assert row_counts() == before


def test_load_seeds_keeps_what_staff_changed_in_a_loaded_strategy_unless_reset(capsys):
    call_command("load_seeds", dir=str(DATA))
    strategy = Strategy.objects.get()
    action = strategy.actions.order_by("code").first()
    original = action.title
    action.title = "Endra av koordinatoren"
    action.save()
    call_command("load_seeds", dir=str(DATA))  # what `make run` does on every start
    action.refresh_from_db()
    assert action.title == "Endra av koordinatoren"
    assert "already loaded" in capsys.readouterr().out
    call_command("load_seeds", dir=str(DATA), reset=True)
    action.refresh_from_db()
    assert action.title == original


def test_load_demo_never_resets_an_existing_users_password():
    get_user_model().objects.create_user("testby-editor", password="my-own-secret-1")
    call_command("load_demo", dir=str(DATA), force=True)
    assert get_user_model().objects.get(username="testby-editor").check_password("my-own-secret-1")


def test_load_demo_calls_demo_follow_ups_when_available(monkeypatch):
    import sys
    import types

    called = []
    module = types.ModuleType("actions.demo")
    module.create_demo_follow_ups = lambda strategy, **options: called.append(strategy)
    monkeypatch.setitem(sys.modules, "actions.demo", module)
    call_command("load_demo", dir=str(DATA), force=True)
    assert [s.slug for s in called] == ["testby-2024-2027"]


@pytest.mark.skipif(not SEEDS, reason="no seed files yet")
def test_load_seeds_loads_every_seed_once_and_is_idempotent():
    call_command("load_seeds")
    assert Strategy.objects.count() == len(SEEDS)
    before = row_counts()
    call_command("load_seeds")
    assert row_counts() == before


def test_load_seeds_stops_at_a_bad_file_naming_it(tmp_path):
    (tmp_path / "bad.yaml").write_text("format: strategy-portal/1\n", encoding="utf-8")
    assert "bad.yaml" in _refused("load_seeds", dir=str(tmp_path))
