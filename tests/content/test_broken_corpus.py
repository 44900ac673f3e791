"""Every file of the broken corpus is refused with its expected file, line, field and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.errors import ContentError
from game.content.levels import load_level

BROKEN = Path(__file__).parent / "broken"


def _expectations() -> list[tuple[str, int | None, str, str]]:
    rows = []
    for line in (BROKEN / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, number, field, message = line.split("\t")
        rows.append((name, None if number == "-" else int(number), "" if field == "-" else field,
                     message))
    return rows


def test_corpus_is_large_and_fully_described():
    rows = _expectations()
    assert len(rows) >= 20
    assert {r[0] for r in rows} == {p.name for p in BROKEN.glob("*.yaml")}


@pytest.mark.parametrize(("name", "line", "field", "message"), _expectations())
def test_broken_file_gives_located_message(name, line, field, message):
    path = BROKEN / name
    with pytest.raises(ContentError) as caught:
        load_level(path)
    first = caught.value.problems[0]
    assert first.file == str(path)
    assert first.line == line
    assert first.field == field
    assert message in str(first)
    # The rendered message names file, line and field, as a user sees it.
    rendered = str(first)
    assert rendered.startswith(str(path))
    if line is not None:
        assert f":{line}:" in rendered
    if field:
        assert f" {field}: " in rendered


def test_every_problem_is_collected_not_just_the_first(tmp_path):
    text = (Path(__file__).parent / "minimal_level.yaml").read_text(encoding="utf-8")
    text = text.replace("turns: 5", "turns: five").replace("basic: 0.1,", "basci: 0.1,")
    text = text.replace("indicator: gdp_growth", "indicator: gdp_grwth")
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_level(path)
    fields = {p.field for p in caught.value.problems}
    assert {"turns", "baseline.research.basci", "objectives[0].indicator"} <= fields


def test_references_are_checked_together_with_structure(tmp_path):
    text = (Path(__file__).parent / "minimal_level.yaml").read_text(encoding="utf-8")
    text = text.replace("turns: 5", "turns: five").replace("  gdp: 500.0", "  gdpp: 500.0")
    text = text.replace("pilots: [tech_transfer_reform]", "pilots: [tech_transfer]")
    text = text.replace("initial:\n", "parameters:\n  alpah: 0.4\ninitial:\n")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_level(path)
    by_field = {p.field: str(p) for p in caught.value.problems}
    assert "expected whole number" in by_field["turns"]
    assert "unknown starting-state key 'gdpp'" in by_field["initial.gdpp"]
    assert "unknown model parameter 'alpah' (did you mean 'alpha'?)" in by_field["parameters.alpah"]
    assert "unknown pilot zone 'tech_transfer'" in by_field["pilots[0]"]


def test_too_many_choices_says_how_many_are_allowed(tmp_path):
    text = (Path(__file__).parent / "minimal_level.yaml").read_text(encoding="utf-8")
    extra = "      - label: Wait\n        text: Later.\n      - label: Ask\n        text: Maybe.\n"
    text = text.replace("      - label: Decline\n        text: Nothing happens.\n",
                        "      - label: Decline\n        text: Nothing happens.\n" + extra)
    path = tmp_path / "four.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_level(path)
    assert "events[1].choices: allows at most 3 entries, found 4" in str(caught.value)
