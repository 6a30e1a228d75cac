"""Comparing texts: two accounts of one readout side by side, and two versions of one text.

Pure functions over plain texts (lists of paragraphs): no models, no queries. They return small
structures that templates render (templates/readouts/compare.html with _compare_cell.html, and
_word_diff.html).

- compare(): two accounts aligned paragraph by paragraph and, inside paired paragraphs, sentence
  by sentence; the passages both texts contain (runs of SHINGLE words or more, in any order)
  are marked on each side.
- word_diff(): the words inserted and deleted between two versions of a text.
- change_summary(): "2 sentences removed, 1 changed".

The work is bounded whatever the texts' length: each side is read up to MAX_WORDS words (the
rest is shown unmarked, and the result says so), the alignments are dynamic programmes capped
at MAX_ALIGN_PAIRS pairs (beyond it, position pairs them), and the word diff shows a paragraph
as wholly replaced past MAX_DIFF_PAIRS word pairs once the common beginning and end are set
aside (SequenceMatcher without autojunk is quadratic).
"""

import math
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import zip_longest
from urllib.parse import urlencode

from django.urls import reverse

# A passage is shared when both texts hold at least this many words in a row (case, punctuation
# and spacing aside): five words rarely coincide by chance, where four often do ("the President
# of the").
SHINGLE = 5
# The words of each side read at most; 10,000-word transcripts are read whole.
MAX_WORDS = 20_000
# The pairs an alignment may weigh (paragraphs × paragraphs, or sentences × sentences of two
# paired paragraphs), and a word diff (words × words of two edited paragraphs); beyond them,
# the cheap fallback.
MAX_ALIGN_PAIRS = 40_000
MAX_DIFF_PAIRS = 250_000
# Two paragraphs (or sentences) are each other's counterpart when this alike (see _likeness).
PAIRED = 0.2

