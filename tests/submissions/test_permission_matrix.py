"""Every role against every action, each cell asserted.

Rows: anonymous, participant (the author), another participant (same cohort),
superintendent, faculty, Program Director, administrator. The targets are fixed:
"the author's draft" is a draft best practice of the author's; "another's draft"
is one the actor did not write (the classmate's for the author, the author's for
everyone else); "in review" is the author's practice awaiting faculty review.
Each of those practices has a PDF attachment: downloads follow the same targets.
"""

import pytest
from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import TaskState

from curriculum.privacy import restrict_to_program_groups
from people.roles import SUPERINTENDENTS, sync_roles
from submissions.services import publish_attachment, submissions_collection
from tests.factories.case_studies import BestPracticePageFactory
from tests.factories.core import UserFactory
from tests.factories.people import PersonFactory
from tests.two_factor import authenticator_for, sign_in

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "participant",
    "another participant",
    "superintendent",
    "faculty",
    "director",
    "administrator",
]
Y, N = True, False
# action: allowed per role, in the order of ROLES
MATRIX = {
    "view public page": [Y, Y, Y, Y, Y, Y, Y],
    "view participant materials": [N, Y, Y, Y, Y, Y, Y],
    "view another's draft": [N, N, N, N, N, Y, Y],
    "submit": [N, Y, Y, N, N, N, N],
    "edit own draft": [N, Y, Y, N, N, N, N],
    "edit another's draft": [N, N, N, N, N, Y, Y],
    "edit while in review": [N, N, N, N, Y, Y, Y],
    "approve": [N, N, N, N, Y, Y, Y],
    "publish": [N, N, N, N, N, Y, Y],
    "open the admin": [N, N, N, N, Y, Y, Y],
    "see undelivered e-mails": [N, N, N, N, N, Y, Y],
    "download own draft's attachment": [N, Y, Y, N, N, N, Y],
    "download another's draft's attachment": [N, N, N, N, N, N, Y],
    "download an attachment in review": [N, Y, N, N, Y, Y, Y],
    "download a published attachment": [Y, Y, Y, Y, Y, Y, Y],
    "download a document from /media/": [N, N, N, N, N, N, N],
    "list the curriculum's modules": [N, N, N, N, Y, Y, Y],
    "see the rubric report's drill-down": [N, N, N, N, Y, Y, Y],
    "export the rubric report": [N, N, N, N, Y, Y, Y],
}
CELLS = [
    (action, role, allowed[index])
    for action, allowed in MATRIX.items()
    for index, role in enumerate(ROLES)
]


@pytest.fixture
def world(groups, program, reviewers, author, classmate):
    restrict_to_program_groups(program["materials"])
    superintendent = UserFactory(username="sam")
    superintendent.groups.add(groups[SUPERINTENDENTS])
    PersonFactory(user=superintendent, roles=["superintendent"])
    users = {
        "anonymous": None,
        "participant": author,
        "another participant": classmate,
        "superintendent": superintendent,
        "faculty": reviewers["faculty"],
        "director": reviewers["director"],
        "administrator": UserFactory(username="root", superuser=True),
    }
    index = program["index"]

    def practice(owner, title, live=False):
        attachment = get_document_model()(
            title=f"{title} data", collection=submissions_collection()
        )
        attachment.file.save("data.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        attachment.save()
        page = BestPracticePageFactory(
            parent=index,
            title=title,
            live=live,
            owner=owner,
            cohort=program["cohort"],
            authors=[owner.person],
            topic_areas=program["topics"][:1],
            attachment=attachment,
        )
        page.save_revision(user=owner)
        return page

    published = practice(author, "Published practice", live=True)
    publish_attachment(None, published)  # as publishing through the workflow does
    drafts = {
        "author": practice(author, "Author's draft"),
        "classmate": practice(classmate, "Classmate's draft"),
    }
    in_review = practice(author, "In review")
    in_review.get_workflow().start(in_review, author)
    return {
        "users": users,
        "program": program,
        "published": published,
        "drafts": drafts,
        "in_review": in_review,
        "groups": groups,
    }


def edit_form(page):
    return {
        "title": page.title + " (edited)",
        "intro": "Edited summary.",
        "body": "<p>Edited.</p>",
        "topic_areas": [t.pk for t in page.topic_areas.all()],
        "tags": "",
        "action": "save",
    }


def can_view_public_page(client, user, world):
    return client.get(world["published"].url).status_code == 200


def can_view_materials(client, user, world):
    return client.get(world["program"]["materials"].url).status_code == 200


def _can_see_draft(client, page):
    public = client.get(f"/best-practices/submissions/{page.pk}/edit/")
    revision = page.get_latest_revision()
    admin = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
    return public.status_code == 200 or (
        admin.status_code == 200 and escape(page.title).encode() in admin.content
    )


def _other_draft(user, world):
    author = world["users"]["participant"]
    return world["drafts"]["classmate" if user == author else "author"]


def can_view_anothers_draft(client, user, world):
    return _can_see_draft(client, _other_draft(user, world))


def can_submit(client, user, world):
    form = client.get("/best-practices/submit/")
    if form.status_code != 200:
        return False
    data = {
        "form_token": form.context["form"]["form_token"].value(),
        "title": "A brand new practice",
        "intro": "Summary.",
        "topic_areas": [world["program"]["topics"][0].pk],
        "tags": "",
        "body": "<p>Body.</p>",
        "action": "submit",
    }
    response = client.post("/best-practices/submit/", data)
    from case_studies.models import BestPracticePage

    created = BestPracticePage.objects.filter(title="A brand new practice").first()
    return response.status_code == 302 and created is not None and not created.live


def can_edit_own_draft(client, user, world):
    if user is None or not hasattr(user, "person"):
        page = world["drafts"]["author"]  # someone else's: the only draft there is
    else:
        author = world["users"]["participant"]
        page = world["drafts"]["author" if user == author else "classmate"]
    response = client.post(
        f"/best-practices/submissions/{page.pk}/edit/", edit_form(page)
    )
    page.refresh_from_db()
    edited = page.get_latest_revision_as_object().title.endswith("(edited)")
    return response.status_code == 302 and edited and not page.live


def _can_edit(client, page):
    public = client.post(
        f"/best-practices/submissions/{page.pk}/edit/", edit_form(page)
    )
    page.refresh_from_db()
    if (
        public.status_code == 302
        and page.get_latest_revision_as_object().title.endswith("(edited)")
    ):
        return True
    return client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def can_edit_anothers_draft(client, user, world):
    return _can_edit(client, _other_draft(user, world))


def can_edit_while_in_review(client, user, world):
    return _can_edit(client, world["in_review"])


def can_approve(client, user, world):
    page = world["in_review"]
    state = page.current_workflow_task_state
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/",
        {
            "comment": "",
            "relevance": 3,
            "evidence": 3,
            "transferability": 3,
            "clarity": 3,
        },
    )
    state.refresh_from_db()
    return state.status == TaskState.STATUS_APPROVED


