"""Knowledge base (OPS-2): articles with versions and audiences, searched with PostgreSQL's
full-text search (the "simple" configuration: Indonesian has no stemmer in PostgreSQL) and a
word-by-word fallback on SQLite; suggestions while a ticket is written; a resolved ticket
turned into a draft."""

from __future__ import annotations

import re

from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import create_row, ensure, refusals_logged, update_row

from .choices import ArticleStatus, Audience
from .models import Article, ArticleVersion, Ticket

WORD = re.compile(r"[0-9a-zA-Z\u00c0-\u024f]+")
STOPWORDS = frozenset(
    {"dan", "di", "ke", "dari", "yang", "untuk", "tidak", "bisa", "pada", "dengan", "atau", "ini", "itu"}
)


def _words(text: str) -> list[str]:
    return [w for w in (m.lower() for m in WORD.findall(text or "")) if len(w) > 2 and w not in STOPWORDS]


def _search_text(article) -> str:
    return " ".join(_words(f"{article.title} {article.category} {article.body}"))


def article_create(*, actor, pemda, **data) -> Article:
    data.pop("pemda", None)
    data.pop("version", None)
    article = create_row(Article, actor=actor, pemda=pemda, **data)
    Article.objects.filter(pk=article.pk).update(search_text=_search_text(article))
    return article


def article_update(article: Article, *, actor, **data) -> Article:
    """Edit an article; the text it had is kept as a version when title or body change."""
    data.pop("pemda", None)
    data.pop("version", None)
    with transaction.atomic():
        stored = Article.objects.select_for_update().get(pk=article.pk)
        if any(name in data and data[name] != getattr(stored, name) for name in ("title", "body")):
            ensure(actor, "change", stored)
            ArticleVersion.objects.create(
                article=stored, version=stored.version, title=stored.title, body=stored.body, saved_by=actor
            )
            data["version"] = stored.version + 1
        updated = update_row(article, actor=actor, **data)
        Article.objects.filter(pk=updated.pk).update(search_text=_search_text(updated))
    return updated


def article_delete(article: Article, *, actor) -> None:
    from kelola.core.services import delete_row

    delete_row(article, actor=actor)


def draft_from_ticket(ticket: Ticket, *, actor) -> Article:
    """DESK-7: a resolved ticket becomes a draft article for the IT staff to polish."""
    from .choices import TicketStatus

    with refusals_logged(actor, "add", ticket):
        if ticket.status not in (TicketStatus.RESOLVED, TicketStatus.CLOSED) or not ticket.resolution.strip():
            raise KelolaError(
                _("Hanya tiket yang sudah diselesaikan dapat dijadikan artikel."),
                code=ErrorCode.TRANSITION_NOT_ALLOWED,
            )
    body = _("Gejala:\n%(problem)s\n\nPenyelesaian:\n%(resolution)s") % {
        "problem": ticket.description,
        "resolution": ticket.resolution,
    }
    article = article_create(
        actor=actor,
        pemda=ticket.pemda,
        title=ticket.title,
        category=str(ticket.service.get_category_display()),
        body=body,
        audience=Audience.IT_STAFF,
        status=ArticleStatus.DRAFT,
        service=ticket.service,
        source_ticket=ticket,
    )
    audit.record("other", ticket, actor=actor, changes={"knowledge_article": [None, article.pk]})
    return article


def search(queryset, text: str, limit: int | None = None):
    """Articles matching `text`, best first: PostgreSQL full-text rank, else every word present."""
    words = _words(text)
    if not words:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", weight="A", config="simple") + SearchVector(
            "category", "body", weight="B", config="simple"
        )
        query = SearchQuery(" | ".join(words), search_type="raw", config="simple")
        ranked = (
            queryset.annotate(rank=SearchRank(vector, query)).filter(rank__gt=0).order_by("-rank", "title")
        )
        return list(ranked[:limit] if limit else ranked)
    condition = Q()
    for word in words:
        condition |= Q(search_text__contains=word)
    matches = list(queryset.filter(condition))
    matches.sort(key=lambda a: (-sum(w in a.search_text for w in words), a.title))
    return matches[:limit] if limit else matches
