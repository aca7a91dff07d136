"""Generic register views (STYLE practice 10): a register's list, detail, create, edit and
delete pages are a few declarations over these bases.

- Reads go through `visible_to(user)`; a row outside it answers 404, like a missing one.
- Lists share one pattern: a django-filter FilterSet (with a `q` search), sorting, pagination,
  and CSV/XLSX export of exactly the filtered rows (`?export=csv|xlsx`). With htmx, only the
  table is re-rendered.
- Create/edit/delete call the register's services, never `form.save()`; a refused action shows
  the service's message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from kelola.core import access
from kelola.core.audit import history_for
from kelola.core.errors import KelolaError
from kelola.core.exports import export_response
from kelola.core.forms import list_model_choices
from kelola.core.templatetags.kelola import display
from kelola.core.workflow import timeline_for


@dataclass(frozen=True)
class Column:
    """One column of a register list and of its export."""

    name: str
    label: str
    accessor: Callable | None = None
    link: bool = False
    #: Field to sort by when the header is clicked ("" = not sortable).
    order_by: str = ""
    export_only: bool = False

    def value(self, obj):
        if self.accessor is not None:
            return self.accessor(obj)
        value = obj
        for part in self.name.split("__"):
            labels = _choice_labels(type(value), part)
            if labels is not None:
                raw = getattr(value, part, None)
                value = labels.get(raw, raw)
            else:
                display = getattr(value, f"get_{part}_display", None)
                value = display() if display else getattr(value, part, None)
            if value is None:
                return None
        return value


@cache
def _choice_labels(model, name: str) -> dict | None:
    """A choice field's value → label map (what `get_<name>_display` builds on every call)."""
    meta = getattr(model, "_meta", None)
    if meta is None:
        return None
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not getattr(field, "choices", None) or field.is_relation:
        return None
    return dict(field.flatchoices)


def table_body(rows) -> str:
    """The <tbody> rows of a register table, rendered in Python: per-cell template nodes were
    most of a list page's rendering time."""
    parts = []
    for url, first, values in rows:
        head = conditional_escape(display(first))
        if url:
            head = format_html('<a href="{}">{}</a>', url, head)
        cells = "".join(f"<td>{conditional_escape(display(value))}</td>" for value in values)
        parts.append(f"<tr><td>{head}</td>{cells}</tr>")
    return mark_safe("".join(parts))


PAGE_SIZES = (25, 50, 100)


class RegisterListView(LoginRequiredMixin, TemplateView):
    """A register's list page: filters, search, sorting, pagination, export."""

    model = None
    filterset_class = None
    columns: tuple[Column, ...] = ()
    select_related: tuple[str, ...] = ()
    title = ""
    create_url_name = ""
    template_name = "core/register_list.html"
    table_template = "core/includes/register_table.html"
    empty_message = gettext_lazy("Belum ada data.")
    default_ordering: tuple[str, ...] = ()

    def get_base_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset

    def get_filterset(self):
        filterset = self.filterset_class(
            self.request.GET or None, queryset=self.get_base_queryset(), request=self.request
        )
        style_filter_form(filterset.form)
        return filterset

    def get_ordering(self) -> tuple[list[str], str]:
        requested = self.request.GET.get("sort", "")
        allowed = {c.order_by for c in self.columns if c.order_by}
        key = requested.lstrip("-")
        if key in allowed:
            return [requested, "pk"], requested
        return [*(self.default_ordering or self.model._meta.ordering or ["pk"]), "pk"], ""

    def can_create(self) -> bool:
        return bool(self.create_url_name)

    @staticmethod
    def row(obj, columns) -> tuple:
        """(link of the row, first cell, other cells): the first cell links to the detail page."""
        values = [c.value(obj) for c in columns]
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        return url, values[0] if values else "", values[1:]

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        ordering, current_sort = self.get_ordering()
        queryset = queryset.order_by(*ordering)
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            columns = [c for c in self.columns]
            rows = ([c.value(obj) for c in columns] for obj in queryset.iterator(chunk_size=2000))
            return export_response(
                title=str(self.title),
                headers=[str(c.label) for c in columns],
                rows=rows,
                fmt=export,
                user=request.user,
                model=self.model,
            )
        try:
            per_page = int(request.GET.get("per_page", PAGE_SIZES[0]))
        except ValueError:
            per_page = PAGE_SIZES[0]
        per_page = per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]
        page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
        visible_columns = [c for c in self.columns if not c.export_only]
        context = self.get_context_data(
            filterset=filterset,
            page=page,
            columns=visible_columns,
            table_body=table_body(self.row(obj, visible_columns) for obj in page.object_list),
            current_sort=current_sort,
            page_sizes=PAGE_SIZES,
            per_page=per_page,
            title=self.title,
            create_url_name=self.create_url_name if self.can_create() else "",
            empty_message=self.empty_message,
            query_without_page=_query_without(request, "page"),
            query_without_sort=_query_without(request, "sort", "page"),
        )
        template = self.table_template if request.htmx and not request.htmx.boosted else self.template_name
        return render(request, template, context)


