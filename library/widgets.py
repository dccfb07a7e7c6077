"""The resource form's facet widgets: a facet's terms as radio buttons or check boxes.

A click on a check box changes that term only (a multi-select box drops every other
choice on a click without Ctrl). A long list gets a box that filters it as the trainer
types: a static script (``facet-filter.js``), since the admin runs no inline script of
ours, and without it the whole list stays there to tick.
"""

from django import forms

# A list of at least this many terms gets a filter box.
FILTER_FROM = 13


class FacetChoicesMixin:
    """Lays a facet's options out in columns, with a filter box when they are many.

    The options are a group named by the field's label (``group_label``, set by the
    form): inside a MultiFieldPanel Wagtail heads them with a plain heading, which
    names no group, so a screen reader would read "Report, radio button" alone.
    """

    template_name = "library/widgets/facet_choices.html"
    group_label = ""

    class Media:
        css = {"all": ["library/facet-choices.css"]}
        js = ["library/facet-filter.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        count = sum(len(options) for _group, options, _index in widget["optgroups"])
        widget["filterable"] = count >= FILTER_FROM and bool(widget["attrs"].get("id"))
        widget["group_label"] = self.group_label
        return context


class FacetRadios(FacetChoicesMixin, forms.RadioSelect):
    """One term of a facet (the type), every choice in sight."""


class FacetCheckboxes(FacetChoicesMixin, forms.CheckboxSelectMultiple):
    """Any number of terms of a facet (languages, countries...), each its own check box."""
