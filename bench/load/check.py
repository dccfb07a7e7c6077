"""Run by bench/load.py in ``manage.py shell``: is every acknowledged write stored once?

LOAD_RECORD names the locust record (the lesson completions and quiz submissions that
got their success answer), LOAD_PREFIX the run's accounts. Prints JSON counts: writes
acknowledged, missing, doubled, answers not stored as sent, and writes stored whose
answer was lost on the way (in flight when something broke).
"""

import json
import os
from collections import Counter
from pathlib import Path

from courses.models import LessonPage, StepCompletion
from quizzes.models import Attempt, AttemptAnswer

record = json.loads(Path(os.environ["LOAD_RECORD"]).read_text())
mine = {"learner__email__startswith": os.environ["LOAD_PREFIX"]}

lessons = LessonPage.objects.values("pk")
stored = Counter(
    StepCompletion.objects.filter(**mine, step_id__in=lessons).values_list(
        "learner__email", "step_id"
    )
)
acked = {tuple(completion) for completion in record["completions"]}

submitted = {
    pk: (email, quiz)
    for pk, email, quiz in Attempt.objects.filter(**mine, submitted_at__isnull=False).values_list(
        "pk", "learner__email", "quiz_id"
    )
}
answers = Counter(
    AttemptAnswer.objects.filter(attempt_id__in=submitted).values_list("attempt_id", flat=True)
)
sent = {attempt: (email, n) for email, attempt, n in record["submissions"]}
# A learner never starts a quiz again once its submission was acknowledged (the
# locustfile), so two submitted attempts of one learner and quiz would be a double.
per_quiz = Counter(submitted.values())

print(
    json.dumps(
        {
            "completions": len(acked),
            "completions_missing": len(acked - set(stored)),
            "completions_doubled": sum(n - 1 for n in stored.values()),
            "completions_unacked": len(set(stored) - acked),
            "submissions": len(sent),
            "submissions_missing": sum(
                1 for pk, (email, _) in sent.items() if submitted.get(pk, ("",))[0] != email
            ),
            "submissions_doubled": sum(n - 1 for n in per_quiz.values()),
            "answers_wrong": sum(1 for pk, (_, n) in sent.items() if answers[pk] != n),
            "submissions_unacked": len(set(submitted) - set(sent)),
        }
    )
)
