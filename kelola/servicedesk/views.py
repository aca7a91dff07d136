"""Pages of the service catalogue (DESK-1) and the working calendar (DESK-5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kelola.core import access
from kelola.core.errors import KelolaError
from kelola.core.views.generic import (
    Column,
    ObjectMixin,
    RegisterDetailView,
    RegisterListView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceUpdateView,
    StepView,
    add_refusal_to_form,
    take_step,
)
from kelola.organizations.views.base import CreateButtonMixin, agency_prototype

from . import knowledge, services
from .filters import ArticleFilter, ServiceFilter, TicketFilter, WorkOrderFilter
from .forms import (
    ArticleForm,
    CalendarForm,
    HolidayForm,
    HolidayImportForm,
    LevelsForm,
    ServiceForm,
    TicketForm,
    WorkOrderIssueForm,
    WorkOrderStepForm,
)
from .models import WEEKDAY_LABELS, WEEKDAYS, Article, Holiday, Service, Ticket, WorkOrder
from .tickets import TICKET, ticket_create, ticket_transition
from .workorders import PROCEDURE_GUIDE, WORK_ORDER, may_issue, workorder_issue, workorder_transition


class ServiceListView(CreateButtonMixin, RegisterListView):
    model = Service
    filterset_class = ServiceFilter
    title = gettext_lazy("Katalog layanan TI")
    create_url_name = "servicedesk:service_create"
    create_prototype = staticmethod(agency_prototype(Service))
    select_related = ("agency",)
    empty_message = gettext_lazy("Belum ada layanan di katalog.")
    columns = (
        Column("name", gettext_lazy("Layanan"), order_by="name"),
        Column("agency", gettext_lazy("Pemilik"), order_by="agency__name"),
        Column("category", gettext_lazy("Kategori"), order_by="category"),
        Column("team", gettext_lazy("Tim tier 2"), order_by="team"),
        Column("critical", gettext_lazy("Kritis"), order_by="critical"),
        Column("availability_target", gettext_lazy("Target ketersediaan (%)")),
        Column("is_active", gettext_lazy("Aktif")),
        Column("description", gettext_lazy("Uraian"), export_only=True),
        Column("requires_letter", gettext_lazy("Wajib surat"), export_only=True),
    )


class ServiceDetailView(RegisterDetailView):
    model = Service
    template_name = "servicedesk/service_detail.html"
    select_related = ("agency", "system", "sop_document")
    fields = (
        "agency",
        "description",
        "category",
        "team",
        "system",
        "critical_proposed",
        "critical",
        "availability_target",
        "requires_letter",
        "available_to_all",
        "sop_document",
        "is_active",
    )
    edit_url_name = "servicedesk:service_update"
    delete_url_name = "servicedesk:service_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["levels"] = self.object.levels.all()
        context["allowed"] = self.object.allowed_agencies.all() if not self.object.available_to_all else []
        return context


class ServiceCreateView(ServiceCreateView):
    create_prototype = staticmethod(agency_prototype(Service))
    form_class = ServiceForm
    title = gettext_lazy("Tambah layanan TI")
    create_service = staticmethod(services.service_create)


class ServiceUpdateView(ServiceUpdateView):
    model = Service
    form_class = ServiceForm
    title = gettext_lazy("Ubah layanan TI")
    update_service = staticmethod(services.service_update)


class ServiceDeleteView(ServiceDeleteView):
    model = Service
    delete_service = staticmethod(services.service_delete)
    success_url_name = "servicedesk:service_list"


class LevelsView(ObjectMixin, View):
    model = Service
    template_name = "servicedesk/levels_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
            access.require(request.user, "change", self.object)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, status=200):
        title = _("Target SLA — %(service)s") % {"service": self.object}
        return render(
            self.request,
            self.template_name,
            {"object": self.object, "form": form, "title": title},
            status=status,
        )

    def get(self, request, pk):
        return self.render_page(LevelsForm(levels=self.object.levels.all()))

    def post(self, request, pk):
        form = LevelsForm(request.POST, levels=self.object.levels.all())
        if not form.is_valid():
            return self.render_page(form, status=400)
        try:
            services.levels_replace(self.object, form.targets(), actor=request.user)
        except KelolaError as exc:
            for priority, problems in exc.errors.items():
                for problem in problems:
                    form.add_error(
                        f"{priority}_resolution" if f"{priority}_resolution" in form.fields else None, problem
                    )
            if not exc.errors:
                form.add_error(None, str(exc.message))
            return self.render_page(form, status=exc.status)
        messages.success(request, _("Data tersimpan."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class CalendarView(LoginRequiredMixin, View):
    """The pemda's working hours and holidays; editable by the service-desk leads."""

    template_name = "servicedesk/calendar.html"

    def context(self, form=None, holiday_form=None):
        user = self.request.user
        pemda = user.pemda
        calendar = services.calendar_for_update(pemda)
        may_edit = access.can(user, "change", calendar) if calendar.pk else access.can(user, "add", calendar)
        rows = [
            (WEEKDAY_LABELS[i], getattr(calendar, f"{day}_start"), getattr(calendar, f"{day}_end"))
            for i, day in enumerate(WEEKDAYS)
        ]
        form = (form or CalendarForm(instance=calendar, user=user)) if may_edit else None
        return {
            "title": _("Kalender kerja"),
            "form_rows": [
                (WEEKDAY_LABELS[i], form[f"{day}_start"], form[f"{day}_end"])
                for i, day in enumerate(WEEKDAYS)
            ]
            if form
            else [],
            "pemda": pemda,
            "rows": rows,
            "form": form,
            "holiday_form": (holiday_form or HolidayForm(user=user)) if may_edit else None,
            "import_form": HolidayImportForm() if may_edit else None,
            "holidays": Holiday.objects.visible_to(user).filter(pemda=pemda),
        }

    def get(self, request):
        if request.user.pemda_id is None:
            messages.error(request, _("Akun Anda tidak terkait dengan pemda mana pun."))
            return HttpResponseRedirect(reverse("core:home"))
        return render(request, self.template_name, self.context())

    def post(self, request):
        pemda = request.user.pemda
        action = request.POST.get("action")
        try:
            if action == "hours":
                form = CalendarForm(
                    request.POST, instance=services.calendar_for_update(pemda), user=request.user
                )
                if not form.is_valid():
                    return render(request, self.template_name, self.context(form=form), status=400)
                services.calendar_update(pemda, actor=request.user, **form.cleaned_data)
            elif action == "holiday":
                holiday_form = HolidayForm(request.POST, user=request.user)
                if not holiday_form.is_valid():
                    return render(
                        request, self.template_name, self.context(holiday_form=holiday_form), status=400
                    )
                services.holiday_create(actor=request.user, pemda=pemda, **holiday_form.cleaned_data)
            elif action == "import":
                year_form = HolidayImportForm(request.POST)
                if year_form.is_valid():
                    added = services.holidays_import(
                        pemda, year_form.cleaned_data["year"], actor=request.user
                    )
                    messages.info(request, _("%(n)s hari libur nasional ditambahkan.") % {"n": len(added)})
            elif action == "delete_holiday":
                holiday = access.get_visible_or_404(Holiday, request.user, pk=request.POST.get("holiday"))
                services.holiday_delete(holiday, actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
        except DjangoValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Data tersimpan."))
        return HttpResponseRedirect(reverse("servicedesk:calendar"))


# --- tickets --------------------------------------------------------------------------------


class TicketListView(RegisterListView):
    model = Ticket
    filterset_class = TicketFilter
    title = gettext_lazy("Tiket")
    template_name = "servicedesk/ticket_list.html"
    create_url_name = "servicedesk:ticket_create"
    select_related = ("agency", "service", "assignee")
    empty_message = gettext_lazy("Tidak ada tiket.")
    columns = (
        Column("title", gettext_lazy("Judul"), accessor=lambda t: f"#{t.pk} {t.title}", order_by="title"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("service", gettext_lazy("Layanan"), order_by="service__name"),
        Column("priority", gettext_lazy("Prioritas"), order_by="priority"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("tier", gettext_lazy("Tier"), order_by="tier"),
        Column(
            "assignee",
            gettext_lazy("Petugas"),
            accessor=lambda t: t.assignee.display_name if t.assignee else None,
        ),
        Column("resolution_due", gettext_lazy("Batas penyelesaian"), order_by="resolution_due"),
        Column("created_at", gettext_lazy("Dibuat"), export_only=True),
        Column("kind", gettext_lazy("Jenis"), export_only=True),
        Column("team", gettext_lazy("Tim"), export_only=True),
    )

    def get_base_queryset(self):
        # Only what the columns show: a queue page stays cheap with years of tickets.
        return (
            super()
            .get_base_queryset()
            .only(
                *("id", "pemda_id", "title", "priority", "status", "tier", "team", "kind", "resolution_due"),
                *("created_at", "agency__id", "agency__name", "service__id", "service__name"),
                *("assignee__id", "assignee__full_name", "assignee__first_name", "assignee__last_name"),
                "assignee__username",
            )
        )

    def can_create(self) -> bool:
        user = self.request.user
        return user.pemda_id is not None and bool(access.actor_for(user).member_pemdas())


class TicketDetailView(RegisterDetailView):
    model = Ticket
    template_name = "servicedesk/ticket_detail.html"
    select_related = ("agency", "service", "system", "assignee", "requester", "letter", "problem")
    fields = (
        "kind",
        "channel",
        "agency",
        "requester_name",
        "vvip",
        "service",
        "system",
        "impact",
        "urgency",
        "priority",
        "status",
        "tier",
        "team",
        "assignee",
        "description",
        "escalation_reason",
        "resolution",
        "response_due",
        "resolution_due",
        "responded_at",
        "resolved_at",
        "closed_at",
        "rating",
        "feedback",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ticket = self.object
        context["transitions"] = TICKET.available(self.request.user, ticket)
        context["pauses"] = ticket.pauses.all()
        context["problem_visible"] = ticket.problem_id and access.can(
            self.request.user, "view", ticket.problem
        )
        context["work_orders"] = WorkOrder.objects.visible_to(self.request.user).filter(ticket=ticket)
        probe = WorkOrder(pemda_id=ticket.pemda_id, agency_id=ticket.agency_id, ticket=ticket)
        if may_issue(ticket) and access.can(self.request.user, "add", probe):
            context["work_order_form"] = WorkOrderIssueForm(ticket=ticket)
        return context


class TicketCreateView(LoginRequiredMixin, View):
    template_name = "core/register_form.html"

    def render_form(self, form, status=200):
        return render(
            self.request, self.template_name, {"form": form, "title": _("Buat tiket")}, status=status
        )

    def get(self, request):
        return self.render_form(TicketForm(user=request.user))

    def post(self, request):
        form = TicketForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            ticket = ticket_create(actor=request.user, **form.cleaned_data)
        except KelolaError as exc:
            add_refusal_to_form(form, exc)
            return self.render_form(form, status=exc.status)
        messages.success(request, _("Tiket #%(n)s dibuat.") % {"n": ticket.pk})
        return HttpResponseRedirect(ticket.get_absolute_url())


class TicketTransitionView(StepView):
    model = Ticket
    transition = staticmethod(ticket_transition)

    def step_params(self, obj) -> dict:
        post = self.request.POST
        rating = post.get("rating") or None
        return {
            "resolution": post.get("resolution", "")[:5000],
            "rating": int(rating) if rating and rating.isdigit() else None,
            "feedback": post.get("feedback", "")[:2000],
        }


# --- work orders (DESK-4) -------------------------------------------------------------------


class WorkOrderListView(RegisterListView):
    model = WorkOrder
    filterset_class = WorkOrderFilter
    title = gettext_lazy("Perintah kerja (WO)")
    select_related = ("agency", "ticket", "assignee")
    empty_message = gettext_lazy("Tidak ada perintah kerja.")
    columns = (
        Column("number", gettext_lazy("Nomor"), order_by="number"),
        Column("ticket", gettext_lazy("Tiket"), accessor=lambda w: f"#{w.ticket_id} {w.ticket.title}"),
        Column("agency", gettext_lazy("Perangkat daerah"), order_by="agency__name"),
        Column("procedure", gettext_lazy("Prosedur"), order_by="procedure"),
        Column("team", gettext_lazy("Tim"), order_by="team"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column(
            "assignee",
            gettext_lazy("Petugas"),
            accessor=lambda w: w.assignee.display_name if w.assignee else None,
        ),
        Column("created_at", gettext_lazy("Diterbitkan"), order_by="created_at"),
        Column("outcome", gettext_lazy("Hasil"), export_only=True),
        Column("report", gettext_lazy("Laporan pekerjaan"), export_only=True),
    )


class WorkOrderDetailView(RegisterDetailView):
    model = WorkOrder
    template_name = "servicedesk/workorder_detail.html"
    select_related = ("agency", "ticket", "assignee")
    fields = (
        "ticket",
        "agency",
        "procedure",
        "team",
        "status",
        "assignee",
        "instructions",
        "app_location",
        "fault_kind",
        "report",
        "outcome",
        "returned_at",
        "closed_at",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transitions"] = WORK_ORDER.available(self.request.user, self.object)
        context["step_form"] = WorkOrderStepForm(order=self.object)
        context["guide"] = PROCEDURE_GUIDE.get(self.object.procedure, ())
        return context


class WorkOrderIssueView(ObjectMixin, View):
    """The help desk issues a WO from the ticket's page."""

    model = Ticket

    def post(self, request, pk):
        ticket = self.get_object()
        form = WorkOrderIssueForm(request.POST, ticket=ticket)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return HttpResponseRedirect(ticket.get_absolute_url())
        try:
            order = workorder_issue(actor=request.user, ticket=ticket, **form.cleaned_data)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
            return HttpResponseRedirect(ticket.get_absolute_url())
        messages.success(
            request,
            _("%(number)s diterbitkan untuk %(team)s.")
            % {"number": order.number, "team": order.get_team_display()},
        )
        return HttpResponseRedirect(order.get_absolute_url())


class WorkOrderTransitionView(ObjectMixin, View):
    model = WorkOrder

    def post(self, request, pk):
        order = self.get_object()
        form = WorkOrderStepForm(request.POST, order=order)
        form.is_valid()  # every field is optional; the workflow says what a step lacks
        data = form.cleaned_data
        take_step(
            request,
            lambda: workorder_transition(
                order,
                request.POST.get("name", ""),
                actor=request.user,
                comment=data.get("comment", ""),
                to_team=data.get("to_team", ""),
                app_location=data.get("app_location") or None,
                fault_kind=data.get("fault_kind") or None,
                report=data.get("report") or None,
            ),
        )
        return HttpResponseRedirect(order.get_absolute_url())


# --- knowledge base (OPS-2) -------------------------------------------------------------------


class ArticleListView(CreateButtonMixin, RegisterListView):
    model = Article
    filterset_class = ArticleFilter
    title = gettext_lazy("Basis pengetahuan")
    create_url_name = "servicedesk:article_create"
    create_prototype = staticmethod(lambda user: Article(pemda_id=user.pemda_id))
    empty_message = gettext_lazy("Belum ada artikel.")
    default_ordering = ("category", "title")
    columns = (
        Column("title", gettext_lazy("Judul"), order_by="title"),
        Column("category", gettext_lazy("Kategori"), order_by="category"),
        Column("audience", gettext_lazy("Pembaca"), order_by="audience"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("version", gettext_lazy("Versi")),
        Column("updated_at", gettext_lazy("Diperbarui"), order_by="updated_at"),
    )

    def get_base_queryset(self):
        return super().get_base_queryset().defer("body", "search_text")


class ArticleDetailView(RegisterDetailView):
    model = Article
    template_name = "servicedesk/article_detail.html"
    fields = ("category", "audience", "status", "version", "service", "source_ticket")
    edit_url_name = "servicedesk:article_update"
    delete_url_name = "servicedesk:article_delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = (
            self.object.versions.select_related("saved_by")[:20] if context["can_change"] else []
        )
        return context


class ArticleCreateView(ServiceCreateView):
    create_prototype = staticmethod(lambda user: Article(pemda_id=user.pemda_id))
    form_class = ArticleForm
    title = gettext_lazy("Tulis artikel")
    create_service = staticmethod(knowledge.article_create)
    in_home_pemda = True


class ArticleUpdateView(ServiceUpdateView):
    model = Article
    form_class = ArticleForm
    title = gettext_lazy("Ubah artikel")
    update_service = staticmethod(knowledge.article_update)


class ArticleDeleteView(ServiceDeleteView):
    model = Article
    delete_service = staticmethod(knowledge.article_delete)
    success_url_name = "servicedesk:article_list"


class TicketToArticleView(ObjectMixin, View):
    """A resolved ticket becomes a draft article (DESK-7)."""

    model = Ticket

    def post(self, request, pk):
        ticket = self.get_object()
        try:
            article = knowledge.draft_from_ticket(ticket, actor=request.user)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
            return HttpResponseRedirect(ticket.get_absolute_url())
        messages.success(request, _("Draf artikel dibuat; lengkapi sebelum diterbitkan."))
        return HttpResponseRedirect(reverse("servicedesk:article_update", args=[article.pk]))


def article_suggestions(request):
    """Articles matching what the user types in a ticket's title (htmx partial)."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("core:login"))
    text = request.GET.get("title", "")[:200]
    articles = (
        knowledge.search(Article.objects.visible_to(request.user), text, limit=5) if len(text) >= 4 else []
    )
    return render(request, "servicedesk/includes/suggestions.html", {"articles": articles})


def public_articles(request):
    """Public articles of every pemda, without an account."""
    from django.core.paginator import Paginator

    from .choices import ArticleStatus, Audience

    queryset = Article.objects.filter(
        status=ArticleStatus.PUBLISHED, audience=Audience.PUBLIC, pemda__is_active=True
    )
    text = request.GET.get("q", "")[:200]
    found = (
        knowledge.search(queryset, text)
        if text.strip()
        else queryset.select_related("pemda").order_by("title")
    )
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "servicedesk/public_articles.html",
        {"page": page, "q": text, "title": _("Panduan layanan TI")},
    )


def public_article(request, pk):
    from django.http import Http404

    from .choices import ArticleStatus, Audience

    article = Article.objects.filter(pk=pk, status=ArticleStatus.PUBLISHED, audience=Audience.PUBLIC).first()
    if article is None:
        raise Http404
    return render(request, "servicedesk/public_article.html", {"article": article, "title": article.title})


class SlaReportView(LoginRequiredMixin, View):
    """SLA per service and per agency, monthly trend, top incidents; CSV/XLSX per service."""

    template_name = "servicedesk/report.html"

    def get(self, request):
        import datetime

        from django.utils import timezone

        from kelola.core.exports import export_response

        from . import reports

        today = timezone.localdate()
        start = _date(request.GET.get("dari")) or today.replace(day=1) - datetime.timedelta(days=335)
        end = _date(request.GET.get("sampai")) or today
        tickets = Ticket.objects.visible_to(request.user).filter(
            created_at__date__gte=start, created_at__date__lte=end
        )
        services = reports.per_service(tickets)
        fmt = request.GET.get("export")
        if fmt in {"csv", "xlsx"}:
            headers = [
                _("Layanan"),
                _("Tiket"),
                _("Selesai"),
                _("Selesai tepat waktu (%)"),
                _("Respons tepat waktu (%)"),
                _("Nilai rata-rata"),
            ]
            rows = [
                [
                    r["service__name"],
                    r["total"],
                    r["resolved"],
                    r["resolution_met_pct"],
                    r["response_met_pct"],
                    r["rating"],
                ]
                for r in services
            ]
            return export_response(
                title=str(_("Laporan SLA")),
                headers=headers,
                rows=rows,
                fmt=fmt,
                user=request.user,
                model=Ticket,
            )
        months = reports.per_month(tickets)
        context = {
            "title": _("Laporan SLA"),
            "start": start,
            "end": end,
            "services": services,
            "agencies": reports.per_agency(tickets),
            "months": months,
            "top": reports.top_incidents(tickets),
            "chart": {
                "type": "bar",
                "labels": [m["month"].strftime("%m/%Y") for m in months],
                "datasets": [
                    {"label": str(_("Tiket")), "data": [m["total"] for m in months], "color": "#0d4f8b"},
                    {
                        "label": str(_("Selesai tepat waktu")),
                        "data": [m["resolved_in_time"] for m in months],
                        "color": "#4caf50",
                    },
                ],
            },
        }
        return render(request, self.template_name, context)


def _date(value):
    import datetime

    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
