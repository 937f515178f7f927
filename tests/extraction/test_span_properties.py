"""Property tests (hypothesis) for the span invariants the evidence relies on: token offsets from
Document.parse, highlight() with overlapping spans, normalise_text idempotence (issue 11)."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relations.extraction.articles import normalise_text
from relations.extraction.text import QUOTES, Document
from relations.templatetags.relations_pages import Highlight, highlight

PROPERTIES = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# Article-like text: letters of several scripts, digits, quotes and dashes, spaces, line breaks, dots.
ALPHABET = st.sampled_from(
    [
        *"aZ\u00e9 \u0131.,;:!?'\"\u2019\u2018-\u2013\u2014()\n\t0123456789\u00c4\u00df\u0416\u65e5_",
        "Mr.",
        "U.S.",
        "\n\n",
    ]
)
TEXTS = st.lists(ALPHABET, max_size=120).map("".join) | st.text(max_size=80)


@PROPERTIES
@given(TEXTS)
def test_every_token_is_the_text_at_its_offsets(text: str) -> None:
    doc = Document.parse(text)
    assert len(doc.words) == len(doc.starts) == len(doc.ends) == len(doc.sent_of)
    previous_end = 0
    for word, start, end in zip(doc.words, doc.starts, doc.ends, strict=True):
        assert previous_end <= start < end <= len(text)  # in order, not empty, not overlapping
        assert text[start:end].translate(QUOTES) == word  # quote variants are one character: offsets hold
        assert not text[previous_end:start].strip() or not re.search(r"\w", text[previous_end:start])
        previous_end = end
    assert doc.sent_of == sorted(doc.sent_of)  # tokens run through the sentences in order
    for i, start in enumerate(doc.starts):
        assert doc.span(start, doc.ends[i]).start == start


@PROPERTIES
@given(TEXTS, st.data())
def test_highlight_keeps_the_text_and_never_nests_marks(text: str, data: st.DataObject) -> None:
    bound = st.integers(min_value=-3, max_value=len(text) + 3)
    spans = data.draw(
        st.lists(
            st.tuples(bound, bound, st.sampled_from(["party", "sector", "forum"]), st.text(max_size=5)), max_size=6
        )
    )
    out = str(highlight(text, [Highlight(s, e, kind, label, f"a{i}") for i, (s, e, kind, label) in enumerate(spans)]))
    assert out.count("<mark") == out.count("</mark>")
    assert all("<mark" not in piece for piece in re.findall(r"<mark[^>]*>(.*?)</mark>", out, re.S))
    spoken = re.sub(r'<span class="visually-hidden">.*?</span>', "", out, flags=re.S)
    assert html.unescape(re.sub(r"<[^>]*>", "", spoken)) == text  # the marks add no text and lose none


@PROPERTIES
@given(TEXTS)
def test_normalise_text_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
