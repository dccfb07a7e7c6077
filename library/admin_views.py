"""Admin screen: translate a resource into the site's other languages."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Locale

from core.http import methods

from .models import Resource
from .services import can_translate, resource_translate


class TranslateForm(forms.Form):
    locales = forms.ModelMultipleChoiceField(
        queryset=Locale.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Translate into"),
        help_text=gettext_lazy(
            "Each language gets a copy of this resource to translate; readers in that "
            "language see it at once, and the original until then."
        ),
        error_messages={"required": gettext_lazy("Choose at least one language.")},
    )

    def __init__(self, *args, missing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locales"].queryset = missing


def _edit_url(resource: Resource) -> str:
    return reverse(Resource.snippet_viewset.get_url_name("edit"), args=[resource.pk])


@methods("GET", "POST")
def translate_resource(request, pk: int):
    """Choose languages (GET); POST creates the versions and opens the first to edit."""
    if not can_translate(request.user):
        raise PermissionDenied
    resource = get_object_or_404(Resource, pk=pk)
    have = Resource.objects.filter(translation_key=resource.translation_key)
    missing = Locale.objects.exclude(pk__in=have.values("locale_id"))
    form = TranslateForm(request.POST if request.method == "POST" else None, missing=missing)
    if request.method == "POST" and form.is_valid():
        try:
            created = resource_translate(
                resource_id=resource.pk,
                locale_ids=[locale.pk for locale in form.cleaned_data["locales"]],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Created %(count)d translation of “%(title)s”: translate its text and save.",
                    "Created %(count)d translations of “%(title)s”: translate their text and save.",
                    len(created),
                )
                % {"count": len(created), "title": resource.title},
            )
            return redirect(_edit_url(created[0] if len(created) == 1 else resource))
    versions = list(have.select_related("locale").order_by("locale__language_code"))
    return TemplateResponse(
        request,
        "library/admin/translate.html",
        {
            "resource": resource,
            "form": form,
            "versions": [(v, _edit_url(v)) for v in versions],
            "edit_url": _edit_url(resource),
        },
        status=400 if request.method == "POST" else 200,
    )
