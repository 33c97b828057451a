"""Text → search tokens: jieba words (with the platform's dictionary), each word's full pinyin and initials.

Documents are tokenized once, at write time, into space-separated tokens that both databases index as they
are (PostgreSQL tsvector literals, SQLite FTS5 with the ``ascii`` tokenizer), so both find the same matches.
Tokens are NFKC-folded and lowercased; a token is a run of Han characters, of ASCII letters or of digits.
"""

import gc
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DICT_PATH = Path(__file__).resolve().parent / "data" / "dict.txt"

# Han ideographs (basic, extension A, compatibility, extensions B+) and 〇; everything else separates words.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(f"[{_HAN}]+|[a-z]+|[0-9]+")
_HAN_RUN = re.compile(f"^[{_HAN}]+$")

# Words that carry no meaning on their own in a product title or a query.
STOPWORDS = frozenset([
    "的", "了", "和", "与", "及", "或", "之", "是", "在", "有", "等", "也", "为", "把", "被", "就", "都", "而",
    "县", "省", "市", "区", "州", "a", "an", "and", "the", "of", "for", "with", "in", "on", "to", "by",
])
MAX_TOKEN = 60  # longer runs (a pasted serial number) are noise, and PostgreSQL caps a lexeme at 2 KB


@dataclass(frozen=True)
class DictionaryWord:
    word: str
    freq: int
    tag: str
    reading: tuple[str, ...]


def dictionary_words(path: Path = DICT_PATH) -> list[DictionaryWord]:
    """The platform dictionary: `word freq tag pin yin` lines, `#` comments."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, freq, tag, *reading = line.split()
        words.append(DictionaryWord(word=word, freq=int(freq), tag=tag, reading=tuple(reading)))
    return words


_lock = threading.Lock()
_segmenter = None
_readings: dict[str, tuple[str, ...]] = {}


def segmenter():
    """The jieba tokenizer with the platform dictionary loaded (built once per process, ~1 s)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = _build_segmenter()
    return _segmenter


def _build_segmenter():
    import jieba
    import pypinyin

    jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary at DEBUG on every start
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    phrases = {}
    for entry in dictionary_words():
        tokenizer.add_word(entry.word, entry.freq, entry.tag)
        _readings[entry.word] = entry.reading
        phrases[entry.word] = [[syllable] for syllable in entry.reading]
    # pypinyin reads some place and craft names wrong (都匀 is dū yún, 马尾绣 mǎ wěi xiù); the checked
    # readings also apply when such a word sits inside a longer one.
    pypinyin.load_phrases_dict(phrases)
    # jieba's and pypinyin's tables are a few hundred thousand objects that live as long as the process; a
    # full garbage collection walking them costs ~0.4 s, so move them out of the collector's way.
    gc.freeze()
    return tokenizer


def normalize(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, lowercase."""
    return unicodedata.normalize("NFKC", text or "").lower()


def runs(text: str) -> list[str]:
    """Han, letter and digit runs of already-normalized text, in order."""
    return _RUNS.findall(text)


def is_han(token: str) -> bool:
    return bool(_HAN_RUN.match(token))


def index_words(text: str) -> list[str]:
    """Every word a document should be found by: jieba's words and every dictionary word inside them
    (临夏牛肉干 → 临夏 牛肉 肉干 牛肉干 临夏牛肉干), letter and digit runs; stopwords and single letters dropped.

    Like jieba's search mode, but sub-words of any length, so 东乡手抓羊肉 is also found by 手抓羊肉.
    """
    seg = segmenter()
    words = []
    for run in runs(normalize(text)):
        if not is_han(run):
            words.append(run)
            continue
        for word in seg.cut(run, HMM=False):
            for size in range(2, len(word)):
                words.extend(word[i:i + size] for i in range(len(word) - size + 1) if seg.FREQ.get(word[i:i + size]))
            words.append(word)
    return _kept(words)


def _kept(words: list[str]) -> list[str]:
    return [w for w in words
            if w not in STOPWORDS and len(w) <= MAX_TOKEN and not (len(w) == 1 and w.isascii() and w.isalpha())]


def query_words(text: str) -> list[str]:
    """The words of a query: jieba's precise mode, so 苗族蜡染 asks for 苗族 and 蜡染, not every sub-word."""
    seg = segmenter()
    words = []
    for run in runs(normalize(text)):
        if is_han(run):
            words.extend(seg.cut(run, HMM=False))
        else:
            words.append(run)
    return _kept(words)


def han_characters(text: str) -> list[str]:
    """Each distinct Han character of a text, so a one-character query (茶, 刀) finds 绿茶 and 腰刀."""
    seen = {}
    for run in runs(normalize(text)):
        if is_han(run):
            for ch in run:
                seen.setdefault(ch, None)
    return [ch for ch in seen if ch not in STOPWORDS]


def word_parts(word: str) -> list[str]:
    """A compound split into short dictionary words, longest first from the left (苗族蜡染技艺 → 苗族 蜡染
    技艺), for queries whose compound a document may have been cut differently."""
    freq = segmenter().FREQ
    parts, i = [], 0
    while i < len(word):
        for j in range(min(len(word), i + 3), i, -1):
            if j - i == 1 or freq.get(word[i:j]):
                parts.append(word[i:j])
                i = j
                break
    return parts


@lru_cache(maxsize=200_000)
def pinyin(word: str) -> tuple[str, str] | None:
    """(full pinyin, initials) of a Han word, such as ("laran", "lr") for 蜡染; None for other tokens.

    Cached per word: calling pypinyin is the slow part of indexing. ü is written v, as pinyin keyboards do.
    """
    if not is_han(word):
        return None
    segmenter()  # loads the checked readings first
    syllables = _readings.get(word)
    if syllables is None:
        from pypinyin import Style, lazy_pinyin

        syllables = tuple(s for s in lazy_pinyin(word, style=Style.NORMAL, errors="ignore") if s.isascii())
    syllables = [s.lower() for s in syllables if s]
    if len(syllables) != len(word):
        return None  # a rare character pypinyin cannot read: better no pinyin than a wrong one
    return "".join(syllables), "".join(s[0] for s in syllables)
