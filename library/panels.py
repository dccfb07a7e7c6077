"""Admin panels of the resource form."""

from wagtail.admin.panels import TitleFieldPanel


class NewResourceTitlePanel(TitleFieldPanel):
    """The title, filling in the slug as the trainer types it, while the resource is new.

    Wagtail's own panel keeps the slug in step until a page is published; a resource is
    public once saved, and its address may be cited or shared, so only a new one follows
    its title (a slug may still be typed by hand at any time).
    """

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance and self.instance.pk)
