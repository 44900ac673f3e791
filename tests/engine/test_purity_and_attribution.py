"""The engine stays pure, and attribution explains the run it attributes."""

import subprocess
import sys

import numpy as np

from game.engine import INDICATOR_INDEX, Plan, attribute, simulate
from game.engine.attribution import decision_kinds

from .builders import decision, sandbox

_BLOCK_PYGAME = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('pygame', 'pygame_gui'):
            raise ImportError('pygame is blocked in this test')
sys.meta_path.insert(0, Block())
import game.engine
from game.engine import simulate, attribute
assert not any(m.split('.')[0] in ('pygame', 'pygame_gui') for m in sys.modules)
print('ok')
"""


def test_engine_imports_with_pygame_blocked():
    done = subprocess.run([sys.executable, "-c", _BLOCK_PYGAME], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_engine_imports_nothing_above_it():
    code = (
        "import sys, game.engine; "
        "bad = [m for m in sys.modules if m.startswith('game.') and not m.startswith(('game.engine', 'game.paths'))]; "
        "print(bad)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stdout


def _player_plan(scenario):
    boosted = decision(scenario, basic=0.12, transfer=0.12, applied=0.2)
    return Plan.from_decisions(scenario, [scenario.baseline] * 2 + [boosted] * 6)


def test_attribution_actual_member_equals_a_plain_run():
    scenario = sandbox()
    plan = _player_plan(scenario)
    result = attribute(scenario, plan, 5)
    plain = simulate(scenario, plan, 5)
    assert np.array_equal(result.actual.indicators, plain.indicators)
    assert result.parts.shape == (len(result.causes), 8, len(INDICATOR_INDEX))
    assert set(result.causes) <= set(decision_kinds(scenario)) | {
        c for c in result.causes if c.startswith("event:")} | {"other"}


def test_decisions_equal_to_the_baseline_have_no_effect_and_nothing_acts_before_it_is_made():
    scenario = sandbox()
    plan = _player_plan(scenario)
    attribution = attribute(scenario, plan, 5)
    # The first two turns kept the baseline: nothing differs from no new policy yet.
    assert np.all(attribution.parts[:, :2] == 0)
    # Only the levers moved off the baseline are causes.
    levers = {c for c in attribution.causes if c.startswith("lever:")}
    assert levers == {"lever:basic", "lever:transfer", "lever:applied"}


def test_the_largest_causes_are_the_boosted_levers():
    scenario = sandbox()
    plan = _player_plan(scenario)
    attribution = attribute(scenario, plan, 5)
    causes = [c for c, _amount in attribution.ranked(7, "tech_contract_value")[:3]]
    assert set(causes) & {"lever:transfer", "lever:basic", "lever:applied"}
