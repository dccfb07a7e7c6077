"""Freeze a quiz's questions for one attempt: the draw, the order, the answer key.

An attempt is scored against its own snapshot, so editing the quiz later never changes
a past score. The learner sees the same snapshot without the key (``public_items``).
"""

from __future__ import annotations

import random

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .blocks import MYTH, REALITY

MYTH_REALITY, SINGLE, MULTIPLE = "myth_reality", "single", "multiple"


# Stored untranslated, shown in the reader's language (``localise``): an attempt started
# in one language may be read in another.
MYTH_REALITY_LABELS = {MYTH: gettext_noop("Myth"), REALITY: gettext_noop("Reality")}


def _item(child, scenario: dict | None) -> dict:
    value = child.value
    if child.block_type == "myth_reality":
        kind, prompt = MYTH_REALITY, value["statement"]
        options = [
            {"id": key, "text": label, "correct": value["answer"] == key, "feedback": ""}
            for key, label in MYTH_REALITY_LABELS.items()
        ]
    else:
        kind = MULTIPLE if child.block_type == "multiple_choice" else SINGLE
        prompt = value["prompt"]
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
        "kind": kind,
        "prompt": prompt,
        "options": options,
        "explanation": value["explanation"],
        "source": value["source"],
        "scenario": scenario,
    }


def localise(items: list[dict]) -> list[dict]:
    """``items`` with the myth-or-reality options named in the active language."""
    return [
        {
            **item,
            "options": [
                {**o, "text": _(MYTH_REALITY_LABELS.get(o["id"], o["text"]))}
                for o in item["options"]
            ],
        }
        if item["kind"] == MYTH_REALITY
        else item
        for item in items
    ]


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
