"""Pages of problems (DESK-6) and of service availability (DESK-5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
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
    take_step,
)
from kelola.organizations.views.base import CreateButtonMixin, pemda_prototype

from . import availability as avail
from . import problems
from .filters import ProblemFilter
from .forms import MonthForm, OutageForm, ProblemForm, ProblemLinkForm
from .models import Outage, Problem, Service, Ticket
from .policies import is_it_staff


class ProblemReadersOnly:
    """Problems are the IT office's: others are refused outright (403), not shown an empty list."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_it_staff(request.user):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        return super().dispatch(request, *args, **kwargs)


class ProblemListView(ProblemReadersOnly, CreateButtonMixin, RegisterListView):
    model = Problem
    filterset_class = ProblemFilter
    title = gettext_lazy("Masalah")
    template_name = "servicedesk/problem_list.html"
    create_url_name = "servicedesk:problem_create"
    create_prototype = staticmethod(pemda_prototype(Problem))
    select_related = ("service", "owner")
    empty_message = gettext_lazy("Belum ada masalah tercatat.")
    columns = (
        Column("title", gettext_lazy("Judul"), accessor=str, order_by="title"),
        Column("status", gettext_lazy("Status"), order_by="status"),
        Column("service", gettext_lazy("Layanan"), order_by="service__name"),
        Column(
            "owner",
            gettext_lazy("Penanggung jawab"),
            accessor=lambda p: p.owner.display_name if p.owner else None,
        ),
        Column("incident_count", gettext_lazy("Insiden"), accessor=lambda p: p.incident_count),
        Column("created_at", gettext_lazy("Dibuat"), order_by="created_at"),
        Column("resolved_at", gettext_lazy("Diperbaiki"), order_by="resolved_at"),
        Column("description", gettext_lazy("Uraian"), export_only=True),
        Column("root_cause", gettext_lazy("Akar masalah"), export_only=True),
        Column("workaround", gettext_lazy("Solusi sementara"), export_only=True),
        Column("change_reference", gettext_lazy("Perubahan perbaikan"), export_only=True),
    )

    def get_base_queryset(self):
        from django.db.models import Count

        return super().get_base_queryset().annotate(incident_count=Count("incidents"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_see_candidates"] = self.can_create()
        return context


class ProblemDetailView(RegisterDetailView):
    model = Problem
    template_name = "servicedesk/problem_detail.html"
    select_related = ("service", "system", "owner")
    fields = (
        "status",
        "service",
        "system",
        "owner",
        "description",
        "root_cause",
        "workaround",
        "change_reference",
        "resolved_at",
        "created_at",
    )
    edit_url_name = "servicedesk:problem_update"
    delete_url_name = "servicedesk:problem_delete"

    def get_fields(self, obj):
        rows = super().get_fields(obj)
        return [
            (label, value.display_name if name == "owner" and value else value)
            for (label, value), name in zip(rows, self.fields, strict=True)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problem = self.object
        context["transitions"] = problems.PROBLEM.available(self.request.user, problem)
        context["incidents"] = (
            Ticket.objects.visible_to(self.request.user)
            .filter(problem=problem)
            .select_related("agency", "service")
            .order_by("-created_at")
        )
        context["link_form"] = ProblemLinkForm() if context["can_change"] else None
        return context


class ProblemCreateView(ServiceCreateView):
    create_prototype = staticmethod(pemda_prototype(Problem))
    form_class = ProblemForm
    title = gettext_lazy("Catat masalah")
    create_service = staticmethod(problems.problem_create)
    in_home_pemda = True


class ProblemUpdateView(ServiceUpdateView):
    model = Problem
    form_class = ProblemForm
    title = gettext_lazy("Ubah masalah")
    update_service = staticmethod(problems.problem_update)


class ProblemDeleteView(ServiceDeleteView):
    model = Problem
    delete_service = staticmethod(problems.problem_delete)
    success_url_name = "servicedesk:problem_list"


class ProblemTransitionView(ObjectMixin, View):
    model = Problem

    def post(self, request, pk):
        problem = self.get_object()
        post = request.POST
        take_step(
            request,
            lambda: problems.problem_transition(
                problem,
                post.get("name", ""),
                actor=request.user,
                comment=post.get("comment", "")[:2000],
                root_cause=post.get("root_cause", "")[:10000] or None,
                workaround=post.get("workaround", "")[:10000] or None,
                change_reference=post.get("change_reference", "")[:200] or None,
            ),
        )
        return HttpResponseRedirect(problem.get_absolute_url())


class ProblemLinkView(ObjectMixin, View):
    """Link incidents to (or unlink them from) a problem by their numbers."""

    model = Problem

    def post(self, request, pk):
        problem = self.get_object()
        form = ProblemLinkForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(problem.get_absolute_url())
        numbers = form.cleaned_data["tickets"]
        if form.cleaned_data["action"] == "unlink":
            take_step(
                request,
                lambda: problems.unlink_incidents(problem, numbers, actor=request.user),
                _("%(n)s tiket dilepaskan.") % {"n": len(numbers)},
            )
        else:
            take_step(
                request,
                lambda: problems.link_incidents(problem, numbers, actor=request.user),
                _("Tiket dikaitkan dengan masalah ini."),
            )
        return HttpResponseRedirect(problem.get_absolute_url())


class ProblemCandidatesView(LoginRequiredMixin, View):
    """Recurring incidents not linked to any problem, grouped by service and system."""

    template_name = "servicedesk/problem_candidates.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.pemda_id is None:
                raise PermissionDenied(_("Akun Anda tidak terkait dengan pemda mana pun."))
            access.require(request.user, "add", Problem(pemda_id=request.user.pemda_id))
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def _number(value, default, low, high) -> int:
        try:
            return min(max(int(value), low), high)
        except (TypeError, ValueError):
            return default

    def get(self, request):
        days = self._number(request.GET.get("hari"), 30, 1, 365)
        minimum = self._number(request.GET.get("minimal"), 3, 2, 100)
        groups = problems.candidates(request.user.pemda, days=days, minimum=minimum)
        context = {"title": _("Kandidat masalah"), "groups": groups, "days": days, "minimum": minimum}
        return render(request, self.template_name, context)

    def post(self, request):
        days = self._number(request.POST.get("hari"), 30, 1, 365)
        pemda = request.user.pemda
        service = access.get_visible_or_404(
            Service, request.user, pk=request.POST.get("service"), pemda=pemda
        )
        system = None
        if request.POST.get("system"):
            from kelola.portfolio.models import ElectronicSystem

            system = access.get_visible_or_404(
                ElectronicSystem, request.user, pk=request.POST.get("system"), pemda=pemda
            )
        try:
            problem = problems.problem_from_candidates(
                actor=request.user, pemda=pemda, service=service, system=system, days=days
            )
        except KelolaError as exc:
            messages.error(request, str(exc.message))
            return HttpResponseRedirect(reverse("servicedesk:problem_candidates"))
        messages.success(
            request, _("Masalah %(problem)s dibuat dari insiden berulang.") % {"problem": problem}
        )
        return HttpResponseRedirect(problem.get_absolute_url())


# --- availability ---------------------------------------------------------------------------


def _month(request) -> tuple[int, int]:
    form = MonthForm(request.GET)
    if form.is_valid() and form.cleaned_data["bulan"]:
        year, month = form.cleaned_data["bulan"].split("-")
        return int(year), int(month)
    today = timezone.localdate()
    return today.year, today.month


class AvailabilityView(LoginRequiredMixin, View):
    """The month's availability of the critical services against their targets, their SLA
    breaches, the "repeatedly" flag and the warning letters; outages per service."""

    template_name = "servicedesk/availability.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            actor = access.actor_for(request.user)
            if request.user.pemda_id is None or (
                not actor.is_platform_admin and request.user.pemda_id not in actor.member_pemdas()
            ):
                raise PermissionDenied(_("Akun Anda tidak terkait dengan pemda mana pun."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        user, pemda = request.user, request.user.pemda
        year, month = _month(request)
        critical = Service.objects.visible_to(user).filter(pemda=pemda, critical=True, is_active=True)
        rows = avail.monthly_review(pemda, year, month, services=critical.select_related("agency"))
        if request.GET.get("export") in {"csv", "xlsx"}:
            return self.export(request, rows, year, month)
        start, end = avail.month_bounds(pemda, year, month)
        outages = (
            avail.visible_outages(user)
            .filter(service__in=[r.service for r in rows], started_at__lt=end)
            .exclude(ended_at__lte=start)
            .select_related("ticket")
            .order_by("started_at")
        )
        by_service = {}
        for outage in outages:
            by_service.setdefault(outage.service_id, []).append(outage)
        may_manage = avail.may_manage_outages(user, Service(pemda=pemda))
        may_warn = avail.may_issue_warning(user, pemda.pk)
        for row in rows:
            row.outages = by_service.get(row.service.pk, [])
            row.may_warn = may_warn and row.repeated and row.letter is None
        previous = avail.previous_months(year, month, 2)[0]
        following = (year + (month == 12), month % 12 + 1)
        today = timezone.localdate()
        context = {
            "title": _("Ketersediaan layanan"),
            "rows": rows,
            "compliance_target": avail.RESOLUTION_COMPLIANCE,
            "year": year,
            "month": month,
            "period": avail.month_label(year, month),
            "month_value": f"{year:04d}-{month:02d}",
            "previous_value": f"{previous[0]:04d}-{previous[1]:02d}",
            "next_value": f"{following[0]:04d}-{following[1]:02d}"
            if following <= (today.year, today.month)
            else "",
            "outage_form": OutageForm(
                user=user,
                services=Service.objects.visible_to(user)
                .filter(pemda=pemda, is_active=True)
                .order_by("-critical", "name"),
                initial={"started_at": timezone.localtime().replace(second=0, microsecond=0)},
            )
            if may_manage
            else None,
            "may_manage": may_manage,
            "has_outages": bool(by_service),
        }
        return render(request, self.template_name, context)

    @staticmethod
    def export(request, rows, year, month):
        from kelola.core.exports import export_response

        headers = [
            _("Layanan"),
            _("Pemilik"),
            _("Ketersediaan (%)"),
            _("Target (%)"),
            _("Memenuhi target"),
            _("Pelanggaran penyelesaian SLA"),
            _("Berulang"),
            _("Surat teguran"),
        ]
        data = [
            [
                r.service.name,
                r.service.agency.name,
                None if r.availability is None else round(r.availability, 3),
                r.target,
                r.met,
                r.breaches,
                r.repeated,
                r.letter.number if r.letter else "",
            ]
            for r in rows
        ]
        return export_response(
            title=str(_("Ketersediaan layanan %(period)s") % {"period": avail.month_label(year, month)}),
            headers=headers,
            rows=data,
            fmt=request.GET["export"],
            user=request.user,
            model=Outage,
        )


def _back(request, fallback=None) -> HttpResponseRedirect:
    month = request.POST.get("bulan", "")
    url = reverse("servicedesk:availability")
    if MonthForm({"bulan": month}).is_valid() and month:
        url += f"?bulan={month}"
    return HttpResponseRedirect(fallback or url)


class OutageCreateView(LoginRequiredMixin, View):
    def post(self, request):
        services = Service.objects.visible_to(request.user).filter(pemda_id=request.user.pemda_id)
        form = OutageForm(request.POST, user=request.user, services=services)
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else error)
            return _back(request)
        take_step(
            request,
            lambda: avail.outage_record(actor=request.user, **form.cleaned_data),
            _("Gangguan layanan dicatat."),
        )
        return _back(request)


class OutageEndView(LoginRequiredMixin, View):
    """Mark an ongoing outage as over (now)."""

    def post(self, request, pk):
        outage = _visible_outage(request, pk)
        take_step(
            request,
            lambda: avail.outage_update(outage, actor=request.user, ended_at=timezone.now()),
            _("Gangguan dinyatakan selesai."),
        )
        return _back(request)


class OutageDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        outage = _visible_outage(request, pk)
        take_step(request, lambda: avail.outage_delete(outage, actor=request.user), _("Data dihapus."))
        return _back(request)


def _visible_outage(request, pk) -> Outage:
    from django.http import Http404

    outage = avail.visible_outages(request.user).select_related("service").filter(pk=pk).first()
    if outage is None:
        raise Http404(_("Data tidak ditemukan."))
    return outage


class WarningLetterView(LoginRequiredMixin, View):
    """002 Ps.28(5): the steering committee issues the warning letter of a critical service."""

    def post(self, request, pk):
        service = access.get_visible_or_404(Service, request.user, pk=pk)
        form = MonthForm(request.POST)
        if not form.is_valid() or not form.cleaned_data["bulan"]:
            messages.error(request, _("Bulan tidak valid."))
            return _back(request)
        year, month = (int(x) for x in form.cleaned_data["bulan"].split("-"))
        try:
            letter = avail.issue_warning_letter(service, request.user, year, month)
        except KelolaError as exc:
            messages.error(request, str(exc.message))
            return _back(request)
        messages.success(request, _("Surat teguran %(number)s diterbitkan.") % {"number": letter.number})
        return HttpResponseRedirect(letter.get_absolute_url())


urlpatterns = [
    path("masalah/", ProblemListView.as_view(), name="problem_list"),
    path("masalah/tambah/", ProblemCreateView.as_view(), name="problem_create"),
    path("masalah/kandidat/", ProblemCandidatesView.as_view(), name="problem_candidates"),
    path("masalah/<int:pk>/", ProblemDetailView.as_view(), name="problem_detail"),
    path("masalah/<int:pk>/ubah/", ProblemUpdateView.as_view(), name="problem_update"),
    path("masalah/<int:pk>/hapus/", ProblemDeleteView.as_view(), name="problem_delete"),
    path("masalah/<int:pk>/langkah/", ProblemTransitionView.as_view(), name="problem_transition"),
    path("masalah/<int:pk>/insiden/", ProblemLinkView.as_view(), name="problem_link"),
    path("ketersediaan/", AvailabilityView.as_view(), name="availability"),
    path("ketersediaan/gangguan/", OutageCreateView.as_view(), name="outage_create"),
    path("ketersediaan/gangguan/<int:pk>/selesai/", OutageEndView.as_view(), name="outage_end"),
    path("ketersediaan/gangguan/<int:pk>/hapus/", OutageDeleteView.as_view(), name="outage_delete"),
    path(
        "ketersediaan/layanan/<int:pk>/surat-teguran/",
        WarningLetterView.as_view(),
        name="availability_warning",
    ),
]
