"""Freeze a quiz's questions for one attempt: the draw, the order, the answer key.

An attempt is scored against its own snapshot, so editing the quiz later never changes
a past score. The learner sees the same snapshot without the key (``public_items``).
"""

from __future__ import annotations

import random

from django.utils.translation import gettext as _

from .blocks import MYTH, REALITY

MYTH_REALITY, SINGLE, MULTIPLE = "myth_reality", "single", "multiple"


def _item(child, scenario: dict | None) -> dict:
    value = child.value
    if child.block_type == "myth_reality":
        options = [
            {"id": MYTH, "text": _("Myth"), "correct": value["answer"] == MYTH, "feedback": ""},
            {
                "id": REALITY,
                "text": _("Reality"),
                "correct": value["answer"] == REALITY,
                "feedback": "",
            },
        ]
        return {
            "id": child.id,
            "kind": MYTH_REALITY,
            "prompt": value["statement"],
            "options": options,
            "explanation": value["explanation"],
            "source": value["source"],
            "scenario": scenario,
        }
    options = [
        {
            "id": option.id,
            "text": option.value["text"],
            "correct": bool(option.value["correct"]),
            "feedback": option.value["feedback"],
        }
        for option in value["options"].bound_blocks
    ]
    return {
        "id": child.id,
        "kind": MULTIPLE if child.block_type == "multiple_choice" else SINGLE,
        "prompt": value["prompt"],
        "options": options,
        "explanation": value["explanation"],
        "source": value["source"],
        "scenario": scenario,
    }


def question_units(questions) -> list[list[dict]]:
    """Top-level questions as draw units: a scenario is one unit of several items."""
    units = []
    for child in questions:
        if child.block_type == "scenario":
            scenario = {
                "id": child.id,
                "title": child.value["title"],
                "content_note": child.value["content_note"],
                "case": child.value["case"].source,
            }
            units.append([_item(sub, scenario) for sub in child.value["questions"]])
        else:
            units.append([_item(child, None)])
    return units


def build_snapshot(questions, *, seed: int, shuffle: bool, pool_size: int) -> list[dict]:
    """The items of one attempt: drawn, ordered and shuffled by ``seed``, reproducibly."""
    rng = random.Random(seed)  # noqa: S311 - an order, not a secret
    units = question_units(questions)
    chosen = list(range(len(units)))
    if pool_size and pool_size < len(units):
        chosen = sorted(rng.sample(chosen, pool_size))
    if shuffle:
        rng.shuffle(chosen)
    items = [item for index in chosen for item in units[index]]
    if shuffle:
        for item in items:
            if item["kind"] != MYTH_REALITY:
                rng.shuffle(item["options"])
    return items


def public_items(items: list[dict]) -> list[dict]:
    """What the browser may see before submission: no key, no feedback, no explanation."""
    return [
        {
            "id": item["id"],
            "kind": item["kind"],
            "prompt": item["prompt"],
            "scenario": item["scenario"],
            "options": [{"id": o["id"], "text": o["text"]} for o in item["options"]],
        }
        for item in items
    ]
