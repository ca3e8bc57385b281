"""Where and when a statement was made, and who relayed it, read from its attribution clause.

* channel: a platform (Telegram, Truth Social, X), a broadcaster the speaker talked to
  (Fox News, Rossiya-24) or the occasion (a news conference, a statement, an interview);
* via: the agency or publication relaying it ("told Reuters", "according to state news agency
  RIA Novosti"), or the agency whose report closes the sentence ("…, Interfax reported",
  "…, cited by TASS"); unknown names count when a head noun says what they are ("the X daily");
* date: the timex (from the timexes component) inside the attribution clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from heron.model import Timex
from heron.nlp.actors import is_news_outlet
from heron.nlp.quotes.lexicon import (
    BROADCASTER_NOUNS,
    BROADCASTERS,
    OCCASIONS,
    OUTLET_NOUNS,
    OUTLETS,
    PLATFORM_NOUNS,
    PLATFORMS,
    RELAY_VERBS,
)
from heron.nlp.timexes import UNDATED_PRECISIONS


@dataclass(frozen=True)
class Setting:
    channel: str | None
    via: str | None
    date: str | None
    date_text: str | None


class SettingReader:
    """Compiled once per process: lexicon look-ups over attribution clauses."""

    def __init__(self) -> None:
        self.names = _alternation({**PLATFORMS, **BROADCASTERS}, permuted=True)
        self.occasions = _alternation(OCCASIONS)
        self.outlets = _alternation(OUTLETS)
        self.name_keys = _by_key({**PLATFORMS, **BROADCASTERS})
        self.occasion_keys = _by_key(OCCASIONS)
        self.outlet_keys = _by_key(OUTLETS)

    def read(self, clause: list[Token], timexes: list[Timex]) -> Setting:
        segments = _segments(clause)
        known_outlet = self._lookup(self.outlets, segments, self.outlet_keys)
        named = self._lookup(self.names, segments, self.name_keys)
        guessed = _named_by_noun(clause, BROADCASTER_NOUNS)
        if known_outlet and guessed and _key(guessed) in _key(known_outlet):
            guessed = None  # "told Radio Free Asia": the known outlet, not a channel "Free Asia"
        channel = named or guessed or self._lookup(self.occasions, segments, self.occasion_keys)
        via = (known_outlet or _named_by_noun(clause, OUTLET_NOUNS) or _unknown_outlet(clause)
               or self._closing_relay(clause))
        if via and channel and _key(channel) in _key(via):
            via = None  # "told the BBC", "told public broadcaster ZDF": the channel, not a relay
        timex = _timex_in(segments, timexes)
        return Setting(channel, via, timex.value if timex else None, timex.text if timex else None)

    def _closing_relay(self, clause: list[Token]) -> str | None:
        """The outlet of a report that closes the statement's sentence ("Putin said …, RIA
        Novosti reported", "…, quoted by Xinhua", "…, Interfax quoted him as saying"): the
        agency relayed the whole sentence, so it is the statement's via."""
        if not clause:
            return None
        sent, members = clause[0].sent, {t.i for t in clause}
        for verb in sent:
            if verb.lemma_ not in RELAY_VERBS or verb.i in members or verb.i < min(members):
                continue
            if not _closes_sentence(verb):
                continue
            for source in _relay_sources(verb):
                tokens = list(source.subtree)
                name = (self._lookup(self.outlets, _segments(tokens), self.outlet_keys)
                        or self._lookup(self.names, _segments(tokens), self.name_keys)
                        or _named_by_noun(tokens, OUTLET_NOUNS | BROADCASTER_NOUNS))
                text = source.doc[tokens[0].i:tokens[-1].i + 1].text
                if name or (source.pos_ == "PROPN" and is_news_outlet(text)):
                    return name or text
        return None

    @staticmethod
    def _lookup(pattern: re.Pattern, segments: list[tuple[int, str]],
                canonical: dict[str, str]) -> str | None:
        for _, text in segments:
            for match in pattern.finditer(text):
                surface = match.group("name")
                # Short names ("X", "AP", "RT") only count written as names, not as words.
                if " " not in surface and not surface[0].isupper() and surface.lower() not in OCCASIONS:
                    continue
                words = _key(surface)
                # A swapped two-word form ("social truth platform") names the unswapped entry.
                return canonical.get(words) or canonical.get(" ".join(reversed(words.split())))
        return None


