"""Charts drawn on the server as SVG: no JavaScript, no third-party host.

Each chart is plain geometry computed here and drawn by a template
(``reports/charts/*.html``), with the same figures in a table for screen readers. A
hidden figure (privacy) is drawn as no bar and labelled "—", as in the tables.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABEL_WIDTH = 250
BAR_AREA = 360
BAR_HEIGHT = 22
GAP = 12
HIDDEN = "—"


def _width(value, top, area=BAR_AREA) -> int:
    if value is None or not top:
        return 0
    return max(2, round(area * value / top)) if value else 0


def funnel(stages: list[tuple[str, int | None]], *, title: str) -> dict:
    """Horizontal bars, one per stage (enrolled, started, completed, certified)."""
    top = max((value for _label, value in stages if value is not None), default=0)
    bars = []
    for i, (label, value) in enumerate(stages):
        y = i * (BAR_HEIGHT + GAP)
        bars.append(
            {
                "label": str(label),
                "value": HIDDEN if value is None else value,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": _width(value, top),
                "value_x": LABEL_WIDTH + _width(value, top) + 8,
            }
        )
    return {
        "title": str(title),
        "bars": bars,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "width": LABEL_WIDTH + BAR_AREA + 60,
        "height": len(stages) * (BAR_HEIGHT + GAP),
    }


def paired(rows: list[dict], *, title: str) -> dict:
    """Two bars per row on a 0-100 scale: the pre-test and post-test averages."""
    groups = []
    for i, row in enumerate(rows):
        y = i * (2 * BAR_HEIGHT + GAP)
        pair = []
        for j, key in enumerate(("pre", "post")):
            value = row.get(key)
            width = _width(value, 100)
            bar_y = y + j * BAR_HEIGHT
            pair.append(
                {
                    "key": key,
                    "value": HIDDEN if value is None else value,
                    "y": bar_y,
                    "text_y": bar_y + BAR_HEIGHT * 0.7,
                    "width": width,
                    "value_x": LABEL_WIDTH + width + 8,
                }
            )
        groups.append({"label": row["label"], "text_y": y + BAR_HEIGHT, "bars": pair})
    return {
        "title": str(title),
        "groups": groups,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 4,
        "width": LABEL_WIDTH + BAR_AREA + 60,
        "height": len(rows) * (2 * BAR_HEIGHT + GAP),
        "legend": {"pre": str(_("Pre-test")), "post": str(_("Post-test"))},
    }
