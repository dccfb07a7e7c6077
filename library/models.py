"""E-library resources, their editable taxonomies, and the library page."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PreviewableMixin, RevisionMixin
from wagtail.search import index


class Facet(models.TextChoices):
    TYPE = "type", _("Type")
    LANGUAGE = "language", _("Language")
    COUNTRY = "country", _("Country")
    AUDIENCE = "audience", _("Audience")
    TOPIC = "topic", _("Topic")


class Term(models.Model):
    """One value of a facet (a type, language, country, audience or topic): editable."""

    facet = models.CharField(_("facet"), max_length=16, choices=Facet.choices)
    slug = models.SlugField(_("slug"), max_length=64)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("facet"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("library term")
        verbose_name_plural = _("library terms")
        ordering = ["facet", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["facet", "slug"], name="library_term_unique_slug")
        ]

    def __str__(self):
        return f"{self.get_facet_display()}: {self.name}"


def _terms_of(facet: str, verbose_name) -> ParentalManyToManyField:
    """A resource's terms of one facet (languages, countries...), chosen in the admin."""
    return ParentalManyToManyField(
        Term,
        limit_choices_to=Q(facet=facet),
        related_name="+",
        blank=True,
        verbose_name=verbose_name,
    )


class Resource(RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """A handbook, law, report, tool or website, described so people can find it."""

    title = models.CharField(_("title"), max_length=300)
    original_title = models.CharField(_("original title"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
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
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("original_title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("publisher"),
                FieldPanel("year"),
                FieldPanel("languages"),
                FieldPanel("countries"),
                FieldPanel("audiences"),
                FieldPanel("topics"),
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

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        ordering = ["title"]
        indexes = [models.Index(fields=["year"], name="library_resource_year")]

    def __str__(self):
        return self.title

    def get_preview_template(self, request, mode_name):
        return "library/resource_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"resource": self, "page": LibraryIndexPage.objects.first(), "related": []}


class LibraryIndexPage(RoutablePageMixin, Page):
    """/library/: search and facets; /library/<slug>/: one resource."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["elearning.HomePage"]
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
