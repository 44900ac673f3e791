"""Observations about a run: against the baseline, the budget split, the weak link, bad loans."""

from __future__ import annotations

from game.reports.insights import run_insights, weak_links
from game.session.playthrough import Playthrough


def _play(level: str, credit_push: bool) -> Playthrough:
    play = Playthrough.new(level, 1)
    while not play.finished:
        open_now = play.level.available_at(play.turn)
        if credit_push and "risk_sharing" in open_now:
            play.set_share("risk_sharing", 0.2)
        if credit_push and "credit_guidance" in open_now:
            play.set_credit_guidance(1.0)
        play.end_turn()
    return play


def test_weak_links_are_relative_to_the_strongest():
    assert weak_links([10.0, 1.0, 8.0]) == [1]
    assert weak_links([10.0, 3.6, 3.4]) == [2]
    assert weak_links([0.0, 0.0, 0.0]) == []


def test_a_credit_push_is_seen_in_the_bad_loans_and_the_budget_split():
    pushed = run_insights(_play("tutorial", credit_push=True))
    assert any(line.startswith("Bad loans peaked at") for line in pushed)
    split = next(line for line in pushed if line.startswith("On average"))
    assert "12% to finance" in split  # 20% in each of the 6 turns after finance opens, of 10
    calm = run_insights(_play("tutorial", credit_push=False))
    assert not any(line.startswith("Bad loans peaked") for line in calm)


def test_every_objective_indicator_is_compared_with_the_baseline():
    play = _play("tutorial", credit_push=False)
    lines = run_insights(play)
    compared = [line for line in lines if "with no new policy" in line]
    assert len(compared) == len({o.indicator for o in play.level.objectives})
    # Holding the status quo, the run and the baseline agree.
    assert all(line.split("stood at ")[1].split(";")[0] == line.split("stood at ")[2].rstrip(".")
               for line in compared)


def test_nothing_to_say_before_the_first_turn():
    assert run_insights(Playthrough.new("tutorial", 1)) == []
