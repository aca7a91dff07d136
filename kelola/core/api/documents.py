"""Documents and letters API (X-2, X-5): the same services and rules as the pages.

- /api/v1/documents/                  list (latest versions; filters kind, classification,
                                      secrecy, agency, q, series, all_versions=1), create (multipart,
                                      optional target="app_label.model" + target_id)
- /api/v1/documents/{id}/             retrieve
- /api/v1/documents/{id}/versions/    GET the series' versions; POST a new version (multipart)
- /api/v1/documents/{id}/download/    the file, audited
- /api/v1/letters/                    list, retrieve, create (issue: number + PDF)
- /api/v1/letters/{id}/download/      the letter's PDF, audited
Rows outside what the user may see answer 404.
"""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kelola.core import access
from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedReadOnlyViewSet
from kelola.core.documents import (
    attach_document,
    document_upload,
    download_response,
    resolve_target,
)
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.letters import letter_issue
from kelola.core.models import Document, Letter
from kelola.core.views.documents import DocumentFilter
from kelola.core.views.letters import LetterFilter


class DocumentApiFilter(DocumentFilter):
    series = django_filters.UUIDFilter()
    all_versions = django_filters.BooleanFilter(method="filter_versions", label=_("Semua versi"))

    class Meta(DocumentFilter.Meta):
        fields = [*DocumentFilter.Meta.fields, "series"]

    def filter_versions(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        chosen = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        if not (chosen.get("all_versions") or chosen.get("series")):
            queryset = queryset.filter(is_latest=True)
        return queryset


class DocumentSerializer(ScopedModelSerializer):
    file = serializers.FileField(write_only=True)
    target = serializers.CharField(
        write_only=True, required=False, help_text="app_label.model of the row the document belongs to"
    )
    target_id = serializers.CharField(required=False, max_length=64)
    target_type = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "pemda",
            "agency",
            "title",
            "kind",
            "classification",
            "secrecy",
            "description",
            "original_name",
            "mime_type",
            "size",
            "sha256",
            "series",
            "version",
            "is_latest",
            "uploaded_by",
            "created_at",
            "target_type",
            "target_id",
            "download_url",
            "file",
            "target",
        ]
        read_only_fields = [
            "pemda",
            "original_name",
            "mime_type",
            "size",
            "sha256",
            "series",
            "version",
            "is_latest",
            "uploaded_by",
            "created_at",
        ]

    def get_target_type(self, obj) -> str:
        return f"{obj.target_type.app_label}.{obj.target_type.model}" if obj.target_type_id else ""

    def get_download_url(self, obj) -> str:
        return reverse("document-download", args=[obj.pk])

    def validate(self, attrs):
        if bool(attrs.get("target")) != bool(attrs.get("target_id")):
            raise serializers.ValidationError({"target": [_("Isi target dan target_id bersama-sama.")]})
        return attrs


class NewVersionSerializer(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(max_length=255, required=False)
    classification = serializers.ChoiceField(
        choices=Document._meta.get_field("classification").choices, required=False
    )
    secrecy = serializers.ChoiceField(choices=Document._meta.get_field("secrecy").choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)


def _home_pemda(user):
    pemda = getattr(user, "pemda", None)
    if pemda is None:
        raise KelolaError(
            _("Akun Anda tidak terkait dengan pemda mana pun; pilih perangkat daerah."),
            code=ErrorCode.INVALID,
            errors={"agency": [_("Wajib diisi.")]},
        )
    return pemda


class DocumentViewSet(ScopedReadOnlyViewSet):
    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    filterset_class = DocumentApiFilter
    select_related = ("agency", "target_type")
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    ordering_fields = ["created_at", "title", "version"]

    def get_object(self):
        # Any visible version by id: the list's "latest versions only" filter does not apply.
        document = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, document)
        if not access.can(self.request.user, "view", document):
            raise Http404
        return document

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        upload = data.pop("file")
        label, target_id = data.pop("target", ""), data.pop("target_id", "")
        if label:
            target = resolve_target(request.user, label, target_id)
            document = attach_document(actor=request.user, target=target, upload=upload, **data)
        else:
            agency = data.get("agency")
            pemda = agency.pemda if agency else _home_pemda(request.user)
            document = document_upload(actor=request.user, upload=upload, pemda=pemda, **data)
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser])
    def versions(self, request, pk=None):
        """GET: every visible version of the series; POST: upload the next version."""
        document = self.get_object()
        if request.method == "GET":
            rows = (
                Document.objects.visible_to(request.user)
                .filter(series=document.series)
                .select_related("agency", "target_type")
                .order_by("-version")
            )
            return Response(self.get_serializer(rows, many=True).data)
        incoming = NewVersionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        latest = Document.objects.filter(series=document.series, is_latest=True).first() or document
        created = document_upload(
            actor=request.user,
            upload=data.pop("file"),
            pemda=latest.pemda,
            agency=latest.agency,
            kind=latest.kind,
            title=data.pop("title", latest.title),
            classification=data.pop("classification", latest.classification),
            secrecy=data.pop("secrecy", latest.secrecy),
            description=data.pop("description", latest.description),
            replaces=latest,
        )
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        return download_response(self.get_object(), request.user)


class LetterSerializer(ScopedModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Letter
        fields = [
            "id",
            "pemda",
            "agency",
            "recipient_agency",
            "kind",
            "year",
            "sequence",
            "number",
            "date",
            "subject",
            "recipient",
            "body",
            "secrecy",
            "signatory_name",
            "signatory_title",
            "signatory_nip",
            "document",
            "download_url",
        ]
        read_only_fields = ["pemda", "agency", "year", "sequence", "number", "date", "document"]

    def get_download_url(self, obj) -> str:
        return reverse("letter-download", args=[obj.pk]) if obj.document_id else ""


class LetterViewSet(ScopedReadOnlyViewSet):
    queryset = Letter.objects.all()
    serializer_class = LetterSerializer
    filterset_class = LetterFilter
    select_related = ("document",)
    ordering_fields = ["date", "sequence", "subject"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        recipient_agency = data.get("recipient_agency")
        pemda = recipient_agency.pemda if recipient_agency else _home_pemda(request.user)
        letter = letter_issue(actor=request.user, pemda=pemda, **data)
        return Response(self.get_serializer(letter).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        letter = self.get_object()
        if letter.document is None:
            raise Http404
        return download_response(letter.document, request.user, via=letter)


router.register("documents", DocumentViewSet, basename="document")
router.register("letters", LetterViewSet, basename="letter")
