"""What a run of the demo loader created, and what it found there already."""

from dataclasses import dataclass, field


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
