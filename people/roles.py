"""The program's groups and what each may do, declared once and applied idempotently.

`sync_roles()` makes each group's permissions exactly these: it adds what is
missing and removes anything else. It runs after every `migrate` (model and
collection permissions; page permissions for the sections that exist) and from
`manage.py sync_roles`, which `make run` and deployments run after creating pages.

- Faculty: the admin; create and edit curriculum modules and case studies; upload
  and choose images and documents; review best practices through the workflow.
- Program Director: everything Faculty may, plus publishing (final approval),
  best practices, and the people and cohort records.
- Participants and Superintendents: no admin access at all; they act on the public
  site, and may read participant materials (page privacy and private collections).
- Site administrators are Wagtail superusers, in no group.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig, apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from people.choices import PersonRole

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet

    AnyUser = User | AnonymousUser

PARTICIPANTS = "Participants"
FACULTY = "Faculty"
PROGRAM_DIRECTOR = "Program Director"
SUPERINTENDENTS = "Superintendents"

# Who may read participant materials (page privacy and private collections).
MATERIALS_READERS = [PARTICIPANTS, FACULTY, PROGRAM_DIRECTOR, SUPERINTENDENTS]
ALL_GROUPS = [FACULTY, PROGRAM_DIRECTOR, PARTICIPANTS, SUPERINTENDENTS]
# Program staff: the reviewers of best practices, and readers of every class's work.
STAFF_GROUPS = [FACULTY, PROGRAM_DIRECTOR]
# How each reviewing group is named to participants ("In review with ...").
REVIEWER_WORDS = {FACULTY: "Faculty", PROGRAM_DIRECTOR: "the Program Director"}

_CHOOSE_RECORDS = [
    "people.view_person",
    "people.view_lea",
    "people.view_partnerorganization",
    "curriculum.view_topicarea",
    "curriculum.view_track",
]

# Attendance (attendance/permissions.py): Faculty record it for the cohorts they
# teach; the Program Director for every cohort, and adds hours adjustments.
_RECORD_ATTENDANCE = [
    "attendance.add_attendance",
    "attendance.change_attendance",
    "attendance.view_attendance",
]

MODEL_PERMISSIONS = {
    FACULTY: [
        "wagtailadmin.access_admin",
        *_CHOOSE_RECORDS,
        *_RECORD_ATTENDANCE,
        # Graduation > Completion rules, read only (credentials/graduation_views.py).
        "credentials.view_completionrules",
    ],
    PROGRAM_DIRECTOR: [
        "wagtailadmin.access_admin",
        *_CHOOSE_RECORDS,
        *(
            f"people.{action}_{model}"
            for model in (
                "person",
                "lea",
                "partnerorganization",
                "cohort",
                "enrollment",
            )
            for action in ("add", "change")
        ),
        "people.view_cohort",
        "people.view_enrollment",
        # Cohorts > Import roster: upload, preview, confirm (rosters/views.py).
        "rosters.add_rosterimport",
        "rosters.view_rosterimport",
        "curriculum.add_topicarea",
        "curriculum.change_topicarea",
        "curriculum.change_track",
        *_RECORD_ATTENDANCE,
        "attendance.record_all_attendance",
        "attendance.add_hoursadjustment",
        "attendance.view_hoursadjustment",
        # Reports > Undelivered e-mails, and its "Retry now" (outbox/viewsets.py).
        "outbox.view_outgoingemail",
        "outbox.change_outgoingemail",
        # Applicants: join requests, added by hand, enrolled (applicants/viewsets.py).
        "applicants.add_applicant",
        "applicants.change_applicant",
        "applicants.view_applicant",
        # Credentials: list, export, download certificates, revoke (credentials/).
        "credentials.view_credential",
        "credentials.revoke_credential",
        # Graduation: the completion rules, graduating a cohort and undoing it
        # (credentials/graduation_views.py).
        "credentials.view_completionrules",
        "credentials.change_completionrules",
        "credentials.graduate_cohort",
    ],
    PARTICIPANTS: [],
    SUPERINTENDENTS: [],
}

_AUTHOR = ["add_page", "change_page", "lock_page", "unlock_page"]
PAGE_PERMISSIONS = {
    FACULTY: {
        "curriculum.CurriculumIndexPage": _AUTHOR,
        "case_studies.CaseStudyIndexPage": _AUTHOR,
    },
    PROGRAM_DIRECTOR: {
        "curriculum.CurriculumIndexPage": [*_AUTHOR, "publish_page"],
        "case_studies.CaseStudyIndexPage": [*_AUTHOR, "publish_page"],
        "case_studies.BestPracticeIndexPage": [
            "change_page",
            "publish_page",
            "lock_page",
        ],
    },
    PARTICIPANTS: {},
    SUPERINTENDENTS: {},
}

# On the root collection, so they hold in every collection below it.
COLLECTION_PERMISSIONS = {
    FACULTY: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    PROGRAM_DIRECTOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    PARTICIPANTS: [],
    SUPERINTENDENTS: [],
}


def in_group(user: AnyUser | None, *names: str) -> bool:
    """Is `user` signed in and a member of one of the named groups? One query."""
    if user is None or not user.is_authenticated:
        return False
    return Group.objects.filter(user=user, name__in=names).exists()


def is_participant(user: AnyUser | None) -> bool:
    """In the Participants group (those who write best practices). One query."""
    return in_group(user, PARTICIPANTS)


def is_staff_member(user: AnyUser | None) -> bool:
    """In Faculty or the Program Director's group (not superusers as such)."""
    return in_group(user, *STAFF_GROUPS)


