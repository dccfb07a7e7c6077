"""Let other apps add what they hold about a learner to the learner's data download,
without accounts importing them.

Courses add enrolments, completed steps and training groups; quizzes add attempts and
answers; certificates add certificates. An app registers a provider function from its
``AppConfig.ready``; the download calls each once, so each provider costs a fixed
number of queries whatever the learner did.
"""

from core.registry import Registry


class PersonalDataProviders(Registry):
    """Provider functions ``provider(user) -> {section name: plain JSON-able data}``.

    Each provider returns only the given user's data, in sections of its own: two
    providers naming the same section is a mistake, caught here rather than letting
    one silently hide the other.
    """

    def collect(self, user) -> dict:
        sections = {}
        for provider in self:
            for name, data in provider(user).items():
                if name in sections:
                    raise ValueError(f"Two providers give the section {name!r}.")
                sections[name] = data
        return sections


# provider(user) -> {"enrolments": [...], ...}: lists of dicts of strings, numbers,
# booleans, None, dates and times (written in ISO 8601).
personal_data_providers = PersonalDataProviders()
