"""Who met: the lead among summit sentences, the country of a person the text does not place,
titles that carry a demonym of their own."""

from __future__ import annotations

from relations.extraction import extract

from .conftest import load


def run(name: str, gazetteer):
    article = load(name)
    return article, extract(article.text, title=article.title, published=article.published, gazetteer=gazetteer)


def test_bilateral_meeting_after_summit_sentences(gazetteer):
    """'hosted by' names the summit's host, and 'The leaders also discussed' does not report the meeting."""
    _, result = run("summit-then-bilateral", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2024-10-24",
        "format": "sidelines",
        "location_country": "WSM",
        "location_city": "Apia",
    }
    assert contract["participants"] == [
        {"name": "Christopher Luxon", "country": "NZL", "title": "Prime Minister"},
        # placed by "between Palau and New Zealand", not by Samoa, the host named most
        {"name": "Surangel Whipps Jr", "country": "PLW", "title": "President"},
    ]
    assert contract["parties"] == ["NZL", "PLW"]
    assert contract["sectors"] == ["education", "health"]


def test_videoconference_with_a_portfolio_demonym_and_a_bare_weekday(gazetteer):
    _, result = run("videoconference-portfolio-title", gazetteer)
    contract = result.to_contract()
    assert contract["meeting"] == {
        "date": "2025-03-05",  # "held, Wednesday, talks"
        "format": "video_call",
        "location_country": None,
        "location_city": None,
    }
    assert contract["participants"] == [
        {
            "name": "Nasser Bourita",
            "country": "MAR",
            "title": "Minister of Foreign Affairs, African Cooperation and Moroccan Expatriates",
        },
        {"name": "Tanja Fajon", "country": "SVN", "title": "Minister of Foreign and European Affairs"},
    ]
    assert contract["sectors"] == ["energy", "tourism", "water"]
