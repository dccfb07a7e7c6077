"""Form fields for values people reach through an address, and the page editor's form."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

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


class DraftAwarePageForm(WagtailAdminPageForm):
    """The page editor's form, saying on the Content tab when the page's address is taken.

    Wagtail refuses a slug used by a sibling with an error beside the slug, on the
    Promote tab, which nobody opens when writing a new page; most often the sibling is
    a draft someone (often the same trainer) started earlier under the same title. The
    error is said again under the title, naming the page, with a link to the draft for
    those who may edit it. A slug left empty (the browser ran no JavaScript to fill it
    in) is made from the title, as Wagtail's editor does as one types.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False  # made from the title when empty

    def clean(self):
        slug_field = "slug" in self.fields and not self.fields["slug"].disabled
        if slug_field and not self.cleaned_data.get("slug") and "slug" not in self.errors:
            allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
            title = self.cleaned_data.get("title") or ""
            self.cleaned_data["slug"] = slugify(title, allow_unicode=allow_unicode)
        slug = self.cleaned_data.get("slug")
        cleaned_data = super().clean()  # which drops a taken slug from cleaned_data
        # The title field is on the first tab; a page type without one shows the error
        # above the tabs.
        shown_at = "title" if "title" in self.fields else None
        if slug_field and not slug and cleaned_data.get("title") and "slug" not in self.errors:
            self.add_error(
                shown_at,
                gettext(
                    "This title has no letters or digits to make the page’s address from: "
                    "add some, or set the slug on the Promote tab."
                ),
            )
        elif slug and "slug" in self.errors and self.parent_page is not None:
            # Wagtail found the slug taken (or otherwise wrong): by which page?
            siblings = Page.objects.child_of(self.parent_page).filter(slug=slug)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if taken := siblings.first():
                self.add_error(shown_at, self._address_taken(taken))
        return cleaned_data

    def _address_taken(self, page) -> str:
        title = page.get_admin_display_title()
        if page.live:
            return format_html(
                gettext(
                    "A published page called “{title}” already uses this address: "
                    "choose another title."
                ),
                title=title,
            )
        user = self.for_user
        if user is not None and page.permissions_for_user(user).can_edit():
            return format_html(
                gettext(
                    "A draft page called “{title}” already uses this address. "
                    '<a href="{url}">Open the draft</a> to finish it, or choose another title.'
                ),
                title=title,
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            )
        return format_html(
            gettext(
                "A draft page called “{title}” already uses this address: choose another title."
            ),
            title=title,
        )
