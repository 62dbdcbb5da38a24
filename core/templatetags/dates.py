"""The portal's date style in templates: `{% load dates %}` then `{{ value|long_date }}`,
`|long_datetime`, `|long_time`, or `{{ start|time_span:end }}` (core/dates.py)."""

from django import template

from core import dates

register = template.Library()

register.filter("long_date", dates.long_date)
register.filter("long_time", dates.long_time)
register.filter("long_datetime", dates.long_datetime)
register.filter("time_span", dates.time_span)
