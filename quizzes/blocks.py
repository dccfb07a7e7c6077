"""Question blocks trainers author quizzes with. Every question and option keeps the
id Wagtail gives its block, so attempts and statistics survive edits."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

MYTH = "myth"
REALITY = "reality"


def explanation_block():
    """Why the answer is right: shown after answering. Last in each question, after the
    question and its answer, in the order a trainer thinks of them."""
    return blocks.TextBlock(label=_("Explanation"), help_text=_("Why the answer is right."))


def source_block():
    return blocks.CharBlock(
        label=_("Source"), max_length=400, help_text=_("Where the facts come from.")
    )


class MythRealityBlock(blocks.StructBlock):
    """A statement the learner classifies as a myth or a reality."""

    statement = blocks.TextBlock(label=_("Statement"))
    answer = blocks.ChoiceBlock(
        label=_("Right answer"), choices=[(MYTH, _("Myth")), (REALITY, _("Reality"))]
    )
    explanation = explanation_block()
    source = source_block()

    class Meta:
        icon = "help"
        label = _("Myth or reality")
        form_classname = "struct-block"


class OptionBlock(blocks.StructBlock):
    """One answer option with the feedback shown after answering."""

    text = blocks.CharBlock(label=_("Option"), max_length=400)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback"), max_length=400, required=False)


class ChoiceQuestionBlock(blocks.StructBlock):
    """A question with options: one right (single choice) or several (multiple choice)."""

    prompt = blocks.TextBlock(label=_("Question"))
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2)
    explanation = explanation_block()
    source = source_block()

    multiple = False

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if (self.multiple and correct < 1) or (not self.multiple and correct != 1):
            message = (
                _("Mark at least one option as correct.")
                if self.multiple
                else _("Mark exactly one option as correct.")
            )
            raise StructBlockValidationError(block_errors={"options": ValidationError(message)})
        return value


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceBlock(ChoiceQuestionBlock):
    multiple = True

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


class ScenarioQuestionsBlock(blocks.StreamBlock):
    myth_reality = MythRealityBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()


class ScenarioBlock(blocks.StructBlock):
    """A short case (a checkpoint stop, a newsroom deadline...) and questions about it."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    content_note = blocks.CharBlock(label=_("Content note"), max_length=300, required=False)
    case = blocks.RichTextBlock(label=_("Case"), features=["bold", "italic", "ul"])
    questions = ScenarioQuestionsBlock(label=_("Questions"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Scenario")


class QuestionsBlock(ScenarioQuestionsBlock):
    """All questions of a quiz: those a scenario may hold, and scenarios."""

    scenario = ScenarioBlock()
