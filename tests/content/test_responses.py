"""`responses`: each budget lever's 20-year benefit-cost ratio, from the engine, against the bar."""

from dataclasses import replace

import numpy as np
import pytest

from game.content.levels import level_by_id
from game.content.responses import (
    BAR,
    DOCS_BEGIN,
    DOCS_END,
    STEP,
    YEARS,
    docs_note,
    lever_responses,
    replace_marked_block,
)
from game.engine import INDICATOR_INDEX, LEVERS, Plan, TurnDecision, simulate
from game.engine.schema import LEVER_INDEX


@pytest.fixture(scope="module")
def sandbox_rows():
    return lever_responses(level_by_id("sandbox"))


def _single_run(scenario, shares):
    decision = TurnDecision(shares=shares, credit_guidance=scenario.baseline.credit_guidance,
                            focus=scenario.baseline.focus)
    return simulate(scenario, Plan.repeat(scenario, decision), 0)


def test_every_lever_is_measured(sandbox_rows):
    assert [row.lever for row in sandbox_rows] == list(LEVERS)


def test_a_ratio_is_what_two_separate_runs_of_the_engine_give(sandbox_rows):
    """Recompute one lever by hand: two single runs, GDP and spending summed over 20 years."""
    scenario = replace(level_by_id("sandbox").scenario_for(False), turns=YEARS)
    lever = "applied"
    k = LEVER_INDEX[lever]
    base = dict(scenario.baseline.shares)
    runs = [_single_run(scenario, base | {lever: base.get(lever, 0.0) + d}) for d in (-STEP, STEP)]
    gdp = [r.indicators[:, 0, INDICATOR_INDEX["gdp"]].sum() for r in runs]
    spent = [r.spending[:, 0, k].sum() for r in runs]
    expected = (gdp[1] - gdp[0]) / (spent[1] - spent[0])
    row = sandbox_rows[k]
    assert row.ratio == pytest.approx(expected, rel=1e-9)
    assert row.extra_spending == pytest.approx(spent[1] - spent[0], rel=1e-9)


def test_a_lever_at_zero_is_measured_one_sided():
    level = level_by_id("sandbox")
    rows = lever_responses(level)
    for row in rows:
        share = level.baseline.shares.get(row.lever, 0.0)
        assert row.step_down == pytest.approx(min(STEP, share))


def test_payback_is_the_first_year_cumulative_gain_covers_cumulative_cost(sandbox_rows):
    for row in sandbox_rows:
        if row.payback is not None:
            assert 1 <= row.payback <= YEARS


def test_write_docs_replaces_only_the_marked_block(sandbox_rows):
    from game.commands.responses import table

    lines = [docs_note("sandbox"), "", *table(sandbox_rows, markdown=True, translate=str)]
    text = replace_marked_block(f"before\n{DOCS_BEGIN}\nold table\n{DOCS_END}\nafter\n", lines)
    assert text.startswith("before\n") and text.endswith("\nafter\n")
    assert "old table" not in text and text.count(DOCS_BEGIN) == 1
    assert text.count("\n| ") == len(LEVERS) + 1  # a heading and a row per lever
    assert f"| {sandbox_rows[1].ratio:.1f} |" in text  # the engine's number, as computed
    assert replace_marked_block("no markers\n", lines) is None


def test_every_lever_returns_what_the_evidence_allows(sandbox_rows):
    """Issue 8's bar: each ratio within 1.5–8 (so none inert and none ten times another)."""
    ratios = {row.lever: row.ratio for row in sandbox_rows}
    outside = {lever: r for lever, r in ratios.items() if not BAR[0] <= r <= BAR[1]}
    assert not outside, outside
    finite = np.array(list(ratios.values()))
    assert finite.max() < 10 * finite.min()


def test_responses_and_calibrate_commands_print_json(capsys):
    import json

    from game.cli import main

    assert main(["responses", "--json", "--level", "tutorial"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["lever"] for row in data["levers"]] == list(LEVERS)
    assert main(["calibrate", "--json"]) in (0, 1)
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert {"rd_intensity", "npl_ratio", "gdp_growth"} <= {r["indicator"] for r in rows}
    assert main(["responses", "--level", "no_such_level"]) == 2


def test_the_table_in_docs_model_md_is_the_engine_s_current_one(sandbox_rows):
    from game.commands.responses import DOCS, table

    text = DOCS.read_text(encoding="utf-8")
    expected = replace_marked_block(text, [docs_note("sandbox"), "",
                                           *table(sandbox_rows, markdown=True, translate=str)])
    assert expected == text, "docs/model.md is stale: run `virtuous-circle responses --write-docs`"


def test_calibrate_writes_its_table_between_its_own_markers(tmp_path, monkeypatch, capsys):
    from game.cli import main
    from game.commands import responses as responses_command

    doc = tmp_path / "model.md"
    doc.write_text("a\n<!-- calibration:begin -->\nold\n<!-- calibration:end -->\nb\n"
                   f"{DOCS_BEGIN}\nkept\n{DOCS_END}\n", encoding="utf-8")
    monkeypatch.setattr(responses_command, "DOCS", doc)
    assert main(["calibrate", "--write-docs"]) in (0, 1)
    text = doc.read_text(encoding="utf-8")
    assert "old" not in text and "| R&D intensity | 2023 | 2.65% |" in text
    assert "\nkept\n" in text and text.startswith("a\n") and "\nb\n" in text
    doc.write_text("no markers\n", encoding="utf-8")
    assert main(["calibrate", "--write-docs"]) == 1
    assert "no calibration markers" in capsys.readouterr().out
