"""Small numbers are not shown: a cell describing fewer than five learners is hidden.

The subject is sensitive and training groups are small: "1 woman, aged 18-24, from
one district" may be a person. A breakdown (by gender, age band, country, group...)
hides every cell of 1 to 4 learners. Hiding one cell is not enough when the table also
shows the total, since the total minus the other cells gives it back; so when a
breakdown would hide exactly one cell, the next smallest is hidden too (complementary
suppression), and a total of 1 to 4 hides the whole breakdown. Exports apply the same
rule, because they are made from the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_LEARNERS = 5


def small(count: int | None) -> bool:
    """A count that would describe one of a handful of people (0 describes nobody)."""
    return count is not None and 0 < count < MIN_LEARNERS


def hidden_cells(counts: Sequence[int], total: int | None = None) -> list[bool]:
    """Which cells of one breakdown to hide, the breakdown's total being shown.

    ``counts`` are the learners each cell describes; ``total`` (their sum unless given)
    is what a reader can subtract from.
    """
    total = sum(counts) if total is None else total
    if small(total):
        return [True] * len(counts)
    hidden = [small(c) for c in counts]
    if hidden.count(True) == 1 and len(counts) > 1:
        shown = [i for i, h in enumerate(hidden) if not h]
        hidden[min(shown, key=lambda i: (counts[i], i))] = True
    return hidden
