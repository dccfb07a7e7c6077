"""Load the demonstration courses and accounts. Running it again changes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from certificates import codes
from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_issue, certificate_revoke
from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.services import enrolment_create, step_complete
from library.models import Resource, Term, TermName
from quizzes.models import Attempt, QuizPage
from quizzes.services import attempt_start, attempt_submit

from ..setup import ADMINISTRATORS, TRAINERS, ensure_site_structure
from .content import (
    citations,
    course_files,
    library_files,
    quiz_files,
    read_toml,
    translation_files,
)

# Local demo accounts only; the README documents them. Never created by settings.
DEMO_PASSWORD = "learn-safely-2026"  # noqa: S105
DEMO_USERS = [
    {
        "email": "trainee@example.org",
        "full_name": "Aigerim Demo-Trainee",
        "organisation": "Regional Police Academy",
        "country": "KZ",
        "audience": "police_investigators",
    },
    {
        "email": "trainer@example.org",
        "full_name": "Timur Demo-Trainer",
        "organisation": "Training Centre",
        "country": "KG",
        "audience": "social_workers",
        "group": TRAINERS,
        "is_staff": True,
    },
    {
        "email": "admin@example.org",
        "full_name": "Dilnoza Demo-Admin",
        "organisation": "Platform team",
        "country": "UZ",
        "audience": "general_public",
        "group": ADMINISTRATORS,
        "is_staff": True,
        "is_superuser": True,
    },
]
# The trainee is part-way through one course and has finished another.
TRAINEE_PROGRESS = {
    "peacekeepers-zero-tolerance": 5,
    "safe-migration-know-your-rights": None,  # None: every lesson
    "identifying-victims-at-the-border": None,
}
# The demo trainee's valid certificate has this fixed code, so that the README can
# offer it for the verification page; every other code is random.
DEMO_CERTIFICATE_CODE = codes.code_from_bits(0x2026_C0DE_5AFE_0000_0001)
CERTIFICATE_SETTINGS = {
    "issuing_organisation": "Counter-Trafficking Learning (demonstration)",
    "signatory_name": "Dilnoza Demo-Admin",
    "signatory_title": "Training coordinator",
}


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _content_note(raw: dict) -> str:
    """The note without a leading "Content note:", which the templates add themselves."""
    note = raw.get("content_note", "").strip()
    prefix = "content note:"
    return note[len(prefix) :].strip() if note.lower().startswith(prefix) else note


def _paragraph(text: str) -> str:
    text = text.strip()
    return text if text.startswith("<") else f"<p>{escape(text)}</p>"


def _block(raw: dict) -> dict:
    kind = raw["type"]
    if kind == "text":
        return {"type": "text", "value": raw["html"]}
    if kind in ("key_point", "warning"):
        return {"type": kind, "value": {"title": raw["title"], "text": _paragraph(raw["text"])}}
    if kind == "case_study":
        return {
            "type": "case_study",
            "value": {
                "title": raw["title"],
                "content_note": _content_note(raw),
                "body": raw["html"],
                "questions": raw.get("questions", []),
            },
        }
    if kind == "checklist":
        return {"type": "checklist", "value": {"title": raw["title"], "items": raw["items"]}}
    raise ValueError(f"Unknown block type {kind!r}")


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _citation_blocks(titles: list[str], resources: dict[str, int]) -> list:
    """Resource blocks for what a lesson cites (citations.toml), after a heading."""
    cited = [resources[t.lower()] for t in titles if t.lower() in resources]
    if not cited:
        return []
    heading = {"type": "text", "value": "<h3>Read further in the e-library</h3>"}
    return [heading, *({"type": "resource", "value": {"resource": pk}} for pk in cited)]


def create_course(
    index: CourseIndexPage,
    data: dict,
    *,
    cited: dict[tuple[str, str], list[str]],
    resources: dict[str, int],
) -> CoursePage:
    """Create one course with its modules and lessons from a parsed demo file.

    ``cited`` is citations.toml; ``resources`` maps lower-cased titles to resource ids.
    """
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        description=data["description"],
        objectives=json.dumps([{"type": "objective", "value": o} for o in data["objectives"]]),
        estimated_hours=data.get("estimated_hours", 1),
        featured=data.get("featured", False),
    )
    course.audiences = list(Audience.objects.filter(code__in=data["audiences"]))
    _publish(index, course)
    for module_data in data["modules"]:
        module = _publish(
            course,
            ModulePage(
                title=module_data["title"],
                slug=module_data["slug"],
                summary=module_data["summary"],
            ),
        )
        for lesson in module_data["lessons"]:
            sources = "".join(f"<li>{escape(s)}</li>" for s in lesson["sources"])
            _publish(
                module,
                LessonPage(
                    title=lesson["title"],
                    slug=lesson["slug"],
                    summary=lesson["summary"][:300],
                    estimated_minutes=lesson["minutes"],
                    open_preview=lesson.get("preview", False),
                    required=lesson.get("required", True),
                    body=json.dumps(
                        [
                            *(_block(b) for b in lesson["body"]),
                            *_citation_blocks(
                                cited.get((data["slug"], lesson["slug"]), []), resources
                            ),
                        ]
                    ),
                    sources=f"<ul>{sources}</ul>",
                ),
            )
    return course


def _question(raw: dict) -> dict:
    kind = raw["type"]
    explained = {"explanation": raw.get("explanation", ""), "source": raw.get("source", "")}
    if kind == "myth_reality":
        return {
            "type": kind,
            "value": {"statement": raw["statement"], "answer": raw["answer"], **explained},
        }
    if kind in ("single_choice", "multiple_choice"):
        options = [
            {
                "text": o["text"],
                "correct": bool(o.get("correct")),
                "feedback": o.get("feedback", ""),
            }
            for o in raw["options"]
        ]
        return {"type": kind, "value": {"prompt": raw["prompt"], "options": options, **explained}}
    if kind == "scenario":
        return {
            "type": kind,
            "value": {
                "title": raw["title"],
                "content_note": _content_note(raw),
                "case": raw["case"],
                "questions": [_question(q) for q in raw["questions"]],
            },
        }
    raise ValueError(f"Unknown question type {kind!r}")


def create_quizzes(course: CoursePage, data: dict, report: Report) -> None:
    """Add the quizzes of one demo quiz file to its course, skipping those already there."""
    for quiz in data["quizzes"]:
        if QuizPage.objects.descendant_of(course).filter(slug=quiz["slug"]).exists():
            report.kept.append(f"{course.slug}/{quiz['slug']}")
            continue
        module = ModulePage.objects.child_of(course).filter(slug=quiz["module"]).first()
        if module is None:
            module = _publish(
                course,
                ModulePage(title=quiz["module_title"], slug=quiz["module"], summary=""),
            )
        _publish(
            module,
            QuizPage(
                title=quiz["title"],
                slug=quiz["slug"],
                summary=quiz.get("intro", "")[:300],
                intro=_paragraph(quiz.get("intro", "")),
                role=quiz["role"],
                pass_mark=quiz["pass_mark"],
                attempts_allowed=quiz["attempts_allowed"],
                shuffle=quiz["shuffle"],
                pool_size=quiz["pool_size"],
                feedback_mode=quiz["feedback"],
                estimated_minutes=quiz.get("minutes", 10),
                questions=json.dumps([_question(q) for q in quiz["questions"]]),
            ),
        )
        report.created.append(f"{course.slug}/{quiz['slug']}")


def _answers(attempt: Attempt, *, right: bool) -> dict[str, set[str]]:
    answers = {}
    for item in attempt.items:
        options = [o["id"] for o in item["options"] if o["correct"] == right]
        answers[item["id"]] = set(
            options[:1] if item["kind"] != "multiple" or not right else options
        )
    return answers


def ensure_trainee_quiz_results(trainee) -> None:
    """One failed and one passed attempt at the peacekeepers' myth-or-reality quiz."""
    quiz = QuizPage.objects.filter(
        slug="myth-or-reality",
        path__startswith=CoursePage.objects.get(slug="peacekeepers-zero-tolerance").path,
    ).first()
    if quiz is None or Attempt.objects.filter(learner=trainee, quiz=quiz).exists():
        return
    for right in (False, True):
        attempt = attempt_start(learner=trainee, quiz=quiz)
        attempt_submit(
            learner=trainee, attempt_id=attempt.pk, answers=_answers(attempt, right=right)
        )


