"""Hours as people write them: "24", "2.5", never "24.0".

It lives in curriculum, the lowest app that shows hours (contact hours, the
curriculum map, the calendar), so every app above it can load it too.
"""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def hours(value):
    """Whole hours without a decimal point, others to one decimal place.

    Used wherever contact or session hours are shown (module pages, the curriculum
    and its map, the calendar), so the same number never reads two ways.
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        return value
    if number == number.to_integral_value():
        return f"{number:.0f}"
    return f"{number:.1f}"
