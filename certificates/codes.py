"""Verification codes: 80 random bits, typed from paper, with a check character.

A code is 16 characters of Crockford's base 32 (no I, L, O or U) followed by a check
character, shown in groups of four: ``7KQ2-M9XD-4T1B-ZR8H-F``. Reading is forgiving:
case, spaces and hyphens do not matter, and O, I and L are read as 0, 1 and 1.

The check character tells a typing error apart from a code that simply does not
exist. It is Damm's algorithm over a quasigroup of order 32: with the characters'
values as elements of the field GF(32), ``x * y = 2x + y``. Each row and column of that
table is a permutation, so any one wrong character changes the result; and
``(c * x) * y = (c * y) * x`` only when ``x = y`` (it reduces to ``x + y = 2x + 2y``,
that is ``x = y``, as ``2 - 1`` is invertible), so any swap of two different neighbours
changes it too, the check character's own neighbour included. Luhn mod 32, used
before, missed the swap of 0 and Z. ``tests/certificates/test_codes.py`` proves both
properties over the whole table and tries every error on fixed codes.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 16  # 16 x 5 bits = 80 bits of randomness
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
# GF(32) as polynomials over GF(2) modulo x^5 + x^2 + 1 (a primitive polynomial).
_MODULUS = 0b100101


class MalformedCode(ValueError):
    """Not shaped like a certificate code at all."""


class CheckFailed(ValueError):
    """Shaped like a code, but the check character says it was mistyped."""


def _double(x: int) -> int:
    """2x in GF(32)."""
    x <<= 1
    return x ^ _MODULUS if x & 0b100000 else x


def combine(interim: int, value: int) -> int:
    """The quasigroup's operation ``interim * value = 2 * interim + value`` in GF(32)."""
    return _double(interim) ^ value


def _interim(chars: str) -> int:
    interim = 0
    for char in chars:
        interim = combine(interim, _VALUE[char])
    return interim


def check_character(body: str) -> str:
    """The character that brings Damm's running value over ``body`` back to zero."""
    # combine(i, c) == 0 exactly when c == 2i (addition in GF(32) is exclusive or).
    return ALPHABET[_double(_interim(body))]


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
    if _interim(code) != 0:
        raise CheckFailed(text)
    return code


def display(code: str) -> str:
    """Groups of four, as printed: ``XXXX-XXXX-XXXX-XXXX-C``."""
    return "-".join(code[i : i + 4] for i in range(0, BODY_LENGTH, 4)) + "-" + code[-1]
