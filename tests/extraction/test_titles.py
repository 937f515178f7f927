"""Diplomatic titles below the minister, before a name and in apposition: undersecretaries, vice
and deputy ministers, state secretaries, special envoys, permanent representatives, directors-general,
chargés d'affaires, parliamentary secretaries. Each is a title (not part of the name) and leaves the
country it names to the person. The sentences are this project's own."""

from __future__ import annotations

from datetime import date

import pytest

from relations.extraction import extract

# a meeting sentence -> the participants (name, country, title)
TITLED = [
    (
        "Philippine Foreign Affairs Undersecretary Maria Theresa Lazaro met Japanese Vice Minister for "
        "Foreign Affairs Yoshifumi Tsuge in Manila on Tuesday.",
        [
            ("Yoshifumi Tsuge", "JPN", "Vice Minister for Foreign Affairs"),
            ("Maria Theresa Lazaro", "PHL", "Foreign Affairs Undersecretary"),
        ],
    ),
    (
        "Undersecretary for Bilateral Relations Ana Reyes of the Philippines received Deputy Foreign "
        "Minister of Kazakhstan Alibek Bakayev in Manila on Tuesday.",
        [
            ("Alibek Bakayev", "KAZ", "Deputy Foreign Minister"),
            ("Ana Reyes", "PHL", "Undersecretary for Bilateral Relations"),
        ],
    ),
    (
        "Lina Barrow, Under-Secretary for Foreign Affairs of the United Kingdom, held talks with Vice Foreign "
        "Minister of China Sun Weidong in Beijing on Tuesday.",
        [
            ("Sun Weidong", "CHN", "Vice Foreign Minister"),
            ("Lina Barrow", "GBR", "Under-Secretary for Foreign Affairs"),
        ],
    ),
    (
        "Deputy Foreign Minister of Azerbaijan Yalchin Rafiyev received State Secretary of the German "
        "Federal Foreign Office Thomas Bagger in Baku on Tuesday.",
        [
            ("Yalchin Rafiyev", "AZE", "Deputy Foreign Minister"),
            ("Thomas Bagger", "DEU", "State Secretary of the Federal Foreign Office"),
        ],
    ),
    (
        "Special Envoy of the President of Kazakhstan Erzhan Kazykhanov met with Permanent Representative "
        "of Japan to the United Nations Kazuyuki Yamazaki in New York on Tuesday.",
        [
            ("Kazuyuki Yamazaki", "JPN", "Permanent Representative to the United Nations"),
            ("Erzhan Kazykhanov", "KAZ", "Special Envoy of the President"),
        ],
    ),
    (
        "Aibek Smadiyarov, Director-General of the Ministry of Foreign Affairs of Kazakhstan, received "
        "Mark Smith, Chargé d'affaires of Canada, in Astana on Tuesday.",
        [
            ("Mark Smith", "CAN", "Chargé d'affaires"),
            ("Aibek Smadiyarov", "KAZ", "Director-General of the Ministry of Foreign Affairs"),
        ],
    ),
    (
        "Canadian Chargé d'Affaires a.i. Mark Smith called on Uzbek Deputy Foreign Minister Bakhrom Aloyev "
        "in Tashkent on Tuesday.",
        [
            ("Mark Smith", "CAN", "Chargé d'Affaires"),
            ("Bakhrom Aloyev", "UZB", "Deputy Foreign Minister"),
        ],
    ),
    (
        "Parliamentary Secretary for Foreign Affairs of Canada Rob Oliphant met Kazakh Deputy Foreign "
        "Minister Roman Vassilenko in Ottawa on Tuesday.",
        [
            ("Rob Oliphant", "CAN", "Parliamentary Secretary for Foreign Affairs"),
            ("Roman Vassilenko", "KAZ", "Deputy Foreign Minister"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLED)
def test_title_before_or_after_the_name_is_read_and_left_out_of_it(text, expected, gazetteer):
    result = extract(text, title="", published=date(2024, 5, 15), gazetteer=gazetteer)
    contract = result.to_contract()
    assert sorted((p["name"], p["country"], p["title"]) for p in contract["participants"]) == sorted(expected)
    assert contract["meeting"]["date"] == "2024-05-14"


# "called on" is a courtesy call when a person or an office follows, an appeal when "to <do>" follows
CALLED_ON = [
    (
        "Iranian Ambassador Reza Amiri Moghadam called on Prime Minister Muhammad Shehbaz Sharif to discuss "
        "border trade on Monday.",
        ["IRN", "PAK"],
    ),
    (
        "Uzbek Foreign Minister Bakhtiyor Saidov called on President Asif Ali Zardari in Islamabad on Monday.",
        ["PAK", "UZB"],
    ),
    ("Azerbaijani President Ilham Aliyev called on Armenian Prime Minister Nikol Pashinyan to sign the treaty.", []),
    ("Armenian Prime Minister Nikol Pashinyan called on the Azerbaijani President Ilham Aliyev to withdraw.", []),
]


@pytest.mark.parametrize(("text", "parties"), CALLED_ON)
def test_called_on_a_person_is_a_courtesy_call_unless_it_is_an_appeal(text, parties, gazetteer):
    contract = extract(text, title="", published=date(2024, 5, 15), gazetteer=gazetteer).to_contract()
    assert contract["parties"] == parties
    assert (contract["meeting"] or {}).get("format") == ("reception" if parties else None)
