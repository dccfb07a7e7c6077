"""Read and check the demo course files in ``demo/courses/*.toml``.

The files are authored by hand (prose in TOML multi-line strings) and loaded into
Wagtail pages by the ``load_demo`` management command. This module only reads and
validates them, with the standard library and the plain vocabularies of ``core``, so
that a writer can check a file with ``python -m demo.content FILE...`` (from the
project's folder) before the project is even installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from core.vocabularies import AUDIENCE_CODES
from library.terms import DEFAULT_TERMS

COURSES_DIR = Path(__file__).resolve().parent / "courses"
QUIZZES_DIR = Path(__file__).resolve().parent / "quizzes"
LIBRARY_DIR = Path(__file__).resolve().parent / "library"
CITATIONS_DIR = Path(__file__).resolve().parent / "citations"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"

BLOCK_FIELDS = {
    "text": {"html"},
    "key_point": {"title", "text"},
    "warning": {"title", "text"},
    "case_study": {"title", "html"},
    "checklist": {"title", "items"},
}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_RE = re.compile(r"<[^>]+>")
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBERS = {word: n for n, word in enumerate(NUMBER_WORDS.split(" "))}
_NUMBER = "|".join([*NUMBERS, r"\d+"])
# "five modules", "four short lessons", "Twelve questions", "14 statements".
STATED_RE = re.compile(
    rf"\b({_NUMBER})\s+(?:[a-z-]+\s+)?(modules?|lessons?|questions|statements)\b", re.I
)
# "The course has five modules, followed by a final assessment": the final assessment's
# own module is not among those counted.
BEFORE_FINAL_RE = re.compile(r"modules?\b[^.]{0,60}\bfollowed by a final assessment", re.I)
# A stated duration may be this far from the sum of the steps' minutes.
DURATION_TOLERANCE = 0.15
# What the loader assumes for a quiz that does not say how long it takes.
DEFAULT_QUIZ_MINUTES = 10


def stated(text: str, noun: str) -> list[int]:
    """The numbers of ``noun`` (modules, lessons, questions...) a text states."""
    numbers = []
    for number, found in STATED_RE.findall(TAG_RE.sub(" ", text)):
        if found.lower().rstrip("s") == noun.rstrip("s"):
            numbers.append(int(number) if number.isdigit() else NUMBERS[number.lower()])
    return numbers


def block_text(block: dict) -> str:
    """Return the visible words of one body block, without markup."""
    parts = [
        block.get("title", ""),
        block.get("text", ""),
        block.get("html", ""),
        block.get("content_note", ""),
        " ".join(block.get("items", [])),
        " ".join(block.get("questions", [])),
    ]
    return TAG_RE.sub(" ", " ".join(parts))


def lesson_word_count(lesson: dict) -> int:
    """Count the words a learner reads in a lesson body."""
    return sum(len(block_text(b).split()) for b in lesson.get("body", []))


def quiz_items(quiz: dict) -> int:
    """How many items a learner answers in a quiz: a scenario's questions count, not it."""
    items = sum(
        len(q.get("questions", [])) if q.get("type") == "scenario" else 1
        for q in quiz.get("questions", [])
    )
    return min(items, quiz["pool_size"]) if quiz.get("pool_size") else items


def check_quizzes(data: dict) -> list[str]:
    """Problems with one course's quiz file: unsourced explanations, wrong counts."""
    problems = []
    for quiz in data.get("quizzes", []):
        where = f"quiz {quiz.get('slug')}"
        questions = [
            (i, sub)
            for i, q in enumerate(quiz.get("questions", []), 1)
            for sub in (q.get("questions", []) if q.get("type") == "scenario" else [q])
        ]
        problems += [
            f"{where} question {i}: an explanation without a source"
            for i, q in questions
            if q.get("explanation") and not q.get("source")
        ]
        items = quiz_items(quiz)
        problems += [
            f"{where}: the introduction says {n} questions, a learner answers {items}"
            for n in stated(quiz.get("intro", ""), "questions")
            + stated(quiz.get("intro", ""), "statements")
            if n != items
        ]
    by_role = {q.get("role"): q for q in data.get("quizzes", [])}
    pre, post = by_role.get("pre_test"), by_role.get("post_test")
    if pre and post and pre.get("questions") != post.get("questions"):
        problems.append("quiz post-test: its questions are not the pre-test's, word for word")
    return problems


