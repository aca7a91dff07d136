"""Small helpers shared by the organisation pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import View

from kelola.core import access
from kelola.core.documents import documents_of
from kelola.core.errors import KelolaError
from kelola.core.views.generic import ObjectMixin

from ..policies import may_see_person
from ..queries import exempt_label

acting_pemda = access.home_pemda  # the pemda a user creates pemda-level rows in


def agency_prototype(model):
    """An unsaved row in the user's own agency: who could not add it never sees the form."""
    return lambda user: model(pemda_id=user.pemda_id, agency_id=user.agency_id)


def pemda_prototype(model):
    return lambda user: model(pemda_id=user.pemda_id)


class CreateButtonMixin:
    """Shows "Tambah" only to users who could add a row in their own scope."""

    create_prototype = None  # callable(user) -> unsaved instance

    def can_create(self) -> bool:
        user = self.request.user
        if not self.create_url_name:
            return False
        if access.actor_for(user).is_platform_admin:
            return True
        return user.pemda_id is not None and access.can(user, "add", self.create_prototype(user))


class PersonMaskMixin:
    """Detail pages of rows that name a person (a position's holder, a technician): a classified
    person the reader may not see is shown as "(dikecualikan)", in the fields and the title."""

    person_fields: tuple[str, ...] = ()

    def get_fields(self, obj):
        rows = super().get_fields(obj)
        hidden = {
            str(obj._meta.get_field(name).verbose_name)
            for name in self.person_fields
            if not may_see_person(self.request.user, getattr(obj, name))
        }
        return [(label, exempt_label() if str(label) in hidden else value) for label, value in rows]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        for name in self.person_fields:
            person = getattr(obj, name)
            if not may_see_person(self.request.user, person):
                context["title"] = context["title"].replace(person.full_name, exempt_label())
        return context


class DocumentsTabMixin:
    """Adds the object's attached documents and an upload form to a detail page."""

    upload_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = documents_of(self.object, self.request.user)
        context["upload_url_name"] = self.upload_url_name
        context.setdefault("can_upload", context.get("can_change", False))
        return context


class AttachDocumentView(ObjectMixin, View):
    """POST a file to an object through its service (`attach`); a refusal shows its message."""

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        upload = request.FILES.get("file")
        title = request.POST.get("title", "").strip()
        try:
            if upload is None:
                raise KelolaError(_("Pilih berkas yang akan diunggah."))
            self.attach(obj, upload, title)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Dokumen diunggah."))
        return HttpResponseRedirect(obj.get_absolute_url())

    def attach(self, obj, upload, title):  # pragma: no cover - abstract
        raise NotImplementedError
