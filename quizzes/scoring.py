"""Scoring: a pure function of an attempt's snapshot and the submitted answers.

Each item is worth one point. Single choice and myth-or-reality: the point for the
right option. Multiple choice (partial credit, stated to the learner): the share of the
right options chosen, minus the share of wrong options chosen, never below zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .snapshot import MULTIPLE


class AnswerError(ValueError):
    """The submitted answers do not fit the attempt's questions."""


@dataclass(frozen=True)
class ItemScore:
    item_id: str
    points: float
    chosen: frozenset[str]

    @property
    def correct(self) -> bool:
        return self.points >= 1


@dataclass(frozen=True)
class Score:
    points: float
    total: int
    items: dict[str, ItemScore]

    @property
    def percent(self) -> float:
        return round(100 * self.points / self.total, 1) if self.total else 0.0


def validate_answers(items: list[dict], answers: dict[str, set[str]]) -> None:
    """Raise ``AnswerError`` for unknown questions or options, missing or extra answers."""
    by_id = {item["id"]: item for item in items}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise AnswerError(_("The answers name a question that is not in this attempt."))
    for item in items:
        chosen = answers.get(item["id"], set())
        if not chosen:
            raise AnswerError(_("Answer every question before you submit."))
        if not chosen <= {option["id"] for option in item["options"]}:
            raise AnswerError(_("The answers name an option that is not in this question."))
        if item["kind"] != MULTIPLE and len(chosen) > 1:
            raise AnswerError(_("Choose one answer for each single-choice question."))


def right_options(item: dict) -> set[str]:
    """The ids of an item's right options."""
    return {o["id"] for o in item["options"] if o["correct"]}


def answer_key(items: list[dict]) -> dict[str, set[str]]:
    """{item id: right option ids} for a snapshot's items."""
    return {item["id"]: right_options(item) for item in items}


def score_item(item: dict, chosen: set[str]) -> float:
    right = right_options(item)
    if item["kind"] != MULTIPLE:
        return 1.0 if chosen == right else 0.0
    wrong = {o["id"] for o in item["options"]} - right
    earned = len(chosen & right) / len(right) - (len(chosen & wrong) / len(wrong) if wrong else 0)
    return max(0.0, round(earned, 4))


def score(items: list[dict], answers: dict[str, set[str]]) -> Score:
    """Score validated ``answers`` ({item id: chosen option ids}) against ``items``."""
    validate_answers(items, answers)
    results = {
        item["id"]: ItemScore(
            item_id=item["id"],
            points=score_item(item, answers[item["id"]]),
            chosen=frozenset(answers[item["id"]]),
        )
        for item in items
    }
    return Score(
        points=round(sum(r.points for r in results.values()), 4),
        total=len(items),
        items=results,
    )
