"""Template helpers of the organisation pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ..policies import may_see_person
from ..queries import exempt_label

register = template.Library()


@register.filter
def person_for(person, user):
    """A person as `user` may see them: a link to their page, or "(dikecualikan)" when they are
    classified and the user is not among their readers (002 Ps.26(3))."""
    if person is None:
        return "—"
    if not may_see_person(user, person):
        return exempt_label()
    return format_html('<a href="{}">{}</a>', person.get_absolute_url(), person.full_name)
