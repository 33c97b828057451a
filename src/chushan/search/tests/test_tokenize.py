"""The tokenizer: dictionary words kept whole, checked pinyin readings, full pinyin and initials."""

import pytest
from pypinyin import Style, lazy_pinyin

from chushan.search import tokenize


def test_dictionary_has_a_few_hundred_heritage_product_and_place_words():
    words = [w.word for w in tokenize.dictionary_words()]
    assert len(words) >= 300
    assert len(words) == len(set(words)), "a word is listed twice"
    for word in ("苗绣", "蜡染", "马尾绣", "银饰", "古法造纸", "砖雕", "都匀毛尖", "水城春", "刺梨", "红酸汤",
                 "遵义辣椒", "修文猕猴桃", "临夏", "东乡", "保安腰刀", "牛肉干"):
        assert word in words


def test_every_dictionary_word_has_one_checked_syllable_per_character():
    for entry in tokenize.dictionary_words():
        assert len(entry.reading) == len(entry.word), entry
        assert all(s.isascii() and s.isalpha() and s.islower() for s in entry.reading), entry


@pytest.mark.parametrize(("word", "full", "initials"), [
    ("蜡染", "laran", "lr"), ("苗绣", "miaoxiu", "mx"), ("马尾绣", "maweixiu", "mwx"), ("都匀", "duyun", "dy"),
    ("三都", "sandu", "sd"), ("长顺", "changshun", "cs"), ("都匀毛尖", "duyunmaojian", "dymj"),
    ("刺梨干", "ciligan", "clg"), ("保安腰刀", "baoanyaodao", "bayd"), ("绿茶", "lvcha", "lc"),
])
def test_pinyin_full_and_initials(word, full, initials):
    assert tokenize.pinyin(word) == (full, initials)


def test_checked_readings_also_apply_inside_longer_words():
    tokenize.segmenter()
    assert lazy_pinyin("水族马尾绣背带", style=Style.NORMAL)[2:4] == ["ma", "wei"]
    assert tokenize.pinyin("都匀市") == ("duyunshi", "dys")


def test_pypinyin_reads_every_dictionary_word_as_listed_once_loaded():
    tokenize.segmenter()
    wrong = [e.word for e in tokenize.dictionary_words()
             if lazy_pinyin(e.word, style=Style.NORMAL) != list(e.reading)]
    assert not wrong


@pytest.mark.parametrize(("title", "word"), [
    ("丹寨蜡染桌旗", "蜡染"), ("三都马尾绣荷包", "马尾绣"), ("都匀毛尖明前特级", "都匀毛尖"),
    ("保安腰刀手工锻制", "保安腰刀"), ("修文猕猴桃5斤装", "修文猕猴桃"), ("五香牛肉干", "牛肉干"),
    ("古法造纸信笺", "古法造纸"), ("遵义辣椒糍粑辣椒", "遵义辣椒"), ("水城春早春绿茶", "水城春"),
    ("红酸汤火锅底料", "红酸汤"), ("临夏砖雕摆件", "临夏砖雕"), ("东乡手抓羊肉", "东乡手抓羊肉"),
])
def test_dictionary_words_stay_whole(title, word):
    assert word in tokenize.query_words(title)


def test_a_document_is_also_found_by_the_dictionary_words_inside_its_words():
    words = tokenize.index_words("临夏牛肉干 东乡手抓羊肉")
    assert {"临夏", "牛肉", "牛肉干", "临夏牛肉干", "东乡", "手抓羊肉", "羊肉"} <= set(words)


def test_text_is_folded_lowercased_and_split_into_han_letter_and_digit_runs():
    assert tokenize.index_words("ＡＢＣ蜡染２５０ｇ Batik") == ["abc", "蜡染", "250", "batik"]
    assert tokenize.query_words("LaRan") == ["laran"]


def test_stopwords_single_letters_and_punctuation_are_dropped():
    assert tokenize.query_words("苗族的蜡染, a b!") == ["苗族", "蜡染"]
    assert tokenize.query_words("！？。…") == []


def test_very_long_runs_are_not_tokens():
    assert tokenize.index_words("x" * 61 + " 蜡染") == ["蜡染"]


def test_han_characters_are_distinct_and_in_order():
    assert tokenize.han_characters("绿茶红茶") == ["绿", "茶", "红"]


def test_word_parts_split_a_compound_into_dictionary_words():
    assert tokenize.word_parts("苗族蜡染技艺") == ["苗族", "蜡染", "技艺"]
    assert tokenize.word_parts("东乡手抓羊肉") == ["东乡", "手抓", "羊肉"]


def test_non_han_words_have_no_pinyin():
    assert tokenize.pinyin("laran") is None
    assert tokenize.pinyin("250") is None
