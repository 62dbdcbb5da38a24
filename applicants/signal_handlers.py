"""Every join form submission becomes an applicant, and the director hears of it.

Connected in ApplicantsConfig.ready; `home` knows nothing of applicants (imports go
one way: applicants imports home).
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.contrib.forms.models import FormSubmission
from wagtail.log_actions import log

from home.models import InterestFormField, InterestFormPage

logger = logging.getLogger(__name__)


def submission_to_applicant(sender, instance, created, raw=False, **kwargs):
    """post_save of a FormSubmission: an applicant for each new join request.

    A failure here is logged and never costs the visitor their submission (it is
    stored, and staff can add the applicant by hand).
    """
    if not created or raw:
        return
    from applicants.services import applicant_from_submission, notify_directors

    page = instance.page
    if not issubclass(page.specific_class or object, InterestFormPage):
        return
    try:
        with transaction.atomic():
            fields = InterestFormField.objects.filter(page_id=page.pk)
            applicant = applicant_from_submission(instance, fields)
            applicant.save()
            log(applicant, "wagtail.create", data={"source": applicant.source})
            notify_directors(applicant)
    except Exception:
        logger.exception("Join form submission %s: no applicant made", instance.pk)


def connect():
    post_save.connect(
        submission_to_applicant,
        sender=FormSubmission,
        dispatch_uid="applicants.submission_to_applicant",
    )
