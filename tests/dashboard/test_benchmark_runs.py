"""The dashboard benchmark runs and prints the ratios issue 4 asks for.

Its quickest mode (`--small`) in a subprocess on SQLite, as a developer runs it. No
timing is asserted (the machine's load decides those); only that the figures come out:
the dashboard's median against a bare page, and 5 against all municipalities.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
RATIO = r"([0-9]+(?:\.[0-9]+)?)×"


def test_benchmark_prints_dashboard_against_bare_page_and_5_against_all_municipalities():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    run = subprocess.run(
        [sys.executable, "benchmarks/dashboard_benchmark.py", "--small"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert out.startswith("Database: sqlite"), out
    # Once with 5 municipalities, once with all 20.
    ratios = re.findall(rf"dashboard / bare page: {RATIO}", out)
    assert len(ratios) == 2, out
    for name in ("Dashboard", "Public page"):
        few_to_all = re.findall(rf"{name}, 20 / 5 municipalities: {RATIO}", out)
        assert len(few_to_all) == 1, out
        ratios += few_to_all
    assert all(float(ratio) > 0 for ratio in ratios), out