ALL_CHOICE = gettext_lazy("Semua")


def style_filter_form(form) -> None:
    """Compact Bootstrap widgets, "Semua" for empty choices, search box first."""
    from django import forms

    for name, field in form.fields.items():
        if isinstance(field, forms.NullBooleanField):
            field.widget = forms.Select(choices=[("", ALL_CHOICE), ("true", _("Ya")), ("false", _("Tidak"))])
        elif isinstance(field, forms.ModelChoiceField):
            field.empty_label = ALL_CHOICE
            list_model_choices(field)
        elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
            field.choices = [("", ALL_CHOICE), *list(field.choices)[1:]]
        css = (
            "form-control form-control-sm"
            if name == "q" or isinstance(field.widget, forms.TextInput | forms.NumberInput | forms.DateInput)
            else "form-select form-select-sm"
        )
        field.widget.attrs["class"] = css
        if isinstance(field.widget, forms.DateInput):
            field.widget.input_type = "date"
    if "q" in form.fields:
        form.fields = {"q": form.fields["q"], **{k: v for k, v in form.fields.items() if k != "q"}}


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    query.pop("export", None)
    return query.urlencode()


class ObjectMixin(LoginRequiredMixin):
    """Finds the object inside what the user may see; 404 otherwise."""

    model = None
    select_related: tuple[str, ...] = ()

    def get_object(self):
        queryset = self.model.objects.all()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return access.get_visible_or_404(queryset, self.request.user, pk=self.kwargs["pk"])


class RegisterDetailView(ObjectMixin, TemplateView):
    """A register's detail page, with the history tab (timeline + change log)."""

    template_name = "core/register_detail.html"
    fields: tuple[str, ...] = ()
    edit_url_name = ""
    delete_url_name = ""
    title_field = None
    #: Numbers shown as written, not grouped as quantities (years, codes).
    plain_fields: tuple[str, ...] = ("fiscal_year", "year")

    def get_fields(self, obj):
        rows = []
        for name in self.fields:
            field = obj._meta.get_field(name)
            display = getattr(obj, f"get_{name}_display", None)
            value = display() if display else getattr(obj, name)
            if name in self.plain_fields and value is not None:
                value = str(value)
            rows.append((field.verbose_name, value))
        return rows

    def get_context_data(self, **kwargs):
        obj = self.object
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            object=obj,
            title=str(obj),
            field_rows=self.get_fields(obj),
            can_change=access.can(user, "change", obj),
            can_delete=access.can(user, "delete", obj),
            edit_url_name=self.edit_url_name,
            delete_url_name=self.delete_url_name,
            timeline=timeline_for(obj),
            history=history_for(obj)[:200],
        )
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())


