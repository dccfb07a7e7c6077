"""The lesson block that cites an e-library resource, and its chooser.

Kept in the library, as Wagtail keeps ``DocumentChooserBlock`` in ``wagtail.documents``:
the courses app puts the block in its lesson bodies, so the arrow runs courses ->
library only. What a lesson shows of a resource is a ``ResourceCard``.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .selectors import ResourceCard, resource_cards


def _as_id(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class LibraryResourceChooserBlock(SnippetChooserBlock):
    """Chooses an e-library resource (the admin's snippet chooser)."""

    def __init__(self, **kwargs):
        super().__init__("library.Resource", **kwargs)


class ResourceBlockValue(blocks.StructValue):
    """A cited resource: the chosen record (for the editor) and its card (for readers)."""

    @cached_property
    def card(self) -> ResourceCard | None:
        # Blocks loaded with a lesson have their cards filled in bulk (bulk_to_python);
        # this is for a value made otherwise, such as an editor's preview.
        resource = self.get("resource")
        if resource is None:
            return None
        cited = resource_cards([resource.pk]).get(resource.pk)
        return cited.card if cited else None


class ResourceBlock(blocks.StructBlock):
    """An e-library item, shown with its type, language and size before the download."""

    resource = LibraryResourceChooserBlock(label=_("Library resource"))
    note = blocks.CharBlock(
        label=_("Why read it"),
        required=False,
        max_length=300,
        help_text=_("Optional: what the learner will find in it, or which part to read."),
    )

    class Meta:
        icon = "doc-full"
        label = _("E-library resource")
        template = "library/blocks/resource.html"
        value_class = ResourceBlockValue

    def bulk_to_python(self, values):
        """All of a lesson's cited resources and their cards in the same few queries."""
        ids = [_as_id(raw.get("resource")) for raw in values]
        found = resource_cards([pk for pk in ids if pk is not None])
        # The other fields as usual; the resource field from the cards' own query.
        structs = super().bulk_to_python(
            [{k: v for k, v in raw.items() if k != "resource"} for raw in values]
        )
        for struct, pk in zip(structs, ids, strict=True):
            # A block saved without a note (by code, not the admin) has none: read it as
            # empty, as a form would save it, so that translation tools see a string.
            struct["note"] = struct.get("note") or ""
            cited = found.get(pk)
            struct["resource"] = cited.resource if cited else None
            struct.__dict__["card"] = cited.card if cited else None  # the cached_property
        return structs