def course_minutes(data: dict, quizzes: dict | None) -> int:
    """The minutes of all a course's steps: its lessons and its quizzes."""
    lessons = [ls for m in data.get("modules", []) for ls in m.get("lessons", [])]
    minutes = sum(lesson.get("minutes", 0) for lesson in lessons)
    quiz_list = (quizzes or {}).get("quizzes", [])
    return minutes + sum(q.get("minutes", DEFAULT_QUIZ_MINUTES) for q in quiz_list)


def check_structure(data: dict, quizzes: dict | None) -> list[str]:
    """Problems a learner would notice between what a course says and what it has."""
    problems = []
    modules = data.get("modules", [])
    slugs = {m.get("slug") for m in modules}
    # Quizzes may make modules of their own (a final assessment).
    extra = {q["module"] for q in (quizzes or {}).get("quizzes", []) if q.get("module")} - slugs
    description = data.get("description", "")
    expected = len(modules) if BEFORE_FINAL_RE.search(description) else len(modules) + len(extra)
    problems += [
        f"course: the description says {n} modules, a learner sees {expected}"
        for n in stated(description, "modules")[:1]
        if n != expected
    ]
    lessons = sum(len(m.get("lessons", [])) for m in modules)
    problems += [
        f"course: the description says {n} lessons, the course has {lessons}"
        for n in stated(description, "lessons")
        if n > lessons
    ]
    minutes = course_minutes(data, quizzes)
    hours = data.get("estimated_hours", 1)
    if minutes and abs(hours * 60 - minutes) > DURATION_TOLERANCE * minutes:
        problems.append(
            f"course: estimated_hours is {hours}, its steps take {minutes} minutes "
            f"({minutes / 60:.1f} h)"
        )
    return problems


def quizzes_for(slug: str) -> dict | None:
    """A course's quiz file, parsed (None when it has none)."""
    path = QUIZZES_DIR / f"{slug}.toml"
    return read_toml(path) if path.exists() else None


def check_course(data: dict, quizzes: dict | None = None) -> list[str]:
    """Return a list of problems with one course's data and its quizzes (empty when fine)."""
    problems = []
    for key in ("title", "slug", "summary", "description", "objectives", "audiences"):
        if not data.get(key):
            problems.append(f"course: missing {key}")
    if not SLUG_RE.match(data.get("slug", "")):
        problems.append("course: slug must be lower-case words joined by hyphens")
    unknown = set(data.get("audiences", [])) - AUDIENCE_CODES
    if unknown:
        problems.append(f"course: unknown audiences {sorted(unknown)}")
    slugs = set()
    for m_i, module in enumerate(data.get("modules", []), 1):
        where = f"module {m_i}"
        for key in ("title", "slug", "summary", "lessons"):
            if not module.get(key):
                problems.append(f"{where}: missing {key}")
        for l_i, lesson in enumerate(module.get("lessons", []), 1):
            lw = f"{where} lesson {l_i} ({lesson.get('slug')})"
            for key in ("title", "slug", "summary", "minutes", "body", "sources"):
                if not lesson.get(key):
                    problems.append(f"{lw}: missing {key}")
            if lesson.get("slug") in slugs:
                problems.append(f"{lw}: slug used twice in this course")
            slugs.add(lesson.get("slug"))
            if not SLUG_RE.match(lesson.get("slug", "")):
                problems.append(f"{lw}: bad slug")
            for b_i, block in enumerate(lesson.get("body", []), 1):
                kind = block.get("type")
                if kind not in BLOCK_FIELDS:
                    problems.append(f"{lw} block {b_i}: unknown type {kind!r}")
                    continue
                missing = BLOCK_FIELDS[kind] - set(block)
                if missing:
                    problems.append(f"{lw} block {b_i}: missing {sorted(missing)}")
    if quizzes is not None and quizzes.get("course") != data.get("slug"):
        problems.append(f"quizzes: the file is for {quizzes.get('course')!r}")
    return problems + check_structure(data, quizzes) + check_quizzes(quizzes or {})


