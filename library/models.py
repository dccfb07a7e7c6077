"""E-library resources, their editable taxonomies, and the library page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import SlugInput
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from core.translation import SameInEveryLanguageMixin

from .panels import NewResourceTitlePanel
from .terms import FIXED_FACETS, SHARED_TERMS
from .widgets import FacetCheckboxes, FacetRadios


class Facet(models.TextChoices):
    TYPE = "type", _("Type")
    LANGUAGE = "language", _("Language")
    COUNTRY = "country", _("Country")
    AUDIENCE = "audience", _("Audience")
    TOPIC = "topic", _("Topic")


SHARED_TERM_FIXED = _(
    "This term is one of the platform's shared audiences or countries: change its names, "
    "not its facet or slug."
)
SHARED_LIST_FIXED = _(
    "Audiences and countries are the platform's shared lists, so that courses, profiles "
    "and reports use the same codes: rename an existing one instead of adding one."
)


def _other_languages():
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class Term(ClusterableModel):
    """One value of a facet (a type, language, country, audience or topic): editable.

    A term is one record whatever the language, so that every translation of a resource
    files under the same facets; its name in other languages is in ``names``.
    """

    facet = models.CharField(_("facet"), max_length=16, choices=Facet.choices)
    slug = models.SlugField(_("slug"), max_length=64)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("facet"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        InlinePanel("names", heading=_("Name in other languages"), label=_("Translation")),
    ]

    class Meta:
        verbose_name = _("library term")
        verbose_name_plural = _("library terms")
        ordering = ["facet", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["facet", "slug"], name="library_term_unique_slug")
        ]

    def __str__(self):
        return f"{self.get_facet_display()}: {self.name}"

    @property
    def is_shared(self) -> bool:
        """Whether the term is one of the shared audiences or countries (core.vocabularies)."""
        return (self.facet, self.slug) in SHARED_TERMS

    def clean(self):
        """Audiences and countries follow the shared lists: only their names change here."""
        super().clean()
        before = Term.objects.filter(pk=self.pk).values_list("facet", "slug").first()
        if before in SHARED_TERMS and (self.facet, self.slug) != before:
            raise ValidationError({"slug": SHARED_TERM_FIXED})
        if self.facet in FIXED_FACETS and not self.is_shared:
            raise ValidationError({"facet": SHARED_LIST_FIXED})

    @property
    def label(self) -> str:
        """The name to show: in the reader's language where a selector has set it."""
        return self.__dict__.get("_label") or self.name

    @label.setter
    def label(self, value: str) -> None:
        self.__dict__["_label"] = value


class TermName(Orderable):
    """A term's name in one of the site's other languages."""

    term = ParentalKey(Term, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=8, choices=_other_languages)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("language"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("term name")
        verbose_name_plural = _("term names")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "language"],
                name="library_termname_one_per_language",
                violation_error_message=_("This term already has a name in that language."),
            )
        ]


def _terms_of(facet: str, verbose_name) -> ParentalManyToManyField:
    """A resource's terms of one facet (languages, countries...), chosen in the admin."""
    return ParentalManyToManyField(
        Term,
        limit_choices_to=Q(facet=facet),
        related_name="+",
        blank=True,
        verbose_name=verbose_name,
    )


class Resource(TranslatableMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """A handbook, law, report, tool or website, described so people can find it.

    Translatable: a translation is another record in another locale with the same
    ``translation_key`` (Wagtail's i18n), its title and summary in that language and
    the same facets.
    """

    title = models.CharField(_("title"), max_length=300)
    original_title = models.CharField(_("original title"), max_length=300, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("The end of the resource's address. Its translations may share it."),
    )
    summary = models.TextField(_("summary"))
    resource_type = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        limit_choices_to=Q(facet=Facet.TYPE),
        related_name="+",
        verbose_name=_("type"),
    )
    publisher = models.CharField(_("author or publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    languages = _terms_of(Facet.LANGUAGE, _("languages"))
    countries = _terms_of(Facet.COUNTRY, _("countries"))
    audiences = _terms_of(Facet.AUDIENCE, _("audiences"))
    topics = _terms_of(Facet.TOPIC, _("topics"))
    licence = models.CharField(_("licence"), max_length=300, blank=True)
    attribution = models.CharField(_("attribution"), max_length=500, blank=True)
    url = models.URLField(_("publisher's page"), max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    notes = RichTextField(_("notes"), blank=True, features=["bold", "italic", "link"])

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("original_title", boost=2),
        index.SearchField("summary"),
        index.SearchField("publisher", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("resource_type"),  # the admin's filters, combined with a search
        index.FilterField("year"),
        index.FilterField("locale"),  # the admin's language filter
    ]
    # The form is library.forms.ResourceForm (set on the admin's viewset): each facet
    # lists only its own terms, named in the trainer's language.
    panels = [
        NewResourceTitlePanel("title", classname="", placeholder=False),
        FieldPanel("original_title"),
        # ASCII, as the field accepts: a Cyrillic title is transliterated.
        FieldPanel("slug", widget=SlugInput(attrs={"data-w-slug-allow-unicode-value": "false"})),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type", widget=FacetRadios),
                FieldPanel("publisher"),
                FieldPanel("year"),
                FieldPanel("languages", widget=FacetCheckboxes),
                FieldPanel("countries", widget=FacetCheckboxes),
                FieldPanel("audiences", widget=FacetCheckboxes),
                FieldPanel("topics", widget=FacetCheckboxes),
            ],
            heading=_("Description"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("url"),
                FieldPanel("document"),
                FieldPanel("licence"),
                FieldPanel("attribution"),
            ],
            heading=_("Access and licence"),
        ),
        FieldPanel("notes"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        ordering = ["title"]
        indexes = [models.Index(fields=["year"], name="library_resource_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"],
                name="library_resource_unique_slug",
                violation_error_message=_("Another resource already has this slug."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """A slug names one resource and its translations, in every language."""
        super().clean()
        taken = Resource.objects.filter(slug=self.slug)
        if self.translation_key:
            taken = taken.exclude(translation_key=self.translation_key)
        if self.slug and taken.exists():
            raise ValidationError({"slug": _("Another resource already has this slug.")})

    def get_preview_template(self, request, mode_name):
        return "library/resource_detail.html"

    def get_preview_context(self, request, mode_name):
        return {
            "resource": self,
            "page": LibraryIndexPage.objects.filter(locale=self.locale).first()
            or LibraryIndexPage.objects.first(),
            "related": [],
        }


class LibraryIndexPage(SameInEveryLanguageMixin, RoutablePageMixin, Page):
    """/library/: search and facets; /library/<slug>/: one resource."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("e-library")

    @path("")
    def listing(self, request):
        from .views import library_listing

        return library_listing(request, self)

    @path("<slug:slug>/")
    def detail(self, request, slug):
        from .views import resource_detail

        return resource_detail(request, self, slug)
