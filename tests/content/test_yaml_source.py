"""The bounded loader: positions for every field, and hostile input refused without a traceback."""

from __future__ import annotations

import pytest

from game.content.errors import ContentError
from game.content.yaml_source import MAX_FILE_BYTES, load_yaml_file, load_yaml_text


def test_positions_of_keys_and_values():
    source = load_yaml_text("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert source.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert source.locate(("a",)) == (1, 4)
    assert source.locate(("b", 1, "c")) == (4, 9)
    assert source.locate(("b", 1, "c"), key=True) == (4, 6)
    assert source.locate(("b", 1, "missing")) == (4, 5)  # nearest enclosing field


def test_billion_laughs_is_refused():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(ContentError) as caught:
        load_yaml_text("\n".join(lines), "bomb.yaml")
    assert "aliases" in str(caught.value)


def test_few_aliases_that_expand_widely_are_capped_by_value_count():
    # 6 levels of 10 aliases each stays under the alias cap but expands to a million values.
    lines = ["a0: &a0 [" + ", ".join(["x"] * 10) + "]"]
    for i in range(1, 7):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    text = "\n".join(lines)
    with pytest.raises(ContentError) as caught:
        load_yaml_text(text, "wide.yaml")
    assert "values" in str(caught.value) or "aliases" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("a: [" * 500, "nesting"),
        ("a: 1\na: 2\n", "appears twice"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys"),
        ("? [1, 2]\n: x\n", "key must be"),
        ("a: !!python/object:os.system ls\n", "not valid YAML"),
        ("a: 1\n\tb: 2\n", "not valid YAML"),
        ("a: 2001-13-45\n", "cannot be read"),
        ("--- 1\n--- 2\n", "not valid YAML"),
    ],
)
def test_bad_yaml_gives_a_message_not_a_traceback(text, fragment):
    with pytest.raises(ContentError) as caught:
        load_yaml_text(text, "bad.yaml")
    assert fragment in str(caught.value)
    assert str(caught.value).startswith("bad.yaml")


def test_size_binary_and_missing_files(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (MAX_FILE_BYTES + 10), encoding="utf-8")
    with pytest.raises(ContentError, match="larger than"):
        load_yaml_file(big)
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(bytes(range(256)))
    with pytest.raises(ContentError, match="not UTF-8"):
        load_yaml_file(junk)
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"a: 1\x00\n")
    with pytest.raises(ContentError, match="not text"):
        load_yaml_file(nul)
    with pytest.raises(ContentError, match="does not exist"):
        load_yaml_file(tmp_path / "absent.yaml")
    with pytest.raises(ContentError, match="folder"):
        load_yaml_file(tmp_path)  # a folder, not a file
