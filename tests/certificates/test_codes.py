import pytest

from certificates import codes

# Fixed codes: the demo's, and bodies full of the neighbours Luhn mod 32 confused (0, Z).
FIXED_CODES = [
    codes.code_from_bits(0x2026_C0DE_5AFE_0000_0001),
    codes.code_from_bits(0x0123_4567_89AB_CDEF_0011),
    codes.code_from_bits(0),
    codes.code_from_bits(2**80 - 1),
    "0Z0Z0Z0Z0Z0Z0Z0Z" + codes.check_character("0Z0Z0Z0Z0Z0Z0Z0Z"),
    "Z0Z0Z0Z0Z0Z0Z0Z0" + codes.check_character("Z0Z0Z0Z0Z0Z0Z0Z0"),
]
VALUES = range(len(codes.ALPHABET))


def test_the_table_is_a_quasigroup_and_tells_every_swap_apart():
    """Each row and column a permutation; (c*x)*y == (c*y)*x only when x == y."""
    for c in VALUES:
        assert sorted(codes.combine(c, y) for y in VALUES) == list(VALUES)
        assert sorted(codes.combine(x, c) for x in VALUES) == list(VALUES)
        for x in VALUES:
            for y in VALUES:
                if x != y:
                    assert codes.combine(codes.combine(c, x), y) != codes.combine(
                        codes.combine(c, y), x
                    )


def test_fixed_codes_read_back():
    for code in FIXED_CODES:
        assert len(code) == 17
        assert codes.normalise(code) == code


@pytest.mark.parametrize("code", FIXED_CODES)
def test_every_single_typo_is_caught(code):
    for i in range(len(code)):
        for char in codes.ALPHABET:
            if char != code[i]:
                with pytest.raises(codes.CheckFailed):
                    codes.normalise(code[:i] + char + code[i + 1 :])


@pytest.mark.parametrize("code", FIXED_CODES)
def test_every_adjacent_swap_is_caught(code):
    swaps = 0
    for i in range(len(code) - 1):
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        if swapped != code:
            swaps += 1
            with pytest.raises(codes.CheckFailed):
                codes.normalise(swapped)
    assert swaps or len(set(code)) == 1


def test_the_swap_luhn_missed_is_caught():
    code = FIXED_CODES[4]
    with pytest.raises(codes.CheckFailed):
        codes.normalise("Z0" + code[2:])


def test_new_codes_are_distinct_and_valid():
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    assert all(codes.normalise(code) == code for code in made)


def test_reading_forgives_case_spaces_hyphens_and_look_alikes():
    code = FIXED_CODES[1]
    typed = codes.display(code).lower().replace("-", " ")
    assert codes.normalise(typed) == code
    with_look_alikes = code.replace("0", "O").replace("1", "l")
    assert codes.normalise(with_look_alikes) == code


@pytest.mark.parametrize("typed", ["", "hello", "ABCD-EFGH", "U" * 17, "<script>", "²" * 17])
def test_malformed_codes(typed):
    with pytest.raises(codes.MalformedCode):
        codes.normalise(typed)