def can_publish(client, user, world):
    page = world["drafts"]["author"]
    if user is None:
        return False
    return page.permissions_for_user(user).can_publish()


def can_open_admin(client, user, world):
    return client.get("/admin/").status_code == 200


def can_see_undelivered_emails(client, user, world):
    return client.get("/admin/reports/undelivered-emails/").status_code == 200


def _can_download(client, page):
    return client.get(page.attachment.url).status_code == 200


def _own_draft(user, world):
    classmate = world["users"]["another participant"]
    return world["drafts"]["classmate" if user == classmate else "author"]


def can_download_own_draft_attachment(client, user, world):
    return _can_download(client, _own_draft(user, world))


def can_download_anothers_draft_attachment(client, user, world):
    return _can_download(client, _other_draft(user, world))


def can_download_attachment_in_review(client, user, world):
    return _can_download(client, world["in_review"])


def can_download_published_attachment(client, user, world):
    return _can_download(client, world["published"])


def can_download_from_media(client, user, world):
    name = world["published"].attachment.file.name
    return client.get(f"/media/{name}").status_code == 200


def can_list_modules(client, user, world):
    sync_roles()  # the curriculum's page permissions, as a deployment applies them
    response = client.get("/admin/modules/")
    return response.status_code == 200 and b"Governance" in response.content


def can_see_rubric_drill_down(client, user, world):
    year = world["in_review"].cohort.year if world["in_review"].cohort else 2031
    return client.get(f"/admin/reports/rubric/{year}/").status_code == 200


def can_export_rubric_report(client, user, world):
    response = client.get("/admin/reports/rubric/?export=csv")
    return response.status_code == 200 and response["Content-Type"].startswith(
        "text/csv"
    )


CHECKS = {
    "view public page": can_view_public_page,
    "view participant materials": can_view_materials,
    "view another's draft": can_view_anothers_draft,
    "submit": can_submit,
    "edit own draft": can_edit_own_draft,
    "edit another's draft": can_edit_anothers_draft,
    "edit while in review": can_edit_while_in_review,
    "approve": can_approve,
    "publish": can_publish,
    "open the admin": can_open_admin,
    "see undelivered e-mails": can_see_undelivered_emails,
    "download own draft's attachment": can_download_own_draft_attachment,
    "download another's draft's attachment": can_download_anothers_draft_attachment,
    "download an attachment in review": can_download_attachment_in_review,
    "download a published attachment": can_download_published_attachment,
    "download a document from /media/": can_download_from_media,
    "list the curriculum's modules": can_list_modules,
    "see the rubric report's drill-down": can_see_rubric_drill_down,
    "export the rubric report": can_export_rubric_report,
}


@pytest.mark.parametrize(("action", "role", "allowed"), CELLS)
def test_permission_matrix(client, world, action, role, allowed):
    user = world["users"][role]
    if user is not None:
        sign_in(client, user)  # staff with their second factor
    assert CHECKS[action](client, user, world) is allowed, f"{role} / {action}"


# Staff signed in with their password but not yet their second factor: everything
# their role allows (above) is refused, public pages included (accounts/middleware.py).
# "publish" is a model permission, not a request, so it is not a cell here.
UNVERIFIED_STAFF_CELLS = [
    (action, role)
    for action, allowed in MATRIX.items()
    for index, role in enumerate(ROLES)
    if role in ("faculty", "director", "administrator")
    and allowed[index]
    and action != "publish"
]


@pytest.mark.parametrize(("action", "role"), UNVERIFIED_STAFF_CELLS)
def test_staff_without_their_second_factor_are_refused_what_their_role_allows(
    client, world, action, role
):
    user = world["users"][role]
    authenticator_for(user)
    client.force_login(user)  # the password only
    assert CHECKS[action](client, user, world) is False, f"{role} / {action}"


def test_participant_actions_never_publish_anything(world):
    from case_studies.models import BestPracticePage

    live = set(BestPracticePage.objects.live().values_list("pk", flat=True))
    assert live == {world["published"].pk}


def test_matrix_covers_every_role_and_action():
    assert all(len(row) == len(ROLES) for row in MATRIX.values())
    assert set(MATRIX) == set(CHECKS)
