"""Certificates in Wagtail's admin: settings per course, the issued list, issuing, revoking."""

import datetime

from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.choices import country_name
from courses.models import CoursePage

from . import admin_views, codes
from .display import (
    EMPTY,
    XLSX_TIMESTAMP_FORMAT,
    date_text,
    export_local,
    export_timestamp,
    timestamp_text,
    validity_text,
    yes_no,
)
from .models import Certificate, CertificateTemplate
from .services import ISSUE_PERMISSION, REVOKE_PERMISSION
from .template_services import certificate_template_create_for_course


def _label(model, field: str):
    """A field's name as the admin shows it: its verbose name, capitalised."""
    return capfirst(model._meta.get_field(field).verbose_name)


class YesNoColumn(BooleanColumn):
    """A tick or a cross with "Yes" or "No" beside it, in the reader's language
    (Wagtail's own column says "True" or "False" to a screen reader)."""

    cell_template_name = "certificates/admin/yes_no_cell.html"


class FilledColumn(Column):
    """A column whose empty cells say so, rather than staying blank."""

    empty_value_display = EMPTY


class RevokeColumn(TitleColumn):
    """A "Revoke" link on valid certificates, for those allowed to revoke."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if not parent_context["request"].user.has_perm(REVOKE_PERMISSION):
            context["value"] = context["link_attrs"]["href"] = context["link_url"] = None
        return context

    def get_value(self, instance):
        return _("Revoke") if instance.status != "revoked" else "—"

    def get_link_url(self, instance, parent_context):
        if instance.status == "revoked":
            return None
        return reverse("certificates_revoke", args=[instance.pk])


CSV, XLSX = SpreadsheetExportMixin.FORMAT_CSV, SpreadsheetExportMixin.FORMAT_XLSX


def _xlsx_moment(value):
    """A moment as a spreadsheet date, which sorts and filters as one."""
    return export_local(value) if value else ""


def _no_expiry(value):
    return value or validity_text(None)


class CertificateIndexView(IndexView):
    """The issued certificates, searchable by code, and their CSV and XLSX exports.

    The exports head their columns as the screens do and say what the screens say
    (country names, "No expiry", yes or no); moments are to the minute in the site's
    time zone, and dates ISO (``display``).
    """

    page_title = _("Issued certificates")
    list_export = [
        "display_code",
        "holder_name",
        "organisation",
        "country",
        "course_title",
        "hours",
        "completed_on",
        "issued_at",
        "valid_until",
        "get_status_display",
        "revoked_at",
        "revocation_reason",
    ]
    export_headings = {
        "display_code": _("Code"),
        "country": _("Country"),
        "get_status_display": _("Status"),
    }
    custom_field_preprocess = {
        "country": {CSV: country_name, XLSX: country_name},
        "valid_until": {CSV: _no_expiry, XLSX: _no_expiry},
        "issued_at": {CSV: export_timestamp, XLSX: _xlsx_moment},
        "revoked_at": {CSV: export_timestamp, XLSX: _xlsx_moment},
    }
    # No boolean is exported yet; one added later reads yes or no too.
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        bool: {CSV: yes_no, XLSX: yes_no},
    }

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        # Wagtail formats moments by the language's DATETIME_FORMAT; spreadsheets here
        # show them as the CSV does.
        return super().generate_xlsx_row(worksheet, row_dict, date_format=XLSX_TIMESTAMP_FORMAT)

    def stream_csv(self, queryset):
        # The CSV is written after the view has returned, when Wagtail no longer has
        # the user's admin language active: write it in the language of the request.
        rows = super().stream_csv(queryset)
        language = translation.get_language()

        def in_language():
            with translation.override(language):
                yield from rows

        return in_language()

    @cached_property
    def search_query(self):
        # A code as printed (GAWK-897Y-XJN3-NJHR-2) or typed is found as stored.
        query = super().search_query
        try:
            return codes.normalise(query)
        except (codes.MalformedCode, codes.CheckFailed):
            return query


class CertificateInspectView(InspectView):
    """One certificate as people read it: its printed code, its status, the holder's
    country by name, dates in the reader's language, "No expiry", "Not revoked"; and
    who revoked it and why only when it was."""

    REVOCATION_DETAILS = ("revoked_by", "revocation_reason")

    def get_field_label(self, field_name, field):
        if field_name == "status":
            return _("Status")
        if field_name == "code":
            return _("Code")
        if field_name == "country":
            return _("Country")
        return super().get_field_label(field_name, field)

    def get_fields_context(self):
        fields = self.fields
        if not self.object.revoked_at:
            fields = [name for name in fields if name not in self.REVOCATION_DETAILS]
        return [self.get_context_for_field(name) for name in fields]

    def get_field_display_value(self, field_name, field):
        certificate = self.object
        value = getattr(certificate, field_name, None)
        if field_name == "code":
            return certificate.display_code
        if field_name == "status":
            return certificate.get_status_display()
        if field_name == "country":
            return country_name(value) or EMPTY
        if field_name == "valid_until":
            return date_text(value) if value else validity_text(None)
        if field_name == "revoked_at":
            return timestamp_text(value) if value else _("Not revoked")
        if field_name == "issued_at":
            return timestamp_text(value)
        if field_name in ("issued_by", "revoked_by"):
            return (value.full_name or value.email) if value else EMPTY
        if isinstance(value, datetime.date):
            return date_text(value)
        if value is None or value == "":
            return EMPTY
        return super().get_field_display_value(field_name, field)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    index_view_class = CertificateIndexView
    icon = "tick-inverse"
    menu_label = _("Issued certificates")
    url_prefix = "certificates/issued"
    list_display = [
        TitleColumn(
            "display_code",
            label=_("Code"),
            get_url=lambda instance: reverse("issued_certificates:inspect", args=[instance.pk]),
        ),
        "holder_name",
        "organisation",
        "course_title",
        Column(
            "issued_at",
            label=_label(Certificate, "issued_at"),
            accessor=lambda certificate: date_text(certificate.issued_at),
            sort_key="issued_at",
        ),
        Column("status", label=_("Status"), accessor="get_status_display"),
        RevokeColumn("revoke", label=_("Action"), classname="w-whitespace-nowrap"),
    ]
    list_filter = ["course", "country", "issued_at"]
    search_fields = ["code", "holder_name", "organisation", "course_title"]
    search_backend_name = None
    export_filename = "certificates"
    inspect_view_enabled = True
    inspect_view_class = CertificateInspectView
    inspect_view_fields = [
        "code",
        "status",
        "holder_name",
        "organisation",
        "country",
        "course_title",
        "hours",
        "completed_on",
        "issuing_organisation",
        "signatory_name",
        "issued_at",
        "issued_by",
        "valid_until",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
    ]
    copy_view_enabled = False
    # Never used: the permission policy refuses add and change; issuing is a service.
    form_fields = ["holder_name"]
    name = "issued_certificates"


class CertificateTemplateIndexView(IndexView):
    page_title = _("Certificate settings")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course")  # the "course" column


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    index_view_class = CertificateTemplateIndexView
    icon = "form"
    menu_label = _("Certificate settings")
    url_prefix = "certificates/settings"
    list_display = [
        "course",
        YesNoColumn("enabled", label=_label(CertificateTemplate, "enabled")),
        FilledColumn(
            "issuing_organisation", label=_label(CertificateTemplate, "issuing_organisation")
        ),
        Column(
            "validity",
            label=_("Validity"),
            accessor=lambda template: validity_text(template.validity_months),
        ),
        YesNoColumn("auto_issue", label=_label(CertificateTemplate, "auto_issue")),
    ]
    copy_view_enabled = False
    name = "certificate_settings"


class CertificatesGroup(ViewSetGroup):
    """One menu: who awaits a certificate, the issued ones, the settings per course."""

    menu_label = _("Certificates")
    menu_icon = "tick-inverse"
    menu_order = 250
    items = (CertificateViewSet, CertificateTemplateViewSet)
    submenu_hook = "register_certificates_menu_item"


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CertificatesGroup()


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("certificates/awaiting/", admin_views.awaiting, name="certificates_awaiting"),
        path("certificates/revoke/<int:pk>/", admin_views.revoke, name="certificates_revoke"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_certificates_menu_item")
def register_awaiting_menu_item():
    return PermissionMenuItem(
        _("Awaiting certificate"),
        reverse("certificates_awaiting"),
        icon_name="time",
        order=0,  # first: the work to do
        permission=ISSUE_PERMISSION,
    )


@hooks.register("after_create_page")
def give_a_new_course_its_certificate_settings(request, page):
    """Every new course gets certificate settings, switched off until an administrator
    checks them and turns issuing on."""
    if isinstance(page.specific_deferred, CoursePage):
        certificate_template_create_for_course(course=page)


@hooks.register("after_copy_page")
def give_a_copied_course_its_certificate_settings(request, page, new_page):
    """A copied course starts from the original's settings, switched off."""
    if isinstance(new_page.specific_deferred, CoursePage):
        like = CertificateTemplate.objects.filter(
            course__translation_key=page.translation_key
        ).first()
        certificate_template_create_for_course(course=new_page, like=like)


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.issue", _("Issue"), _("Certificate issued"))
    actions.register_action("certificates.revoke", _("Revoke"), _("Certificate revoked"))
