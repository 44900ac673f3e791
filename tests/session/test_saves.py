"""Save files on disk: round trip, atomic rotation, damaged files, slots."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import TurnDecision
from game.engine.schema import LEVERS, SECTORS
from game.session import saves
from game.session.saves import SaveData, SaveError


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path))
    return tmp_path


def _decision(basic: float = 0.1, pilots=(), choices=None) -> TurnDecision:
    return TurnDecision(
        shares={"basic": basic, "applied": 0.2, "transfer": 0.1 / 3},
        credit_guidance=0.3,
        focus={"traditional": 0.2, "emerging": 0.5, "digital": 0.3},
        pilots=tuple(pilots),
        choices=choices or {},
    )


def _data(turns: int = 3, level: str = "sandbox") -> SaveData:
    log = [_decision(0.05 * i, choices={"shock": 1} if i == 1 else {}) for i in range(turns)]
    return SaveData(level=level, seed=7, decisions=log, draft=_decision(0.3, pilots=("zone",)))


class _Stub:
    """Stands in for a Playthrough where only its save data matters."""

    def __init__(self, data: SaveData):
        self.data = data

    def save_data(self) -> SaveData:
        return self.data


def test_round_trip_keeps_every_number_exactly(tmp_path):
    path = tmp_path / "a.json"
    data = _data()
    saves.write_save(path, data)
    back = saves.read_save(path)
    assert back.level == "sandbox" and back.seed == 7 and back.turn == 4
    for mine, theirs in zip(data.decisions, back.decisions, strict=True):
        assert mine.shares["transfer"] == theirs.shares["transfer"]  # 0.1/3 survives exactly
        assert dict(mine.choices) == dict(theirs.choices)
    assert back.draft.pilots == ("zone",)
    assert not list(tmp_path.glob("*.tmp")), "temporary file left behind"


def test_truncated_save_is_reported_as_damaged(tmp_path):
    path = tmp_path / "a.json"
    saves.write_save(path, _data())
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(SaveError, match="damaged or incomplete") as caught:
        saves.read_save(path)
    assert "a.json" in str(caught.value)


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda d: d["decisions"][1]["shares"].update(basic="lots"), "decisions[1].shares.basic"),
        (lambda d: d["decisions"][0].update(credit_guidance=2), "decisions[0].credit_guidance"),
        (lambda d: d.update(seed=-1), "'seed'"),
        (lambda d: d.update(seed=True), "'seed'"),
        (lambda d: d.update(level="../../etc/passwd.yaml"), "'level'"),
        (lambda d: d.update(level_file="/dev/zero"), "'level_file'"),
        (lambda d: d.update(game_id="../x"), "'game_id'"),
        (lambda d: d.update(cheat=1), "'cheat'"),
        (lambda d: d["draft"]["focus"].update(heavy=1.0), "draft.focus.heavy"),
        (lambda d: d.pop("seed"), "seed"),
        (lambda d: d.update(decisions={}), "decisions"),
    ],
)
def test_damaged_fields_are_named(tmp_path, mutate, field):
    path = tmp_path / "a.json"
    saves.write_save(path, _data())
    doc = json.loads(path.read_text())
    mutate(doc)
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError) as caught:
        saves.read_save(path)
    assert field in str(caught.value)


def test_newer_format_asks_for_an_update(tmp_path):
    path = tmp_path / "a.json"
    saves.write_save(path, _data())
    doc = json.loads(path.read_text())
    doc["format_version"] = saves.FORMAT_VERSION + 1
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="newer version"):
        saves.read_save(path)


def test_missing_and_binary_files_give_messages(tmp_path):
    with pytest.raises(SaveError, match="no save"):
        saves.read_save(tmp_path / "nothing.json")
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError, match="damaged"):
        saves.read_save(tmp_path / "bin.json")


def test_slots_are_listed_with_level_turn_and_date(data_dir):
    saves.save_slot(_Stub(_data(2, level="easy_money")), "mine")
    (saves.saves_dir() / "slot-broken.json").write_text("{")
    listed = {info.name: info for info in saves.list_saves()}
    assert listed["mine"].level == "easy_money" and listed["mine"].turn == 3
    assert listed["mine"].saved_at is not None and listed["mine"].kind == "slot"
    assert listed["broken"].error and listed["broken"].turn == 0


@pytest.mark.parametrize("name", ["../escape", "a/b", "a\\b", "abc\n", "tab\there", "", " ", "a" * 41,
                                  "autosave", "AutoSave-2", "CON", "nul.txt", "com1", "dot.", " lead"])
def test_bad_slot_names_are_refused_with_a_reason(name):
    with pytest.raises(SaveError) as caught:
        saves.slot_path(name)
    assert str(caught.value)
    assert not list(saves.saves_dir().glob("slot-*"))


@pytest.mark.parametrize("name", ["中期评估", "Café-été", "Ærø plan 2", "科技金融-2030", "a.b"])
def test_slot_names_may_use_any_letters(name):
    saves.save_slot(_Stub(_data(1)), name)
    assert [info.name for info in saves.list_saves()] == [name]


def test_absurdly_nested_file_is_damaged_not_a_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000)
    with pytest.raises(SaveError, match="damaged"):
        saves.read_save(path)


_fraction = st.floats(0.0, 1.0, allow_nan=False)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.dictionaries(st.sampled_from(LEVERS), st.floats(0.0, 0.12)), _fraction,
                       st.dictionaries(st.sampled_from(SECTORS), _fraction, min_size=1),
                       st.lists(st.sampled_from(["a_zone", "b_zone", "c_zone"]), unique=True),
                       st.dictionaries(st.sampled_from(["e1", "e2"]), st.integers(0, 2))),
             max_size=6),
    st.integers(0, 2**62),
)
def test_any_decision_log_survives_a_round_trip_exactly(tmp_path, log, seed):
    decisions = [TurnDecision(shares=s, credit_guidance=c, focus=f, pilots=tuple(sorted(p)),
                              choices=ch) for s, c, f, p, ch in log]
    draft = decisions[-1] if decisions else TurnDecision()
    path = tmp_path / "prop.json"
    saves.write_save(path, SaveData(level="sandbox", seed=seed, decisions=decisions, draft=draft))
    back = saves.read_save(path)
    assert back.seed == seed and len(back.decisions) == len(decisions)
    for mine, theirs in zip(decisions, back.decisions, strict=True):
        assert all(theirs.shares[k] == mine.shares.get(k, 0.0) for k in LEVERS)
        assert all(theirs.focus[k] == mine.focus.get(k, 0.0) for k in SECTORS)
        assert theirs.credit_guidance == mine.credit_guidance
        assert theirs.pilots == mine.pilots and dict(theirs.choices) == dict(mine.choices)


def test_saves_are_listed_newest_first(data_dir):
    for i, slot in enumerate(["old", "new"]):
        data = _data(1)
        data.saved_at = f"2026-01-0{i + 1}T10:00:00+00:00"
        saves.write_save(saves.slot_path(slot), data)
    assert [info.name for info in saves.list_saves()] == ["new", "old"]
