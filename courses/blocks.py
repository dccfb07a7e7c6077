"""The blocks a trainer composes a lesson from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from library.blocks import ResourceBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "blockquote"]


class ImageBlock(blocks.StructBlock):
    """An image with the alt text a screen reader needs and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video with a transcript for slow links and deaf learners."""

    video = EmbedBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=RICH_TEXT_FEATURES,
        help_text=_("A full transcript: many learners cannot load or hear video."),
    )

    class Meta:
        icon = "media"
        label = _("Video with transcript")
        template = "courses/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    """A short highlighted statement: a key point or a warning."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "pick"
        template = "courses/blocks/key_point.html"
        preview_value = {
            "title": _("Remember"),
            "text": _("<p>Do not intervene directly.</p>"),
        }


class KeyPointBlock(CalloutBlock):
    """A statement the learner should remember."""

    class Meta:
        label = _("Key point")  # icon and template as CalloutBlock


class WarningBlock(CalloutBlock):
    """Something the learner must not do, or must watch out for."""

    class Meta:
        icon = "warning"
        label = _("Warning")
        template = "courses/blocks/warning.html"


class CaseStudyBlock(blocks.StructBlock):
    """A composite case with a content note and questions to reflect on."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    content_note = blocks.CharBlock(
        label=_("Content note"),
        required=False,
        max_length=300,
        help_text=_("Warn learners before a case that describes abuse or exploitation."),
    )
    body = blocks.RichTextBlock(label=_("Case"), features=RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Questions to reflect on"), default=[]
    )

    class Meta:
        icon = "doc-full"
        label = _("Case study")
        template = "courses/blocks/case_study.html"


class ChecklistBlock(blocks.StructBlock):
    """A list of steps or signs a learner can take into their work."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Checklist")
        template = "courses/blocks/checklist.html"


class DocumentBlock(blocks.StructBlock):
    """A document to download, with its format and size shown before the click."""

    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document download")
        template = "courses/blocks/document.html"


class LessonBodyBlock(blocks.StreamBlock):
    """Everything a lesson body can hold."""

    text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="courses/blocks/text.html"
    )
    image = ImageBlock()
    video = VideoBlock()
    key_point = KeyPointBlock()
    warning = WarningBlock()
    case_study = CaseStudyBlock()
    checklist = ChecklistBlock()
    document = DocumentBlock()
    resource = ResourceBlock()
