"""Kategori sistem elektronik (004 Lamp.II (1)): ten answers A/B/C worth 5/2/1 points; the
total (10..50) gives Strategis (36-50), Tinggi (16-35) or Rendah (10-15)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .choices import RiskCategory
from .reference import ANSWER_POINTS, RISK_QUESTIONS

QUESTION_KEYS = tuple(q.key for q in RISK_QUESTIONS)


def category_for(score: int) -> str:
    if not 10 <= score <= 50:
        raise ValueError(f"score {score} outside 10..50")
    if score >= 36:
        return RiskCategory.STRATEGIC
    if score >= 16:
        return RiskCategory.HIGH
    return RiskCategory.LOW


def answer_errors(answers: dict) -> dict[str, list[str]]:
    """Field errors of a questionnaire: every question answered with A, B or C, nothing else."""
    errors: dict[str, list[str]] = {}
    for index, key in enumerate(QUESTION_KEYS, start=1):
        value = answers.get(key)
        if value in (None, ""):
            errors[key] = [_("Pertanyaan %(n)s belum dijawab.") % {"n": index}]
        elif str(value).upper() not in ANSWER_POINTS:
            errors[key] = [_("Jawaban harus A, B, atau C.")]
    for key in sorted(set(answers) - set(QUESTION_KEYS)):
        errors[key] = [_("Pertanyaan ini tidak ada di formulir.")]
    return errors


def score(answers: dict) -> tuple[int, str]:
    """(total, category) of a complete questionnaire (check `answer_errors` first)."""
    total = sum(ANSWER_POINTS[str(answers[key]).upper()] for key in QUESTION_KEYS)
    return total, category_for(total)
