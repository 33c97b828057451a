"""A shopper's query parsed into groups of alternatives, and written out for FTS5 and for tsquery.

Every group must match (AND); a group matches when any of its alternatives does (OR); an alternative is a
few terms that must all be present. Both compilers express exactly the same logic, so SQLite and PostgreSQL
return the same products.
"""

from dataclasses import dataclass

from chushan.search import tokenize

MAX_QUERY_CHARS = 100
MAX_GROUPS = 8
PREFIX_MIN = 3  # `lar` finds 蜡染 (laran); two letters are matched whole, they are usually initials


@dataclass(frozen=True)
class Term:
    token: str
    prefix: bool = False


Alternative = tuple[Term, ...]


@dataclass(frozen=True)
class Group:
    word: str
    alternatives: tuple[Alternative, ...]

    @property
    def is_latin(self) -> bool:
        return self.word.isascii() and self.word.isalpha()


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    groups: tuple[Group, ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def words(self) -> list[str]:
        return [g.word for g in self.groups]


def _group(word: str, *, relax: bool = False) -> Group:
    alternatives: list[Alternative] = [(Term(word),)]
    if tokenize.is_han(word) and len(word) >= 3:
        parts = tokenize.word_parts(word)
        if len(parts) > 1:
            alternatives.append(tuple(Term(p) for p in parts))
    if relax and tokenize.is_han(word) and len(word) >= 2:
        alternatives.append(tuple(Term(ch) for ch in dict.fromkeys(word)))
    if word.isascii() and word.isalpha() and len(word) >= PREFIX_MIN:
        # `laran*` also matches laran itself; the exact reading only counts for relevance (exact_only).
        alternatives = [(Term(word, prefix=True),)]
    return Group(word=word, alternatives=tuple(dict.fromkeys(alternatives)))


def parse(text: str, *, relax: bool = False) -> ParsedQuery:
    """Chinese into words, letters as pinyin (full or initials), digits as they are.

    ``relax`` also lets a Chinese word match by its characters, for a second try when nothing matched.
    """
    text = (text or "").replace("\x00", "").strip()[:MAX_QUERY_CHARS]
    words = list(dict.fromkeys(tokenize.query_words(text)))[:MAX_GROUPS]
    return ParsedQuery(text=text, groups=tuple(_group(w, relax=relax) for w in words))


def joined_latin(query: ParsedQuery) -> ParsedQuery | None:
    """`la ran` → `laran`: adjacent letter words joined, for a second try; None when there is nothing to join."""
    words, changed = [], False
    for group in query.groups:
        if group.is_latin and words and words[-1].isascii() and words[-1].isalpha():
            words[-1] += group.word
            changed = True
        else:
            words.append(group.word)
    if not changed:
        return None
    return ParsedQuery(text=query.text, groups=tuple(_group(w) for w in words))


def relaxed(query: ParsedQuery) -> ParsedQuery | None:
    if not any(tokenize.is_han(g.word) and len(g.word) >= 2 for g in query.groups):
        return None
    return ParsedQuery(text=query.text, groups=tuple(_group(g.word, relax=True) for g in query.groups))


# Compilers ------------------------------------------------------------------------------------------

# The four indexed columns, and the tsvector weight each is stored under on PostgreSQL.
COLUMNS = ("title", "meta", "extra", "initials")
WEIGHT_LETTERS = {"title": "A", "meta": "B", "initials": "C", "extra": "D"}


def exact_only(group: Group) -> Group | None:
    """The group read exactly (`laran`, not `laran*`), or None when it has no prefix term to begin with."""
    if not any(t.prefix for alt in group.alternatives for t in alt):
        return None
    return Group(word=group.word,
                 alternatives=tuple(tuple(Term(t.token) for t in alt) for alt in group.alternatives))


def group_fts5(group: Group, *, column: str | None = None) -> str:
    """One group as FTS5: ("laran" OR "laran" *), optionally limited to one column: {title} : (…)."""

    def term(t: Term) -> str:
        quoted = '"' + t.token.replace('"', '""') + '"'
        return quoted + " *" if t.prefix else quoted

    def alternative(alt: Alternative) -> str:
        inner = " AND ".join(term(t) for t in alt)
        return f"({inner})" if len(alt) > 1 else inner

    expression = "(" + " OR ".join(alternative(a) for a in group.alternatives) + ")"
    return f"{{{column}}} : {expression}" if column else expression


def group_tsquery(group: Group, *, column: str | None = None) -> str:
    """One group as a tsquery literal, read by PostgreSQL as it is (no parser, no stemming):
    ('laran' | 'laran':*), or limited to one column's weight: ('laran':A | 'laran':*A)."""
    weight = WEIGHT_LETTERS[column] if column else ""

    def term(t: Term) -> str:
        quoted = "'" + t.token.replace("\\", "\\\\").replace("'", "''") + "'"
        if t.prefix or weight:
            return quoted + ":" + ("*" if t.prefix else "") + weight
        return quoted

    def alternative(alt: Alternative) -> str:
        inner = " & ".join(term(t) for t in alt)
        return f"({inner})" if len(alt) > 1 else inner

    return "(" + " | ".join(alternative(a) for a in group.alternatives) + ")"


def to_fts5(query: ParsedQuery, *, also: tuple[Group, ...] = ()) -> str:
    """The whole query (and filter groups) as an FTS5 MATCH expression: ("laran" OR "laran" *) AND ("苗族")."""
    return " AND ".join(group_fts5(g) for g in (*query.groups, *also))


def to_tsquery(query: ParsedQuery, *, also: tuple[Group, ...] = ()) -> str:
    """The whole query (and filter groups) as a tsquery literal: ('laran' | 'laran':*) & ('苗族')."""
    return " & ".join(group_tsquery(g) for g in (*query.groups, *also))


# Facet values are indexed as tokens too ("0c12": category 12), so that a filter is one more index term and
# both databases read filtered matches in rank order. A query word is only letters or only digits, so it
# can never match a facet token, whose first character is a digit and which also has letters.
FACET_KINDS = {"category": "c", "root": "r", "province": "v", "prefecture": "p", "county": "t",
               "ethnic_group": "e", "heritage_level": "l", "certified": "x", "price_range": "b",
               "tier": "k"}


def facet_token(kind: str, value) -> str:
    return f"0{FACET_KINDS[kind]}{value}"


def facet_group(kind_values: list[tuple[str, object]]) -> Group:
    """A filter as a group: any of these facet values."""
    return Group(word="", alternatives=tuple((Term(facet_token(k, v)),) for k, v in kind_values))


def matches(query: ParsedQuery, tokens: set[str]) -> bool:
    """The same logic in Python, over one document's tokens: the reference the tests hold both databases to."""

    def term(t: Term) -> bool:
        return any(tok.startswith(t.token) for tok in tokens) if t.prefix else t.token in tokens

    return all(any(all(term(t) for t in alt) for alt in g.alternatives) for g in query.groups)
