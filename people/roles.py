"""Groups and person roles, declared once and applied idempotently after migrate.

Issue-level permissions (what each group may edit, approve, publish) are refined
by the workflow work; here the groups exist so page privacy and private document
collections can name them.
"""

from people.choices import PersonRole

PARTICIPANTS = "Participants"
FACULTY = "Faculty"
PROGRAM_DIRECTOR = "Program Director"
SUPERINTENDENTS = "Superintendents"

# Who may read participant materials (page privacy and private collections).
MATERIALS_READERS = [PARTICIPANTS, FACULTY, PROGRAM_DIRECTOR, SUPERINTENDENTS]
ALL_GROUPS = [FACULTY, PROGRAM_DIRECTOR, PARTICIPANTS, SUPERINTENDENTS]


def ensure_roles_and_groups(**kwargs):
    """Create the person roles and the program's groups if missing."""
    from django.contrib.auth.models import Group

    from people.models import Role

    for value in PersonRole.values:
        Role.objects.get_or_create(slug=value)
    for name in ALL_GROUPS:
        Group.objects.get_or_create(name=name)