class ServiceFormView(LoginRequiredMixin, View):
    """Create or edit through a service. Subclasses set `form_class` and implement `perform`."""

    form_class = None
    template_name = "core/register_form.html"
    title = ""

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial_object(self):
        return None

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "title": self.title, "object": getattr(self, "object", None)},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_initial_object()
        return self.render_form(self.form_class(instance=self.object, **self.get_form_kwargs()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_initial_object()
        form = self.form_class(request.POST, request.FILES, instance=self.object, **self.get_form_kwargs())
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            result = self.perform(form)
        except KelolaError as exc:
            add_refusal_to_form(form, exc)
            return self.render_form(form, status=exc.status)
        except DjangoValidationError as exc:
            _apply_validation_error(form, exc)
            return self.render_form(form, status=400)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("Anda tidak berwenang melakukan tindakan ini."))
            return self.render_form(form, status=403)
        messages.success(request, _("Data tersimpan."))
        return HttpResponseRedirect(self.get_success_url(result))


def take_step(request, action: Callable[[], object], success: str | None = None) -> bool:
    """Run a service call for a button on a page; its refusal (or model validation) becomes an
    error message, success a confirmation. Returns whether it succeeded."""
    try:
        action()
    except KelolaError as exc:
        messages.error(request, str(exc.message))
        return False
    except DjangoValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, success or _("Langkah tersimpan."))
    return True


class StepView(ObjectMixin, View):
    """The POST of a workflow step button on an object's page: `transition(obj, name, actor=,
    comment=, **step_params(obj))` through `take_step` (a refusal becomes the page's error
    message), then back to the object's page. Subclasses name the model and the transition
    and read the step's own fields in `step_params`."""

    transition: Callable = None  # a staticmethod: the domain's `<thing>_transition`
    comment_limit = 2000

    def step_params(self, obj) -> dict:
        return {}

    def post(self, request, pk):
        obj = self.get_object()
        params = self.step_params(obj)
        data = request.POST
        take_step(
            request,
            lambda: self.transition(
                obj,
                data.get("name", ""),
                actor=request.user,
                comment=data.get("comment", "")[: self.comment_limit],
                **params,
            ),
        )
        return HttpResponseRedirect(obj.get_absolute_url())

    def visible(self, model, pk_text):
        """A row the user picked on the step's form (404 when it is not theirs to see)."""
        return access.get_visible_or_404(model, self.request.user, pk=pk_text) if pk_text else None


def add_refusal_to_form(form, exc: KelolaError) -> None:
    """Show a service's refusal on the form: its field errors by field, else its message."""
    for field, problems in exc.errors.items():
        target = field if field in form.fields else None
        for problem in problems if isinstance(problems, list) else [problems]:
            form.add_error(target, str(problem))
    if not exc.errors:
        form.add_error(None, str(exc.message))


def _apply_validation_error(form, exc: DjangoValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                for message in error.messages:
                    form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class ServiceCreateView(ServiceFormView):
    create_service = None
    #: callable(user) -> unsaved row in the user's own scope; when set, users who could not add
    #: such a row are refused before seeing the form.
    create_prototype = None
    #: Pemda-wide rows (no agency field on the form): created in the user's own pemda.
    in_home_pemda = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.create_prototype is not None:
            access.require(request.user, "add", self.create_prototype(request.user))
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        if self.in_home_pemda:
            pemda = access.home_pemda(self.request.user)
            return self.create_service(actor=self.request.user, pemda=pemda, **form.cleaned_data)
        return self.create_service(actor=self.request.user, **form.cleaned_data)


class ServiceUpdateView(ObjectMixin, ServiceFormView):
    update_service = None

    def get_initial_object(self):
        obj = self.get_object()
        access.require(self.request.user, "change", obj)
        return obj

    def perform(self, form):
        return self.update_service(self.object, actor=self.request.user, **form.cleaned_data)


class ServiceDeleteView(ObjectMixin, View):
    delete_service = None
    success_url_name = ""
    template_name = "core/register_confirm_delete.html"

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        access.require(request.user, "delete", obj)
        return render(
            request, self.template_name, {"object": obj, "title": _("Hapus %(obj)s") % {"obj": obj}}
        )

    def post(self, request, *args, **kwargs):
        from django.urls import reverse

        obj = self.get_object()
        try:
            self.delete_service(obj, actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _("Data dihapus."))
        return HttpResponseRedirect(reverse(self.success_url_name))