_WORD = re.compile(r"\S+")
# A sentence ends at ., ! or ? (and closing quotes or brackets) before a space and a capital,
# a digit or an opening quote; not after an initial ("U.S.", "J. Smith") or a usual title.
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’»)\]]*(\s+)(?=["'“‘«(\[]?[^\W_a-z])""")
_ABBREVIATION = re.compile(
    r"(?:(?<!\w)\w\.|(?<!\w)(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Sen|Rep|Gov|Amb|No|Jr|Sr|vs|etc|e\.g|i\.e)\.)$"
)


# ---- Sentences and words ------------------------------------------------------------------------


def sentences(paragraph):
    """The sentences of a paragraph, each with its trailing space removed."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        # Only the few characters before the stop are read: a search from 0 on every stop
        # would make a 10,000-word paragraph quadratic.
        if _ABBREVIATION.search(paragraph[max(0, match.start() - 8) : match.start() + 1]):
            continue
        found.append(paragraph[start : match.start(1)])
        start = match.end()
    found.append(paragraph[start:])
    return [sentence.strip() for sentence in found if sentence.strip()]


def _normal(word):
    """A word as compared: lower case, without the punctuation around it."""
    return re.sub(r"^\W+|\W+$", "", word.casefold()) or word


def _key(words):
    return " ".join(words)


# ---- Structures the templates render ------------------------------------------------------------


@dataclass
class Segment:
    text: str
    shared: bool = False


@dataclass
class Sentence:
    segments: list
    # Whether the other text has a counterpart of this sentence (a paired sentence).
    paired: bool = False


@dataclass
class Row:
    """One line of the comparison: what each side says there, as paragraphs of sentences.
    `paired`: the two sides are counterparts; `continues`: the row carries on the paragraphs
    of the row above (a paired paragraph cut at a paired sentence, so that both line up)."""

    left: list = field(default_factory=list)
    right: list = field(default_factory=list)
    paired: bool = False
    continues: bool = False


@dataclass
class Side:
    words: int = 0
    shared_words: int = 0

    @property
    def shared_percent(self):
        return round(100 * self.shared_words / self.words) if self.words else 0


@dataclass
class Comparison:
    rows: list
    left: Side
    right: Side
    # Whether a text was longer than MAX_WORDS (its words past it are never marked shared).
    truncated: bool = False


# ---- Comparing two accounts ---------------------------------------------------------------------


class _Text:
    """One side: its paragraphs of sentences of words, and which words the other side shares."""

    def __init__(self, paragraphs):
        self.paragraphs = [[_WORD.findall(s) for s in sentences(p)] for p in paragraphs]
        self.flat = [word for paragraph in self.paragraphs for sentence in paragraph for word in sentence]
        self.truncated = len(self.flat) > MAX_WORDS
        self.normal = [_normal(word) for word in self.flat[:MAX_WORDS]]
        self.shared = [False] * len(self.flat)

    def shingles(self):
        return {_key(self.normal[i : i + SHINGLE]) for i in range(len(self.normal) - SHINGLE + 1)}

    def mark(self, other_shingles):
        for i in range(len(self.normal) - SHINGLE + 1):
            if _key(self.normal[i : i + SHINGLE]) in other_shingles:
                self.shared[i : i + SHINGLE] = [True] * SHINGLE

    def sentence_spans(self):
        """[[(start, end) of each sentence's words in flat] of each paragraph]."""
        spans, at = [], 0
        for paragraph in self.paragraphs:
            spans.append([])
            for sentence in paragraph:
                spans[-1].append((at, at + len(sentence)))
                at += len(sentence)
        return spans

    def sentence(self, span, paired):
        """A Sentence of the words in `span`, in runs of shared and unshared words (the template
        puts a space between runs, outside any mark)."""
        start, end = span
        segments = []
        for i in range(start, end):
            if segments and segments[-1].shared == self.shared[i]:
                segments[-1].text += " " + self.flat[i]
            else:
                segments.append(Segment(self.flat[i], self.shared[i]))
        return Sentence(segments, paired)

    def vocabulary(self, span):
        """The words of a span that carry meaning, as a set (short words say little)."""
        start, end = span
        return {word for word in (_normal(w) for w in self.flat[start:end]) if len(word) > 3}


def _likeness(a, b):
    """How alike two word sets are: the words in common over the geometric mean of their sizes."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def align(left, right, likeness=_likeness, threshold=PAIRED):
    """Monotone alignment of two sequences: [(left indexes, right indexes, paired)] covering
    both in order. Paired items are single counterparts (likeness ≥ threshold, the pairing that
    maximises the summed likeness); between two pairs, what neither pairs is grouped in one
    unpaired entry. Past MAX_ALIGN_PAIRS pairs of items, items are paired by position."""
    n, m = len(left), len(right)
    if n * m > MAX_ALIGN_PAIRS:
        return [([i] if i < n else [], [i] if i < m else [], False) for i in range(max(n, m))]
    alike = [[likeness(a, b) for b in right] for a in left]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = score[i], score[i - 1]
        for j in range(1, m + 1):
            best = max(above[j], row[j - 1])
            if alike[i - 1][j - 1] >= threshold:
                best = max(best, above[j - 1] + alike[i - 1][j - 1])
            row[j] = best
    pairs, i, j = [], n, m
    while i and j:
        if alike[i - 1][j - 1] >= threshold and score[i][j] == score[i - 1][j - 1] + alike[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    result, i, j = [], 0, 0
    for a, b in [*pairs, (n, m)]:
        if i < a or j < b:
            result.append((list(range(i, a)), list(range(j, b)), False))
        if a < n and b < m:
            result.append(([a], [b], True))
        i, j = a + 1, b + 1
    return result


def compare(left_paragraphs, right_paragraphs):
    """Two accounts as a Comparison: rows of paired paragraphs (cut at paired sentences so that
    these start level) and of what only one side says there, with the shared passages marked."""
    left, right = _Text(left_paragraphs), _Text(right_paragraphs)
    left.mark(right.shingles())
    right.mark(left.shingles())
    left_spans, right_spans = left.sentence_spans(), right.sentence_spans()

    def paragraph_words(text, spans):
        return [text.vocabulary((p[0][0], p[-1][1])) if p else set() for p in spans]

    rows = []
    paragraphs = align(paragraph_words(left, left_spans), paragraph_words(right, right_spans))
    for left_indexes, right_indexes, paired in paragraphs:
        if not paired:
            rows.append(
                Row(
                    left=[[left.sentence(span, False) for span in left_spans[i]] for i in left_indexes],
                    right=[[right.sentence(span, False) for span in right_spans[j]] for j in right_indexes],
                )
            )
            continue
        a, b = left_spans[left_indexes[0]], right_spans[right_indexes[0]]
        steps = align([left.vocabulary(span) for span in a], [right.vocabulary(span) for span in b])
        first = True
        for sentence_left, sentence_right, sentences_paired in steps:
            left_sentences = [left.sentence(a[i], sentences_paired) for i in sentence_left]
            right_sentences = [right.sentence(b[j], sentences_paired) for j in sentence_right]
            # A paired sentence starts a new row; what only one side says joins the row above.
            if sentences_paired or first:
                rows.append(Row(left=[[]], right=[[]], paired=True, continues=not first))
            rows[-1].left[0] += left_sentences
            rows[-1].right[0] += right_sentences
            first = False
    for row in rows:
        row.left, row.right = [p for p in row.left if p], [p for p in row.right if p]
    return Comparison(
        rows=rows,
        left=Side(len(left.flat), sum(left.shared)),
        right=Side(len(right.flat), sum(right.shared)),
        truncated=left.truncated or right.truncated,
    )


# ---- Two versions of one text -------------------------------------------------------------------


@dataclass
class Change:
    """A run of words: "equal", "insert" or "delete"."""

    kind: str
    text: str


def word_diff(old_paragraphs, new_paragraphs):
    """[[Change] of each paragraph of the new text, with the removed paragraphs in their place]:
    unchanged paragraphs whole, edited ones word by word, removed ones deleted, added ones
    inserted. Past MAX_DIFF_PAIRS pairs (_opcodes), a block is shown deleted then inserted."""
    result = []
    for tag, i1, i2, j1, j2 in _opcodes(old_paragraphs, new_paragraphs):
        if tag == "equal":
            result += [[Change("equal", p)] for p in new_paragraphs[j1:j2]]
            continue
        old, new = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        pairs = list(zip_longest(old, new)) if tag == "replace" else [(p, None) for p in old] + [(None, p) for p in new]
        for before, after in pairs:
            result.append(_paragraph_diff(before or "", after or ""))
    return result


def _paragraph_diff(before, after):
    if not after:
        return [Change("delete", before)]
    if not before:
        return [Change("insert", after)]
    old, new = _WORD.findall(before), _WORD.findall(after)
    changes = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            _add(changes, "equal", " ".join(new[j1:j2]))
        else:
            if i2 > i1:
                _add(changes, "delete", " ".join(old[i1:i2]))
            if j2 > j1:
                _add(changes, "insert", " ".join(new[j1:j2]))
    return changes


def _opcodes(old, new):
    """SequenceMatcher's opcodes, bounded: the common beginning and end are set aside first
    (an edit touches little of a long text), and a middle of more than MAX_DIFF_PAIRS pairs is
    one replacement."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    middle_old, middle_new = old[start : len(old) - end], new[start : len(new) - end]
    if len(middle_old) * len(middle_new) > MAX_DIFF_PAIRS:
        middle = [("replace", 0, len(middle_old), 0, len(middle_new))]
    else:
        middle = SequenceMatcher(None, middle_old, middle_new, autojunk=False).get_opcodes()
    opcodes = [("equal", 0, start, 0, start)] if start else []
    opcodes += [(tag, i1 + start, i2 + start, j1 + start, j2 + start) for tag, i1, i2, j1, j2 in middle]
    if end:
        opcodes.append(("equal", len(old) - end, len(old), len(new) - end, len(new)))
    return opcodes


def _add(changes, kind, text):
    """A run after the first, with the space before it outside any <ins> or <del>."""
    for kind, text in ([("equal", " ")] if changes else []) + [(kind, text)]:
        if kind == "equal" and changes and changes[-1].kind == "equal":
            changes[-1].text += text
        else:
            changes.append(Change(kind, text))


@dataclass
class ChangeSummary:
    removed: int = 0
    added: int = 0
    changed: int = 0

    def __bool__(self):
        return bool(self.removed or self.added or self.changed)

    def __str__(self):
        """"2 sentences removed, 1 changed": the noun once, with the first count."""
        parts = [(n, verb) for n, verb in ((self.removed, "removed"), (self.added, "added"), (self.changed, "changed")) if n]
        if not parts:
            return "only the layout changed"
        (n, verb), rest = parts[0], parts[1:]
        first = f"{n} sentence{'' if n == 1 else 's'} {verb}"
        return ", ".join([first, *(f"{n} {verb}" for n, verb in rest)])


def change_summary(old_paragraphs, new_paragraphs):
    """How many sentences an edit removed, added and changed. Sentences are compared in order
    (spacing aside); in a run of replaced sentences, as many as the shorter side holds count as
    changed, the rest as removed or added. Bounded as word_diff() is."""

    def flat(paragraphs):
        return [" ".join(s.split()) for p in paragraphs for s in sentences(p)]

    summary = ChangeSummary()
    for tag, i1, i2, j1, j2 in _opcodes(flat(old_paragraphs), flat(new_paragraphs)):
        if tag == "delete":
            summary.removed += i2 - i1
        elif tag == "insert":
            summary.added += j2 - j1
        elif tag == "replace":
            changed = min(i2 - i1, j2 - j1)
            summary.changed += changed
            summary.removed += i2 - i1 - changed
            summary.added += j2 - j1 - changed
    return summary


# ---- Addresses ----------------------------------------------------------------------------------


def compare_url(readout, a, b):
    """The comparison page of two statements (or statement ids) of a readout, `a` on the left."""
    ids = [getattr(s, "pk", s) for s in (a, b)]
    path = reverse(
        "readouts:readout_compare",
        kwargs={"year": readout.date.year, "month": readout.date.month, "day": readout.date.day, "slug": readout.slug},
    )
    return f"{path}?{urlencode({'a': ids[0], 'b': ids[1]})}"
