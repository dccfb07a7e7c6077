"""Course, module, lesson and quiz pages from the demo files (demo/courses, demo/quizzes)."""

from __future__ import annotations

import json
from html import escape

from django.conf import settings

from courses.models import Audience, CourseIndexPage, CoursePage, LessonPage, ModulePage
from quizzes.models import QuizPage

from .report import Report


def source_pages(model):
    """Pages of ``model`` in the source language's tree (not their translations)."""
    return model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


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
    """Resource blocks for what a lesson cites (demo/citations/), after a heading."""
    cited = [resources[t.lower()] for t in titles if t.lower() in resources]
    if not cited:
        return []
    heading = {"type": "text", "value": "<h3>Read further in the e-library</h3>"}
    return [heading, *({"type": "resource", "value": {"resource": pk, "note": ""}} for pk in cited)]


def create_course(
    index: CourseIndexPage,
    data: dict,
    *,
    cited: dict[tuple[str, str], list[str]],
    resources: dict[str, int],
) -> CoursePage:
    """Create one course with its modules and lessons from a parsed demo file.

    ``cited`` comes from demo/citations/; ``resources`` maps lower-cased titles to resource ids.
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
        page = _publish(
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
        first = module.get_first_child()
        if quiz["role"] == "pre_test" and first is not None and first.pk != page.pk:
            page.move(first, pos="left")  # taken before the module's lessons
        report.created.append(f"{course.slug}/{quiz['slug']}")
