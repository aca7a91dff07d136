"""Documents and letters API (X-2, X-5)."""

from __future__ import annotations

from django.http import FileResponse
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedReadOnlyViewSet
from kelola.core.documents import document_upload, record_download
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.letters import letter_issue
from kelola.core.models import Agency, Document, Letter
from kelola.core.views.documents import DocumentFilter, LetterFilter


class DocumentSerializer(ScopedModelSerializer):
    file = serializers.FileField(write_only=True)
    replaces = ScopedPrimaryKeyRelatedField(queryset=Document.objects.all(), write_only=True, required=False)

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
            "created_at",
            "file",
            "replaces",
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
            "created_at",
        ]


class DocumentViewSet(ScopedReadOnlyViewSet):
    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    parser_classes = [MultiPartParser, FormParser]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        upload = data.pop("file")
        agency = data.get("agency")
        pemda = agency.pemda if agency else request.user.pemda
        if pemda is None:
            raise KelolaError("Akun Anda tidak terkait dengan pemda mana pun.", code=ErrorCode.FORBIDDEN)
        document = document_upload(actor=request.user, upload=upload, pemda=pemda, **data)
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        document = self.get_object()
        record_download(document, request.user)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.mime_type,
        )


class LetterSerializer(ScopedModelSerializer):
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
        ]
        read_only_fields = ["pemda", "agency", "year", "sequence", "number", "date", "document"]


class LetterViewSet(ScopedReadOnlyViewSet):
    queryset = Letter.objects.all()
    serializer_class = LetterSerializer
    filterset_class = LetterFilter

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pemda = request.user.pemda
        if pemda is None:
            raise KelolaError("Akun Anda tidak terkait dengan pemda mana pun.", code=ErrorCode.FORBIDDEN)
        it_office = Agency.objects.filter(pemda=pemda, is_it_office=True).first()
        letter = letter_issue(actor=request.user, pemda=pemda, agency=it_office, **serializer.validated_data)
        return Response(self.get_serializer(letter).data, status=status.HTTP_201_CREATED)


router.register("documents", DocumentViewSet, basename="document")
router.register("letters", LetterViewSet, basename="letter")
