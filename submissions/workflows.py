"""The program's two review workflows, created and attached idempotently.

- Module review: faculty peer review, then Program Director approval; on the
  curriculum (and on case studies, which faculty also write).
- Best-practice review: faculty review with the rubric, then Program Director
  approval and publication; on the best-practices index.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from case_studies.models import BestPracticeIndexPage, CaseStudyIndexPage
from curriculum.models import CurriculumIndexPage
from people.roles import FACULTY, PROGRAM_DIRECTOR
from submissions.models import FacultyReviewTask, ReviewTask

MODULE_REVIEW = "Module review"
BEST_PRACTICE_REVIEW = "Best-practice review"
PEER_REVIEW_TASK = "Faculty peer review"
FACULTY_REVIEW_TASK = "Faculty review"
DIRECTOR_APPROVAL_TASK = "Program Director approval"


def adopt_group_approval_task(task):
    """Make a stock GroupApprovalTask a ReviewTask in place: same id, groups and
    task states (ReviewTask extends its table). Returns the ReviewTask."""
    review_task = ReviewTask(groupapprovaltask_ptr_id=task.pk)
    review_task.__dict__.update(
        {
            field.attname: getattr(task, field.attname)
            for field in GroupApprovalTask._meta.concrete_fields
        }
    )
    review_task.save_base(raw=True)  # the ReviewTask row only; the others exist
    ContentType.objects.clear_cache()
    review_task.content_type = ContentType.objects.get_for_model(ReviewTask)
    review_task.save(update_fields=["content_type"])
    return review_task


def _task(model, name, group_name):
    task = model.objects.filter(name=name).first()
    if task is None and model is ReviewTask:
        stock = GroupApprovalTask.objects.filter(
            name=name, reviewtask__isnull=True
        ).first()
        if stock is not None:
            task = adopt_group_approval_task(stock)
    if task is None:
        task = model.objects.create(name=name)
    group = Group.objects.get(name=group_name)
    if list(task.groups.all()) != [group]:
        task.groups.set([group])
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    return task


def _workflow(name, tasks):
    workflow, _ = Workflow.objects.get_or_create(name=name)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    current = list(
        WorkflowTask.objects.filter(workflow=workflow)
        .order_by("sort_order")
        .values_list("task_id", flat=True)
    )
    if current != [task.pk for task in tasks]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def _attach(workflow, page_models):
    for model in page_models:
        for page in model.objects.all():
            WorkflowPage.objects.update_or_create(
                page=page, defaults={"workflow": workflow}
            )


@transaction.atomic
def sync_workflows():
    """Create the tasks and workflows and attach them to the section indexes."""
    director = _task(ReviewTask, DIRECTOR_APPROVAL_TASK, PROGRAM_DIRECTOR)
    peer = _task(ReviewTask, PEER_REVIEW_TASK, FACULTY)
    faculty = _task(FacultyReviewTask, FACULTY_REVIEW_TASK, FACULTY)
    modules = _workflow(MODULE_REVIEW, [peer, director])
    practices = _workflow(BEST_PRACTICE_REVIEW, [faculty, director])
    _attach(modules, [CurriculumIndexPage, CaseStudyIndexPage])
    _attach(practices, [BestPracticeIndexPage])
    return {"module_review": modules, "best_practice_review": practices}