def ensure_library(report: Report) -> None:
    """Catalogue records from the demo files; links only, never a hosted file."""
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator
    from django.utils.text import slugify

    terms = {(t.facet, t.slug): t for t in Term.objects.all()}
    slugs = set(Resource.objects.values_list("slug", flat=True))
    titles = {t.lower() for t in Resource.objects.values_list("title", flat=True)}
    created = 0
    for path in library_files():
        for raw in read_toml(path)["resources"]:
            if raw["title"].lower() in titles:
                continue
            titles.add(raw["title"].lower())
            slug = base = slugify(raw["title"])[:100] or "resource"
            n = 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            url = raw.get("url", "")
            try:
                URLValidator()(url)
            except ValidationError:
                url = ""
            resource = Resource(
                title=raw["title"][:300],
                original_title=raw.get("original_title", "")[:300],
                slug=slug,
                summary=raw["summary"],
                resource_type=terms[("type", raw["type"])],
                publisher=raw.get("publisher", "")[:300],
                year=raw.get("year") or None,
                licence=raw.get("licence", "")[:300],
                attribution=raw.get("attribution", "")[:500],
                url=url,
            )
            for facet, relation in (
                ("language", "languages"),
                ("country", "countries"),
                ("audience", "audiences"),
                ("topic", "topics"),
            ):
                values = raw.get(relation, [])
                setattr(
                    resource,
                    relation,
                    [terms[(facet, v.lower())] for v in values if (facet, v.lower()) in terms],
                )
            resource.save()
            created += 1
    if created:
        report.created.append(f"{created} e-library resources")


