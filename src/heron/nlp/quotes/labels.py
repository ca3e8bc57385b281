"""Labels: attributions written without a cue word, found on the text's lines.

``Name: “…”`` (a short name and a colon before a quotation), ``“…” ― Name`` (a quotation signed
with a dash), transcript turns (``PENCE: Well, look, …``) and a named person's or body's claim in
a headline or summary line (``Pat Smith: Voters Are Worried``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from heron.nlp.quotes.content import with_continuations
from heron.nlp.quotes.found import Found
from heron.nlp.quotes.lexicon import SURVEY_NOUNS
from heron.nlp.quotes.page import WORD, Page, end_of
from heron.nlp.quotes.speaker_phrase import noun_phrase

# "― Name" after a quotation, to the end of the line.
_SIGNATURE = re.compile(r"[\s\u00a0]*(?P<dash>[―—–]+)[\s\u00a0]*"
                        r"(?P<name>[A-Z][\w.'’-]*(?:[ \u00a0][\w.'’-]+){0,4})[.\s\u00a0]*")
# "PENCE: ..." / "MR. SMITH: ..." at the start of a paragraph, optionally inside a quotation.
_TRANSCRIPT_LABEL = re.compile(r"(?P<mark>[\"“]?)(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):"
                               r"[ \u00a0]+(?P<body>\S)")
# "Pat Smith: Voters Are Worried" — a headline or summary line that gives a named person's claim.
_NAME_LABEL = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \u00a0]+"
                         r"(?P<body>[^\s\"“‘'])")
# Entities that may label a claim with their name.
LABEL_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def from_colon(page: Page, quote: tuple[int, int], sent: Span) -> Found | None:
    """``Name: “…”`` — a quotation introduced by a short name and a colon, with no verb."""
    line_start = page.text.rfind("\n", 0, quote[0]) + 1  # the parser may split at the colon
    span = page.doc.char_span(line_start, quote[0], alignment_mode="contract")
    lead = [t for t in page.words(span) if not t.is_space] if span is not None else []
    if not lead or lead[-1].text != ":" or len(lead) > page.tuning.max_colon_speaker_tokens:
        return None
    words = lead[:-1]
    if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    head = next(t for t in words if t.head not in words or t.head == t)
    # The small parser often tags a bare surname before a colon as a common noun.
    if not (head.pos_ in ("PROPN", "PRON") or head.is_title) or not page.clausal(quote):
        return None
    colon = lead[-1]
    content = with_continuations(page, [quote])
    return Found((colon.idx, end_of(colon)), noun_phrase(head), head, content, True, list(words))


def from_dash(page: Page, quote: tuple[int, int]) -> Found | None:
    """``“…” ― Name``: a quotation signed with a dash and a name, as in testimonials."""
    line_end = page.text.find("\n", quote[1])
    signed = _SIGNATURE.fullmatch(page.text, quote[1], len(page.text) if line_end < 0 else line_end)
    if not signed or not page.clausal(quote):
        return None
    name = page.doc.char_span(signed.start("name"), signed.end("name"), alignment_mode="expand")
    if name is None:
        return None
    dash = (signed.start("dash"), signed.end("dash"))
    return Found(dash, name, name.root, with_continuations(page, [quote]), True, list(name))


def from_transcript_label(page: Page, line: re.Match) -> Found | None:
    """``PENCE: Well, look, …``: a transcript turn, labelled with the speaker's name in
    capitals; a turn that opens a quotation runs over the paragraphs that reopen it."""
    labelled = _TRANSCRIPT_LABEL.match(page.text, line.start(), line.end())
    if not labelled:
        return None
    name = page.doc.char_span(labelled.start("name"), labelled.end("name"),
                              alignment_mode="expand")
    start, end = labelled.start("body"), line.end()
    if labelled.group("mark"):
        for following in re.finditer(r"[^\n]+", page.text[line.end():]):
            text = following.group()
            if not text.startswith(labelled.group("mark")) or _TRANSCRIPT_LABEL.match(text):
                break
            end = line.end() + following.end()
    if name is None or len(WORD.findall(page.text[start:end])) < page.tuning.min_content_words:
        return None
    colon = (labelled.end("name"), labelled.end("name") + 1)
    content = [(start, len(page.text[:end].rstrip(" \"”")))]
    return Found(colon, name, name.root, content, True, list(name))


def from_name_label(page: Page, line: re.Match) -> Found | None:
    """``Pat Smith: Voters Are Worried About Costs`` — a line opened by a named person or
    body and a colon, the rest of the line being their claim (headlines do this without
    quotation marks). The name must be a named entity, the claim a clause."""
    labelled = _NAME_LABEL.match(page.text, line.start(), line.end())
    if not labelled:
        return None
    name = page.doc.char_span(labelled.start("name"), labelled.end("name"),
                              alignment_mode="expand")
    if name is None or not (any(t.ent_type_ in LABEL_ENTITIES for t in name)
                            or len(name) == 1 and name[0].lower_ in SURVEY_NOUNS):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in name):
        return None
    start, end = labelled.start("body"), len(page.text[:line.end()].rstrip(" .\"”’"))
    body = page.doc.char_span(start, end, alignment_mode="expand")
    # Title case misleads the tagger: a headline's predicate may be tagged an adjective.
    if body is None or len(WORD.findall(body.text)) < page.tuning.min_content_words + 1 or not any(
            t.pos_ in ("VERB", "AUX", "ADJ") for t in body):
        return None
    colon = (labelled.end("name"), labelled.end("name") + 1)
    return Found(colon, name, name.root, [(start, end)], page.fully_quoted(start, end),
                 list(name))

