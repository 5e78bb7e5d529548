"""How long the largest strategy file the importer accepts takes to parse.

Prints seconds for several shapes of a file just under IMPORT_MAX_BYTES (the cap an
upload is refused above), for the parser in use (libyaml's C parser where available) and
for PyYAML's pure-Python one, for comparison. The target (issue 20): the worst allowed
file parses in at most 2 s, so a hostile upload never holds a web worker long.

    .venv/bin/python benchmarks/parse_benchmark.py
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

import yaml  # noqa: E402
from django.conf import settings  # noqa: E402

from strategy_files import importer  # noqa: E402


def _fill(unit, limit):
    return unit * (limit // len(unit))


def shapes(limit):
    """Files of `limit` bytes that are costly in different ways for a YAML parser."""
    header = "format: strategy-portal/1\n"
    yield "many small mappings", header + "x:\n" + _fill("  - {a: 1, b: two, c: [3, 4]}\n", limit)
    yield "flow sequences of scalars", header + "x: [" + _fill("abc, ", limit) + "z]\n"
    yield "block scalars", header + "x: |\n" + _fill("  " + "lorem ipsum " * 6 + "\n", limit)
    yield "many keys", header + "x:\n" + "".join(f"  k{i}: v\n" for i in range(limit // 10))
    yield "quoted strings", header + "x:\n" + _fill('  - "\\u00e6\\u00f8\\u00e5 tekst"\n', limit)


def timed(text, loader):
    start = time.perf_counter()
    try:
        yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses
    except yaml.YAMLError:
        pass
    return time.perf_counter() - start


def main():
    limit = settings.IMPORT_MAX_BYTES - 1024
    c_loader = importer._Loader
    print(
        f"libyaml available: {yaml.__with_libyaml__}; parser in use: {c_loader.__mro__[1].__name__}"
    )
    print(
        f"file size: {limit / 1024 / 1024:.2f} MiB (IMPORT_MAX_BYTES = {settings.IMPORT_MAX_BYTES})"
    )
    print(f"{'shape':28} {'in use (s)':>11} {'pure Python (s)':>16}")

    PurePython = type("PurePython", (yaml.SafeLoader,), dict(vars(importer._Loader)))

    worst = 0.0
    for name, text in shapes(limit):
        ours = timed(text, c_loader)
        slow = timed(text, PurePython) if "--pure" in sys.argv else float("nan")
        worst = max(worst, ours)
        print(f"{name:28} {ours:11.2f} {slow:16.2f}")
    # The whole path an upload takes: parse_file (size cap, decoding, shape check).
    start = time.perf_counter()
    try:
        importer.parse_file(next(shapes(limit))[1].encode(), "worst.yaml")
    except importer.StrategyFileError:
        pass
    print(f"parse_file on the first shape: {time.perf_counter() - start:.2f} s")
    print(f"worst: {worst:.2f} s (target <= 2 s)")


if __name__ == "__main__":
    main()
