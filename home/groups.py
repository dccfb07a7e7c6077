"""The staff groups every installation starts with.

Created once, with their permissions, by ``home/migrations/0003_staff_groups.py``;
administrators change them in the admin afterwards, and nothing grants them again.
"""

from core.vocabularies import ADMINISTRATORS, TRAINERS

__all__ = ["ADMINISTRATORS", "TRAINERS"]
