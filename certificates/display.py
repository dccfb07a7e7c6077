"""Certificate values as people read them in the admin and its exports.

One way for each kind of value, so the listing, the inspect view and the spreadsheets
agree: a date in the reader's language (Django's ``DATE_FORMAT``: "Dec. 1, 2026" in
English; day, month name and year in Russian), a moment with its time
(``DATETIME_FORMAT``, whose date part is the same), yes or no, a validity period or
"No expiry". Spreadsheets, which people sort and filter, take moments to the minute in
the site's time zone (``2026-12-01 21:05``), whoever downloads them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

# Spreadsheet moments: the same text in CSV and the same display in XLSX.
EXPORT_TIMESTAMP = "%Y-%m-%d %H:%M"
XLSX_TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm"
EMPTY = "—"


def yes_no(value: bool | None) -> str:
    if value is None:
        return EMPTY
    return gettext("Yes") if value else gettext("No")


def validity_text(months: int | None) -> str:
    """How long a course's certificates are valid: "24 months", or "No expiry"."""
    if not months:
        return gettext("No expiry")
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


def date_text(value: datetime.date | None) -> str:
    """A date (or the local date of a moment) in the reader's language."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "DATE_FORMAT")


def timestamp_text(value: datetime.datetime | None) -> str:
    """A moment in the reader's language and time zone, to the minute."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def export_local(value: datetime.datetime) -> datetime.datetime:
    """A moment in the site's time zone, without seconds or zone (for a spreadsheet)."""
    local = timezone.localtime(value, timezone.get_default_timezone())
    return local.replace(second=0, microsecond=0, tzinfo=None)


def export_timestamp(value: datetime.datetime | None) -> str:
    return export_local(value).strftime(EXPORT_TIMESTAMP) if value else ""