def _alternation(entries: dict[str, str], permuted: bool = False) -> re.Pattern:
    forms = sorted(entries, key=len, reverse=True)
    alternatives = [re.sub(r"\\[ -]", r"[\\s-]+", re.escape(f)) for f in forms]
    if permuted:  # "the social truth platform" names Truth Social
        nouns = "|".join(PLATFORM_NOUNS)
        alternatives = [rf"(?:{a})" for a in alternatives]
        two_words = [f.split() for f in forms if len(f.split()) == 2]
        swapped = [rf"{re.escape(b)}\s+{re.escape(a)}(?=\s+(?:{nouns})\b)" for a, b in two_words]
        alternatives = swapped + alternatives
    return re.compile(rf"(?<![\w-])(?P<name>{'|'.join(alternatives)})(?![\w-])", re.IGNORECASE)


def _key(surface: str) -> str:
    """Lower case, hyphens and runs of spaces as single spaces: "Agence France-Presse" and
    "agence france presse" are one key."""
    return " ".join(re.split(r"[\s-]+", surface.lower()))


def _by_key(entries: dict[str, str]) -> dict[str, str]:
    return {_key(surface): name for surface, name in entries.items()}


def _segments(clause: list[Token]) -> list[tuple[int, str]]:
    """Contiguous runs of the clause as (start offset, text)."""
    runs: list[list[Token]] = []
    for token in clause:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    # a Span's text, not Doc.text: that one rebuilds the whole document's string on each access
    return [(run[0].idx, run[0].doc[run[0].i:run[-1].i + 1].text) for run in runs]


def _named_by_noun(clause: list[Token], nouns: frozenset[str]) -> str | None:
    """A proper name next to a noun saying what it is: "the Kommersant daily",
    "news agency Ukrinform", "the state-owned Rossiya-24 television channel"."""
    members = {t.i for t in clause}
    for token in clause:
        if token.lower_ not in nouns:
            continue
        before = _proper_run(token, members, -1)
        if before and token.text[0].isupper() and before.end_char == token.idx - 1:
            return f"{before.text} {token.text}"  # the capitalised noun is the name's: "Press TV"
        name = before or _proper_run(token, members, +1)
        if name:
            return name.text
    return None


def _proper_run(noun: Token, members: set[int], direction: int) -> Span | None:
    doc, i = noun.doc, noun.i + direction
    run: list[Token] = []
    while i in members and 0 <= i < len(doc) and (doc[i].lower_ in BROADCASTER_NOUNS | OUTLET_NOUNS
                                                  or doc[i].lower_ == "news"):
        i += direction  # skip "news" in "news agency", "television" in "television channel"
    while i in members and 0 <= i < len(doc) and (doc[i].pos_ == "PROPN" or doc[i].text == "-"
                                                  or (doc[i].like_num and run)):
        run.append(doc[i])
        i += direction
    run.sort(key=lambda t: t.i)
    while run and not run[0].text[0].isalnum():
        run.pop(0)
    while run and not run[-1].text[0].isalnum():
        run.pop()
    return doc[run[0].i:run[-1].i + 1] if run else None


def _closes_sentence(verb: Token) -> bool:
    """The relay clause ("Interfax reported", "quoted by TASS") is the sentence's last, after a
    comma: it starts at its subject (or its verb), and only its own words and punctuation follow."""
    first = min([c.left_edge.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] + [verb.i])
    last = max([c.right_edge.i for c in verb.rights if not c.is_punct] + [verb.i])
    doc = verb.doc
    trailing = doc[last + 1:verb.sent.end]
    return first > 0 and doc[first - 1].text == "," and all(t.is_punct for t in trailing)


def _relay_sources(verb: Token) -> list[Token]:
    """Who did the relaying: the subject of "reported"/"quoted", or the agent of "cited by"."""
    sources = [c for c in verb.children if c.dep_ == "nsubj"]
    sources += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return sources


def _unknown_outlet(clause: list[Token]) -> str | None:
    """The object of "told"/"according to" when it is a news outlet the actors module knows."""
    for token in clause:
        governor = token.head
        relays = ((token.dep_ in ("dobj", "dative") and governor.lemma_ == "tell")
                  or (token.dep_ == "pobj" and governor.head.lower_ == "according"))
        if relays and token.pos_ == "PROPN":
            phrase = token.doc[token.left_edge.i:token.i + 1]
            if is_news_outlet(phrase.text):
                return phrase.text
    return None


def _timex_in(segments: list[tuple[int, str]], timexes: list[Timex]) -> Timex | None:
    for start, text in segments:
        end = start + len(text)
        for timex in timexes:
            if start <= timex.start and timex.end <= end and timex.value \
                    and timex.precision not in UNDATED_PRECISIONS and timex.value[:1].isdecimal():
                return timex
    return None
