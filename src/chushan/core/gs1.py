"""The pure GS1 application-identifier value check, shared by the apps that take lot or serial numbers
(inventory when goods are received, trace everywhere else). ``biip``'s AI table holds the character sets."""

import re

from biip import ParseError
from biip.gs1_application_identifiers import GS1ApplicationIdentifier

LOT_AI = "10"  # batch/lot number: 1-20 characters of GS1 character set 82


def ai_value_problem(ai: str, value: str) -> str | None:
    """Why ``value`` is not a valid value of application identifier ``ai`` (length, character set), or None."""
    try:
        definition = GS1ApplicationIdentifier.extract(ai)
    except ParseError:
        return f"unknown GS1 application identifier ({ai})"
    if re.fullmatch(definition.pattern, ai + value):
        return None
    name = f"AI ({ai}) {definition.data_title}"
    if not value:
        return f"{name} must not be empty"
    outside = [c for c in value if not re.fullmatch(definition.pattern, ai + c)]
    if outside:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in dict.fromkeys(outside))
        return f"{name} {value!r} has characters outside GS1 character set 82: {shown}; use ASCII letters/digits"
    return f"{name} {value!r} does not fit format {definition.format} (too long?)"


def lot_problem(lot: str) -> str | None:
    """Why ``lot`` is not a GS1 batch/lot number, AI (10), or None when it is one."""
    return ai_value_problem(LOT_AI, lot)
