"""Learned evidence for the event coder: which words report a PLOVER event, of which type, and
with what confidence.

A linear model (``heron.nlp.linear``) trained on the train split of Heron's gold corpus
(``bench/data/gold``, ``make train``) reads features of each candidate word of a sentence — its
lemma, part of speech, dependency neighbourhood and arguments, spaCy's contextual vectors of the
word, its head, subject and object — together with what the rule coder made of it (lexicon
trigger, embedding, rule status) as evidence. It gives every candidate a distribution over the
16 PLOVER types and ``NONE``: a rule event's confidence becomes the probability of its type at its
trigger (so "asylum seekers" or "the worst deal ever" sink below the export threshold), and a word
the rules do not code becomes an event when the model is confident enough (``add_threshold``).
Status stays with the rules (docs/EVENTS.md says why).

Candidates are every verb and common noun of the sentence plus every rule trigger. The same
feature code runs at training and at analysis time, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from heron.config import model_dir
from heron.nlp.events.coder import Match, anchor_of, event_type_of
from heron.nlp.events.lexicon import Lexicon, Trigger
from heron.nlp.events.status import StatusReader, event_status
from heron.nlp.linear import SoftmaxModel

TYPE_MODEL = "event_type.npz"
NONE = "NONE"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
CHILD_DEPS = frozenset({"dobj", "prt", "neg", "aux", "auxpass", "nsubj", "nsubjpass", "attr",
                        "xcomp", "ccomp", "agent", "dative", "compound", "amod", "acomp", "advmod",
                        "mark", "poss"})
TENSOR_WIDTH = 96  # width of en_core_web_sm's tok2vec output, used when a Doc has no tensor
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "poss", "agent"})


@dataclass
class Candidate:
    """A word that may report an event, with what the rule coder made of it."""

    token: Token
    match: Match | None = None  # the rule trigger heading an event here
    governor: Match | None = None  # the rule trigger whose content this trigger is
    listed: tuple[str, ...] = ()  # event types the lexicon lists the word under (any guard)


def candidates(sentence: Span, matches: list[Match], lexicon: Lexicon) -> list[Candidate]:
    found: dict[int, Candidate] = {}

    def add_rule(match: Match, governor: Match | None) -> None:
        found[match.token.i] = Candidate(match.token, None if governor else match, governor)
        for inner in (*match.embedded, *match.merged):
            add_rule(inner, match)

    for match in matches:
        add_rule(match, None)
    for token in sentence:
        if token.i not in found and token.pos_ in CANDIDATE_POS and token.is_alpha:
            found[token.i] = Candidate(token)
    for candidate in found.values():
        token = candidate.token
        candidate.listed = tuple(sorted({
            trigger.event_type for key in (token.lemma_.lower(), token.lower_)
            for trigger in lexicon.candidates(key, token.pos_)}))
    return [found[i] for i in sorted(found)]


def _argument_kind(token: Token) -> str:
    if token.ent_type_:
        return token.ent_type_
    if token.pos_ == "PRON":
        return "PRON"
    return token.pos_


def _neighbourhood(token: Token) -> Iterator[str]:
    lemma = token.lemma_.lower()
    head = token.head
    yield f"hlem={head.lemma_.lower()}"
    yield f"hdep={token.dep_}>{head.pos_}"
    yield f"lem_hlem={lemma}|{head.lemma_.lower()}"
    for child in token.children:
        dep = child.dep_
        if dep in CHILD_DEPS:
            yield f"ch:{dep}={child.lemma_.lower()}"
        if dep in ARGUMENT_DEPS:
            yield f"arg:{dep}={_argument_kind(child)}"
            # who acts on whom decides the sense: "jets struck" vs "an earthquake struck"
            yield f"lem_arg:{dep}={lemma}|{_argument_kind(child)}"
            yield f"lem_arglem:{dep}={lemma}|{child.lemma_.lower()}"
        if dep == "prep":
            prep = child.lower_
            yield f"lem_prep={lemma}|{prep}"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield f"pp:{prep}={pobj.lemma_.lower()}"
                    yield f"pp:{prep}:kind={_argument_kind(pobj)}"


def _rule_features(candidate: Candidate) -> Iterator[str]:
    lemma = candidate.token.lemma_.lower()
    if candidate.match is not None:
        match = candidate.match
        kind = event_type_of(match)
        yield f"rule={kind}"
        yield f"rule_lem={kind}|{lemma}"
        yield f"rule_trig={match.trigger.label}"
        yield f"rule_sec={match.trigger.section}"
        for inner in match.embedded:
            yield f"rule_embeds={inner.trigger.event_type}"
        if match.merged:
            yield "rule_merged"
    elif candidate.governor is not None:
        yield f"rule_inside={candidate.governor.trigger.event_type}"
        yield f"rule_inside_lem={candidate.governor.token.lemma_.lower()}"
        yield f"rule_self={_own_type(candidate)}"
    else:
        yield "rule=none"


def _own_type(candidate: Candidate) -> str:
    governor = candidate.governor
    if governor is None:
        return NONE
    inner = next((m for m in (*governor.embedded, *governor.merged)
                  if m.token.i == candidate.token.i), None)
    return inner.trigger.event_type if inner else NONE


def type_features(candidate: Candidate, sentence: Span,
                  statuses: StatusReader | None = None) -> list[str]:
    """Named features of a candidate (``statuses``: one reader for the words of one Doc)."""
    token = candidate.token
    lemma = token.lemma_.lower()
    status = event_status(token, reader=statuses)
    features = [
        f"lem={lemma}", f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}",
        f"lem_pos={lemma}|{token.pos_}", f"suf={lemma[-3:]}", f"st={status.status}",
        f"stk={status.kind}", f"low={token.lower_}",
        *_neighbourhood(token), *_rule_features(candidate),
        *(f"listed={t}" for t in candidate.listed),
    ]
    anchor = anchor_of(token)
    if anchor is not token:
        features.append(f"anchor={anchor.lemma_.lower()}")
    if sentence.start == 0:
        features.append("first_sentence")
    return features


def dense_features(found: list[Candidate]) -> np.ndarray:
    """spaCy's contextual vectors (the model's tok2vec output) of each candidate and of its
    syntactic head: they carry the word's sense in this sentence, which lemmas alone do not
    ("asylum seekers" vs "granted asylum")."""
    if not found:
        return np.zeros((0, 4 * TENSOR_WIDTH), np.float32)
    # Token indices of each candidate, its head, subject and object (-1: none).
    index = np.array([(c.token.i, c.token.head.i, *_argument_indices(c.token)) for c in found])
    tensor = found[0].token.doc.tensor
    if not (tensor.ndim == 2 and tensor.shape[0]):
        return np.zeros((len(found), 4 * TENSOR_WIDTH), np.float32)
    rows = tensor[np.maximum(index, 0)].astype(np.float32)  # (candidates, 4, width)
    rows[index < 0] = 0.0
    return rows.reshape(len(found), -1)


def _argument_indices(token: Token) -> tuple[int, int]:
    """Token indices of the first subject and first object of ``token`` (-1: none)."""
    subject = obj = -1
    for child in token.children:
        if subject < 0 and child.dep_ in ("nsubj", "nsubjpass"):
            subject = child.i
        elif obj < 0 and child.dep_ in ("dobj", "pobj", "dative"):
            obj = child.i
    return subject, obj


def learned_trigger(token: Token, event_type: str) -> Match:
    """A rule-shaped match for a word the model reads as an event the lexicon does not list, so
    the rule machinery finds its participants, date and place the same way."""
    section = "verbs" if token.pos_ == "VERB" else "nouns"
    trigger = Trigger(event_type=event_type, head=token.lemma_.lower(), extras=(), section=section,
                      weight=0.5)
    return Match(token, trigger, [])


@dataclass
class TypeProbabilities:
    """The type model's distribution over ``labels`` for each candidate word of a Doc."""

    labels: list[str]
    rows: np.ndarray  # (candidates, labels)
    row_of: dict[int, int]  # token index -> row

    def of(self, token: Token) -> dict[str, float]:
        return dict(zip(self.labels, map(float, self.rows[self.row_of[token.i]]), strict=True))

    def best_events(self, found: list[Candidate]) -> list[tuple[Candidate, str, float]]:
        """Each candidate's most probable event type (NONE aside; ties: first label) and its
        probability."""
        if not found:
            return []
        columns = [i for i, label in enumerate(self.labels) if label != NONE]
        rows = self.rows[[self.row_of[c.token.i] for c in found]][:, columns]
        best = rows.argmax(axis=1)
        return [(c, self.labels[columns[b]], float(row[b]))
                for c, b, row in zip(found, best, rows, strict=True)]


