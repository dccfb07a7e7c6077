"""Our roles only: Wagtail's default "Editors" and "Moderators" groups and its default
"Moderators approval" workflow go.

The platform's roles are Trainers (each publishing only the courses assigned to them,
``courses.CourseTeam``), Translators and Administrators. The default workflow asked
trainers to "Submit to Moderators approval", a group nobody is in; workflows are also
switched off in settings (``WAGTAIL_WORKFLOW_ENABLED``), so a trainer's Publish
publishes their own course, and every version stays in its history for an
administrator to review or revert. A default group that somebody was added to stays.
"""

from django.db import migrations

DEFAULT_GROUPS = ["Editors", "Moderators"]


def remove_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Task = apps.get_model("wagtailcore", "Task")
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        if not workflow.workflow_states.exists():
            tasks = list(workflow.workflow_tasks.values_list("task_id", flat=True))
            workflow.workflow_tasks.all().delete()
            workflow.delete()
            GroupApprovalTask.objects.filter(pk__in=tasks).delete()
            Task.objects.filter(pk__in=tasks).delete()
    for group in Group.objects.filter(name__in=DEFAULT_GROUPS, user__isnull=True):
        group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_trainers_by_course"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
