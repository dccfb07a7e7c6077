"""The one way to show HTML that is not rendered by Wagtail's rich-text filter.

``sanitise`` keeps the formatting a trainer can type in a rich-text box (paragraphs,
bold, italic, lists, links over http(s) or mailto) and strips everything else with
``bleach``: scripts, event handlers, ``javascript:`` links, styles, SVG, frames. The
text inside a removed tag stays, as text.
"""

import bleach
from django.utils.safestring import SafeString, mark_safe

TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a", "h2", "h3", "h4"})
ATTRIBUTES = {"a": ["href"]}
PROTOCOLS = frozenset({"http", "https", "mailto"})

_cleaner = bleach.Cleaner(tags=TAGS, attributes=ATTRIBUTES, protocols=PROTOCOLS, strip=True)


def sanitise(html: str) -> SafeString:
    """``html`` with only the allowed tags and attributes left, marked safe to print."""
    return mark_safe(_cleaner.clean(str(html or "")))  # noqa: S308 (cleaned just above)
