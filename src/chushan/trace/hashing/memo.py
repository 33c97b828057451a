"""Event Hash IDs for many events in a row, re-using the pre-hash text of field values seen before.

Each top-level field contributes a fragment of the pre-hash string that depends only on its key, its value
and the @context's prefixes.  A chain holds the same read points, business steps, dispositions and
extension values again and again, so ``PrehashMemo`` keeps each fragment once computed and only builds the
fields it has not seen (the event time, usually).  The output is identical to ``event_prehash``.
"""

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from .prehash import (
    _COMMENTS,
    _NOT_GENERIC,
    _QUANTITY,
    _TYPED_LIST_BUILDERS,
    EVENT_ORDER,
    Namespaces,
    _generic_children,
    _structure,
)
from .values import scalar_text

_DICT, _LIST, _BOOL = object(), object(), object()
_AS_IS = frozenset((str, int, float))  # values that stand for themselves (exact types: a bool is not an int here)
_ORDER = {key: (index, build) for index, (key, build) in enumerate(EVENT_ORDER)}
_ALWAYS_NEW = frozenset(("eventTime",))  # unique per event: caching it would only fill the memory
_QUANTITY_LISTS = frozenset(("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"))
_QUANTITY_FIELDS = frozenset(key for key, _build in _QUANTITY)
# What a plan does with each key of an event.
_FIELD, _TIME, _QUANTITIES, _TYPED, _GENERIC = range(5)
# The common shape of a timestamp: milliseconds and an offset.  Anything else goes the general way.
_PLAIN_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|[+-]\d\d:\d\d)")
# Already canonical (UTC, 'Z', three decimals), or an impossible date that is hashed verbatim: the text either
# way.  A year below 1000 is written without its leading zero, so it is left to the general way.
_CANONICAL_TIME = re.compile(r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")


def _event_time(value: object) -> str | None:
    """'eventTime=<UTC, 3 decimals, Z>' without parsing for the canonical shape, from datetime's C parser for
    the common one, else None."""
    if type(value) is not str:
        return None
    if _CANONICAL_TIME.fullmatch(value):
        return "eventTime=" + value
    if not _PLAIN_TIME.fullmatch(value):
        return None
    try:
        moment = datetime.fromisoformat(value).astimezone(UTC)
    except ValueError:
        return None
    return f"eventTime={moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def _plan(keys: tuple[str, ...]) -> tuple[tuple, tuple]:
    """What to do with each key of events shaped so: the standard fields in CBV order, then the business
    transaction lists and extensions, whose fragments are sorted as text.  Excluded keys are left out."""
    ordered = []
    for key in sorted((key for key in keys if key in _ORDER), key=lambda key: _ORDER[key][0]):
        kind = _TIME if key in _ALWAYS_NEW else _QUANTITIES if key in _QUANTITY_LISTS else _FIELD
        ordered.append((key, kind, _ORDER[key][1]))
    others = tuple((key, _TYPED) if key in _TYPED_LIST_BUILDERS else (key, _GENERIC) for key in keys
                   if key not in _ORDER and (key in _TYPED_LIST_BUILDERS or not (
                       key in _NOT_GENERIC or key in _COMMENTS or key.startswith("@xmlns"))))
    return tuple(ordered), others


def _freeze(value: object) -> object:
    """A hashable stand-in that is equal only for values with the same pre-hash text (booleans tagged, since
    True == 1 in Python but "true" != "1" in the pre-hash)."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    # Flat containers (the common case) are checked and frozen without a Python-level loop.
    if kind is dict:
        if len(value) == 1:  # {"id": "..."}: the commonest, quicker still
            (k, v), = value.items()
            return (_DICT, (k, v if type(v) in _AS_IS else _freeze(v)))
        if _AS_IS.issuperset(map(type, value.values())):
            return (_DICT, *value.items())
        return (_DICT, *((k, _freeze(v)) for k, v in value.items()))
    if kind is list:
        if _AS_IS.issuperset(map(type, value)):
            return (_LIST, *value)
        return (_LIST, *(_freeze(v) for v in value))
    if kind is bool:
        return (_BOOL, value)
    if isinstance(value, Mapping):
        return (_DICT, *((k, _freeze(v)) for k, v in value.items()))
    return value


class PrehashMemo:
    """Pre-hash strings for a stream of events, memoising field fragments (bounded by ``limit`` entries)."""

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit
        self._by_context: dict[object, tuple[Namespaces, dict]] = {}
        self._last: tuple[object, object, tuple[Namespaces, dict]] | None = None
        self._plans: dict[tuple[str, ...], tuple[tuple, tuple]] = {}  # by the event's keys, in their order

    def _memo(self, event: Mapping, context: object) -> tuple[Namespaces, dict]:
        own = event.get("@context")
        last = self._last
        # Consecutive events nearly always share their context: comparing is cheaper than freezing it.
        if last is not None and last[1] == own and last[0] == context:
            return last[2]
        key = (_freeze(context), _freeze(own))
        found = self._by_context.get(key)
        if found is None:
            parts = [*(context if isinstance(context, list) else [context])]
            if own is not None:
                parts += own if isinstance(own, list) else [own]
            found = self._by_context[key] = (Namespaces(parts), {})
        self._last = (context, own, found)
        return found

    def _plan(self, event: Mapping) -> tuple[tuple, tuple]:
        # A stream of events has few shapes: sorting and classifying the keys once per shape saves doing it
        # for every event.
        keys = tuple(event)
        plan = self._plans.get(keys)
        if plan is None:
            if len(self._plans) > self.limit:
                self._plans.clear()
            plan = self._plans[keys] = _plan(keys)
        return plan

    def prehash(self, event: Mapping, context: object = None) -> str:
        ns, memo = self._memo(event, context)
        if len(memo) > self.limit:
            memo.clear()
        ordered, others = self._plan(event)
        parts = ["eventType=" + (scalar_text(event.get("type")) or "")]
        for key, kind, build in ordered:
            value = event[key]
            if kind == _FIELD:
                memo_key = (key, value if type(value) is str else _freeze(value))
                fragment = memo.get(memo_key)
                if fragment is None:
                    fragment = memo[memo_key] = build(value, ns)
            elif kind == _TIME:
                fragment = _event_time(value) or build(value, ns)
            else:  # rarely repeated whole (quantities vary): memoised by part instead
                fragment = self._quantities(key, value, ns, memo)
            parts.append(fragment)
        if others:
            parts.extend(sorted(self._others(event, others, ns, memo)))
        return "".join(parts)

    @staticmethod
    def _others(event: Mapping, others: tuple, ns: Namespaces, memo: dict) -> list[str]:
        """Fragments of the business transaction lists and the extensions, unsorted."""
        rest: list[str] = []
        for key, kind in others:
            value = event[key]
            if kind == _TYPED:
                fragment = _TYPED_LIST_BUILDERS[key](value, ns)
                if fragment:
                    rest.append(fragment)
            else:
                memo_key = ("~", key, value if type(value) is str else _freeze(value))
                fragments = memo.get(memo_key)
                if fragments is None:
                    fragments = memo[memo_key] = tuple(_generic_children({key: value}, ns))
                rest.extend(fragments)
        return rest

    @staticmethod
    def _quantities(name: str, value: object, ns: Namespaces, memo: dict) -> str:
        """A quantity list, memoising each element's epcClass, quantity and uom text (the same as _list_of)."""
        entries = []
        for element in value if isinstance(value, list) else [value]:
            if type(element) is not dict or not element.keys() <= _QUANTITY_FIELDS:
                fragment = _structure("quantityElement", _QUANTITY, element, ns)  # the general way
            else:
                body = ""
                for key, build in _QUANTITY:
                    if key in element:
                        part = element[key]
                        part_key = ("q", key, part if type(part) in _AS_IS else _freeze(part))
                        text = memo.get(part_key)
                        if text is None:
                            text = memo[part_key] = build(part, ns)
                        body += text
                fragment = "quantityElement" + body if body else ""
            if fragment:
                entries.append(fragment)
        return name + "".join(sorted(entries)) if entries else ""
