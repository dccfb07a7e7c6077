"""Give every question, sub-question and option a stable id before a quiz is stored.

Wagtail's editor sends ids for every block, but content created in code (the demo
loader, tests, imports) may lack them, and Wagtail would then invent new ones on each
load. Attempts and statistics key on these ids, so they must be fixed once, at save.
"""

import uuid


def _option_items(options: list) -> list:
    items = []
    for option in options:
        if isinstance(option, dict) and option.get("type") == "item" and "value" in option:
            items.append({**option, "id": option.get("id") or str(uuid.uuid4())})
        else:
            items.append({"type": "item", "value": option, "id": str(uuid.uuid4())})
    return items


def ensure_block_ids(stream: list) -> list:
    """Return raw question data with an id on every stream child and list item."""
    result = []
    for child in stream:
        child = {**child, "id": child.get("id") or str(uuid.uuid4())}
        value = dict(child["value"])
        if child["type"] == "scenario":
            value["questions"] = ensure_block_ids(value["questions"])
        elif "options" in value:
            value["options"] = _option_items(value["options"])
        child["value"] = value
        result.append(child)
    return result
