"""The figures of each report, from the filtered enrolments, in a fixed number of queries.

Every function takes the enrolments a report's filters left (``filters.LearnerFilterSet``
over the courses the user manages) and returns plain rows (dicts), which the screen and
the export both show, so an export holds exactly what the screen does.

An enrolment without a learner is what remains of a learner who deleted their account:
the course, its dates and the certificates issued for it, nothing about the person. It
counts in the figures (enrolled, completed, certified) and in no breakdown by a
learner's profile except "Not stated"; its step completions and attempts are gone.
"""

from __future__ import annotations

from datetime import timedelta
from statistics import median

from django.db.models import Avg, Count, Exists, F, Max, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AgeBand, Gender
from certificates.models import Certificate
from core.choices import AUDIENCE_CHOICES, COUNTRY_CHOICES
from courses.models import CoursePage, GroupMembership, StepCompletion, StepPage, TrainingGroup
from quizzes.models import Attempt, KnowledgeGain, QuizPage, QuizRole
from quizzes.selectors import question_statistics
from quizzes.snapshot import MULTIPLE, question_units

from .privacy import hidden_cells, small

ACTIVE_DAYS = 30


def among(enrolments):
    """A filter for rows (knowledge gains) of a learner and course in ``enrolments``."""
    return Exists(enrolments.filter(learner=OuterRef("learner"), course=OuterRef("course")))


def people(condition: Q | None = None):
    """The number of people among enrolments (meeting ``condition``): each learner once,
    and each anonymous enrolment as one person, since nothing tells whose it was."""
    anonymous = Q(learner__isnull=True) & (condition or Q())
    return Count("learner", distinct=True, filter=condition) + Count("pk", filter=anonymous)


def under(paths) -> Q:
    """A filter for pages under any of the tree ``paths`` (the user's courses)."""
    within = Q(pk__in=[])
    for path in paths:
        within |= Q(path__startswith=path)
    return within


