"""`EMAIL_BACKEND`: Django's mail API puts each message in the queue (outbox.queue).

E-mail sent by code we do not own (Wagtail's admin password reset and comment
notifications, `mail_admins`) joins the same queue as the portal's own.
"""

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError

from outbox.models import OutgoingEmail
from outbox.queue import delivery_connection, send_email

logger = logging.getLogger(__name__)


def queue_message(message: EmailMessage) -> OutgoingEmail:
    """Queue a Django `EmailMessage` (text, and an HTML alternative if any)."""
    if message.attachments:
        raise ValueError("Attachments are not queued.")
    html_body = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    return send_email(
        message.subject,
        message.body,
        message.to,
        html_body=html_body,
        from_email=message.from_email,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.extra_headers,
    )


class QueuedEmailBackend(BaseEmailBackend):
    """`EMAIL_BACKEND`: Django's mail API puts each message in the queue.

    A message the queue cannot take (an attachment, or the database is down) is
    delivered at once with `EMAIL_DELIVERY_BACKEND` instead, as Django would have.
    """

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        count = 0
        for message in email_messages:
            try:
                queue_message(message)
            except (ValueError, DatabaseError):
                logger.warning(
                    "E-mail %r not queued; sending it at once", message.subject
                )
                connection = delivery_connection(fail_silently=self.fail_silently)
                count += connection.send_messages([message]) or 0
            else:
                count += 1
        return count
