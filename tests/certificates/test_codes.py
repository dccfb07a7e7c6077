import pytest

from certificates import codes


def test_codes_are_80_random_bits_with_a_check_character():
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert len(code) == 17
        assert codes.normalise(code) == code


def test_reading_forgives_case_spaces_hyphens_and_look_alikes():
    code = codes.code_from_bits(0x0123_4567_89AB_CDEF_0011)
    typed = codes.display(code).lower().replace("-", " ")
    assert codes.normalise(typed) == code
    with_look_alikes = code.replace("0", "O").replace("1", "l")
    assert codes.normalise(with_look_alikes) == code


def test_every_single_typo_and_adjacent_swap_is_caught():
    code = codes.new_code()
    for i in range(len(code)):
        for char in codes.ALPHABET:
            if char != code[i]:
                with pytest.raises(codes.CheckFailed):
                    codes.normalise(code[:i] + char + code[i + 1 :])
    for i in range(len(code) - 1):
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        if swapped != code:
            with pytest.raises(codes.CheckFailed):
                codes.normalise(swapped)


@pytest.mark.parametrize("typed", ["", "hello", "ABCD-EFGH", "U" * 17, "<script>"])
def test_malformed_codes(typed):
    with pytest.raises(codes.MalformedCode):
        codes.normalise(typed)
