"""Lesson blocks in the admin: their previews render (with translatable sample text)."""

from courses.blocks import KeyPointBlock, WarningBlock


def test_callout_previews_render():
    for block, kind in ((KeyPointBlock(), "Key point:"), (WarningBlock(), "Warning:")):
        html = block.render(block.get_preview_value())
        assert kind in html and "Remember" in html and "Do not intervene directly." in html
