"""Locale-aware formatting of the model's units (bn yuan, fractions, thousands of people)."""

from __future__ import annotations

import math

import pytest

from game.i18n import get_language, set_language
from game.i18n.format import money, number, people, percent, pp


@pytest.fixture
def restore_language():
    before = get_language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("bn", "en", "zh"),
    [
        (350, "¥350 bn", "3500亿元"),
        (1200, "¥1.2 tn", "1.2万亿元"),
        (4779, "¥4.8 tn", "4.8万亿元"),
        (643.7, "¥643.7 bn", "6437亿元"),
        (0.5, "¥500 m", "5亿元"),
        (0.05, "¥50 m", "5000万元"),
        (-12.5, "-¥12.5 bn", "-125亿元"),
        (0, "¥0", "0元"),
    ],
)
def test_money_in_both_languages(bn, en, zh):
    assert money(bn, lang="en") == en
    assert money(bn, lang="zh_CN") == zh


def test_money_signed_and_rounding_to_zero_has_no_sign():
    assert money(12, lang="en", signed=True) == "+¥12 bn"
    assert money(12, lang="zh_CN", signed=True) == "+120亿元"
    assert money(-1e-12, lang="en") == "¥0"


def test_percent_and_points():
    assert percent(0.025, lang="en") == "2.5%"
    assert percent(0.025, lang="zh_CN") == "2.5%"
    assert percent(0.0268, digits=2, lang="en") == "2.68%"
    assert percent(0.6, lang="en") == "60%"
    assert percent(-0.012, lang="en", signed=True) == "-1.2%"
    assert pp(0.012, lang="en") == "+1.2 pp"
    assert pp(0.012, lang="zh_CN") == "+1.2个百分点"
    assert pp(-0.003, lang="zh_CN") == "-0.3个百分点"
    assert pp(0.00001, lang="en") == "0 pp"


def test_people_given_in_thousands():
    assert people(52, lang="en") == "52,000 people"
    assert people(52, lang="zh_CN") == "5.2万人"
    assert people(5.2, lang="zh_CN") == "5,200人"
    assert people(1250, lang="en") == "1.2 million people"
    assert people(1250, lang="zh_CN") == "125万人"


def test_number_groups_digits():
    assert number(1234.56, lang="en") == "1,234.6"
    assert number(1234.56, digits=0, lang="zh_CN") == "1,235"
    assert number(3, lang="en", signed=True) == "+3"


def test_default_language_is_the_current_one(restore_language):
    set_language("zh_CN")
    assert money(350) == "3500亿元"
    set_language("en")
    assert money(350) == "¥350 bn"


@pytest.mark.parametrize("func", [number, money, percent, pp, people])
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_numbers_show_a_dash_instead_of_failing(func, value):
    assert func(value) == "—"



# --- one unit per line, one precision per kind (issue 12) -------------------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _unit_word(text: str) -> str:
    return text.lstrip("+-¥").lstrip("0123456789.,")


@given(level=st.floats(0.01, 1e5), change=st.floats(-1e4, 1e4))
def test_a_change_is_written_in_the_unit_of_its_level(level, change):
    for lang in ("en", "zh_CN"):
        shown = money(level, lang=lang)
        delta = money(change, lang=lang, signed=True, like=level)
        assert _unit_word(delta) == _unit_word(shown), (shown, delta)
        if delta.startswith(("+", "-")):
            assert any(c in "123456789" for c in delta)  # a sign only on a non-zero amount


def test_the_issue_examples_read_in_one_unit():
    assert money(0.231, lang="zh_CN", signed=True, like=3.95) == "+2.3亿元"
    assert money(-0.0208, lang="zh_CN", signed=True, like=0.24) == "-0.2亿元"
    assert money(17500, lang="en") == "¥17.5 tn" and money(17500, lang="zh_CN") == "17.5万亿元"


@given(ratio=st.floats(0, 1))
def test_fixed_percent_has_exactly_its_digits(ratio):
    for lang in ("en", "zh_CN"):
        text = percent(ratio, 2, lang, fixed=True)
        assert len(text.rstrip("%").split(".")[1]) == 2


def test_chart_axes_use_the_units_the_screens_use():
    from game.i18n import _, set_language
    from game.i18n.format import axis_scale

    assert axis_scale("money", "zh_CN") == 10.0 and axis_scale("people", "zh_CN") == 0.1
    assert axis_scale("money", "en") == 1.0 and axis_scale("ratio", "zh_CN") == 1.0
    before = get_language()
    set_language("zh_CN")
    try:
        assert "亿元" in _("{name} (bn yuan)") and "万人" in _("{name} (thousands)")
        # 600 bn yuan on a 亿元 axis reads 6000, as the screens write 6000亿元.
        assert money(600.0) == f"{600 * axis_scale('money'):.0f}亿元"
    finally:
        set_language(before)
