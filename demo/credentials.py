"""Demo credentials: the Class of 2012's graduates (23 + 2 CeCTOs, 18 Leaders),
issued on their graduation day, so verification works out of the box.

Most graduates consented to a public profile, and their names show on their
verification pages; one credential is revoked, with a reason, to show how a
revoked one looks. Idempotent: a second run issues and revokes nothing.
"""

from credentials.models import Credential
from credentials.services import issue_credential, revoke_credential
from people.choices import EnrollmentStatus
from people.models import Enrollment

GRADUATING_YEAR = 2012
REVOKED_REASON = (
    "Issued in error: the completion was recorded against the wrong enrollment "
    "(demo content)."
)


def seed_credentials():
    """Issue the 2012 graduates' credentials; return how many were issued."""
    enrollments = (
        Enrollment.objects.filter(
            cohort__year=GRADUATING_YEAR, status=EnrollmentStatus.COMPLETED
        )
        .select_related("cohort__track", "person")
        .order_by(
            "cohort__track__sort_order", "person__last_name", "person__first_name"
        )
    )
    created = 0
    for enrollment in enrollments:
        _credential, was_created = issue_credential(
            enrollment, enrollment.completed_on or enrollment.cohort.ends_on
        )
        created += was_created
    # The last Leaders for the 21st Century graduate by name: the same one each run.
    revoked = (
        Credential.objects.filter(cohort_year=GRADUATING_YEAR, track__certifies=False)
        .order_by("-name_key")
        .first()
    )
    if revoked is not None and not revoked.is_revoked:
        revoke_credential(revoked, REVOKED_REASON, user=None)
    return created
