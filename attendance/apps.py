from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    """Attendance and completion per session, hours adjustments and the hours ledger."""

    name = "attendance"
    verbose_name = "Attendance and hours"
