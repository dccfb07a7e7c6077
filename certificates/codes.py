"""Verification codes: 80 random bits, typed from paper, with a check character.

A code is 16 characters of Crockford's base 32 (no I, L, O or U) followed by a Luhn
mod 32 check character, shown in groups of four: ``7KQ2-M9XD-4T1B-ZR8H-F``. Reading is
forgiving: case, spaces and hyphens do not matter, and O, I and L are read as 0, 1
and 1. The check character tells a typing error (one wrong or two swapped characters)
apart from a code that simply does not exist.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 16  # 16 x 5 bits = 80 bits of randomness
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


class MalformedCode(ValueError):
    """Not shaped like a certificate code at all."""


class CheckFailed(ValueError):
    """Shaped like a code, but the check character says it was mistyped."""


def check_character(body: str) -> str:
    """Luhn mod 32 over the body's characters."""
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * _VALUE[char]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_code() -> str:
    """A fresh random code, normalised (no hyphens)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def code_from_bits(bits: int) -> str:
    """A code built from given 80 bits (the demo uses this for a fixed example)."""
    body = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(BODY_LENGTH)))
    return body + check_character(body)


def normalise(text: str) -> str:
    """Read a code as typed; raise ``MalformedCode`` or ``CheckFailed``."""
    code = (text or "").upper().translate(_READ_AS)
    if len(code) != BODY_LENGTH + 1 or any(char not in _VALUE for char in code):
        raise MalformedCode(text)
    if check_character(code[:-1]) != code[-1]:
        raise CheckFailed(text)
    return code


def display(code: str) -> str:
    """Groups of four, as printed: ``XXXX-XXXX-XXXX-XXXX-C``."""
    return "-".join(code[i : i + 4] for i in range(0, BODY_LENGTH, 4)) + "-" + code[-1]
