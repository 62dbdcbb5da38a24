from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from attendance import permissions
from attendance.views import RECORD_ACTION, status_label
from attendance.viewsets import AttendanceViewSetGroup, CohortProgressViewSet
from curriculum.models import ModulePage


@hooks.register("register_admin_viewset")
def register_attendance_viewsets():
    return AttendanceViewSetGroup()


@hooks.register("register_log_actions")
def register_attendance_log_actions(actions):
    @actions.register_action(RECORD_ACTION)
    class RecordAttendance(LogFormatter):
        """'Attendance recorded: Ng: Present → Absent; Rivers: Partial (1.5 h)'."""

        label = _("Record attendance")

        def format_message(self, log_entry):
            changes = log_entry.data.get("changes", [])
            parts = []
            for change in changes:
                to = status_label(change["to"])
                if change["to"] == "partial":
                    to = f"{to} ({change['hours']} h)"
                if change.get("from"):
                    to = f"{status_label(change['from'])} → {to}"
                parts.append(f"{change['person']}: {to}")
            return _("Attendance recorded: %(changes)s") % {
                "changes": "; ".join(parts) or _("no change")
            }


class SessionAttendanceMenuItem(PageMenuItem):
    """'Attendance' in a module's header menu: its sessions, to record them."""

    label = _("Attendance")
    icon_name = "tasks"

    def is_shown(self, user):
        return permissions.may_record_some(user)

    @property
    def url(self):
        return reverse("attendance_sessions:index") + f"?module={self.page.pk}"


@hooks.register("register_page_header_buttons")
def module_attendance_button(page, user, view_name, next_url=None):
    if page.specific_class is ModulePage:
        yield SessionAttendanceMenuItem(page=page, priority=66)


# Attendance > Cohort progress (attendance/report_views.py, the hours ledger's report).
@hooks.register("register_admin_viewset")
def register_progress_viewset():
    return CohortProgressViewSet()
