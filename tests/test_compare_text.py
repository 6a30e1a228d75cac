"""readouts/comparison.py: sentences, alignment, shared passages, word diffs and the summary of
an edit, on plain texts."""

import datetime
import random

import pytest
from django.template.loader import render_to_string

from readouts import comparison
from readouts.comparison import change_summary, compare, sentences, word_diff


def marked(paragraphs):
    """The shared runs of a side's paragraphs, as text."""
    return [s.text for p in paragraphs for sentence in p for s in sentence.segments if s.shared]


def text_of(paragraphs):
    return " ".join(s.text for p in paragraphs for sentence in p for s in sentence.segments)


# ---- Sentences ----------------------------------------------------------------------------------


def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    assert sentences("They spoke. Did they agree? Yes! 3 points followed.") == [
        "They spoke.", "Did they agree?", "Yes!", "3 points followed.",
    ]


def test_initials_titles_and_quotes_do_not_end_a_sentence_early():
    assert sentences('U.S. President Donald J. Trump met Mr. Putin. He said: "Good." Then they left.') == [
        "U.S. President Donald J. Trump met Mr. Putin.", 'He said: "Good."', "Then they left.",
    ]


def test_sentences_in_cyrillic_are_split_too():
    assert sentences("Состоялся разговор. Обсуждались вопросы.") == ["Состоялся разговор.", "Обсуждались вопросы."]


# ---- Comparing two accounts ---------------------------------------------------------------------


WHITE_HOUSE = [
    "President Trump and President Putin spoke today about the need for peace and a ceasefire in the war.",
    "The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire.",
    "They also discussed the Middle East at length.",
]
KREMLIN = [
    "Vladimir Putin and Donald Trump held a telephone conversation.",
    "Donald Trump proposed that both sides mutually refrain from strikes; the leaders agreed that the movement "
    "to peace will begin with an energy and infrastructure ceasefire for thirty days.",
    "Putin stressed the need to stop foreign military aid to Kyiv.",
]


def test_passages_both_accounts_contain_are_marked_on_each_side():
    result = compare(WHITE_HOUSE, KREMLIN)
    left = [p for row in result.rows for p in [row.left]]
    right = [p for row in result.rows for p in [row.right]]
    shared_left = [run for side in left for run in marked(side)]
    shared_right = [run for side in right for run in marked(side)]
    assert "the leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire." in [
        run.lower() for run in shared_left
    ]
    assert any("movement to peace will begin with an energy and infrastructure ceasefire" in run for run in shared_right)
    # What one side alone says is not marked.
    assert not any("Middle East" in run for run in shared_left)
    assert not any("foreign military aid" in run for run in shared_right)
    assert 0 < result.left.shared_words < result.left.words
    assert result.left.shared_percent == round(100 * result.left.shared_words / result.left.words)


def test_shared_passages_are_found_in_any_order():
    result = compare(["Alpha beta gamma delta epsilon zeta. Other words here entirely."],
                     ["Nothing alike at all here. Alpha beta gamma delta epsilon zeta."])
    assert result.left.shared_words == result.right.shared_words == 6


def test_fewer_words_in_common_than_a_passage_are_not_marked():
    result = compare(["the two leaders spoke on the phone"], ["the two leaders met in Riyadh"])
    assert result.left.shared_words == result.right.shared_words == 0


def test_every_word_of_both_texts_appears_once_in_order():
    result = compare(WHITE_HOUSE, KREMLIN)
    assert " ".join(text_of(row.left) for row in result.rows if row.left).split() == " ".join(WHITE_HOUSE).split()
    assert " ".join(text_of(row.right) for row in result.rows if row.right).split() == " ".join(KREMLIN).split()


def test_counterpart_paragraphs_share_a_row_and_the_rest_stand_alone():
    result = compare(WHITE_HOUSE, KREMLIN)
    paired = [row for row in result.rows if row.paired and not row.continues]
    assert any("President Trump and President Putin" in text_of(r.left) and "held a telephone" in text_of(r.right)
               for r in paired)
    assert any("movement to peace" in text_of(r.left) and "movement to peace" in text_of(r.right) for r in paired)
    # The Middle East and foreign aid have no counterpart: no paired row holds them side by side.
    assert not any("Middle East" in text_of(r.left) and "foreign military aid" in text_of(r.right) for r in paired)


def test_paired_sentences_start_rows_so_that_they_stand_level():
    left = ["We discussed energy. Also grain exports through the Black Sea ports in detail. And the weather."]
    right = ["Grain exports through the Black Sea ports in detail were discussed. Nothing else was said."]
    rows = compare(left, right).rows
    assert [row.paired for row in rows] == [True, True]
    assert rows[1].continues and not rows[0].continues
    assert text_of(rows[1].left).startswith("Also grain exports")
    assert text_of(rows[1].right).startswith("Grain exports")
    # The first row's opening sentence has no counterpart on the right: that side is empty there.
    assert rows[0].right == [] and text_of(rows[0].left) == "We discussed energy."


def test_an_empty_text_is_compared_as_one_side_alone():
    result = compare([], ["Only this account says anything."])
    assert len(result.rows) == 1 and result.rows[0].left == [] and not result.rows[0].paired
    assert result.left.words == 0 and result.left.shared_percent == 0


