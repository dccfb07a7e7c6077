"""Certificates in Wagtail's admin: settings per course, the issued list, issuing, revoking."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views, codes
from .models import Certificate, CertificateTemplate
from .services import ISSUE_PERMISSION, REVOKE_PERMISSION


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


class CertificateIndexView(IndexView):
    page_title = _("Issued certificates")

    @cached_property
    def search_query(self):
        # A code as printed (GAWK-897Y-XJN3-NJHR-2) or typed is found as stored.
        query = super().search_query
        try:
            return codes.normalise(query)
        except (codes.MalformedCode, codes.CheckFailed):
            return query


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
        "issued_at",
        Column("status", label=_("Status"), accessor="get_status_display"),
        RevokeColumn("revoke", label=_("Action"), classname="w-whitespace-nowrap"),
    ]
    list_filter = ["course", "country", "issued_at"]
    search_fields = ["code", "holder_name", "organisation", "course_title"]
    search_backend_name = None
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
        "revoked_at",
        "revocation_reason",
    ]
    export_filename = "certificates"
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
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
    list_display = ["course", "enabled", "issuing_organisation", "auto_issue", "validity_months"]
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


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.issue", _("Issue"), _("Certificate issued"))
    actions.register_action("certificates.revoke", _("Revoke"), _("Certificate revoked"))
