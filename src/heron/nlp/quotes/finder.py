"""Orchestration: all attributions of one document, from the cue rules and the labels.

Each unit (a sentence, also cut at line breaks) is read for cue verbs and stance adjectives
(:mod:`.attributions`), then for "according to", "in X's view", "in the latest poll" and noun
cues, then for quotations with a ``Name:`` or ``― Name`` label (:mod:`.labels`); transcript turns
and headline claims are read line by line. A content already attributed is not attributed again
(the first rule to claim it keeps it, so this order matters); a belief or stance inside what
someone else said is dropped (that speaker's claim), and the setting words of an attribution
lose what another attribution says. Where each behaviour lives:

* :mod:`.page` — the document's tokens, text, quotations and units; span arithmetic;
* :mod:`.cues` — which words are cues, and the attribution clause;
* :mod:`.speaker_phrase` — who the cue attributes to;
* :mod:`.content` — what was said (the content spans);
* :mod:`.attributions` — a cue, its speaker and content made into a :class:`.found.Found`;
* :mod:`.labels` — attributions without a cue word;
* :mod:`.learned` — the learned cue and span models over these candidates;
* word lists: ``heron/data/quote_words.yaml`` (:mod:`.lexicon`); thresholds: :mod:`.tuning`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from heron.nlp.quotes.attributions import (
    from_according_to,
    from_adjective,
    from_noun,
    from_survey,
    from_verb,
    from_viewpoint,
)
from heron.nlp.quotes.cues import (
    is_according_to,
    is_cue_verb,
    is_in_survey,
    is_noun_cue,
    is_speech_cue,
    is_stance_adjective,
    is_viewpoint,
)
from heron.nlp.quotes.found import Found
from heron.nlp.quotes.labels import from_colon, from_dash, from_name_label, from_transcript_label
from heron.nlp.quotes.page import Page, Spans, within


def find_attributions(page: Page) -> list[Found]:
    """The attributions of the document, in the order the rules found them."""
    found: list[Found] = []
    claimed: Spans = []  # content already attributed
    for sent in page.units:
        for token in page.words(sent):
            if is_cue_verb(page, token):
                _keep(found, claimed, from_verb(page, token, sent))
            elif is_stance_adjective(page, token):
                _keep(found, claimed, from_adjective(page, token, sent))
        for token in page.words(sent):
            if is_according_to(token) and not _in_setting(found, token):
                _keep(found, claimed, from_according_to(page, token, sent))
            elif is_viewpoint(token) and not _in_setting(found, token):
                _keep(found, claimed, from_viewpoint(page, token, sent))
            elif is_in_survey(token) and not _in_setting(found, token):
                _keep(found, claimed, from_survey(page, token, sent))
            elif token.pos_ == "NOUN" and is_noun_cue(token) and not page.quoted(token.idx):
                _keep(found, claimed, from_noun(page, token, sent))
        for quote in page.quotes_starting_in(sent):
            if not _is_claimed(claimed, quote):
                _keep(found, claimed, from_colon(page, quote, sent) or from_dash(page, quote))
    for line in re.finditer(r"[^\n]+", page.text):
        _keep(found, claimed, from_transcript_label(page, line) or from_name_label(page, line))
    kept = [f for f in found if not _reported_stance(page, f, found)]
    _drop_setting_words_said_by_others(kept)
    return kept


def _drop_setting_words_said_by_others(kept: list[Found]) -> None:
    """"Prices will rise next year, the minister said, citing …": when and where a statement
    was made is never stated inside what someone else said beside it (a statement reported inside
    another keeps its own frame)."""
    for item in kept:
        if not item.setting:
            continue
        first, last = min(t.idx for t in item.setting), max(t.idx for t in item.setting)
        said = [(s, e) for other in kept if not within(item.cue, other.content)
                for s, e in other.content if s <= last and first < e]
        item.setting = [t for t in item.setting if not any(s <= t.idx < e for s, e in said)]


def _reported_stance(page: Page, item: Found, found: list[Found]) -> bool:
    """A belief, wish or stance inside what someone else said is that speaker's claim, not a
    statement of its holder ("Trump said Clinton supported the deal", "she said he expects
    …"); speech reported inside a statement ("X said Y told him …") stays a statement."""
    if is_speech_cue(page, item.cue):
        return False
    return any(other is not item and within(item.cue, other.content) for other in found)


def _keep(found: list[Found], claimed: Spans, item: Found | None) -> None:
    """Add ``item`` unless a rule before it attributed one of its content spans already."""
    if item is None or any(_is_claimed(claimed, part) for part in item.content):
        return
    found.append(item)
    claimed.extend(item.content)


def _is_claimed(claimed: Spans, span: tuple[int, int]) -> bool:
    return any(s == span[0] and e == span[1] for s, e in claimed)


def _in_setting(found: list[Found], token: Token) -> bool:
    return any(token in f.setting for f in found)

