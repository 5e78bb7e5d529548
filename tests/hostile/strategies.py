"""Hostile data for forms and strategy files: what a careless paste, a broken client or an
attacker might send. Each strategy mixes plain random data with known troublemakers."""

import os
import string

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

TROUBLEMAKERS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00" * 50,
    "\r\n\t\x0b\x0c\x1b[31m",
    "\u202eevil\u202c",
    "\ufeff",
    "\u200b",
    "🇳🇴🇸🇪👩‍👩‍👧",
    "Æøå ÆØÅ äöÄÖ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "'; DROP TABLE actions_action; --",
    "1' OR '1'='1",
    "1; SELECT pg_sleep(10)",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "NaN",
    "-Infinity",
    "Infinity",
    "1e309",
    "-0",
    "-1",
    "0x1F",
    "1_000",
    "9" * 40,
    "-" + "9" * 40,
    "9" * 5000,
    "0.0000000000000000000001",
    "12,5",
    "2026-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-13-45",
    "31.12.2026",
    "true",
    "null",
    "None",
    "[]",
    "{}",
    "[[[[[[[[[[]]]]]]]]]]",
    '{"a": {"b": [1, 2, {"c": null}]}}',
]

# Unicode of every kind, control characters and NUL included (no lone surrogates: they
# cannot travel in UTF-8, so no browser can send them).
any_text = st.text(max_size=300)
control_text = st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=1, max_size=20)
huge_text = st.sampled_from([10_001, 70_000, 300_000]).map(lambda n: ("Å<" * n)[:n])
numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
).map(str)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.tuples(st.integers(-1, 99999), st.integers(-1, 14), st.integers(-1, 40)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    ),
)

hostile_value = st.one_of(
    st.sampled_from(TROUBLEMAKERS),
    any_text,
    control_text,
    numbers,
    dates,
    st.text(alphabet=string.printable, max_size=50),
)

# A form field's value: a single string, now and then a huge one or several values
# (a list is sent as the same key repeated, as a multi-select does).
field_value = st.one_of(
    hostile_value,
    hostile_value,
    hostile_value,
    huge_text,
    st.lists(hostile_value, min_size=2, max_size=4),
)

extra_keys = st.dictionaries(
    st.one_of(
        st.sampled_from(["id", "pk", "version", "strategy", "municipality", "state"]),
        st.text(min_size=1, max_size=20),
    ),
    hostile_value,
    max_size=3,
)


def form_data(valid):
    """A post based on a valid one: each field kept valid or replaced with hostile data."""
    fields = {name: st.one_of(st.just(value), field_value) for name, value in valid.items()}
    return st.tuples(st.fixed_dictionaries(fields), extra_keys).map(
        lambda pair: {**pair[1], **pair[0]}
    )


# Values a YAML or JSON file can hold, of the wrong types included.
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_value,
)
file_value = st.recursive(
    json_leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=10), children, max_size=4),
    ),
    max_leaves=12,
)


# Bounded: a CI run of the whole module stays within a couple of minutes. No shrinking:
# a form post costs a dozen queries, and shrinking a failure can take many minutes; the
# failing example is reported as found (add a plain test for it when fixing the bug).
# In CI the examples are derived from each test's own code (derandomize), so a landing run
# is reproducible; locally every run explores new data.
def examples(full):
    """`full` examples in `make test` and CI; a quarter in the quick loop (`make test-fast`:
    tests/hostile/conftest.py), which still meets every troublemaker now and then."""
    return max(full // 4, 5) if os.environ.get("FUZZ_QUICK") else full


FUZZ = settings(
    max_examples=examples(40),
    derandomize=bool(os.environ.get("CI")),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
