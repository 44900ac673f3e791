"""Line breaking: Latin at spaces, Chinese between characters, punctuation rules kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.i18n.linebreak import CLOSING, OPENING, _chunks, _no_orphan, is_cjk, wrap


class GridFont:
    """A font where a CJK character is two units wide and anything else one."""

    def size(self, text: str) -> tuple[int, int]:
        return sum(2 if is_cjk(c) else 1 for c in text), 10


FONT = GridFont()


def width(text: str) -> int:
    return FONT.size(text)[0]


def test_latin_breaks_at_spaces_and_fills_lines():
    lines = wrap("the quick brown fox jumps over the lazy dog", FONT, 15)
    assert lines == ["the quick brown", "fox jumps over", "the lazy dog"]


def test_latin_word_is_cut_only_when_it_alone_is_too_wide():
    lines = wrap("a supercalifragilistic word", FONT, 10)
    assert lines == ["a", "supercalif", "ragilistic", "word"]
    assert wrap("an internationalisation", FONT, 20) == ["an", "internationalisation"]


def test_chinese_breaks_between_characters():
    assert wrap("一二三四五六七八九十", FONT, 8) == ["一二三四", "五六七", "八九十"]


def test_chinese_words_are_not_split():
    # 良性循环 is one word: the line ends before it rather than inside it.
    assert wrap("科技产业金融良性循环", FONT, 12) == ["科技产业金融", "良性循环"]
    for text in ("统筹一个地区的科技、产业与金融，逐年推动三者形成良性循环。",
                 "社会资本追随回报，回报来自技术，而治理能力决定循环能否形成。",
                 "技能人才让企业能够吸收新技术，使传统产业改造升级见到实效。"):
        for limit in range(16, 61, 2):
            lines = wrap(text, FONT, limit)
            assert "".join(lines) == text
            for line, nxt in zip(lines, lines[1:], strict=False):
                assert line[-1] + nxt[0] not in {"资本", "治理", "循环", "科技", "产业", "金融",
                                                 "技术", "能力", "人才", "企业"}


def test_no_orphan_last_line_when_the_line_before_can_give_one_up():
    text = "统筹一个地区的科技、产业与金融，逐年推动三者形成良性循环，使其持续推进。"
    for limit in range(20, 61, 2):
        lines = wrap(text, FONT, limit)
        core = [c for c in lines[-1] if c not in CLOSING]
        assert len(core) >= 3 or len(lines) == 1, (limit, lines)
    # English keeps a short last word where it falls.
    assert wrap("the quick brown fox jumps over the lazy dog", FONT, 15)[-1] == "the lazy dog"


def test_no_closing_punctuation_starts_a_line():
    # Without the rule the comma would open the second line.
    lines = wrap("发展科技，壮大产业。", FONT, 12)
    assert lines == ["发展科技，", "壮大产业。"]
    for line in lines:
        assert line[0] not in CLOSING


def test_no_opening_punctuation_ends_a_line():
    lines = wrap("我们说「先行先试」很重要", FONT, 8)
    assert all(line[-1] not in OPENING for line in lines)
    assert "".join(lines) == "我们说「先行先试」很重要"
    assert lines[1].startswith("「")


def test_numbers_and_latin_words_stay_whole_inside_chinese():
    text = "研发投入强度达到2.68%，GDP增长5.2%。"
    lines = wrap(text, FONT, 12)
    assert "".join(lines) == text
    joined_breaks = {line[-1] + nxt[0] for line, nxt in zip(lines, lines[1:], strict=False)}
    for pair in joined_breaks:
        assert not (pair[0].isascii() and pair[1].isascii() and pair[0] != " ")
    assert any("2.68%，" in line for line in lines)


def test_hyphens_are_never_a_break_point_in_chinese():
    lines = wrap("科技-产业-金融良性循环", FONT, 9)
    for line, nxt in zip(lines, lines[1:], strict=False):
        assert not line.endswith("-") and not nxt.startswith("-")


def test_paired_dashes_and_ellipses_stay_together():
    lines = wrap("一二三——四五六……七八", FONT, 8)
    assert "".join(lines) == "一二三——四五六……七八"
    for line, nxt in zip(lines, lines[1:], strict=False):
        assert not (line.endswith("—") and nxt.startswith("—"))
        assert not (line.endswith("…") and nxt.startswith("…"))


def test_explicit_newlines_and_blank_lines_are_kept():
    assert wrap("one\n\ntwo", FONT, 20) == ["one", "", "two"]
    assert wrap("trailing\n", FONT, 20) == ["trailing", ""]
    assert wrap("", FONT, 20) == [""]


def test_spaces_at_a_break_are_dropped_but_an_indent_is_kept():
    assert wrap("alpha   beta", FONT, 6) == ["alpha", "beta"]
    assert wrap("\u3000\u3000第一段文字", FONT, 8)[0] == "\u3000\u3000第一"


def test_mixed_latin_and_chinese_may_break_between_them():
    assert wrap("推动AI与实体经济融合", FONT, 12) == ["推动AI与", "实体经济融合"]


def test_a_single_wide_character_gets_its_own_line():
    assert wrap("科技", FONT, 1) == ["科", "技"]


@pytest.mark.parametrize("bad", [0, -5])
def test_non_positive_width_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="width"):
        wrap("text", FONT, bad)


_CHINESE = st.text(
    st.sampled_from(list("科技产业金融循环发展") + list("，。、）」》（「《——") + list("ab12.%")),
    min_size=1,
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(text=_CHINESE, limit=st.integers(min_value=2, max_value=30))
def test_chinese_properties_hold_for_any_text(text, limit):
    lines = wrap(text, FONT, limit)
    assert "".join(lines) == text
    if max(width(chunk) for _, chunk in _chunks(text)) > limit:
        return  # a chunk had to be cut; the rules below cannot all hold
    for line in lines:
        assert 0 < width(line) <= limit
    for line, nxt in zip(lines, lines[1:], strict=False):
        assert nxt[0] not in CLOSING, (line, nxt)
        assert line[-1] not in OPENING, (line, nxt)
        assert not (line[-1].isascii() and nxt[0].isascii()), (line, nxt)
    # Greedy: the next chunk did not fit on the line (the last break may move for an orphan).
    for line, nxt in zip(lines[:-2], lines[1:-1], strict=False):
        assert width(line + _chunks(nxt)[0][1]) > limit, (line, nxt)


_WORDS = st.lists(st.text("abcdefgh", min_size=1, max_size=12), min_size=1, max_size=20)


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, limit=st.integers(min_value=1, max_value=40))
def test_latin_properties_hold_for_any_text(words, limit):
    lines = wrap(" ".join(words), FONT, limit)
    for line in lines:
        assert width(line) <= limit
        assert line and not line.startswith(" ") and not line.endswith(" ")
    if all(len(word) <= limit for word in words):
        assert " ".join(lines) == " ".join(words)  # words are never split
        for line, nxt in zip(lines, lines[1:], strict=False):
            assert width(line) + 1 + len(nxt.split(" ")[0]) > limit  # greedy
    else:
        assert "".join(lines).replace(" ", "") == "".join(words)


def test_real_pygame_font_measures_and_wraps():
    pygame = pytest.importorskip("pygame")
    from game.paths import assets_dir

    pygame.font.init()
    font = pygame.font.Font(str(assets_dir() / "fonts" / "NotoSansSC-Regular.otf"), 18)
    text = "科技成果转化是科技—产业—金融良性循环的关键环节，需要技术转移平台与风险补偿共同发力。"
    lines = wrap(text, font, 200)
    assert len(lines) > 1
    assert "".join(lines) == text
    assert all(font.size(line)[0] <= 200 for line in lines)
    assert all(line[0] not in CLOSING for line in lines)


def _exact_reference(text: str, font, limit: int) -> list[str]:
    """The same greedy rules measured the slow way: every candidate line measured whole."""
    lines = []
    for paragraph in text.split("\n"):
        para: list[list[tuple[str, str]]] = []
        line: list[tuple[str, str]] = []
        for index, (spaces, chunk) in enumerate(_chunks(paragraph)):
            lead = spaces if line or index == 0 else ""
            if font.size("".join(s + c for s, c in line) + lead + chunk)[0] <= limit:
                line.append((lead, chunk))
                continue
            if line:
                para.append(line)
            assert font.size(chunk)[0] <= limit  # these texts need no forced cut
            line = [("", chunk)]
        para.append(line)
        _no_orphan(para, font, limit)
        lines += ["".join(s + c for s, c in chunks) for chunks in para]
    return lines


@pytest.mark.parametrize("limit", [120, 150, 233, 400, 611])
def test_fast_measuring_gives_exactly_the_lines_of_whole_line_measuring(limit):
    pygame = pytest.importorskip("pygame")
    from game.paths import assets_dir

    pygame.font.init()
    font = pygame.font.Font(str(assets_dir() / "fonts" / "NotoSansSC-Regular.otf"), 17)
    texts = [
        "Credit that grows faster than the technology it funds becomes bad debt, two or three "
        "years later. Fifty-two thousand researchers, ¥350 bn, +1.2 pp, AVAWAY Tiegang's mills.",
        "信贷增速一旦快过它所支持的技术进步，两三年后就会形成不良贷款。研发投入强度达到2.68%，"
        "技术合同成交额3500亿元（增长12.5%），“先行先试”的试点区——共6个……",
    ]
    for text in texts:
        assert wrap(text, font, limit) == _exact_reference(text, font, limit)


def test_a_number_stays_with_its_unit():
    text = "到最后一年，GDP至少达到175000亿元，研发人员达到65万人，第12回合增长3个百分点。"
    for limit in range(12, 60):
        lines = wrap(text, FONT, limit)
        assert "".join(lines) == text
        for line, nxt in zip(lines, lines[1:], strict=False):
            assert not (line[-1].isdigit() and nxt[0] in "万亿元人个"), (limit, line, nxt)
            assert not (line.endswith("第") and nxt[0].isdigit()), (limit, line, nxt)
