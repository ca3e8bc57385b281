"""Casualty and crowd figures stated with an event: killed, injured, size.

Figures are read from the numbers attached to casualty words in the event's sentence ("injured
15 people", "at least 20 killed", "two soldiers died", "the death toll rose to 30") and, for
crowds, to the protesters ("thousands protested", "a rally of 5,000 people"). Vague plurals map
to the smallest number they imply, following the Crowd Counting Consortium convention:
"dozens" = 24, "hundreds" = 200, "thousands" = 2,000 ("tens of thousands" = 20,000,
"hundreds of thousands" = 200,000).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

KILLED = frozenset({"kill", "die", "dead", "death", "fatality", "toll", "massacre", "murder"})
INJURED = frozenset({"injure", "wound", "hurt", "injury", "injured", "wounded"})
CROWD = frozenset({"protest", "protester", "demonstrator", "rally", "march", "demonstration",
                   "people", "supporter", "worker", "student", "marcher", "crowd"})
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000,
}
VAGUE_PLURALS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
                 "millions": 2_000_000}
SCALES = frozenset({"hundred", "thousand", "million"})
# "tens of thousands" = 10 x thousands, "hundreds of thousands" = 100 x thousands.
MULTIPLIERS = {"tens": 10, "hundreds": 100}
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "npadvmod", "pobj", "appos"})


def casualties(sentence: Span) -> tuple[int | None, int | None]:
    """(killed, injured) stated in the sentence, or None where no figure is given."""
    killed = injured = None
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma in KILLED and killed is None:
            killed = _figure_near(token)
        elif (lemma in INJURED or token.lower_ in INJURED) and injured is None:
            injured = _figure_near(token)
    return killed, injured


def crowd_size(trigger: Token) -> int | None:
    """The number of participants of a protest: on its subject or on the protest noun."""
    for head in _crowd_heads(trigger):
        figure = _number_of(head)
        if figure is not None:
            return figure
    return None


def _crowd_heads(trigger: Token) -> Iterator[Token]:
    yield trigger
    if trigger.dep_ == "dobj":  # "50,000 people joined the rally": the joiners are the crowd
        yield from (c for c in trigger.head.children if c.dep_ == "nsubj")
    for child in trigger.children:
        if child.dep_ in ("nsubj", "prep"):
            yield child
            yield from (g for g in child.children if g.dep_ == "pobj")


def _figure_near(cue: Token) -> int | None:
    """A number on the casualty word, on its arguments ("injured 15 people", "20 were killed"),
    or on the noun it modifies ("15 people injured") — one that counts this cue, not another
    casualty word ("1 dead, 2 hurt": the 2 are the hurt, reached through "hurt")."""
    candidates = [cue, *(c for c in cue.children
                         if c.dep_ in ARGUMENT_DEPS and not _is_cue(c))]
    if cue.dep_ in ("amod", "acl"):
        candidates.append(cue.head)
    if cue.i > cue.sent.start and cue.nbor(-1).like_num:  # "1 dead" parsed apart
        candidates.insert(0, cue.nbor(-1))
    for token in candidates:
        figure = _number_token(token)
        if figure is not None and not _cue_between(figure, cue):
            return parse_number(figure)
    return None


def _cue_between(number: Token, cue: Token) -> bool:
    """Another casualty word between a number and the cue: the number counts that one."""
    low, high = sorted((number.i, cue.i))
    return any(_is_cue(t) for t in number.doc[low + 1:high])


def _is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in KILLED or lemma in INJURED or token.lower_ in INJURED


def _number_token(token: Token) -> Token | None:
    """The token that states the count of a noun phrase head: the head or its number."""
    if parse_number(token) is not None:
        return token
    return next((c for c in token.children if c.dep_ in ("nummod", "quantmod")), None)


def _number_of(token: Token) -> int | None:
    """The count a noun phrase head states: the head itself ("thousands") or its number."""
    own = parse_number(token)
    if own is not None:
        return own
    for child in token.children:
        if child.dep_ in ("nummod", "quantmod"):
            return parse_number(child)
    return None


def parse_number(token: Token) -> int | None:
    """Integer value of a number word ("15", "1,200", "three", "2 million", "thousands")."""
    text = token.lower_
    if text in VAGUE_PLURALS or text in MULTIPLIERS:
        return _vague(token)
    value = _plain_number(text) if token.like_num else None
    if value is None:
        return None
    if text in SCALES:  # "2 million": the scale word carries the digits as a modifier
        factor = next((_plain_number(c.lower_) for c in token.children
                       if c.dep_ in ("nummod", "quantmod", "compound")), None)
        return value * (factor or 1)
    return value


def _vague(token: Token) -> int | None:
    """A vague plural, scaled when it counts tens or hundreds of a larger unit: "tens of
    thousands" (parsed "thousands" <- quantmod "Tens", or "Tens" -> of -> "thousands")."""
    text = token.lower_
    for child in token.children:
        if child.dep_ == "quantmod" and child.lower_ in MULTIPLIERS and text in VAGUE_PLURALS:
            return MULTIPLIERS[child.lower_] * VAGUE_PLURALS[text]
        if child.dep_ == "prep" and child.lower_ == "of" and text in MULTIPLIERS:
            unit = next((g.lower_ for g in child.children if g.lower_ in VAGUE_PLURALS), None)
            if unit is not None:
                return MULTIPLIERS[text] * VAGUE_PLURALS[unit]
    return VAGUE_PLURALS.get(text)


def _plain_number(text: str) -> int | None:
    digits = text.replace(",", "")
    if digits.isdecimal():  # "²".isdigit() is True, but int("²") fails
        return int(digits)
    return WORD_NUMBERS.get(text)
