"""A synthetic archive for scale tests and benchmarks (scripts/build_synthetic_archive.py).

Everything made here is fiction and is marked so: `is_synthetic=True` on readouts, people,
organizations, topics and sources, readout titles that start with "Synthetic: ", slugs that
start with "synthetic-", countries with invented names and addresses under `.invalid`.

The shapes follow the real archive's: 1-4 statements of 150-1,500 words per readout (paragraphs
of 40-150 words), 2-8 participants drawn from a pool of thousands of people (some with alternate
spellings), 2-6 topics from a pool of hundreds in a hierarchy, countries with bodies inside them,
0-4 commitments with 0-3 dated updates pointing to later readouts, quotes, discrepancies, links
to earlier readouts, dates over three decades, every format and kind of statement, ~95% published.
About 5% of statements were changed by their publisher: one or two earlier texts, each a
sentence longer or a few words different from the next, seen on dates before the current text
and at sources of their own; about 3% have a translation (into English, or from English).
Earlier texts and translations carry no mark of their own: they belong to synthetic readouts'
statements, go when those go (--clear), and their sources are marked.
Popularity is skewed (a few leaders, countries and topics appear in many readouts), and the
statements' words follow a Zipf-like distribution over a diplomatic vocabulary, with recurring
multi-word phrases and a long tail of rare place names, so that search can be benchmarked on
common words, rare words and phrases.

Development only: the site never imports it. Modules: text (words and the TextMaker), shapes
(names, weights, pool sizes), archive (the build), clearing (--clear), command (the command).
"""