def group_flags(user_id: OuterRef) -> dict[str, Exists]:
    """`is_participant` and `in_staff_group` for the user `user_id` points at, as
    annotations (`Person.objects.with_group_flags`): no permission is loaded."""
    in_groups = get_user_model().groups.through.objects.filter(user_id=user_id)
    return {
        "is_participant": Exists(in_groups.filter(group__name=PARTICIPANTS)),
        "in_staff_group": Exists(in_groups.filter(group__name__in=STAFF_GROUPS)),
    }


def members_of(*names: str) -> QuerySet[User]:
    """Active users in one of the named groups, each once (a subquery, no join)."""
    user_model = get_user_model()
    memberships = user_model.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=names
    )
    return user_model.objects.filter(Exists(memberships), is_active=True)


def program_directors() -> QuerySet[User]:
    """Active users in the Program Director's group."""
    return members_of(PROGRAM_DIRECTOR)


def participants() -> QuerySet[User]:
    """Active users in the Participants group."""
    return members_of(PARTICIPANTS)


def sign_in_group(certifying_track: bool) -> Group:
    """The group of a track's people: Participants on the certifying track,
    Superintendents on the other (created if missing)."""
    name = PARTICIPANTS if certifying_track else SUPERINTENDENTS
    group, _created = Group.objects.get_or_create(name=name)
    return group


def materials_reader_groups() -> QuerySet[Group]:
    """The groups that may read participant materials (page privacy, collections)."""
    return Group.objects.filter(name__in=MATERIALS_READERS)


def _permissions(names: Sequence[str]) -> list[Permission]:
    wanted = [name.split(".", 1) for name in names]
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in found}
    missing = set(names) - set(by_name)
    if missing:
        raise LookupError(f"Unknown permissions: {sorted(missing)}")
    return [by_name[name] for name in names]


def ensure_after_last_migration(sender: AppConfig, **kwargs: object) -> None:
    """`post_migrate` receiver (PeopleConfig.ready): apply the roles once per
    migrate, after the last app with models, when every app's permissions exist
    (also after test database flushes)."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        ensure_roles_and_groups()


def ensure_roles_and_groups(**kwargs: object) -> None:
    """Create the person roles and the program's groups; apply their permissions."""
    # Imported here: people.models imports this module (Person's group flags).
    from people.models import Role

    for value in PersonRole.values:
        Role.objects.get_or_create(slug=value)
    for name in ALL_GROUPS:
        Group.objects.get_or_create(name=name)
    sync_roles()


def sync_roles() -> int:
    """Give each group exactly its declared permissions. Returns the changes made."""
    changes = 0
    root_collection = Collection.get_first_root_node()
    for name in ALL_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)

        wanted = set(_permissions(MODEL_PERMISSIONS[name]))
        current = set(group.permissions.all())
        if wanted != current:
            group.permissions.set(wanted)
            changes += len(wanted ^ current)

        wanted_pages = set()
        for model_label, codenames in PAGE_PERMISSIONS[name].items():
            model = apps.get_model(model_label)
            for page in model.objects.all():
                for permission in _permissions([f"wagtailcore.{c}" for c in codenames]):
                    wanted_pages.add((page.pk, permission.pk))
        current_pages = set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page_id", "permission_id"
            )
        )
        for page_id, permission_id in wanted_pages - current_pages:
            GroupPagePermission.objects.create(
                group=group, page_id=page_id, permission_id=permission_id
            )
        for page_id, permission_id in current_pages - wanted_pages:
            GroupPagePermission.objects.filter(
                group=group, page_id=page_id, permission_id=permission_id
            ).delete()
        changes += len(wanted_pages ^ current_pages)

        if root_collection is None:
            continue
        wanted_collections = {
            (root_collection.pk, p.pk)
            for p in _permissions(COLLECTION_PERMISSIONS[name])
        }
        current_collections = set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection_id", "permission_id"
            )
        )
        for collection_id, permission_id in wanted_collections - current_collections:
            GroupCollectionPermission.objects.create(
                group=group, collection_id=collection_id, permission_id=permission_id
            )
        for collection_id, permission_id in current_collections - wanted_collections:
            GroupCollectionPermission.objects.filter(
                group=group, collection_id=collection_id, permission_id=permission_id
            ).delete()
        changes += len(wanted_collections ^ current_collections)
    return changes