def test_alignment_is_bounded_on_long_transcripts():
    """Two 10,000-word texts of 300 paragraphs: still a comparison, each word once, and the
    paragraphs past the cap paired by position rather than weighed pair by pair."""
    rng = random.Random(4)
    vocabulary = [f"word{n}" for n in range(800)]

    def transcript(paragraphs, words):
        return [" ".join(rng.choice(vocabulary) for _ in range(words)) + "." for _ in range(paragraphs)]

    left, right = transcript(300, 34), transcript(300, 34)
    assert 300 * 300 > comparison.MAX_ALIGN_PAIRS
    result = compare(left, right)
    assert result.left.words == result.right.words == 10_200
    assert len(result.rows) == 300
    assert not result.truncated


def test_words_past_the_cap_are_not_marked_and_the_result_says_so():
    words = ["same"] * (comparison.MAX_WORDS + 50)
    result = compare([" ".join(words)], [" ".join(words)])
    assert result.truncated
    assert result.left.shared_words == comparison.MAX_WORDS


def test_a_single_paragraph_transcript_of_many_sentences_is_bounded_too():
    sentences_ = [f"Sentence number {n} says something." for n in range(600)]
    result = compare([" ".join(sentences_)], [" ".join(reversed(sentences_))])
    assert result.left.words == result.right.words == 600 * 5


# ---- Two versions of one text -------------------------------------------------------------------


def test_word_diff_marks_inserted_and_deleted_words_in_place():
    diff = word_diff(["The sides agreed on a thirty-day pause."], ["The sides agreed on a pause."])
    assert [(c.kind, c.text) for c in diff[0]] == [
        ("equal", "The sides agreed on a "), ("delete", "thirty-day"), ("equal", " pause."),
    ]


def test_word_diff_keeps_unchanged_paragraphs_and_shows_removed_and_added_ones():
    diff = word_diff(["Kept.", "Removed paragraph.", "Also kept."], ["Kept.", "Also kept.", "New at the end."])
    assert [[(c.kind, c.text) for c in p] for p in diff] == [
        [("equal", "Kept.")], [("delete", "Removed paragraph.")], [("equal", "Also kept.")],
        [("insert", "New at the end.")],
    ]


def test_a_huge_edited_paragraph_is_shown_replaced_whole():
    old, new = " ".join(["a"] * 600), " ".join(["b"] * 600)
    assert 600 * 600 > comparison.MAX_DIFF_PAIRS
    assert [c.kind for c in word_diff([old], [new])[0]] == ["delete", "equal", "insert"]


def test_the_word_diff_include_marks_changes_readably_without_colour():
    html = render_to_string(
        "readouts/_word_diff.html", {"paragraphs": word_diff(["Ten days."], ["Thirty days."]), "lang": "en"}
    )
    assert '<div class="word-diff" lang="en">' in html
    assert '<del><span class="visually-hidden">[removed: </span>Ten<span class="visually-hidden">]</span></del>' in html
    assert '<ins><span class="visually-hidden">[added: </span>Thirty<span class="visually-hidden">]</span></ins>' in html
    assert " days." in html


def test_the_word_diff_include_escapes_text():
    html = render_to_string("readouts/_word_diff.html", {"paragraphs": word_diff(["<b>"], ["<script>"])})
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("old", "new", "summary"),
    [
        (["One. Two. Three. Four."], ["One. Four."], "2 sentences removed"),
        (["One. Two. Three."], ["One. Two, changed. Three."], "1 sentence changed"),
        (["One. Two. Three. Four."], ["One. Four, changed."], "2 sentences removed, 1 changed"),
        (["One."], ["One.", "Two. Three."], "2 sentences added"),
        (["One. Two."], ["Uno. Two.", "Three."], "1 sentence added, 1 changed"),
        (["One.  Two."], ["One.\nTwo."], "only the layout changed"),
    ],
)
def test_the_change_summary_counts_sentences_removed_added_and_changed(old, new, summary):
    assert str(change_summary(old, new)) == summary


def test_an_unchanged_text_has_an_empty_summary():
    assert not change_summary(["Same."], ["Same."])
    assert change_summary(["Same."], ["Other."])


def test_the_summary_of_a_long_edited_text_is_bounded():
    old = [f"Sentence {n} here." for n in range(600)]
    new = [f"Phrase {n} there." for n in range(600)]
    summary = change_summary(old, new)
    assert (summary.removed, summary.added, summary.changed) == (0, 0, 600)


# ---- Addresses ----------------------------------------------------------------------------------


class _Readout:
    date, slug = datetime.date(2025, 3, 18), "a-call"


def test_compare_url_names_the_two_statements_in_order():
    assert comparison.compare_url(_Readout(), 7, 3) == "/readouts/2025/03/18/a-call/compare/?a=7&b=3"


def test_a_small_edit_of_a_long_text_is_counted_exactly():
    old = [" ".join(f"Sentence {n} of the transcript." for n in range(p * 100, p * 100 + 100)) for p in range(9)]
    new = list(old)
    new[4] = new[4].replace("Sentence 450 of the transcript. Sentence 451 of the transcript. ", "")
    new[8] = new[8].replace("Sentence 899 of the transcript.", "Sentence 899 of the changed transcript.")
    assert 900 * 900 > comparison.MAX_DIFF_PAIRS
    assert str(change_summary(old, new)) == "2 sentences removed, 1 changed"
    diff = word_diff(old, new)
    assert [c.text for c in diff[8] if c.kind == "insert"] == ["changed"]
