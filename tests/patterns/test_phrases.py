"""Tokens and dictionary phrases as the prose recogniser reads them (what spaCy's blank zh pipeline gave it)."""

from __future__ import annotations

from patterns.phrases import PhraseMatcher, Token, pieces, tokens


def _tok(text: str) -> list[tuple[str, int]]:
    return [(t.text, t.idx) for t in tokens(text)]


def test_tokens_keep_offsets_and_whitespace_as_spacy_did() -> None:
    # expected values taken from spacy.blank("zh") with the same jieba tokenizer (spaCy 3.8)
    assert _tok("预算执行率为 95% 。") == [("预算执行率", 0), ("为", 5), ("95%", 7), ("。", 11)]
    assert _tok("  得分 91  分\n\n满分100分 ") == [
        ("  ", 0), ("得分", 2), ("91", 5), (" ", 8), ("分", 9), ("\n\n", 10), ("满分", 12), ("100", 14), ("分", 17)]
    assert _tok("") == []


def test_phrases_match_whole_tokens_only() -> None:
    m = PhraseMatcher()
    m.add("S:执行率", ["执行率"])
    m.add("S:预算执行率", ["预算执行率"])
    doc = tokens("项目资金执行率与预算执行率")
    assert [t.text for t in doc] == ["项目", "资金执行率", "与", "预算执行率"]
    # 执行率 is inside both words but is neither token: no match
    assert [(x.key, x.start_char, x.end_char) for x in m(doc)] == [("S:预算执行率", 8, 13)]


def test_longest_match_wins_then_the_first() -> None:
    """Overlapping matches: the longest (in tokens) is kept, of two as long the earlier (spaCy's ``filter_spans``)."""
    m = PhraseMatcher()
    m.add("A", ["项目"])
    m.add("B", ["项目资金执行率"])
    m.add("C", ["资金执行率"])
    m.add("D", ["资金执行率与"])
    m.add("E", ["与预算执行率"])
    doc = tokens("项目资金执行率与预算执行率")
    assert sorted((x.key, x.start, x.end) for x in m(doc)) == [
        ("A", 0, 1), ("B", 0, 2), ("C", 1, 2), ("D", 1, 3), ("E", 2, 4)]
    # B and D are two tokens each and overlap: B starts first; E overlaps only D
    assert [(x.key, x.start_char, x.end_char) for x in m.longest(doc)] == [("B", 0, 7), ("E", 7, 13)]


def test_a_phrase_given_twice_keeps_its_first_key() -> None:
    m = PhraseMatcher()
    m.add("S:满意度", ["满意度"])
    m.add("Z:满意度", ["满意度"])
    assert [x.key for x in m(tokens("满意度为96%"))] == ["S:满意度"]


def test_pieces_are_segmented_as_the_whole_text() -> None:
    """A text cut into pieces (``pieces``) gives, piece by piece, the whole text's tokens: jieba
    never cuts across ``，`` ``。`` ``（``, a space after one goes with it, and a Han character
    outside jieba's runs (〇) or a character named in ``joined`` is never a cut."""
    text = ("2023年度预算执行率为 **95.5**%，较上年（二〇二二年）提高 3 个百分点。  绩效评级：“优”；"
            "资金到位率：100％，满意度为96%!\n其中：发放补助 11 人，每人 500 元")
    cut = pieces(text, "：")
    shown = [text[a:b] for a, b in cut]
    assert shown[:4] == ["2023年度预算执行率为 *", "*", "95.5*", "*"]
    assert "二〇二二年）" in shown  # 〇 is no cut
    assert " 绩效评级：“" in shown and "资金到位率：100％" in shown  # nor the colon named in joined
    assert "提高 3 个百分点。 " in shown  # one space after the 。 goes with it
    assert "".join(shown) == text
    whole = tokens(text)
    assert [Token(t.text, t.idx + a) for a, b in cut for t in tokens(text[a:b])] == whole
    assert any(t.text == "〇" for t in whole)
