"""Bahasa Indonesia is the source language; the English catalog must cover every string (X-6)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(path: Path) -> dict[str, bool]:
    """msgid → translated? (a small .po reader: enough for Django's makemessages output)."""
    entries, msgid, msgstrs, fuzzy, key = {}, None, [], False, None

    def flush():
        if msgid:
            entries[msgid] = bool(msgstrs) and all(msgstrs) and not fuzzy

    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
            msgid, msgstrs, fuzzy, key = None, [], False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, key = line[7:-1], "id"
        elif line.startswith("msgid_plural"):
            key = "plural"
        elif line.startswith("msgstr"):
            msgstrs.append(line.split(" ", 1)[1][1:-1])
            key = "str"
        elif line.startswith('"') and key == "id":
            msgid += line[1:-1]
        elif line.startswith('"') and key == "str":
            msgstrs[-1] += line[1:-1]
    return entries


def test_english_catalog_is_complete_and_current(tmp_path):
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext is not installed")
    for name in ("kelola", "templates", "locale", "manage.py"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = _entries(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    committed = _entries(CATALOG)
    new = sorted(set(fresh) - set(committed) - {""})
    assert not new, f"Strings missing from locale/en (run makemessages and translate): {new[:10]}"
    untranslated = sorted(k for k, ok in fresh.items() if k and not committed.get(k, False))
    assert not untranslated, f"Untranslated English strings: {untranslated[:10]}"


def test_catalog_placeholders_match():
    """A translation that drops or renames a %(name)s placeholder breaks the page at run time."""
    if not shutil.which("msgfmt"):
        pytest.skip("GNU gettext is not installed")
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(CATALOG)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_pages_speak_english_when_chosen(client):
    with translation.override("en"):
        assert translation.gettext("Masuk") == "Sign in"
    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    page = client.get("/akun/masuk/").content.decode()
    assert "Sign in" in page and "Username" in page and 'lang="en"' in page


@pytest.mark.django_db
def test_indonesian_even_when_the_browser_asks_for_english(client):
    page = client.get("/akun/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in page and "Masuk" in page
