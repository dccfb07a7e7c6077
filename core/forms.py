"""Form fields for values people reach through an address."""

from django import forms

# The largest key a database column of ids holds (a 64-bit signed integer).
MAX_ID = 2**63 - 1


class IdChoiceField(forms.ModelChoiceField):
    """A choice of object by id, where an id no database column can hold (a forged
    ``?course=99999999999999999999``) is no choice rather than an overflow error."""

    def to_python(self, value):
        try:
            too_big = abs(int(str(value).strip())) > MAX_ID
        except ValueError:
            too_big = False
        if too_big:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
