"""The admin's form for a resource: each facet offers its own terms only, named in the
trainer's language.

Every facet's field is limited to its facet's terms (``limit_choices_to`` on the model),
so a term of another facet is neither shown nor accepted: a forged post gets the
field's error and saves nothing. The terms are named as the public site names them in
the same language (``selectors.term_labels``): in the admin that is the trainer's admin
language, which Wagtail activates for their requests.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm

from core.forms import MAX_ID, IdChoiceField

from .models import Facet, Term
from .search import FACET_FIELDS
from .selectors import term_labels


class FacetTerms:
    """The terms of every facet, named in the active language, read once for a form.

    Read when a field first lists its choices: one query for the five facets, however
    many times Wagtail renders the widgets (it renders each twice, the second time for
    its client-side panels), and none when a valid form is saved.
    """

    @cached_property
    def by_facet(self) -> dict[str, list[Term]]:
        labels = term_labels()
        by_facet = {facet: [] for facet in FACET_FIELDS}
        for term in Term.objects.filter(facet__in=list(FACET_FIELDS)):
            term.label = labels.get(term.pk, term.name)
            by_facet[term.facet].append(term)
        for terms in by_facet.values():
            # The trainers' own order first, then the names as the trainer reads them.
            terms.sort(key=lambda term: (term.sort_order, term.label.casefold()))
        return by_facet


class FacetTermIterator(forms.models.ModelChoiceIterator):
    """A facet field's choices, from its form's ``FacetTerms`` (no query of its own)."""

    def terms(self) -> list[Term]:
        return self.field.terms()

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for term in self.terms():
            yield self.choice(term)

    def __len__(self):
        return len(self.terms()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.terms())


class FacetFieldMixin:
    """A field of one facet's terms, listed by its form and labelled with their names."""

    iterator = FacetTermIterator
    facet: str | None = None
    source: FacetTerms | None = None

    def offer(self, facet: str, source: FacetTerms) -> None:
        self.facet, self.source = facet, source
        self.widget.group_label = self.label  # names the group of radios or check boxes

    def terms(self) -> list[Term]:
        if self.source is None:  # a field used outside ResourceForm
            return list(self.queryset)
        return self.source.by_facet[self.facet]

    def label_from_instance(self, term: Term) -> str:
        return term.label


class TermChoiceField(FacetFieldMixin, IdChoiceField):
    """One term of a facet (a resource's type)."""


class TermMultipleChoiceField(FacetFieldMixin, forms.ModelMultipleChoiceField):
    """Any number of terms of a facet (a resource's languages, countries...).

    As ``IdChoiceField`` does for one: an id no database column holds (a forged post)
    is no choice, rather than an overflow error in the database driver.
    """

    def clean(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            try:
                too_big = abs(int(str(pk).strip())) > MAX_ID
            except ValueError:
                too_big = False
            if too_big:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)


class ResourceForm(WagtailAdminModelForm):
    """A resource in the admin: its facets as radio buttons and check boxes (the
    widgets are set in ``Resource.panels``), each listing its facet's terms only."""

    class Meta(WagtailAdminModelForm.Meta):
        field_classes = {
            name: TermChoiceField if facet == Facet.TYPE else TermMultipleChoiceField
            for facet, name in FACET_FIELDS.items()
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = FacetTerms()
        for facet, name in FACET_FIELDS.items():
            if name in self.fields:
                self.fields[name].offer(facet, source)
