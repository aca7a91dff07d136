"""Meta-test (STYLE practice 11): every Kelola model is exercised by some test module, and every
model with a pemda is reachable through an access policy."""

from pathlib import Path

from django.apps import apps

from kelola.core import access

ROOT = Path(__file__).resolve().parents[2]


def _kelola_models():
    return [m for m in apps.get_models() if m.__module__.startswith("kelola.")]


def test_every_model_is_named_in_a_test():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.rglob("tests/test_*.py"))
    sources += "\n".join(p.read_text(encoding="utf-8") for p in ROOT.rglob("tests/conftest.py"))
    untested = [m.__name__ for m in _kelola_models() if m.__name__ not in sources]
    assert not untested, f"Models without tests: {untested}"


def test_every_scoped_model_has_a_policy():
    for model in _kelola_models():
        level = getattr(model, "scope_level", None)
        if level is not None:
            assert level in access.POLICIES, f"{model.__name__}: no policy registered for {level!r}"
