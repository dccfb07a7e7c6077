"""What trainers translate on a page, and what stays the same in every language."""

from wagtail_localize.fields import SynchronizedField

from .forms import DraftAwarePageForm

# A page keeps its English slug in every language, so that the same page in another
# language is the same address with another language prefix (``core.languages``):
# the language switcher and the hreflang alternates then need no query. Set as
# ``override_translatable_fields`` on every page type below the home page (the home
# pages of the languages are siblings, so theirs differ).
SAME_SLUG_IN_EVERY_LANGUAGE = [SynchronizedField("slug")]


class AliasRestrictionsMixin:
    """Wagtail's view-restriction lookup, without a query per alias.

    A page not translated yet is an alias of the English page in the other languages'
    trees, and Wagtail applies the source page's restrictions to an alias: it reads
    each alias's source page to find its id, one query per alias among the page and
    its ancestors. The id is on the alias already (``alias_of_id``, and an alias's
    source is never itself an alias), so here the page, its ancestors and the sources
    of those that are aliases are checked in two queries, as for an English page.
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        pages = [self, *self.get_ancestors().only("alias_of_id")]
        return PageViewRestriction.objects.filter(
            page_id__in={page.alias_of_id or page.pk for page in pages}
        )


class SameInEveryLanguageMixin(AliasRestrictionsMixin):
    """For every page type below the home page: the same slug in every language,
    aliases' restrictions read without extra queries, and an editor that says on the
    Content tab when the page's address is taken (by a forgotten draft, most often).

    A page type that needs its own form makes it a subclass of ``DraftAwarePageForm``.
    """

    override_translatable_fields = SAME_SLUG_IN_EVERY_LANGUAGE
    base_form_class = DraftAwarePageForm
