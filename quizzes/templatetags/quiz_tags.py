from django import template

from core.html import sanitise

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or an empty set when it is missing."""
    return mapping.get(key, set()) if mapping else set()


@register.filter
def sanitised(html):
    """HTML kept in an attempt's snapshot, cleaned before it is shown (``core.html``)."""
    return sanitise(html)
