"""Issue 11, point 7: a fuzz suite over the files the game reads.

Over 1,000 generated saves, settings, progress and result files per run (hypothesis,
derandomised so CI sees the same files every time, no example database): damaged copies of good
files (cut short, bytes flipped, huge numbers, NaN, deep nesting, not UTF-8), structural
mutations of good documents (any value replaced by any JSON value, keys removed or added) and
raw bytes. None of them may raise anything but the reader's own error, and settings and
progress always come back usable.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.i18n import LANGUAGES
from game.session import saves, verify
from game.session.playthrough import Playthrough
from game.session.results import build_result
from game.session.saves import SaveError
from game.ui.settings import MAX_SCALE, MIN_SCALE, BestStars, Settings


def FUZZ(examples: int):
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _played() -> Playthrough:
    play = Playthrough.new("tutorial", seed=4)
    for _ in range(2):
        play.end_turn(report=False)
    return play


_PLAY = _played()
GOOD = {
    "save": saves.to_json(_PLAY.save_data()),
    "settings": {"language": "zh_CN", "ui_scale": 1.5, "fullscreen": False, "colour_blind": True,
                 "forecast": True},
    "progress": {"best_stars": {"tutorial": 2, "sandbox": 3}},
    "result": build_result(_PLAY),
}

_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                  st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))
_json = st.recursive(_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def _paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield from _paths(value, (*prefix, i))


@st.composite
def _mutated(draw, good):
    """A good document with one to three values replaced, removed or added."""
    doc = json.loads(json.dumps(good))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(_json)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(_json)
        else:
            parent.append(draw(_json))
    return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8")


@st.composite
def _damaged(draw, good):
    """The good file's bytes, damaged the ways disks, editors and forgers damage them."""
    data = json.dumps(good, ensure_ascii=False, indent=1).encode("utf-8")
    how = draw(st.sampled_from(["cut", "flip", "huge", "nan", "deep", "latin1", "bom", "nul"]))
    at = draw(st.integers(0, len(data)))
    if how == "cut":
        return data[:at]
    if how == "flip":
        i = min(at, len(data) - 1)
        return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
    if how == "huge":
        return data.replace(b"2", b"9" * draw(st.sampled_from([25, 400, 5000])), 1)
    if how == "nan":
        return data.replace(b"1", draw(st.sampled_from([b"NaN", b"Infinity", b"-Infinity", b"1e999"])), 1)
    if how == "deep":
        depth = draw(st.sampled_from([70, 5000]))
        return data[:-1] + b', "x": ' + b"[" * depth + b"]" * depth + b"}"
    if how == "latin1":
        return data[:at] + "é".encode("latin-1") + data[at:]
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    return data[:at] + b"\x00" + data[at:]


def _files(kind: str):
    good = GOOD[kind]
    return st.one_of(_mutated(good), _damaged(good), st.binary(max_size=200))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.DATA_DIR_ENV, str(tmp_path / "data"))
    return tmp_path


def test_the_good_files_read(folder):
    for kind, good in GOOD.items():
        (folder / f"{kind}.json").write_text(json.dumps(good), encoding="utf-8")
    assert saves.read_save(folder / "save.json").turn == 3
    assert Settings.load(folder / "settings.json").language == "zh_CN"
    assert BestStars(folder / "progress.json").get("sandbox") == 3
    assert verify._read_claim(folder / "result.json").seed == 4


@FUZZ(350)
@given(data=_files("save"))
def test_saves_only_ever_raise_save_error(folder, data):
    path = folder / "autosave-fuzz.json"
    path.write_bytes(data)
    try:
        back = saves.read_save(path)
    except SaveError as error:
        assert str(error) and "Traceback" not in str(error)
        return
    assert back.seed >= 0 and len(back.decisions) <= saves.MAX_TURNS


@FUZZ(250)
@given(data=_files("settings"))
def test_settings_always_load(folder, data):
    path = folder / "settings.json"
    path.write_bytes(data)
    loaded = Settings.load(path)
    assert loaded.language in LANGUAGES
    assert MIN_SCALE <= loaded.ui_scale <= MAX_SCALE and math.isfinite(loaded.ui_scale)
    assert all(isinstance(getattr(loaded, name), bool)
               for name in ("fullscreen", "colour_blind", "forecast"))


@FUZZ(250)
@given(data=_files("progress"))
def test_progress_always_loads(folder, data):
    path = folder / "progress.json"
    path.write_bytes(data)
    stars = BestStars(path)
    assert all(type(v) is int and 0 <= v <= 3 for v in stars._stars.values())


def test_damaged_progress_is_kept_aside_and_the_game_writes_afresh(folder):
    path = folder / "progress.json"
    path.write_bytes(b'{"best_stars": {"tutorial": ' + b"9" * 5000 + b"}}")
    stars = BestStars(path)
    assert stars.get("tutorial") == 0
    assert (folder / "progress.json.damaged").exists()
    assert stars.record("tutorial", 3) and BestStars(path).get("tutorial") == 3


@FUZZ(200)
@given(data=_files("result"))
def test_result_files_are_read_or_refused(folder, data):
    path = folder / "result.json"
    path.write_bytes(data)
    try:
        verify._read_claim(path)
    except verify._Reject as reject:
        assert str(reject)


def test_a_folder_of_damaged_saves_lists_and_continues(folder):
    """The load list and Continue read every damaged file without stopping."""
    import random

    rng = random.Random(11)
    good = json.dumps(GOOD["save"]).encode("utf-8")
    saves_folder = saves.saves_dir()
    for i in range(60):
        cut = good[: rng.randrange(len(good))] if i % 3 else bytes(rng.randrange(256) for _ in range(40))
        name = f"autosave-{i:04x}.json" if i % 2 else f"slot-fuzz{i}.json"
        (saves_folder / name).write_bytes(cut)
    infos = saves.list_saves()
    assert len(infos) == 60 and all(info.error for info in infos)
    assert saves.latest_autosave() is not None


def test_a_folder_of_damaged_results_gets_a_verdict_each(folder):
    import random

    rng = random.Random(5)
    good = json.dumps(GOOD["result"]).encode("utf-8")
    results = folder / "results"
    results.mkdir()
    for i in range(40):
        cut = good[: rng.randrange(len(good))] if i else good
        (results / f"r{i}.json").write_bytes(cut)
    outcome = verify.verify_paths([results])
    assert len(outcome.verdicts) == 40
