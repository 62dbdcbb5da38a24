"""The program calendar: /events/, its iCalendar feed and one file per event."""

from django.urls import path

from curriculum import views

urlpatterns = [
    path("events/", views.events, name="events"),
    path("events.ics", views.events_ics, name="events-ics"),
    path("events/<int:session_id>.ics", views.event_ics, name="event-ics"),
]
