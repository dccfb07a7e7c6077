"""Scoring is a pure function of the frozen questions and the answers."""

import json

import pytest
from wagtail.fields import StreamField

from quizzes.blocks import QuestionsBlock
from quizzes.ids import ensure_block_ids
from quizzes.scoring import AnswerError, answer_key, score, score_item
from quizzes.snapshot import build_snapshot, public_items
from tests.factories import choice, default_questions, myth, scenario


def stream(raw):
    """Questions as a saved quiz holds them: every block with a fixed id."""
    return StreamField(QuestionsBlock()).to_python(json.dumps(ensure_block_ids(raw)))


def snapshot(raw, **kwargs):
    kwargs.setdefault("seed", 1)
    kwargs.setdefault("shuffle", False)
    kwargs.setdefault("pool_size", 0)
    value = raw if not isinstance(raw, list) else stream(raw)
    return build_snapshot(value, **kwargs)


def ids(items):
    return [i["id"] for i in items]


def right(items):
    return answer_key(items)


def test_all_right_scores_100_and_kinds_are_kept():
    items = snapshot(default_questions())
    assert [i["kind"] for i in items] == ["myth_reality", "myth_reality", "single", "multiple"]
    result = score(items, right(items))
    assert (result.points, result.total, result.percent) == (4, 4, 100.0)


def test_myth_reality_and_single_choice_are_all_or_nothing():
    items = snapshot([myth("A myth", "myth"), choice("Q", [("a", True), ("b", False)])])
    answers = {items[0]["id"]: {"reality"}, items[1]["id"]: {items[1]["options"][1]["id"]}}
    assert score(items, answers).points == 0


def test_multiple_choice_partial_credit():
    item = snapshot(
        [choice("Q", [("a", True), ("b", True), ("c", False), ("d", False)], multiple=True)]
    )[0]
    a, b, c, d = (o["id"] for o in item["options"])
    assert score_item(item, {a, b}) == 1.0
    assert score_item(item, {a}) == 0.5
    assert score_item(item, {a, c}) == 0.0  # half right minus half wrong
    assert score_item(item, {a, b, c}) == 0.5
    assert score_item(item, {c, d}) == 0.0  # never below zero


def test_scenario_sub_questions_are_scored_each():
    items = snapshot(
        [scenario("Checkpoint", [myth("S1", "reality"), choice("S2", [("x", True), ("y", False)])])]
    )
    assert len(items) == 2
    assert items[0]["scenario"]["title"] == "Checkpoint"
    answers = right(items)
    answers[items[1]["id"]] = {items[1]["options"][1]["id"]}
    assert score(items, answers).percent == 50.0


def test_shuffle_is_reproducible_with_a_seed_and_differs_between_seeds():
    raw = stream([myth(f"Statement {n}") for n in range(12)])
    first = snapshot(raw, seed=42, shuffle=True)
    assert ids(first) == ids(snapshot(raw, seed=42, shuffle=True))
    assert ids(first) != ids(snapshot(raw, seed=43, shuffle=True))
    assert sorted(ids(first)) == sorted(ids(snapshot(raw)))


def test_options_are_shuffled_too():
    raw = [choice("Q", [(str(n), n == 0) for n in range(5)])]
    orders = {
        tuple(o["text"] for o in snapshot(raw, seed=s, shuffle=True)[0]["options"])
        for s in range(10)
    }
    assert len(orders) > 1


def test_pool_draws_n_questions_and_keeps_scenarios_whole():
    raw = [myth(f"S{n}") for n in range(8)] + [scenario("Case", [myth("a"), myth("b")])]
    for seed in range(20):
        items = snapshot(raw, seed=seed, pool_size=3)
        units = {i["scenario"]["id"] if i["scenario"] else i["id"] for i in items}
        assert len(units) == 3
        scenario_items = [i for i in items if i["scenario"]]
        assert len(scenario_items) in (0, 2)


def test_missing_unknown_and_extra_answers_are_refused():
    items = snapshot(default_questions())
    answers = right(items)
    with pytest.raises(AnswerError):
        score(items, {k: v for k, v in answers.items() if k != items[0]["id"]})
    with pytest.raises(AnswerError):
        score(items, {**answers, "not-a-question": {"myth"}})
    with pytest.raises(AnswerError):
        score(items, {**answers, items[2]["id"]: {"not-an-option"}})
    with pytest.raises(AnswerError):
        score(items, {**answers, items[2]["id"]: {o["id"] for o in items[2]["options"]}})


def test_public_items_hold_no_answer_key():
    items = snapshot(default_questions())
    text = json.dumps(public_items(items))
    assert "correct" not in text
    assert "Explanation" not in text and "Feedback" not in text
