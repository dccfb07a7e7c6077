from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or an empty set when it is missing."""
    return mapping.get(key, set()) if mapping else set()
