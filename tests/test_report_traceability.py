"""Every number of the HTML summary can be traced from the page itself: each headline figure has a footnote that
names how it is made and the assumptions it uses (linked to their rows), and the largest items show the catalog
rows their prices come from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.core.model import Plan
from planner.estimation import estimate_plan
from planner.reports import render


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    from click.testing import CliRunner

    from planner.cli import app

    folder = tmp_path_factory.mktemp("trace")
    inventory = Path(__file__).parent / "fixtures" / "synthetic_inventory.json"
    result = CliRunner().invoke(app, ["plan", str(inventory), "--target", "gcp", "--out", str(folder / "plan.json")])
    assert result.exit_code == 0, result.output
    return render(estimate_plan(Plan.load(folder / "plan.json"), deadline_hours=30, ranges=True), "html")


def test_each_headline_figure_links_to_its_footnote(page: str) -> None:
    ids = set(re.findall(r'id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links <= ids  # no dangling link
    for key in ("monthly-cost", "egress", "downtime", "calendar", "at-risk"):
        assert f"source-{key}" in links and f"source-{key}" in ids


def test_footnotes_link_the_assumptions_they_use(page: str) -> None:
    footnote = page[page.index('id="source-downtime"'):page.index('id="source-calendar"')]
    assert 'href="#assumption-downtime.fixed_cutover_minutes"' in footnote
    assert 'href="#assumption-link.efficiency"' in footnote


def test_the_largest_items_show_the_rows_their_prices_come_from(page: str) -> None:
    table = page[page.index('class="traced"'):page.index("<h2>Assumptions</h2>")]
    rows = re.findall(r"<tr id=\"item-[^\"]+\">(.*?)</tr>", table, re.DOTALL)
    assert rows
    priced = [row for row in rows if "not priced" not in row]
    assert priced and all(re.search(r"\d{4}-\d{2}-\d{2}", row) for row in priced)  # each row names a dated source