def read_toml(path: Path) -> dict:
    """Parse one demo content file (course, quizzes or library catalogue)."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def course_files() -> list[Path]:
    """The demo course files, in a stable order."""
    return sorted(COURSES_DIR.glob("*.toml"))


def library_files() -> list[Path]:
    """The demo e-library catalogue files."""
    return sorted(LIBRARY_DIR.glob("*.toml"))


def quiz_files() -> list[Path]:
    """The demo quiz files (one per course), in a stable order."""
    return sorted(QUIZZES_DIR.glob("*.toml"))


def citation_files() -> list[Path]:
    """The files saying which e-library resources lessons cite, one per course."""
    return sorted(CITATIONS_DIR.glob("*.toml"))


def citations() -> dict[tuple[str, str], list[str]]:
    """(course slug, lesson slug) -> titles of the e-library resources the lesson cites."""
    return {
        (c["course"], c["lesson"]): list(c["resources"])
        for path in citation_files()
        for c in read_toml(path).get("citation", [])
    }


def check_citations() -> list[str]:
    """Problems with the citation files: unknown lessons, unknown titles, repeats."""
    lessons = set()
    for path in course_files():
        data = read_toml(path)
        for module in data.get("modules", []):
            lessons |= {(data["slug"], lesson["slug"]) for lesson in module.get("lessons", [])}
    titles = {r["title"].lower() for path in library_files() for r in read_toml(path)["resources"]}
    problems = []
    for (course, lesson), cited in citations().items():
        if (course, lesson) not in lessons:
            problems.append(f"citations: no lesson {course}/{lesson}")
        problems += [f"citations: {lesson}: no resource titled {t!r}" for t in cited
                     if t.lower() not in titles]  # fmt: skip
        if len({t.lower() for t in cited}) != len(cited):
            problems.append(f"citations: {lesson}: a resource is cited twice")
    return problems


def translation_files() -> list[Path]:
    """Versions of catalogue records and taxonomy names in other languages, one per language."""
    return sorted(TRANSLATIONS_DIR.glob("*.toml"))


def check_translations() -> list[str]:
    """Problems with the translation files: unknown originals or terms, repeats."""
    titles = {r["title"] for path in library_files() for r in read_toml(path)["resources"]}
    terms = {f"{facet}.{slug}" for facet, pairs in DEFAULT_TERMS.items() for slug, _ in pairs}
    problems = []
    for path in translation_files():
        data = read_toml(path)
        originals = [r["original"] for r in data.get("resources", [])]
        problems += [f"{path.name}: no resource titled {t!r}" for t in originals if t not in titles]
        if len(set(originals)) != len(originals):
            problems.append(f"{path.name}: a resource is translated twice")
        problems += [f"{path.name}: no term {k!r}" for k in data.get("terms", {}) if k not in terms]
    return problems


def summarise(path: Path) -> str:
    """One line per file: modules, lessons, words; then any problems."""
    data = read_toml(path)
    lessons = [ls for m in data.get("modules", []) for ls in m.get("lessons", [])]
    words = [lesson_word_count(ls) for ls in lessons]
    avg = sum(words) // len(words) if words else 0
    lines = [
        f"{path.name}: {len(data.get('modules', []))} modules, {len(lessons)} lessons, "
        f"{sum(words)} words, {avg} words per lesson on average, shortest {min(words or [0])}"
    ]
    lines += [f"  PROBLEM {p}" for p in check_course(data, quizzes_for(data.get("slug", "")))]
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(p) for p in course_files()]:
        print(summarise(Path(name)))
    if not sys.argv[1:]:
        cited = citations()
        print(f"citations: {len(cited)} lessons cite {sum(map(len, cited.values()))} resources")
        for problem in check_citations():
            print(f"  PROBLEM {problem}")
        for path in translation_files():
            data = read_toml(path)
            print(
                f"{path.name}: {len(data.get('resources', []))} resources, "
                f"{len(data.get('terms', {}))} term names"
            )
        for problem in check_translations():
            print(f"  PROBLEM {problem}")
