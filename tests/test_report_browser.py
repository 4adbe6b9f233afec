"""The executive HTML summary in a real headless Chromium (Debian's package).

Skipped when /usr/bin/chromium is absent, except under CI=true where it fails.
The screenshot is kept at tests/artifacts/estimate-summary.png.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from planner.core.model import Plan
from planner.estimation import estimate_plan
from planner.reports import render
from planner.reports.headline import headline

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent
ARTIFACT = HERE / "artifacts" / "estimate-summary.png"


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{CHROMIUM} is missing under CI=true: run `bash scripts/ensure-chromium`")
    pytest.skip(f"{CHROMIUM} not installed (bash scripts/ensure-chromium)")


@pytest.mark.browser
def test_summary_renders_in_headless_chromium(tmp_path: Path) -> None:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    estimate = estimate_plan(Plan.load(HERE / "golden" / "estimate-small-plan.json"), bandwidth_bps=1e9, team=2, deadline_hours=30.0)
    page_path = tmp_path / "summary.html"
    page_path.write_text(render(estimate, "html"), encoding="utf-8")
    problems: list[str] = []
    with sync_playwright() as driver, tempfile.TemporaryDirectory(prefix="planner-chromium-") as profile:
        browser = driver.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, viewport={"width": 1200, "height": 900}
        )
        try:
            page = browser.new_page()
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: problems.append(f"network: {request.url}") if not request.url.startswith(("file:", "data:", "about:")) else None)
            page.goto(page_path.as_uri())
            for figure in headline(estimate):
                card = page.locator(f"#figure-{figure.key}")
                assert card.is_visible(), figure.key
                assert figure.value in card.inner_text()
                box = card.bounding_box()
                assert box is not None and box["y"] + box["height"] < 900, f"{figure.key} is below the fold"
            for chart in ("chart-cost", "chart-waves", "chart-evacuation"):
                svg = page.locator(f"#{chart} svg")
                assert svg.is_visible(), chart
                svg_box = svg.bounding_box()
                assert svg_box is not None and svg_box["width"] > 300 and svg_box["height"] > 100, chart
            ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACT), full_page=True)
        finally:
            browser.close()
    assert problems == []
    assert ARTIFACT.stat().st_size > 10_000
