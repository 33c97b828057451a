#!/usr/bin/env python3
"""Fill empty msgstr entries of a .po file from a TSV of `msgid<TAB>msgstr` lines, and list what is left.

Usage: tools/pofill.py src/chushan/<app>/locale/zh_Hans/LC_MESSAGES/django.po translations.tsv
Only single-line msgids without plural forms are filled; the script prints every msgid still empty.
Escapes in the TSV are written as in the .po file (\\n, \\").
"""

import re
import sys
from pathlib import Path


def _load(tsv: Path) -> dict[str, str]:
    table = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            msgid, msgstr = line.split("\t", 1)
            table[msgid] = msgstr
    return table


def fill(po: Path, table: dict[str, str]) -> list[str]:
    blocks = po.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    left = []
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        msgid_lines, in_msgid = [], False
        for line in lines:
            if line.startswith("msgid "):
                in_msgid = True
                msgid_lines.append(line[7:-1])
            elif in_msgid and line.startswith('"'):
                msgid_lines.append(line[1:-1])
            else:
                in_msgid = False
        msgid = "".join(msgid_lines)
        if not msgid or 'msgstr ""' not in lines[-1] or any(ln.startswith("msgid_plural") for ln in lines):
            if msgid and any(ln.startswith("msgid_plural") for ln in lines) and 'msgstr[0] ""' in block:
                left.append(msgid)
            continue
        if msgid in table:
            lines[-1] = f'msgstr "{table[msgid]}"'
            lines = [ln for ln in lines if not re.match(r"^#, fuzzy$", ln)]
            blocks[i] = "\n".join(lines)
        else:
            left.append(msgid)
    po.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return left


if __name__ == "__main__":
    remaining = fill(Path(sys.argv[1]), _load(Path(sys.argv[2])))
    for msgid in remaining:
        print(msgid)
    sys.exit(1 if remaining else 0)