def ensure_library_translations(report: Report) -> None:
    """Taxonomy names and versions of some records in other languages (translations/)."""
    from wagtail.models import Locale

    terms = {f"{t.facet}.{t.slug}": t for t in Term.objects.all()}
    originals = {
        r.title: r for r in Resource.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    for path in translation_files():
        data = read_toml(path)
        language = data["language"]
        locale = Locale.objects.get(language_code=language)
        named = set(TermName.objects.filter(language=language).values_list("term_id", flat=True))
        names = TermName.objects.bulk_create(
            TermName(term=terms[key], language=language, name=name)
            for key, name in data.get("terms", {}).items()
            if key in terms and terms[key].pk not in named
        )
        done = set(Resource.objects.filter(locale=locale).values_list("translation_key", flat=True))
        created = 0
        for raw in data.get("resources", []):
            original = originals.get(raw["original"])
            if original is None or original.translation_key in done:
                continue
            version = original.copy_for_translation(locale)
            version.title, version.summary = raw["title"][:300], raw["summary"]
            version.save()
            created += 1
        if names or created:
            report.created.append(
                f"{len(names)} term names and {created} e-library resources in {language}"
            )


def ensure_certificate_settings() -> None:
    """Every demo course issues certificates; the safe-migration one automatically."""
    for course in CoursePage.objects.all():
        CertificateTemplate.objects.get_or_create(
            course=course,
            defaults={
                **CERTIFICATE_SETTINGS,
                "auto_issue": course.slug == "safe-migration-know-your-rights",
                "validity_months": 24 if course.slug == "peacekeepers-zero-tolerance" else None,
            },
        )


def ensure_trainee_certificates(trainee, admin) -> None:
    """One valid certificate (with the README's code) and one revoked."""
    if Certificate.objects.filter(learner=trainee, revoked_at__isnull=False).exists():
        return  # done before
    # The safe-migration certificate may exist already: that course issues automatically.
    valid = certificate_issue(
        learner=trainee,
        course=CoursePage.objects.get(slug="safe-migration-know-your-rights"),
        issued_by=admin,
    )
    Certificate.objects.filter(pk=valid.pk).update(code=DEMO_CERTIFICATE_CODE)
    revoked = certificate_issue(
        learner=trainee,
        course=CoursePage.objects.get(slug="identifying-victims-at-the-border"),
        issued_by=admin,
    )
    certificate_revoke(
        certificate_id=revoked.pk,
        revoked_by=admin,
        reason="Issued to the wrong account (demonstration of revocation).",
    )


def ensure_demo_users(report: Report) -> dict[str, object]:
    User = get_user_model()
    users = {}
    for spec in DEMO_USERS:
        spec = dict(spec)
        group = spec.pop("group", None)
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User.objects.create_user(password=DEMO_PASSWORD, **spec)
            if group:
                user.groups.add(Group.objects.get(name=group))
            report.created.append(spec["email"])
        else:
            report.kept.append(spec["email"])
        users[spec["email"]] = user
    return users


def ensure_trainee_progress(trainee) -> None:
    """Enrol the trainee and complete lessons, unless they are already enrolled."""
    for slug, count in TRAINEE_PROGRESS.items():
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None or course.enrolments.filter(learner=trainee).exists():
            continue
        enrolment_create(learner=trainee, course=course)
        lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
        for lesson in lessons[:count] if count is not None else lessons:
            step_complete(learner=trainee, step=lesson)


@transaction.atomic
def load_demo() -> Report:
    """Create what is missing of the demo site: courses, accounts, the trainee's progress."""
    report = Report()
    ensure_site_structure()
    ensure_library(report)  # first: lessons cite its resources
    ensure_library_translations(report)
    index = CourseIndexPage.objects.get()
    cited = citations()
    resources = {
        title.lower(): pk
        for pk, title in Resource.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).values_list("pk", "title")
    }
    for path in course_files():
        data = read_toml(path)
        if CoursePage.objects.filter(slug=data["slug"]).exists():
            report.kept.append(data["slug"])
            continue
        create_course(index, data, cited=cited, resources=resources)
        report.created.append(data["slug"])
    for path in quiz_files():
        data = read_toml(path)
        course = CoursePage.objects.filter(slug=data["course"]).first()
        if course is not None:
            create_quizzes(course, data, report)
    ensure_certificate_settings()
    users = ensure_demo_users(report)
    ensure_trainee_progress(users["trainee@example.org"])
    ensure_trainee_quiz_results(users["trainee@example.org"])
    ensure_trainee_certificates(users["trainee@example.org"], users["admin@example.org"])
    return report
