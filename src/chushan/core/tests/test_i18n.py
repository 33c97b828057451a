"""Every user-facing string is translated into Simplified Chinese, and the compiled catalogues are current."""

import ast
import gettext
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))


def _entries(po_text: str):
    """(msgid, msgstr, fuzzy) triples of a .po file, plural forms folded into msgstr."""
    entries, block = [], []
    for line in po_text.splitlines() + [""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            entries.append(_parse(block))
            block = []
    return [e for e in entries if e and e[0]]


def _parse(block):
    fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block)
    fields, current = {}, None
    for line in block:
        if line.startswith("#"):
            continue
        if line.startswith('"') and current:
            fields[current] += line[1:-1]
        else:
            key, _sep, value = line.partition(" ")
            current = key
            fields[current] = value[1:-1]
    msgstr = fields.get("msgstr", "") or "".join(v for k, v in fields.items() if k.startswith("msgstr["))
    msgid = fields.get("msgid", "")
    if "msgctxt" in fields:
        msgid = fields["msgctxt"] + "\x04" + msgid
    plural = any(k.startswith("msgstr[") for k in fields)
    return msgid, msgstr, fuzzy, plural


def _unescape(po_string: str) -> str:
    return ast.literal_eval('"' + po_string + '"')


def test_there_are_catalogues():
    assert CATALOGUES, "no zh_Hans catalogues found under src/chushan/*/locale"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_string_has_a_chinese_translation(po):
    entries = _entries(po.read_text(encoding="utf-8"))
    missing = [msgid for msgid, msgstr, fuzzy, _plural in entries if not msgstr or fuzzy]
    assert not missing, f"{po}: untranslated or fuzzy: {missing[:10]}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_compiled_catalogue_matches_its_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run compilemessages: {mo} is missing"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog
    stale = []
    for msgid, msgstr, _fuzzy, plural in _entries(po.read_text(encoding="utf-8")):
        msgid, msgstr = _unescape(msgid), _unescape(msgstr)
        if not plural and compiled.get(msgid) != msgstr:
            stale.append(msgid)
    assert not stale, f"{mo} is stale; run compilemessages. Differs: {stale[:5]}"
