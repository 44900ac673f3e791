"""Observations about a run: against the baseline, the budget split, the weak link, bad loans."""

from __future__ import annotations

from game.engine.schema import LEVER_GROUPS
from game.reports.insights import empty_links, run_insights, weak_links
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


def test_a_link_that_carries_no_money_is_empty_not_weak_and_never_all_fine():
    assert empty_links([10.0, 0.0, 8.0]) == [1]
    assert weak_links([10.0, 0.0, 8.0]) == []
    assert empty_links([0.0, 0.0, 0.0]) == [0, 1, 2]


def test_a_credit_push_is_seen_in_the_bad_loans_and_the_budget_split():
    pushed = run_insights(_play("tutorial", credit_push=True))
    assert any(line.startswith("Bad loans peaked at") for line in pushed)
    split = next(line for line in pushed if line.startswith("On average"))
    play = _play("tutorial", credit_push=True)
    finance = [sum(d.shares.get(lever, 0.0) for lever in LEVER_GROUPS["finance"]) for d in play.log]
    assert f"{round(100 * sum(finance) / len(finance))}% to finance" in split
    calm = run_insights(_play("tutorial", credit_push=False))
    assert not any(line.startswith("Bad loans peaked") for line in calm)


def test_every_objective_indicator_is_compared_with_the_baseline():
    play = _play("tutorial", credit_push=False)
    lines = run_insights(play)
    compared = [line for line in lines if " — without your policies " in line]
    assert len(compared) == len({o.indicator for o in play.level.objectives})
    # Holding the status quo, the run and the baseline agree.
    for line in compared:
        mine, base = line.rstrip(".").split(" — without your policies ")
        assert mine.endswith(" " + base)


def test_nothing_to_say_before_the_first_turn():
    assert run_insights(Playthrough.new("tutorial", 1)) == []
