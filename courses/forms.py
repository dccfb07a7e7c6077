"""Learner-facing forms of the courses app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import GROUP_CODE_LENGTH, TrainingGroup, normalise_group_code


class JoinGroupForm(forms.Form):
    """The invitation code a trainer gives out (``K7QM-2XWD``), typed as people type it."""

    code = forms.CharField(
        label=_("Invitation code"),
        max_length=40,
        help_text=_("Eight letters and digits, from your trainer; hyphens and spaces are fine."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        code = normalise_group_code(self.cleaned_data["code"])
        if len(code) != GROUP_CODE_LENGTH:
            raise forms.ValidationError(
                _("An invitation code has eight letters and digits, such as K7QM-2XWD.")
            )
        self.group = TrainingGroup.objects.select_related("course").filter(code=code).first()
        if self.group is None:
            raise forms.ValidationError(
                _("No training group has this code. Check it with your trainer."),
                code="not_found",
            )
        return code
