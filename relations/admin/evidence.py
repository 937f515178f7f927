"""The meeting page's evidence: each sentence once with the facts it gave, and a picker of sentences.

The extractor keeps, on every fact, the sentence it was read from; a meeting with five sectors
read from one sentence used to print that sentence five times (issue 13). Here the sentences are
numbered as the extractor splits the article (relations.extraction.text.split_sentences, read
only), so the panel, each inline row ("sentence 4") and the picker a curator cites from agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from relations import selectors
from relations.extraction.text import split_sentences
from relations.models import Article, Meeting, MeetingSource

PICKER_LABEL_CHARS = 110


@dataclass
class SentenceRef:
    article: Article | None
    number: int | None  # 1-based, in the article's sentences
    text: str
    start: int | None = None
    end: int | None = None

    @property
    def anchor(self) -> str:
        return f"evidence-{self.article.pk if self.article else 0}-{self.number or 0}"


@dataclass
class Sentences:
    """The sentences of a meeting's source articles, to number evidence and to cite from."""

    articles: list[Article]
    by_article: dict[int, list[Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, meeting: Meeting) -> Sentences:
        sources = MeetingSource.objects.filter(meeting=meeting).select_related("article").order_by("id")
        articles = [source.article for source in sources]
        return cls(articles, {article.pk: split_sentences(article.text) for article in articles})

    def find(self, source_id: int | None, start: int | None, sentence: str) -> SentenceRef:
        """The numbered sentence an evidence quote is from: by its offset, else by its text."""
        article = next((a for a in self.articles if a.pk == source_id), None)
        candidates = [article] if article else self.articles
        for candidate in candidates:
            sentences = self.by_article.get(candidate.pk, [])
            if candidate is article and start is not None:
                for s in sentences:
                    if s.start <= start < max(s.end, s.start + 1) and (not sentence or sentence[:20] in s.text):
                        return SentenceRef(candidate, s.index + 1, s.text, s.start, s.end)
            for s in sentences:
                if sentence and (s.text == sentence or sentence in s.text):
                    return SentenceRef(candidate, s.index + 1, s.text, s.start, s.end)
        return SentenceRef(article, None, sentence)

    def choices(self) -> list[tuple[str, Any]]:
        """The picker's choices: per article, each sentence as "article:start:end"."""
        groups: list[tuple[str, Any]] = [("", "— cite a sentence —")]
        for article in self.articles:
            options = [
                (
                    f"{article.pk}:{s.start}:{s.end}",
                    f"{s.index + 1}. {Truncator(s.text).chars(PICKER_LABEL_CHARS)}",
                )
                for s in self.by_article[article.pk]
            ]
            groups.append((f"#{article.pk} {Truncator(article.title).chars(60)}", options))
        return groups


def parse_cite(value: str) -> dict[str, int] | None:
    """The picker's value as the meeting service's citation."""
    if not value:
        return None
    article, start, end = (int(part) for part in value.split(":"))
    return {"article": article, "start": start, "end": end}


def note(sentences: Sentences | None, row: Any) -> str:
    """What an inline row shows of its evidence: a link to its sentence, or who added it."""
    if row is None or row.pk is None:
        return ""
    if row.evidence:
        ref = sentences.find(row.source_id, row.evidence_start, row.evidence) if sentences else None
        if ref is None or ref.number is None:
            return "quoted"
        cited = "cited, " if row.origin == "curator" else ""
        return format_html('<a href="#{}" title="{}">{}sentence {}</a>', ref.anchor, ref.text, cited, ref.number)
    who = getattr(row, "added_by", None)
    return f"added by {who}" if who else "added by a curator"


def panel(meeting: Meeting) -> str:
    """The evidence fieldset: each sentence once, with its article, number and the facts it gave."""
    meeting = selectors.meeting_detail(meeting.pk)
    sentences = Sentences.of(meeting)
    groups = selectors.evidence_groups(meeting, added_by=selectors.curator_row_users(meeting))
    seen: dict[str, int] = {}
    items = []
    for group in groups:
        facts = format_html_join(
            " ", '<span class="fact fact-{}">{}</span>', ((kind, label) for kind, label in group.facts)
        )
        if not group.sentence:
            who = group.added_by or "a curator"
            items.append(format_html('<li class="evidence-group"><p class="muted">Added by {}</p>{}</li>', who, facts))
            continue
        ref = sentences.find(group.source.pk if group.source else None, None, group.sentence)
        anchor = ref.anchor if ref.number else ""
        if anchor in seen:  # two quotes of one sentence: shown once
            anchor = ""
        seen[anchor] = 1
        article = ref.article or group.source
        where = (
            format_html(
                '<a href="{}">#{}</a>{}',
                reverse("admin:relations_article_change", args=[article.pk]),
                article.pk,
                f", sentence {ref.number}" if ref.number else "",
            )
            if article
            else "quoted"
        )
        items.append(
            format_html(
                '<li class="evidence-group"{}><p><span class="where">{}</span> {}</p>{}</li>',
                format_html(' id="{}"', anchor) if anchor else "",
                where,
                group.sentence,
                facts,
            )
        )
    if not items:
        return format_html('<p class="muted">{}</p>', "No fact of this meeting quotes a sentence yet.")
    return format_html('<ol class="evidence-groups">{}</ol>', format_html_join("", "{}", ((i,) for i in items)))
