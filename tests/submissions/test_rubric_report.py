"""The rubric report: each practice's final decision counted once, a drill-down to
the practices behind a cohort's averages, and exports without formulas."""

import io

import openpyxl
import pytest
from django.urls import reverse

from people.roles import FACULTY, PARTICIPANTS, sync_roles
from submissions.models import RubricTaskState
from submissions.workflows import sync_workflows
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.people import CohortFactory
from tests.two_factor import sign_in, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(home_page, groups):
    practices = BestPracticeIndexPageFactory(parent=home_page)
    sync_roles()
    sync_workflows()
    faculty = UserFactory(username="farrah", first_name="Farrah", last_name="Fox")
    faculty.groups.add(groups[FACULTY])
    participant = UserFactory(username="parker")
    participant.groups.add(groups[PARTICIPANTS])
    cohort = CohortFactory(year=2031)

    def decide(page, action, evidence):
        page.save_revision(user=participant)
        if page.current_workflow_state is None:
            page.get_workflow().start(page, participant)
        else:
            page.current_workflow_state.resume(participant)
        state = page.current_workflow_task_state
        state.task.specific.on_action(
            state,
            faculty,
            action,
            comment="",
            relevance=4,
            evidence=evidence,
            transferability=3,
            clarity=4,
        )

    resubmitted = BestPracticePageFactory(
        parent=practices, title="=HYPERLINK(1)", live=False, cohort=cohort
    )
    decide(resubmitted, "reject", evidence=1)
    decide(resubmitted, "approve", evidence=4)
    once = BestPracticePageFactory(
        parent=practices, title="Device rollout", live=False, cohort=cohort
    )
    decide(once, "approve", evidence=2)
    return {"faculty": faculty, "participant": participant}


def test_summary_counts_each_practices_final_decision_once(reviewed):
    summary = RubricTaskState.summary_by_cohort()

    assert summary[2031]["reviews"] == 2
    assert summary[2031]["rounds"] == 3
    assert summary[2031]["evidence"] == 3.0  # (4 + 2) / 2, not (1 + 4 + 2) / 3


def test_faculty_drill_down_from_a_cohort_to_its_practices(client, reviewed):
    sign_in_verified(client, reviewed["faculty"])

    summary = client.get(reverse("rubric_summary")).content.decode()
    assert reverse("rubric_cohort", args=(2031,)) in summary
    response = client.get(reverse("rubric_cohort", args=(2031,)))

    rows = response.context["rows"]
    assert [(row["page_title"], row["round"], row["evidence"]) for row in rows] == [
        ("Device rollout", 1, 2),
        ("=HYPERLINK(1)", 2, 4),
    ]
    assert rows[0]["reviewer"] == "Farrah Fox"


def test_cohort_csv_export_neutralises_formulas(client, reviewed):
    sign_in_verified(client, reviewed["faculty"])

    response = client.get(reverse("rubric_cohort", args=(2031,)), {"export": "csv"})

    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("Best practice,Final decision,Round")
    assert "'=HYPERLINK(1)" in body
    assert "\n=HYPERLINK" not in body


def test_summary_xlsx_export_has_a_row_per_cohort(client, reviewed):
    sign_in_verified(client, reviewed["faculty"])

    response = client.get(reverse("rubric_summary"), {"export": "xlsx"})

    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Class of", "Best practices", "Reviews, all rounds")
    assert rows[1][:3] == (2031, 2, 3)


@pytest.mark.parametrize("export", ["", "csv"])
def test_participant_cannot_see_or_export_the_rubric_report(client, reviewed, export):
    sign_in(client, reviewed["participant"])
    params = {"export": export} if export else {}

    for url in (reverse("rubric_summary"), reverse("rubric_cohort", args=(2031,))):
        response = client.get(url, params)
        assert response.status_code in (302, 403)
        assert b"HYPERLINK" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )
