"""`{% attached_documents target as attached %}`: the documents attached to any object page.

Used by templates/core/documents/attached.html, which other pages include with
`{% include "core/documents/attached.html" with target=object %}`.
"""

from __future__ import annotations

from django import template
from django.utils.text import slugify

from kelola.core.documents import can_attach, documents_of, target_label

register = template.Library()


@register.simple_tag(takes_context=True)
def attached_documents(context, target) -> dict:
    """The latest visible version of each document attached to `target`, and whether the user
    may attach more (with the upload form)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if target is None or getattr(target, "pk", None) is None or user is None:
        return {"documents": [], "can_attach": False}
    from kelola.core.views.documents import AttachForm

    allowed = can_attach(user, target)
    label = target_label(target)
    # Unique per target, so that two blocks on one page never share element ids.
    dom_id = f"attach-{slugify(label)}-{slugify(str(target.pk))}"
    return {
        "documents": list(documents_of(target, user).select_related("agency")),
        "can_attach": allowed,
        "form": AttachForm(auto_id=f"{dom_id}-%s") if allowed else None,
        "target_label": label,
        "target_id": target.pk,
        "dom_id": dom_id,
        "next": request.get_full_path() if request else "",
    }