@dataclass
class LearnedEvidence:
    """The trained models, and how the event coder applies them."""

    types: SoftmaxModel

    @property
    def add_threshold(self) -> float:
        return float(self.types.meta.get("add_threshold", 0.6))

    def type_probabilities(self, sentences: list[tuple[Span, list[Candidate]]],
                           statuses: StatusReader | None = None) -> TypeProbabilities:
        """Type distributions of the candidates of several sentences of one Doc, in one pass
        of the model."""
        statuses = statuses or StatusReader()
        samples = [type_features(c, sentence, statuses) for sentence, found in sentences
                   for c in found]
        everyone = [c for _, found in sentences for c in found]
        rows = self.types.predict(samples, dense_features(everyone))
        return TypeProbabilities(self.types.labels, rows,
                                 {c.token.i: row for row, c in enumerate(everyone)})

    def new_triggers(self, found: list[Candidate], probs: TypeProbabilities) -> list[Match]:
        """Words the model reads as events of a type the rules did not give them."""
        out = []
        for candidate, best, p in probs.best_events(found):
            ruled = event_type_of(candidate.match) if candidate.match else None
            if p >= self.add_threshold and best != ruled:
                out.append(learned_trigger(candidate.token, best))
        return out


def load_learned(folder: Path | None = None) -> LearnedEvidence | None:
    """The trained models of ``folder`` (default: the shipped ones, see
    :func:`heron.config.model_dir`), or None when there are none (rules alone then)."""
    return _load(folder or model_dir())


@lru_cache(maxsize=4)
def _load(folder: Path) -> LearnedEvidence | None:
    path = folder / TYPE_MODEL
    return LearnedEvidence(SoftmaxModel.load(path)) if path.exists() else None
