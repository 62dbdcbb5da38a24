"""The program calendar: /events/, its iCalendar feed and one file per event; each
person's own calendar feed at /calendar/<token>.ics and its reset."""

from django.urls import path

from curriculum import views

urlpatterns = [
    path("events/", views.events, name="events"),
    path("events.ics", views.events_ics, name="events-ics"),
    path("events/<int:session_id>.ics", views.event_ics, name="event-ics"),
    path(
        "calendar/<str:token>.ics",
        views.personal_calendar,
        name="personal-calendar",
    ),
    path(
        "calendar/reset/",
        views.reset_personal_calendar,
        name="personal-calendar-reset",
    ),
]