def course_overview(enrolments, *, narrowed: bool, now=None) -> list[dict]:
    """One row per course: enrolled, started (a step done), active lately, completed,
    completion rate, median days to complete, certificates issued and revoked. Four
    queries.

    Started is the enrolment's ``started_at`` (its first step completed), which stays
    when the account and its step completions are deleted.

    With ``narrowed`` (a filter picks out a group of people), figures describing fewer
    than five learners are hidden, with what is derived from them.
    """
    now = now or timezone.now()
    rows = {
        row["course"]: row
        for row in enrolments.values("course")
        .annotate(
            enrolled=Count("pk"),
            started=Count("pk", filter=Q(started_at__isnull=False)),
            active=Count("pk", filter=Q(last_activity_at__gte=now - timedelta(days=ACTIVE_DAYS))),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
        .order_by()
    }
    durations: dict[int, list[float]] = {}
    for course, enrolled_at, completed_at in enrolments.filter(
        completed_at__isnull=False
    ).values_list("course", "enrolled_at", "completed_at"):
        durations.setdefault(course, []).append((completed_at - enrolled_at).total_seconds())
    certificates = {
        row["course"]: row
        for row in Certificate.objects.filter(enrolment__in=enrolments)
        .values("course")
        .annotate(issued=Count("pk"), revoked=Count("pk", filter=Q(revoked_at__isnull=False)))
        .order_by()
    }
    titles = dict(CoursePage.objects.filter(pk__in=rows).values_list("pk", "title"))
    result = []
    for course, row in sorted(rows.items(), key=lambda item: titles.get(item[0], "")):
        issued = certificates.get(course, {})
        days = durations.get(course)
        entry = {
            "course": titles.get(course, ""),
            "course_id": course,
            "enrolled": row["enrolled"],
            "started": row["started"],
            "active": row["active"],
            "completed": row["completed"],
            "completion_rate": round(100 * row["completed"] / row["enrolled"]),
            "median_days": round(median(days) / 86400, 1) if days else None,
            "certificates_issued": issued.get("issued", 0),
            "certificates_revoked": issued.get("revoked", 0),
        }
        if narrowed:
            _hide_small(entry)
        result.append(entry)
    return result


def _hide_small(entry: dict) -> None:
    """In a breakdown, a course's figures about fewer than five learners go."""
    if small(entry["enrolled"]):
        for key in entry:
            if key not in ("course", "course_id"):
                entry[key] = None
        return
    for key in ("started", "active", "certificates_issued", "certificates_revoked"):
        if small(entry[key]):
            entry[key] = None
    if small(entry["completed"]):
        entry["completed"] = entry["completion_rate"] = entry["median_days"] = None


# Breakdowns ------------------------------------------------------------------------

# The learner's profile fields a breakdown may use, with how to name their values.
DIMENSIONS = {
    "country": ("learner__country", dict(COUNTRY_CHOICES)),
    "gender": ("learner__gender", dict(Gender.choices)),
    "age_band": ("learner__age_band", dict(AgeBand.choices)),
    "profession": ("learner__audience", dict(AUDIENCE_CHOICES)),
}
SECTION_TITLES = {
    "country": _("By country"),
    "gender": _("By gender"),
    "age_band": _("By age band"),
    "profession": _("By profession"),
    "group": _("By training group"),
}


def _label(names: dict, value) -> str:
    return str(names.get(value, value)) if value else str(_("Not stated"))


def _section(name, rows, total, figures, columns, derived=None) -> list[dict]:
    """A breakdown: its title, its rows, then its total; small numbers hidden.

    Each of ``figures`` is hidden on its own where it is small, with complementary
    suppression against the total; a row whose first figure (the learners it describes)
    is hidden loses its other figures and what is ``derived`` from them (an average).
    A total of 1 to 4 is hidden too.
    """
    wiped = [*figures, *(derived or [])]
    rows = sorted(rows, key=lambda row: (-(row[figures[0]] or 0), row["label"]))
    for figure in figures:
        hidden = hidden_cells([row[figure] or 0 for row in rows], total[figure] or 0)
        for row, hide in zip(rows, hidden, strict=True):
            if hide:
                row[figure] = None
    for row in rows:
        for column in columns:
            row.setdefault(column, None)
        if row[figures[0]] is None:
            row.update(dict.fromkeys(wiped))
    heading = {"label": str(SECTION_TITLES[name]), "heading": True} | dict.fromkeys(columns, "")
    total_row = {"label": str(_("Total"))} | {c: total.get(c) for c in columns}
    if small(total[figures[0]]):
        total_row.update(dict.fromkeys(wiped))
    for figure in figures:
        if small(total_row[figure]):
            total_row[figure] = None
    return [heading, *rows, total_row]


def reach_summary(enrolments, *, groups) -> list[dict]:
    """People who took part, completed a course and were certified, by country, gender,
    age band and profession, and the training groups held, by country: one query per
    breakdown, plus the totals and the groups (seven)."""
    valid_certificate = Exists(
        Certificate.objects.filter(enrolment=OuterRef("pk"), revoked_at=None)
    )
    # Not named like the figure ("certified"), which would shadow it in the total.
    counted = enrolments.alias(has_certificate=valid_certificate)
    measures = {
        "took_part": people(),
        "completed": people(Q(completed_at__isnull=False)),
        "certified": people(Q(has_certificate=True)),
    }
    figures = list(measures)
    columns = [*figures, "groups"]
    total = counted.aggregate(**measures) | {"groups": groups.count()}
    result = []
    for name, (field, names) in DIMENSIONS.items():
        # Not stated and no longer known (an anonymous enrolment) are one row.
        rows = {
            row["value"]: {"label": _label(names, row["value"])} | {f: row[f] for f in figures}
            for row in counted.values(value=Coalesce(field, Value("")))
            .annotate(**measures)
            .order_by()
        }
        if name == "country":
            # Groups are counted where they were held; a country with groups and no
            # learner who gives it as theirs still has its row.
            for country, n in groups.values_list("country").annotate(n=Count("pk")).order_by():
                rows.setdefault(
                    country, {"label": _label(names, country)} | dict.fromkeys(figures, 0)
                )
                rows[country]["groups"] = n
            for row in rows.values():
                row.setdefault("groups", 0)
        section = _section(name, list(rows.values()), total, figures, columns)
        if name != "country":
            for row in section:
                row["groups"] = ""
        result += section
    return result


def knowledge_gain(enrolments, *, breakdowns=("group", "country", "profession", "gender")):
    """Average pre-test and post-test scores and the gain, for the learners among
    ``enrolments`` who took both: overall, then by each breakdown. One query each, and
    one for the groups' names."""
    gains = KnowledgeGain.objects.filter(among(enrolments))
    measures = {"learners": Count("pk"), "pre": Avg("pre_percent"), "post": Avg("post_percent")}
    columns = ["learners", "pre", "post", "gain"]

    def figures(row):
        pre, post = row["pre"], row["post"]
        return {
            "learners": row["learners"],
            "pre": None if pre is None else round(pre, 1),
            "post": None if post is None else round(post, 1),
            "gain": None if pre is None else round(post - pre, 1),
        }

    total = figures(gains.aggregate(**measures))
    overall = {"label": str(_("All learners"))} | total
    if small(total["learners"]):
        overall.update(dict.fromkeys(columns))
    result = [overall]
    for name in breakdowns:
        if name == "group":
            field = "learner__group_memberships__group"
            names = dict(
                TrainingGroup.objects.filter(course__in=enrolments.values("course")).values_list(
                    "pk", "name"
                )
            )
            # A learner's group in this course (they may be in groups of others).
            grouped = gains.filter(learner__group_memberships__group__course=F("course"))
        else:
            field, names = DIMENSIONS[name]
            grouped = gains
        rows = [
            {"label": _label(names, row[field])} | figures(row)
            for row in grouped.values(field).annotate(**measures).order_by()
        ]
        result += _section(name, rows, total, ["learners"], columns, columns)[:-1]
    return result


# Which myths persist -------------------------------------------------------------------


def _shares(quiz, enrolments, *, narrowed: bool) -> dict[str, dict]:
    """Per question prompt: learners who answered first, the share right, the answers."""
    stats = question_statistics(quiz=quiz, learners=enrolments.values("learner"))
    result = {}
    for unit in question_units(quiz.questions):
        for item in unit:
            n = stats.get(item["id"], {}).get("first_attempts", 0)
            counts = stats.get(item["id"], {}).get("first", {})
            right = {o["id"] for o in item["options"] if o["correct"]}
            share = None
            if n and item["kind"] != MULTIPLE:
                share = round(100 * sum(counts.get(o, 0) for o in right) / n)
            hide = narrowed and small(n)
            result[item["prompt"]] = {
                "question": item["prompt"],
                "kind": item["kind"],
                "answered": None if hide else n,
                "correct_share": None if hide else share,
                "answers": None
                if hide
                else " · ".join(
                    f"{_option_name(o)}: {counts.get(o['id'], 0)}" for o in item["options"]
                ),
                "right_answer": ", ".join(_option_name(o) for o in item["options"] if o["correct"]),
            }
    return result


def _option_name(option) -> str:
    text = str(option["text"])
    return text if len(text) <= 40 else text[:39] + "…"


def myths_persist(quiz, enrolments, *, narrowed: bool) -> list[dict]:
    """Each question of ``quiz`` with the share of right first answers, least known first.

    For a pre-test or post-test, the other of the pair (the same statements, word for
    word) adds the share right before and after the course: the myths still believed
    after it are those whose post-test share stays low. Two queries per quiz.
    """
    rows = _shares(quiz, enrolments, narrowed=narrowed)
    partner_role = {QuizRole.PRE_TEST: QuizRole.POST_TEST, QuizRole.POST_TEST: QuizRole.PRE_TEST}
    partner = None
    if quiz.role in partner_role:
        partner = QuizPage.objects.filter(
            role=partner_role[quiz.role], locale=quiz.locale, path__startswith=quiz.course_path
        ).first()
    pre = post = {}
    if partner is not None:
        other = _shares(partner, enrolments, narrowed=narrowed)
        pre, post = (rows, other) if quiz.role == QuizRole.PRE_TEST else (other, rows)
    result = []
    for prompt, row in rows.items():
        row = dict(row)
        row["pre_share"] = pre.get(prompt, {}).get("correct_share") if partner else ""
        row["post_share"] = post.get(prompt, {}).get("correct_share") if partner else ""
        result.append(row)
    result.sort(key=lambda r: (r["correct_share"] is None, r["correct_share"] or 0))
    return result


# Learner progress ------------------------------------------------------------------------


# What ``learner_progress`` reads of each enrolment: plain values, since building
# 10,000 page and user objects for an export would cost seconds.
MANY_LEARNERS = 500
PROGRESS_FIELDS = [
    "learner_id",
    "course_id",
    "last_activity_at",
    "completed_at",
    "learner__full_name",
    "learner__email",
    "learner__organisation",
]


def learner_progress(enrolments) -> list[dict]:
    """One row per enrolment (``enrolments`` as ``.values(*PROGRESS_FIELDS)``, a page of
    them or all): the learner, their groups in that course, the share of required steps
    done, last activity, best final assessment score and certificate status. Six
    queries whatever the number of rows."""
    enrolments = list(enrolments)
    if not enrolments:
        return []
    courses = {
        c["pk"]: c
        for c in CoursePage.objects.filter(pk__in={e["course_id"] for e in enrolments}).values(
            "pk", "title", "path"
        )
    }
    learners = {e["learner_id"] for e in enrolments}
    # For a page of rows, their learners; for an export of thousands, every learner of
    # these courses (a list of 10,000 ids costs more than the rows it would leave out).
    mine = Q(learner__in=learners) if len(learners) <= MANY_LEARNERS else Q()
    # Course pages sit at one depth: a step's course is the start of its path.
    paths = {course["path"]: pk for pk, course in courses.items()}
    depth = len(next(iter(paths)))
    steps = StepPage.objects.live().filter(under(paths), required=True)
    totals: dict[int, int] = {}
    for path in steps.values_list("path", flat=True):
        totals[paths[path[:depth]]] = totals.get(paths[path[:depth]], 0) + 1
    done = {
        (learner, paths[course_path]): n
        for learner, course_path, n in StepCompletion.objects.filter(mine, step__in=steps)
        .annotate(course_path=Substr("step__path", 1, depth))
        .values("learner", "course_path")
        .annotate(n=Count("pk"))
        .values_list("learner", "course_path", "n")
        .order_by()
        if course_path in paths
    }
    best = {}
    for learner, quiz_path, percent in (
        Attempt.objects.filter(mine, quiz__role=QuizRole.REQUIRED, submitted_at__isnull=False)
        .annotate(course_path=Substr("quiz__path", 1, depth))
        .values("learner", "course_path")
        .annotate(best=Max("percent"))
        .values_list("learner", "course_path", "best")
        .order_by()
    ):
        if quiz_path in paths:
            best[(learner, paths[quiz_path])] = percent
    certificates = {
        (c.learner_id, c.course_id): c
        for c in Certificate.objects.filter(mine, course__in=courses)
        .only("learner_id", "course_id", "revoked_at", "valid_until")
        .order_by("issued_at")
    }
    groups: dict[tuple[int, int], list[str]] = {}
    for learner, course, name in GroupMembership.objects.filter(
        mine, group__course__in=courses
    ).values_list("learner", "group__course", "group__name"):
        groups.setdefault((learner, course), []).append(name)
    rows = []
    for e in enrolments:
        key = (e["learner_id"], e["course_id"])
        total = totals.get(e["course_id"], 0)
        certificate = certificates.get(key)
        rows.append(
            {
                "learner_id": e["learner_id"],
                "name": e["learner__full_name"] or e["learner__email"],
                "email": e["learner__email"],
                "organisation": e["learner__organisation"],
                "course": courses[e["course_id"]]["title"],
                "groups": ", ".join(sorted(groups.get(key, []))),
                "percent": round(100 * done.get(key, 0) / total) if total else 0,
                "last_activity": e["last_activity_at"],
                "completed": e["completed_at"],
                "final_score": None if key not in best else round(best[key]),
                "certificate": str(certificate.get_status_display()) if certificate else "",
            }
        )
    return rows


def funnel_stages(rows: list[dict]) -> list[tuple[str, int | None]]:
    """Enrolled, started, completed, certified, over the rows of the course overview.

    A stage any of whose cells is hidden is hidden too: its sum would give them back.
    """
    stages = [
        (_("Enrolled"), "enrolled"),
        (_("Started"), "started"),
        (_("Completed"), "completed"),
        (_("Certified"), "certificates_issued"),
    ]
    result = []
    for label, key in stages:
        values = [row[key] for row in rows]
        result.append((label, None if None in values else sum(values)))
    return result
