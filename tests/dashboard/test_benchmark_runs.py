"""The dashboard benchmark runs and prints the ratios issues 4 and 12 ask for.

Its quickest mode (`--small`) in a subprocess on SQLite, as a developer runs it. No
timing is asserted (the machine's load decides those); only that the figures come out:
each page warm and cold against the sign-in page, and 5 against all municipalities.
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
    pages = ("dashboard", "public", "plan", "my work", "compare")
    # Once with 5 municipalities, once with all 20: warm and cold, each × the sign-in page.
    ratios = []
    for name in pages:
        rows = re.findall(rf"^  {name} +[0-9.]+ ms +{RATIO} +[0-9.]+ ms +{RATIO}$", out, re.M)
        assert len(rows) == 2, out
        ratios += [float(ratio) for row in rows for ratio in row]
        few_to_all = re.findall(rf"^  {name} +{RATIO}$", out, re.M)
        assert len(few_to_all) == 1, out
        ratios.append(float(few_to_all[0]))
    assert "20 / 5 municipalities, warm:" in out
    assert all(ratio > 0 for ratio in ratios), out
