"""Query parsing and the two compilers, which must say the same thing."""

from chushan.search import query as q


def test_chinese_query_is_cut_into_words_that_must_all_match():
    parsed = q.parse("苗族 蜡染")
    assert parsed.words == ["苗族", "蜡染"]
    assert q.to_fts5(parsed) == '("苗族") AND ("蜡染")'
    assert q.to_tsquery(parsed) == "('苗族') & ('蜡染')"


def test_letters_are_pinyin_matched_whole_or_as_a_prefix_from_three_letters():
    assert q.to_fts5(q.parse("laran")) == '("laran" *)'
    assert q.to_tsquery(q.parse("laran")) == "('laran':*)"
    assert q.to_fts5(q.parse("lr")) == '("lr")'


def test_a_compound_may_also_match_by_its_parts():
    assert q.to_fts5(q.parse("苗族蜡染技艺")) == '("苗族蜡染技艺" OR ("苗族" AND "蜡染" AND "技艺"))'
    assert q.to_tsquery(q.parse("苗族蜡染技艺")) == "('苗族蜡染技艺' | ('苗族' & '蜡染' & '技艺'))"


def test_mixed_chinese_and_pinyin():
    assert q.parse("苗族laran").words == ["苗族", "laran"]


def test_a_group_can_be_limited_to_one_column():
    group = q.parse("laran").groups[0]
    assert q.group_fts5(group, column="title") == '{title} : ("laran" *)'
    assert q.group_tsquery(group, column="title") == "('laran':*A)"
    assert q.group_tsquery(group, column="initials") == "('laran':*C)"
    assert q.exact_only(group).alternatives == ((q.Term("laran"),),)
    assert q.exact_only(q.parse("蜡染").groups[0]) is None


def test_empty_punctuation_and_nul_queries_have_no_words():
    assert not q.parse("")
    assert not q.parse("  ，。！ ")
    assert q.parse("蜡\x00染").text == "蜡染"


def test_long_queries_are_cut_to_a_hundred_characters_and_eight_words():
    parsed = q.parse("蜡染 苗绣 银饰 毛尖 刺梨 砖雕 腰刀 辣椒 茶叶 牛肉干 " * 20)
    assert len(parsed.text) == q.MAX_QUERY_CHARS
    assert len(parsed.groups) == q.MAX_GROUPS


def test_quotes_in_tokens_cannot_break_out_of_either_syntax():
    group = q.Group(word='a"b', alternatives=((q.Term("a\"b'c\\"),),))
    parsed = q.ParsedQuery(text="x", groups=(group,))
    assert q.to_fts5(parsed) == '("a""b\'c\\")'
    assert q.to_tsquery(parsed) == "('a\"b''c\\\\')"


def test_separated_pinyin_can_be_joined_for_a_second_try():
    joined = q.joined_latin(q.parse("la ran 苗族"))
    assert joined.words == ["laran", "苗族"]
    assert q.joined_latin(q.parse("laran")) is None


def test_relaxed_query_lets_a_chinese_word_match_by_its_characters():
    relaxed = q.relaxed(q.parse("蜡染布"))
    assert any(alt == (q.Term("蜡"), q.Term("染"), q.Term("布")) for alt in relaxed.groups[0].alternatives)
    assert q.relaxed(q.parse("laran")) is None


def test_the_python_reference_matcher():
    tokens = {"苗族", "蜡染", "laran", "lr"}
    assert q.matches(q.parse("苗族 lar"), tokens)
    assert not q.matches(q.parse("苗族 银饰"), tokens)
    assert q.matches(q.parse("苗族蜡染"), tokens)  # by its parts
