"""Server-side SVG charts: a text alternative and a data table with the numbers."""

from decimal import Decimal

from dashboards.charts import (
    bar_chart,
    grouped_bar_chart,
    line_chart,
    progress_bar,
    stacked_bar_chart,
)


def test_stacked_chart_has_title_desc_and_table_numbers():
    chart = stacked_bar_chart(
        "Tiltak etter status", ["Næring", "Kultur"], [("I rute", [3, 1]), ("Forseinka", [1, 2])]
    )
    assert chart.svg.startswith("<svg") and 'role="img"' in chart.svg
    assert "<title" in chart.svg and "Tiltak etter status</title>" in chart.svg
    assert "<desc" in chart.svg and "Næring (I rute: 3, Forseinka: 1)" in chart.svg
    assert chart.headers == ("", "I rute", "Forseinka")
    assert chart.table == (("Næring", 3, 1), ("Kultur", 1, 2))


def test_labels_are_escaped():
    chart = bar_chart("<script>", [("<b>A & B</b>", 1)])
    assert "<script>" not in chart.svg and "&lt;b&gt;A &amp; B&lt;/b&gt;" in chart.svg


def test_series_are_told_apart_by_pattern_not_only_colour():
    chart = grouped_bar_chart("Timar", ["A"], [("Brukt", [10]), ("Estimert", [15])])
    assert chart.svg.count("<pattern") == 2
    assert "Brukt" in chart.svg and "Estimert" in chart.svg  # text legend


def test_line_chart_lists_target_and_gaps():
    chart = line_chart(
        "Elevar", [2016, 2017, 2018], [("Verdi", [2, None, Decimal("6")])], targets={"Verdi": 10}
    )
    assert chart.table == (("Verdi", 2, None, Decimal("6"), 10),)
    assert "stroke-dasharray" in chart.svg


def test_progress_bar_writes_its_value():
    chart = progress_bar("Framdrift", 42)
    assert "42\u00a0%" in chart.svg
    assert chart.table == (("Framdrift", 42),)


def test_charts_use_inline_attributes_only():
    chart = stacked_bar_chart("T", ["A"], [("x", [1])])
    assert "class=" not in chart.svg and 'font-family="DejaVu Sans, sans-serif"' in chart.svg
