"""The defensive reader refuses every hostile file with a FileProblem, never another exception."""

from __future__ import annotations

import os
import sys

import pytest
from pydantic import BaseModel, ConfigDict, Field

from game.files.reader import (
    FileProblem,
    keep_aside,
    read_bytes,
    read_json,
    read_model,
    read_text,
)
from game.i18n import set_language


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def write(tmp_path, content: bytes | str, name: str = "f.json"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_reads_a_regular_file(tmp_path):
    assert read_bytes(write(tmp_path, b"abc"), max_bytes=10) == b"abc"


def test_missing_file_is_marked_missing(tmp_path):
    with pytest.raises(FileProblem) as caught:
        read_bytes(tmp_path / "nothing.json", max_bytes=10)
    assert caught.value.missing
    assert "nothing.json" in str(caught.value)


def test_size_cap(tmp_path):
    with pytest.raises(FileProblem, match="too large") as caught:
        read_bytes(write(tmp_path, b"x" * 11), max_bytes=10)
    assert not caught.value.missing


def test_folder_refused(tmp_path):
    with pytest.raises(FileProblem, match="folder"):
        read_bytes(tmp_path, max_bytes=10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        read_bytes(fifo, max_bytes=10)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_device_refused():
    with pytest.raises(FileProblem, match="not a regular file"):
        read_bytes("/dev/zero", max_bytes=10)


def test_symlink_to_regular_file_is_read(tmp_path):
    target = write(tmp_path, b"{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert read_json(link, max_bytes=10) == {}


def test_not_utf8(tmp_path):
    with pytest.raises(FileProblem, match="not UTF-8"):
        read_text(write(tmp_path, b"\xff\xfe{\x00}"), max_bytes=100)


def test_utf8_with_bom_is_accepted(tmp_path):
    assert read_json(write(tmp_path, "\ufeff{\"a\": 1}"), max_bytes=100) == {"a": 1}


def test_invalid_json_names_the_line(tmp_path):
    with pytest.raises(FileProblem, match="line 2"):
        read_json(write(tmp_path, '{\n"a": }'), max_bytes=100)


@pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '[-Infinity]'])
def test_nan_and_infinity_refused(tmp_path, text):
    with pytest.raises(FileProblem, match="not finite"):
        read_json(write(tmp_path, text), max_bytes=100)


def test_huge_integer_refused(tmp_path):
    # Python's json raises a bare ValueError past 4,300 digits: the reader must not.
    with pytest.raises(FileProblem, match="far too large"):
        read_json(write(tmp_path, '{"a": ' + "9" * 5000 + "}"), max_bytes=10_000)


def test_float_overflowing_to_infinity_refused(tmp_path):
    with pytest.raises(FileProblem, match="far too large"):
        read_json(write(tmp_path, '{"a": 1e999}'), max_bytes=100)


def test_deep_nesting_refused(tmp_path):
    with pytest.raises(FileProblem, match="nested too deeply"):
        read_json(write(tmp_path, "[" * 100 + "]" * 100), max_bytes=1000)


def test_nesting_past_the_parser_stack_refused(tmp_path):
    depth = max(200_000, sys.getrecursionlimit() * 10)
    with pytest.raises(FileProblem, match="nested too deeply"):
        read_json(write(tmp_path, "[" * depth + "]" * depth), max_bytes=10 * depth)


def test_duplicate_keys_refused(tmp_path):
    with pytest.raises(FileProblem, match="appears twice"):
        read_json(write(tmp_path, '{"seed": 1, "seed": 2}'), max_bytes=100)


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: str
    count: int = Field(ge=0)
    share: float = 0.0


def test_read_model_accepts_good_data(tmp_path):
    model = read_model(write(tmp_path, '{"name": "x", "count": 2, "share": 1}'), Sample, max_bytes=100)
    assert model == Sample(name="x", count=2, share=1.0)


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('{"count": 1}', "name", "missing"),
        ('{"name": "x", "count": -1}', "count", "out of range"),
        ('{"name": "x", "count": "1"}', "count", "wrong type"),
        ('{"name": "x", "count": true}', "count", "wrong type"),
        ('{"name": "x", "count": 1, "extra": 0}', "extra", "does not belong"),
    ],
)
def test_read_model_names_the_field_and_not_the_value(tmp_path, text, field, words):
    with pytest.raises(FileProblem) as caught:
        read_model(write(tmp_path, text), Sample, max_bytes=100)
    message = str(caught.value)
    assert f"'{field}'" in message and words in message
    assert "-1" not in message


def test_reasons_are_translated(tmp_path):
    set_language("zh_CN")
    with pytest.raises(FileProblem) as caught:
        read_text(write(tmp_path, b"\xff"), max_bytes=10)
    assert "UTF-8" in caught.value.reason and "not" not in caught.value.reason


def test_keep_aside_renames_the_file(tmp_path):
    path = write(tmp_path, b"junk")
    aside = keep_aside(path)
    assert aside == tmp_path / "f.json.damaged"
    assert not path.exists() and aside.read_bytes() == b"junk"
    assert keep_aside(path) is None  # nothing left to move
