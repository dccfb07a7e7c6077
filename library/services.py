"""Writes to the e-library: translating a resource."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from .models import Resource

TRANSLATE_PERMISSIONS = ("library.add_resource", "library.change_resource")


def can_translate(user) -> bool:
    return user.has_perms(TRANSLATE_PERMISSIONS)


@transaction.atomic
def resource_translate(*, resource_id: int, locale_ids: list[int], user) -> list[Resource]:
    """Create a version of a resource in each locale that has none yet; return them.

    A version starts as a copy of the resource (the text to translate, the same facets,
    link and document) and is listed for readers of its language at once. Asking
    again for a locale that has its version already changes nothing.
    """
    if not can_translate(user):
        raise PermissionDenied
    source = Resource.objects.get(pk=resource_id)
    have = set(
        Resource.objects.filter(translation_key=source.translation_key).values_list(
            "locale_id", flat=True
        )
    )
    created = []
    for locale in Locale.objects.filter(pk__in=locale_ids).exclude(pk__in=have):
        version = source.copy_for_translation(locale)
        try:
            with transaction.atomic():
                version.save()
        except IntegrityError:
            if source.has_translation(locale):
                continue  # made at the same moment by another request
            raise ValidationError(
                _("Another resource in %(language)s already has the slug “%(slug)s”.")
                % {"language": locale.get_display_name(), "slug": source.slug}
            ) from None
        revision = version.save_revision(user=user)
        log(instance=version, action="wagtail.create", user=user, revision=revision)
        created.append(version)
    return created
