"""Reports > Undelivered e-mails (outbox/viewsets.py)."""

from wagtail import hooks

from outbox.viewsets import outgoing_email_viewset


@hooks.register("register_admin_viewset")
def register_outgoing_email_viewset():
    return outgoing_email_viewset


@hooks.register("register_reports_menu_item")
def register_undelivered_emails_menu_item():
    return outgoing_email_viewset.get_menu_item()
