"""Attributions found over a parsed ``Doc``: cue, speaker phrase, content spans, directness.

Each cue is an attribution verb outside quotation marks (of speech, belief, intention or evidence:
see :mod:`.lexicon`; verbs of portraying only in their "X as Y" frame), an adjective of stance
after a linking verb ("is confident that …", "remains critical of …"), "according to", "in X's
view", a noun introducing a clause or, when owned, a preposition ("his claim that …", "expressed
concern that …", "renewed its call for …"), the participle of a message noun ("a statement
calling …"), the colon of ``Name: “…”`` or of a ``Name: claim`` headline, the dash of
``“…” ― Name``, or a transcript label (``PENCE: …``). A cue verb in the passive attributes its
subject with what it says of it ("the plan was criticised as reckless"; the agent, if any, is
the source). The content of a speech cue is, in order of preference:

1. quotations right next to the attribution clause (``“…,” X said, “…”``; ``X added: “…”``),
   followed by quotations that continue it in the same paragraph (``“…,” he said. “…”``);
2. the sentence around an attribution set off by commas (``The test, Seoul said, was …``);
3. the clause before it when the attribution closes the sentence (``…, a source told Reuters``),
   widened backwards over earlier first-person sentences of the paragraph, the unmarked
   verbatim statements news copies from social media (``I called Putin … , Trump wrote``), or
   the clause after an opening "as" clause (``As one official put it, …``);
4. its complement clause (``X said (that) …``), widened to whole quotations it cuts into;
5. what follows the colon that ends it (``He added: …``);
6. what was urged, called for or denied when it is not a clause (``urged Congress to act``),
   without the writer's aside (``, which …``) or where and when it was said (``at a forum``);
7. for "say", the rest of the sentence when the parser did not see its clause;
8. what the statement was about (``complained about the noise``).
Verbs of belief take only a complement clause, verbs of evidence a complement clause or, for
polls and documents, their object; verbs of intention a complement clause or their object. A
content stops before another attribution trailing it, not before a verb that shares its subject
or sits in a subordinate clause. Sentences are also cut at line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from heron.nlp.events.status import Status, event_status
from heron.nlp.quotes.lexicon import (
    ADDRESSED_VERBS,
    ADDRESSEE_VERBS,
    AS_FRAMED_VERBS,
    COGNITION_VERBS,
    CUE_PARTICLES,
    DECLARING_ADJECTIVES,
    EVIDENCE_NOUNS,
    EVIDENCE_VERBS,
    FRAMED_VERBS,
    INTENTION_VERBS,
    LINKING_VERBS,
    MESSAGE_NOUNS,
    NOUN_CUES,
    NOUN_PREPOSITION_CUES,
    OBJECT_PREPOSITIONS,
    OTHER_SENSE_PASSIVES,
    OWNED_NOUN_CUES,
    QUOTING_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANCE_ADJECTIVES,
    STANCE_PREPOSITIONS,
    SURVEY_NOUNS,
    VIEWPOINT_NOUNS,
    VOICING_VERBS,
    WORDS_ONLY_VERBS,
)
from heron.nlp.quotes.marks import quotation_spans

CONTENT_DEPS = frozenset({"ccomp", "parataxis", "conj", "cc", "csubj", "xcomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
EXPLETIVES = frozenset({"it", "there"})
# What a verb says of its passive subject: "was called [a liar]", "is expected [to resign]".
PREDICATE_DEPS = frozenset({"xcomp", "ccomp", "oprd", "attr"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
WH_RELATIVES = frozenset({"which", "who", "whom", "whose"})
PERSONAL_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "myself",
                          "ourselves"})
# Only punctuation (and no paragraph break) may separate a quotation from its attribution.
_JOINER = re.compile(r"[ \t,;:.\u2014\u2013-]*")
_WORD = re.compile(r"\w+")
# "― Name" after a quotation, to the end of the line.
_SIGNATURE = re.compile(r"[\s\u00a0]*(?P<dash>[―—–]+)[\s\u00a0]*"
                        r"(?P<name>[A-Z][\w.'’-]*(?:[ \u00a0][\w.'’-]+){0,4})[.\s\u00a0]*")
# "PENCE: ..." / "MR. SMITH: ..." at the start of a paragraph, optionally inside a quotation.
_TRANSCRIPT_LABEL = re.compile(r"(?P<mark>[\"“]?)(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):"
                               r"[ \u00a0]+(?P<body>\S)")
# "Pat Smith: Voters Are Worried" — a headline or summary line that gives a named person's claim.
_NAME_LABEL = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \u00a0]+"
                         r"(?P<body>[^\s\"“‘'])")
LABEL_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
MIN_CONTENT_WORDS = 2
MAX_LEAD_IN_TOKENS = 4
# How a lead-in hangs from its sentence: an adverbial ("For instance,"), never a subject
# ("Clinton, meanwhile, …").
OBJECT_STOP_DEPS = frozenset({"punct", "cc", "conj", "parataxis", "advcl", "npadvmod", "dep"})
# Phrases that say when or where something was said, not what ("cited the figure [at a forum]").
SETTING_PREPOSITIONS = frozenset({"in", "at", "during", "after", "before", "since", "until", "amid"})
# Conjunctions of subordinate clauses ("even if the court found …"): a cue inside one is part of
# the content, not an attribution trailing it.
SUBORDINATORS = frozenset({"if", "because", "although", "though", "when", "while", "since",
                           "unless", "whether", "after", "before", "until", "once"})
LEAD_IN_DEPS = frozenset({"advmod", "prep", "npadvmod", "intj", "advcl"})
CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS | INTENTION_VERBS | EVIDENCE_VERBS | AS_FRAMED_VERBS.keys()
MAX_COLON_SPEAKER_TOKENS = 6


@dataclass
class Found:
    """One attribution in token/character terms, before it becomes a :class:`Quote`."""

    cue: tuple[int, int]  # character span
    speaker: Span | None  # the speaker's noun phrase
    speaker_head: Token | None
    content: list[tuple[int, int]]
    direct: bool
    setting: list[Token] = field(default_factory=list)  # where channel, outlet and date are stated
    confidence: float = 1.0  # the cue model's probability that this is an attribution (learned.py)


class AttributionFinder:
    """Finds the attributions of one document (a fresh instance per document)."""

    def __init__(self, doc: Doc, sents: list[Span] | None = None):
        """``sents``: the document's sentences when the caller has them (``DocContext.sents``;
        spaCy rebuilds ``Doc.sents`` on every access)."""
        self.doc = doc
        # spaCy builds a new Token object on every index or span iteration; the finder and the
        # learned models look at each token many times, so they read them from one list.
        self.tokens: list[Token] = list(doc)
        self.text = "".join(t.text_with_ws for t in self.tokens)  # Doc.text, without a 2nd pass
        self.quotes = quotation_spans(self.text)
        self.inside = bytearray(len(self.text) + 1)
        for start, end in self.quotes:
            self.inside[start + 1:end - 1] = b"\x01" * max(0, end - start - 2)
        self.units = _units(doc, doc.sents if sents is None else sents, self.tokens)
        self.unit_at = {i: k for k, unit in enumerate(self.units) for i in range(unit.start, unit.end)}
        self.claimed: list[tuple[int, int]] = []  # content already attributed
        self._cue_verbs: dict[int, bool] = {}
        self._statuses: dict[int, Status] = {}
        self._clauses: dict[tuple[int, int, int], list[Token]] = {}

    def status(self, token: Token) -> Status:
        """The events' status of ``token`` (negated, hypothetical, …), computed once per token."""
        known = self._statuses.get(token.i)
        if known is None:
            known = self._statuses[token.i] = event_status(token)
        return known

    def words(self, span: Span) -> list[Token]:
        """The tokens of ``span`` (a sentence, a unit or a char span of this document)."""
        return self.tokens[span.start:span.end]

    def find(self) -> list[Found]:
        found: list[Found] = []
        for sent in self.units:
            for token in self.words(sent):
                if self._is_cue_verb(token):
                    self._keep(found, self._from_verb(token, sent))
                elif self._is_stance_adjective(token):
                    self._keep(found, self._from_adjective(token, sent))
            for token in self.words(sent):
                if _is_according_to(token) and not self._in_setting(found, token):
                    self._keep(found, self._from_according_to(token, sent))
                elif _is_viewpoint(token) and not self._in_setting(found, token):
                    self._keep(found, self._from_viewpoint(token, sent))
                elif _is_in_survey(token) and not self._in_setting(found, token):
                    self._keep(found, self._from_survey(token, sent))
                elif token.pos_ == "NOUN" and _is_noun_cue(token) and not self._quoted(token.idx):
                    self._keep(found, self._from_noun(token, sent))
            for quote in self._quotes_starting_in(sent):
                if not self._is_claimed(quote):
                    self._keep(found, self._from_colon(quote, sent) or self._from_dash(quote))
        for line in re.finditer(r"[^\n]+", self.text):
            self._keep(found, self._from_transcript_label(line) or self._from_name_label(line))
        kept = [f for f in found if not self._reported_stance(f, found)]
        for item in kept:
            # "Prices will rise next year, the minister said, citing …": when and where the
            # statement was made is never stated inside what someone else said beside it (a
            # statement reported inside another keeps its own frame).
            if not item.setting:
                continue
            first, last = min(t.idx for t in item.setting), max(t.idx for t in item.setting)
            said = [(s, e) for other in kept if not within(item.cue, other.content)
                    for s, e in other.content if s <= last and first < e]
            item.setting = [t for t in item.setting if not any(s <= t.idx < e for s, e in said)]
        return kept

    def _reported_stance(self, item: Found, found: list[Found]) -> bool:
        """A belief, wish or stance inside what someone else said is that speaker's claim, not a
        statement of its holder ("Trump said Clinton supported the deal", "she said he expects
        …"); speech reported inside a statement ("X said Y told him …") stays a statement."""
        if self._is_speech_cue(item.cue):
            return False
        return any(other is not item and within(item.cue, other.content) for other in found)

    def _is_speech_cue(self, cue: tuple[int, int]) -> bool:
        span = self.doc.char_span(*cue, alignment_mode="expand")
        if span is None:
            return False
        word = span.root
        return word.lower_ == "according" or (word.lemma_.lower() in SPEECH_NOUNS if word.pos_ == "NOUN"
                                              else _lemma(word) in SPEECH_VERBS)

    # ---- cues ---------------------------------------------------------------------------------

    def _is_cue_verb(self, token: Token) -> bool:
        known = self._cue_verbs.get(token.i)
        if known is None:
            known = self._cue_verbs[token.i] = self._cue_verb(token)
        return known

    def _cue_verb(self, token: Token) -> bool:
        # "Said Ellis: …" — a capitalised, inverted "Said" is often tagged as a proper noun.
        verb_like = token.pos_ == "VERB" or (token.pos_ == "PROPN" and token.lower_ in ("said", "says"))
        if not verb_like or self._quoted(token.idx):
            return False
        if token.dep_ in ("amod", "compound"):
            return self._inverted_after_quotation(token)
        # A participle after a noun is a cue only when the noun is a message ("a letter urging …").
        acl = token.dep_ == "acl" and not (token.tag_ == "VBG" and (
            token.head.lemma_.lower() in MESSAGE_NOUNS or _is_evidence(token.head)))
        return not acl and (_lemma(token) in CUE_VERBS and _in_frame(token) or _declared(token) is not None)

    def _inverted_after_quotation(self, verb: Token) -> bool:
        """"“…,” claims writer John Ostrower": a verb of saying right after a closing quotation,
        before its speaker, that the parser read as a modifier of the speaker's name."""
        before = self.tokens[verb.i - 2:verb.i] if verb.i >= 2 else []
        return (len(before) == 2 and before[0].text in (",", "?", "!") and before[1].is_quote
                and _lemma(verb) in SPEECH_VERBS and verb.head.i > verb.i
                and verb.head.pos_ in ("NOUN", "PROPN"))

    def _from_verb(self, verb: Token, sent: Span) -> Found | None:
        if _is_purpose(verb):
            return None
        speaker = _speaker_of(verb)
        clause = self._clause(verb, sent)
        cue = (verb.idx, verb.idx + len(verb))
        lemma = _lemma(verb)
        passive = self._passive_content(verb, sent)
        if passive:
            content = passive
        elif (adjective := _declared(verb)) is not None:
            content = self._made_clear(adjective, sent)
        elif lemma in COGNITION_VERBS | EVIDENCE_VERBS:
            # Beliefs count when someone holds them; "do you know …?" addresses the reader.
            addressed = speaker is None or speaker.lower_ == "you"
            shown = lemma in EVIDENCE_VERBS and speaker is not None and _is_evidence(speaker)
            content = [] if addressed else self._complement(verb, sent) or (
                self._object(verb, sent) if shown else [])
        elif lemma in INTENTION_VERBS:
            content = self._complement(verb, sent) or self._object(verb, sent)
        elif _is_participle_of_speaker(verb):
            # "…, she said, referencing the bank's drive …": what the participle itself took
            content = self._complement(verb, sent) or self._object(verb, sent) or self._topic(verb, sent)
        else:
            content = (self._adjacent_quotations(clause, sent) or self._around_parenthetical(clause, sent)
                       or self._clause_before(clause, sent) or self._clause_after(verb, clause, sent)
                       or self._complement(verb, sent)
                       or self._after_colon(clause, sent) or self._object(verb, sent)
                       or self._rest_after_say(verb, sent) or self._topic(verb, sent))
        if not content:
            return None
        if content[-1][1] <= cue[0] and content[0][0] <= sent.start_char + 1:
            content[0] = (self._first_person_start(sent, content[0]), content[0][1])
        # A cue in a relative clause ("countries that want a ban") is set only by its own clause;
        # the rest of the sentence is about something else ("the season, which ended in November").
        setting = clause if verb.dep_ in ("relcl", "acl") else self._setting(clause, content, sent)
        return self._found(cue, speaker, content, setting)

    def _passive_content(self, verb: Token, sent: Span) -> list[tuple[int, int]]:
        """"The plan was criticised as reckless", "he is expected to resign", "the senator was
        endorsed by the paper": what is said is about the passive subject, which is part of the
        content with what the verb says of it (its predicate; with no agent, also its phrases)."""
        lemma = _lemma(verb)
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects or lemma in ADDRESSED_VERBS | EVIDENCE_VERBS | OTHER_SENSE_PASSIVES \
                or subjects[0].lower_ in EXPLETIVES | RELATIVE_PRONOUNS:
            return []
        has_agent = any(c.dep_ == "agent" for c in verb.children)
        tail_deps = PREDICATE_DEPS if has_agent else PREDICATE_DEPS | {"prep"}
        parts = [list(subjects[0].subtree)]
        parts += [list(c.subtree) for c in verb.children if c.i > verb.i and c.dep_ in tail_deps]
        spans = []
        for part in parts:
            words = [t for t in part if sent.start <= t.i < sent.end and not self._is_edge_punct(t)
                     and not t.is_space]
            if words:
                spans.append(self._widen_to_quotes(words[0].idx, _end(words[-1])))
        return _merged(sorted(spans))

    def _is_stance_adjective(self, token: Token) -> bool:
        """"is confident", "seemed worried", and the passive-looking "was convinced"."""
        if token.lower_ not in STANCE_ADJECTIVES or self._quoted(token.idx):
            return False
        if token.pos_ == "ADJ":
            return token.dep_ in ("acomp", "oprd") and token.head.lemma_.lower() in LINKING_VERBS
        return token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children)

    def _from_adjective(self, adjective: Token, sent: Span) -> Found | None:
        """"The governor is confident that …", "voters were worried about costs": the subject
        holds the stance; the content is what the adjective takes."""
        holder = adjective.head if adjective.pos_ == "ADJ" else adjective
        subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
        speaker = _speaker_of(holder) if adjective.pos_ == "ADJ" else subjects[0] if subjects else None
        # "It is certain that …" states a fact, not somebody's stance; "you" is the reader.
        if speaker is None or speaker.lower_ in ("it", "there", "this", "that", "you"):
            return None
        content = (self._complement(adjective, sent, ("ccomp", "xcomp"))
                   or self._stance_object(adjective, sent))
        if not content:
            return None
        clause = [t for t in self._clause(holder, sent) if not any(s <= t.idx < e for s, e in content)]
        return self._found((adjective.idx, _end(adjective)), speaker, content, clause)

    def _stance_object(self, adjective: Token, sent: Span) -> list[tuple[int, int]]:
        """What a stance is about: "critical [of the deal]", "worried [about rising costs]"."""
        objects = [g for c in adjective.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS
                   for g in c.children if g.dep_ in ("pobj", "pcomp")]
        tokens = [t for g in objects[:1] for t in g.subtree if sent.start <= t.i < sent.end
                  and not self._is_edge_punct(t) and not t.is_space]
        tokens = self._without_aside(self._before_trailing_attribution(tokens, sent))
        if len(tokens) < MIN_CONTENT_WORDS and not _is_name(tokens):
            return []
        return [self._widen_to_quotes(tokens[0].idx, _end(tokens[-1]))]

    def _from_according_to(self, according: Token, sent: Span) -> Found | None:
        phrase = list(according.subtree)
        # The phrase ends at its comma, however the parser hung the clause after it.
        comma = next((k for k, t in enumerate(phrase) if k > 2 and t.text == ","), None)
        phrase = phrase[:comma] if comma is not None and according.i == sent.start else phrase
        # The parser may read "according to show insiders" as a verb and its object.
        objects = [t for t in phrase if t.dep_ == "pobj"] or [
            t for t in phrase[2:] if t.pos_ in ("NOUN", "PROPN", "PRON")][-1:]
        return self._around_phrase(phrase, objects, sent)

    def _from_viewpoint(self, preposition: Token, sent: Span) -> Found | None:
        """"In Smith's view, …", "in her words, …": the owner of the viewpoint is the source."""
        phrase = list(preposition.subtree)
        owners = [c for t in phrase if t.dep_ == "pobj" for c in t.children if c.dep_ == "poss"]
        return self._around_phrase(phrase, owners, sent)

    def _from_survey(self, preposition: Token, sent: Span) -> Found | None:
        """"In the latest poll, Smith leads by five points": the survey is the source."""
        phrase = list(preposition.subtree)
        return self._around_phrase(phrase, [t for t in phrase if t.dep_ == "pobj"][:1], sent)

    def _from_noun(self, noun: Token, sent: Span) -> Found | None:
        """"his claim that the vote was rigged", "her promise to cut taxes", "renewed its call
        for a ban": the clause the noun introduces or, when it has an owner, the object of its
        preposition; the owner, when stated, is the source."""
        owner = _owner(noun)
        lemma = noun.lemma_.lower()
        introduces = lemma in NOUN_CUES or (lemma in OWNED_NOUN_CUES and owner is not None)
        # A relative clause whose "that" is a mere marker is the noun's content misparsed
        # ("a report that Smith had a loss").
        clauses = [c for c in noun.children if c.i > noun.i and (_is_that_complement(c) or (
            c.dep_ in ("acl", "ccomp") and any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to")
                                              and g.i < c.i for g in c.children)))] if introduces else []
        objects = [g for c in noun.children if c.dep_ == "prep" and c.i > noun.i
                   and c.lower_ in NOUN_PREPOSITION_CUES.get(noun.lemma_.lower(), ())
                   for g in c.children if g.dep_ in ("pobj", "pcomp")] if owner is not None else []
        heads = clauses or objects
        if not heads:
            return None
        tokens = [t for t in heads[0].subtree if sent.start <= t.i < sent.end
                  and not self._is_edge_punct(t) and not t.is_space]
        tokens = self._without_aside(self._before_trailing_attribution(tokens, sent))
        if len(tokens) < MIN_CONTENT_WORDS + (1 if clauses else 0):
            return None
        content = [self._widen_to_quotes(tokens[0].idx, _end(tokens[-1]))]
        return self._found((noun.idx, _end(noun)), owner, content, [noun], nominal=True)

    def _around_phrase(self, phrase: list[Token], objects: list[Token], sent: Span) -> Found | None:
        """The attribution of a prepositional phrase ("according to X", "in X's view"): the
        content is the longer side of the sentence around it."""
        preposition = phrase[0]
        rest = [t for t in self.words(sent) if t not in phrase and not t.is_punct]
        if not objects or not rest:
            return None
        before = [t for t in _without_lead([t for t in self.words(sent) if t.i < preposition.i])
                  if t in rest]
        after = [t for t in rest if t.i > phrase[-1].i]
        chosen = before if len(before) >= len(after) else after
        content = [self._widen_to_quotes(chosen[0].idx, _end(chosen[-1]))]
        two_words = preposition.lower_ == "according" and len(phrase) > 1  # "according to"
        cue = (preposition.idx, _end(phrase[1]) if two_words else _end(preposition))
        return self._found(cue, objects[0], content, phrase)

    def _from_colon(self, quote: tuple[int, int], sent: Span) -> Found | None:
        """``Name: “…”`` — a quotation introduced by a short name and a colon, with no verb."""
        line_start = self.text.rfind("\n", 0, quote[0]) + 1  # the parser may split at the colon
        span = self.doc.char_span(line_start, quote[0], alignment_mode="contract")
        lead = [t for t in self.words(span) if not t.is_space] if span is not None else []
        if not lead or lead[-1].text != ":" or len(lead) > MAX_COLON_SPEAKER_TOKENS:
            return None
        words = lead[:-1]
        if not words or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        head = next(t for t in words if t.head not in words or t.head == t)
        # The small parser often tags a bare surname before a colon as a common noun.
        if not (head.pos_ in ("PROPN", "PRON") or head.is_title) or not self._clausal(quote):
            return None
        colon = lead[-1]
        content = self._with_continuations([quote])
        return Found((colon.idx, _end(colon)), _noun_phrase(head), head, content, True, list(words))

    def _from_dash(self, quote: tuple[int, int]) -> Found | None:
        """``“…” ― Name``: a quotation signed with a dash and a name, as in testimonials."""
        line_end = self.text.find("\n", quote[1])
        signed = _SIGNATURE.fullmatch(self.text, quote[1], len(self.text) if line_end < 0 else line_end)
        if not signed or not self._clausal(quote):
            return None
        name = self.doc.char_span(signed.start("name"), signed.end("name"), alignment_mode="expand")
        if name is None:
            return None
        dash = (signed.start("dash"), signed.end("dash"))
        return Found(dash, name, name.root, self._with_continuations([quote]), True, list(name))

    def _from_transcript_label(self, line: re.Match) -> Found | None:
        """``PENCE: Well, look, …``: a transcript turn, labelled with the speaker's name in
        capitals; a turn that opens a quotation runs over the paragraphs that reopen it."""
        labelled = _TRANSCRIPT_LABEL.match(self.text, line.start(), line.end())
        if not labelled:
            return None
        name = self.doc.char_span(labelled.start("name"), labelled.end("name"),
                                  alignment_mode="expand")
        start, end = labelled.start("body"), line.end()
        if labelled.group("mark"):
            for following in re.finditer(r"[^\n]+", self.text[line.end():]):
                text = following.group()
                if not text.startswith(labelled.group("mark")) or _TRANSCRIPT_LABEL.match(text):
                    break
                end = line.end() + following.end()
        if name is None or len(_WORD.findall(self.text[start:end])) < MIN_CONTENT_WORDS:
            return None
        colon = (labelled.end("name"), labelled.end("name") + 1)
        content = [(start, len(self.text[:end].rstrip(" \"”")))]
        return Found(colon, name, name.root, content, True, list(name))

    def _from_name_label(self, line: re.Match) -> Found | None:
        """``Pat Smith: Voters Are Worried About Costs`` — a line opened by a named person or
        body and a colon, the rest of the line being their claim (headlines do this without
        quotation marks). The name must be a named entity, the claim a clause."""
        labelled = _NAME_LABEL.match(self.text, line.start(), line.end())
        if not labelled:
            return None
        name = self.doc.char_span(labelled.start("name"), labelled.end("name"),
                                  alignment_mode="expand")
        named = name is not None and (any(t.ent_type_ in LABEL_ENTITIES for t in name)
                                      or len(name) == 1 and name[0].lower_ in SURVEY_NOUNS)
        if not named or any(t.pos_ in ("VERB", "AUX") for t in name):
            return None
        start, end = labelled.start("body"), len(self.text[:line.end()].rstrip(" .\"”’"))
        body = self.doc.char_span(start, end, alignment_mode="expand")
        # Title case misleads the tagger: a headline's predicate may be tagged an adjective.
        if body is None or len(_WORD.findall(body.text)) < MIN_CONTENT_WORDS + 1 or not any(
                t.pos_ in ("VERB", "AUX", "ADJ") for t in body):
            return None
        colon = (labelled.end("name"), labelled.end("name") + 1)
        return Found(colon, name, name.root, [(start, end)], self._fully_quoted(start, end),
                     list(name))

    # ---- content ------------------------------------------------------------------------------

    def _adjacent_quotations(self, clause: list[Token], sent: Span) -> list[tuple[int, int]]:
        start, end = _extent(clause)
        # A quotation that opens or closes the sentence around its attribution is speech however
        # short ("“You winning?” she said"); elsewhere short quotations are often quoted words.
        before = [q for q in self.quotes if q[1] <= start and self._joined(q[1], start)
                  and self._ends_in_or_leads(q, sent, clause)
                  and (self._clausal(q) or q[0] <= sent.start_char)]
        # A quotation in the next sentence with an attribution of its own ("X tweeted
        # condemnation. “…,” he tweeted.") is that attribution's.
        after = [q for q in self.quotes if q[0] >= end and self._joined(end, q[0])
                 and (self._clausal(q) or self._joined(q[1], sent.end_char))
                 and not (q[0] >= sent.end_char and self._has_own_cue(q))]
        parts = before[-1:] + after[:1]
        if before and not after:  # 'The country "has changed," he said': the subject belongs to it
            parts[0] = (self._clause_start(sent, parts[0][0]), parts[0][1])
        return self._with_continuations(parts, max(end, sent.end_char)) if parts else []

    def _ends_in_or_leads(self, quote: tuple[int, int], sent: Span, clause: list[Token]) -> bool:
        """A quotation ending before the sentence attributes to it only if the sentence opens
        with the attribution in lower case ('“Why?” she asked.' split after the question mark)
        or is nothing but the attribution ('“Why?” Smith asked.')."""
        members = set(clause)
        return quote[1] > sent.start_char or sent[0].is_lower or all(
            t in members or t.is_punct or t.is_space for t in self.words(sent))

    def _clause_start(self, sent: Span, quote_start: int) -> int:
        """Where the statement ending in a quotation begins: the sentence start when the words
        before the quotation have no attribution of their own."""
        lead = [t for t in self.words(sent) if t.idx < quote_start and not t.is_space]
        if not lead or any(self._is_cue_verb(t) or t.text == ":" for t in lead):
            return quote_start
        return lead[0].idx

    def _around_parenthetical(self, clause: list[Token], sent: Span) -> list[tuple[int, int]]:
        """``The latest test, North Korea said, was its biggest yet``: the content is the
        sentence around an attribution set off by commas."""
        first, last = _word_bounds(clause)
        if first - 1 <= sent.start or last + 1 >= sent.end - 1:
            return []
        if self.tokens[first - 1].text != "," or self.tokens[last + 1].text != ",":
            return []
        before = [t for t in _without_lead(self.tokens[sent.start:first - 1])
                  if not self._is_edge_punct(t)]
        if before and before[-1].lower_ in WH_RELATIVES:
            # "…, which, the mayor said, is always full": the statement is the relative clause.
            before = before[-1:]
        after = [t for t in self.tokens[last + 2:sent.end] if not self._is_edge_punct(t) and not t.is_space]
        if after and _is_participle_of_speaker(after[0]):
            # "…, she said, referencing …": the speaker's next act, not part of the statement
            aside = {t.i for t in after[0].subtree}
            after = [t for t in after if t.i not in aside]
            if not after and any(t.pos_ in ("VERB", "AUX") for t in before):
                return [self._widen_to_quotes(before[0].idx, _end(before[-1]))]
        if not before or not after or not any(t.pos_ in ("VERB", "AUX") for t in before + after):
            return []
        return [self._widen_to_quotes(before[0].idx, _end(before[-1])),
                self._widen_to_quotes(after[0].idx, _end(after[-1]))]

    def _complement(self, verb: Token, sent: Span,
                    deps: tuple[str, ...] = ("ccomp",)) -> list[tuple[int, int]]:
        clauses = [c for c in verb.children if c.dep_ in deps and sent.start <= c.i < sent.end]
        clauses += _misattached_that_clauses(verb)
        if any(c.i > verb.i for c in clauses):
            # "Claiming …, Trump told Fox that …": what follows "X said" is what X said; a
            # clause before it is then the writer's (or a misparse).
            clauses = [c for c in clauses if c.i > verb.i]
        # Only the side of the verb the complement is on: a misparse may hang words from the
        # other side (or the next paragraph) under it.
        tokens = sorted({t for c in clauses for t in c.subtree
                         if sent.start <= t.i < sent.end and (t.i < verb.i) == (c.i < verb.i)
                         and not self._is_edge_punct(t) and not t.is_space}, key=lambda t: t.i)
        tokens = _without_leading_time(self._before_trailing_attribution(tokens, sent))
        if len(tokens) < MIN_CONTENT_WORDS:
            return []
        return [self._widen_to_quotes(tokens[0].idx, _end(tokens[-1]))]

    def _object(self, verb: Token, sent: Span) -> list[tuple[int, int]]:
        """What was urged, called for, cited or denied, when it is not a clause: "urged Congress
        to act", "called for a ban", "called the plan a disaster", "attacked her for her vote".
        Verbs of saying take their addressee or a pronoun as object."""
        lemma = _lemma(verb)
        if verb.i + 1 >= sent.end or lemma in WORDS_ONLY_VERBS or _speaker_of(verb) is None:
            return []
        wanted = ("xcomp",) if lemma in ADDRESSEE_VERBS else ("xcomp", "dobj", "oprd", "ccomp")
        if lemma in FRAMED_VERBS and not _has_predicate(verb):
            wanted = ()  # only the particle's object: "called for a ban"
        objects = [c for c in verb.children if c.i > verb.i and c.dep_ in wanted]
        objects += _particle_objects(verb)  # "called for [a ban]"
        objects += _told_to(verb) if lemma in ADDRESSED_VERBS else []
        objects.sort(key=lambda c: c.i)
        if objects and lemma not in ADDRESSEE_VERBS:
            objects += [c for c in verb.children if c.i > objects[0].i and c.dep_ == "prep"
                        and c.lower_ in OBJECT_PREPOSITIONS] + _frame_prepositions(verb)
        if not objects:
            return []
        # The object runs on over what the parser hung from the verb after it ("cited remarks
        # [Trump had made] about her"), up to a punctuation mark or a conjoined clause.
        end = max(t.i for c in objects for t in c.subtree)
        for child in (c for c in verb.children if c.i > end):
            setting = child.dep_ == "prep" and child.lower_ in SETTING_PREPOSITIONS
            # "wants to raise taxes, cut spending and …": infinitives coordinated with the object.
            infinitive = child.dep_ == "conj" and child.tag_ == "VB" and objects[0].dep_ == "xcomp"
            if (child.dep_ in OBJECT_STOP_DEPS or setting) and not infinitive:
                break
            end = max(end, max(t.i for t in child.subtree))
        start = min(t.i for t in objects[0].subtree)
        tokens = [t for t in self.tokens[start:min(end + 1, sent.end)]
                  if not self._is_edge_punct(t) and not t.is_space]
        tokens = self._without_aside(self._before_trailing_attribution(tokens, sent))
        if len(tokens) < MIN_CONTENT_WORDS and not _is_name(tokens) \
                or objects[0].pos_ == "PRON" and len(objects) < 2:
            return []
        return [self._widen_to_quotes(tokens[0].idx, _end(tokens[-1]))]

    def _topic(self, verb: Token, sent: Span) -> list[tuple[int, int]]:
        """What a statement was about, when that is all the text gives: "complained about the
        noise", "asked him about his taxes"."""
        topics = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "about" and c.i > verb.i
                  for g in c.children if g.dep_ in ("pobj", "pcomp")]
        tokens = [t for g in topics[:1] for t in g.subtree if sent.start <= t.i < sent.end
                  and not self._is_edge_punct(t) and not t.is_space]
        tokens = self._without_aside(tokens)
        if len(tokens) < MIN_CONTENT_WORDS and not _is_name(tokens):
            return []
        return [self._widen_to_quotes(tokens[0].idx, _end(tokens[-1]))]

    def _rest_after_say(self, verb: Token, sent: Span) -> list[tuple[int, int]]:
        """"X said many of the claims were false": what follows "say" is what was said even when
        the parser hangs it from the verb as an object or a stray dependent; it must read as a
        clause (a verb of its own), and not open with a preposition ("said in a statement")."""
        if _lemma(verb) != "say":
            return []
        tokens = [t for t in self.tokens[verb.i + 1:sent.end] if not self._is_edge_punct(t)
                  and not t.is_space and not self._quoted(t.idx)]
        tokens = self._before_trailing_attribution(tokens, sent)
        if tokens and tokens[0].pos_ == "ADP" and tokens[0].head.i > tokens[0].i:
            # "said after the meeting he would …": the phrase belongs to the clause after it,
            # which must have a subject of its own.
            phrase = {t.i for t in tokens[0].subtree}
            tokens = [t for t in tokens if t.i not in phrase]
            if not any(c.dep_ in SUBJECT_DEPS for t in tokens[:1] for c in t.head.children):
                tokens = []
        if len(tokens) < MIN_CONTENT_WORDS + 1 or tokens[0].pos_ == "ADP" or not any(
                t.pos_ in ("VERB", "AUX") for t in tokens):
            return []
        return [self._widen_to_quotes(tokens[0].idx, _end(tokens[-1]))]

    def _made_clear(self, adjective: Token, sent: Span) -> list[tuple[int, int]]:
        """"made it clear that the curfew would stay": the clause after the adjective, however
        the parser hung it."""
        tokens = [t for t in self.tokens[adjective.i + 1:sent.end] if not self._is_edge_punct(t)
                  and not t.is_space]
        tokens = self._before_trailing_attribution(tokens, sent)
        if len(tokens) < MIN_CONTENT_WORDS + 1 or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return []
        return [self._widen_to_quotes(tokens[0].idx, _end(tokens[-1]))]

    def _without_aside(self, tokens: list[Token]) -> list[Token]:
        """What was said about someone or something stops before the writer's aside about it,
        a relative clause set off by a comma ("praised the plan, which includes …")."""
        for token in tokens:
            edge = token.left_edge
            if token.dep_ == "relcl" and edge.lower_ in WH_RELATIVES and edge.i > tokens[0].i \
                    and self.tokens[edge.i - 1].text == "," and not self._quoted(edge.idx):
                return [t for t in tokens if t.i < edge.i - 1]
        return tokens

    def _before_trailing_attribution(self, tokens: list[Token], sent: Span) -> list[Token]:
        """A complement stops before another cue it runs into after a comma or conjunction:
        "Trump told them that …, a source told Reuters" (another speaker's frame), "he said it
        …, and warned that …" (a second statement), "…, which he said were …"."""
        members = {t.i for t in tokens}
        for token in tokens[1:]:
            # "…, according to Al Jazeera", "…, cited by Interfax": who relayed it, not what
            if self.tokens[token.i - 1].text == "," and (_is_according_to(token) or _is_relayed_by(token)):
                return [t for t in tokens if t.i < token.i - 1]
        for verb in tokens[1:]:
            # A belief or wish inside the content ("she hopes …, but she knows that …") never
            # frames the words before it (see COGNITION_VERBS); only speech can trail them.
            if not self._is_cue_verb(verb) or _lemma(verb) not in SPEECH_VERBS \
                    or not _may_trail(verb, tokens[0], members):
                continue
            first = _word_bounds(self._clause(verb, sent))[0]
            breaks = [t.i for t in self.tokens[tokens[0].i + 1:min(first, verb.i)]
                      if t.text in (",", ";", "—") or t.dep_ == "cc" and t.head.pos_ in ("VERB", "AUX")]
            if breaks and breaks[-1] > tokens[0].i:
                return [t for t in tokens if t.i < breaks[-1]]
        return tokens

    def _clause_after(self, verb: Token, clause: list[Token], sent: Span) -> list[tuple[int, int]]:
        """"As the minister noted, prices have risen": an "as" clause opening the sentence
        attributes the clause after it."""
        first, last = _word_bounds(clause)
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
                or last + 1 >= sent.end or self.tokens[last + 1].text != ",":
            return []
        if any(not (t.is_punct or t.pos_ == "CCONJ") for t in self.tokens[sent.start:first]):
            return []
        body = [t for t in self.tokens[last + 2:sent.end] if not self._is_edge_punct(t) and not t.is_space]
        if len(body) < MIN_CONTENT_WORDS + 1 or not any(t.pos_ in ("VERB", "AUX") for t in body):
            return []
        return [self._widen_to_quotes(body[0].idx, _end(body[-1]))]

    def _clause_before(self, clause: list[Token], sent: Span) -> list[tuple[int, int]]:
        first, last = _word_bounds(clause)
        tail = [t for t in self.tokens[last + 1:sent.end] if not t.is_punct]
        previous = self.tokens[first - 1] if first > sent.start else None
        if tail or previous is None or previous.text not in (",", "—", "\u2013"):
            return []
        body = [t for t in _without_lead(self.tokens[sent.start:first - 1])
                if not self._is_edge_punct(t) and not t.is_space]
        # "People like Scott, he said.": a statement may have no verb, unlike a lead-in
        # ("In a statement on Monday, he said.").
        if len(body) < MIN_CONTENT_WORDS + 1 or body[0].pos_ == "ADP" and not any(
                t.pos_ in ("VERB", "AUX") for t in body):
            return []
        return [self._widen_to_quotes(body[0].idx, _end(body[-1]))]

    def _after_colon(self, clause: list[Token], sent: Span) -> list[tuple[int, int]]:
        last = _word_bounds(clause)[1]
        if last + 1 >= len(self.doc) or self.tokens[last + 1].text != ":":
            return []
        body = [t for t in self.tokens[last + 2:sent.end] if not self._is_edge_punct(t)]
        following = self._unit_after(sent)
        if not body and following is not None:  # "He added:" closing a paragraph: the next one
            paragraph_end = self.text.find("\n", following.start_char)
            paragraph = self.doc.char_span(following.start_char, len(self.text) if paragraph_end < 0
                                           else paragraph_end, alignment_mode="expand") or []
            body = [t for t in paragraph if not self._is_edge_punct(t) and not t.is_space]
        if len(body) < MIN_CONTENT_WORDS:
            return []
        return [self._widen_to_quotes(body[0].idx, _end(body[-1]))]

    def _first_person_start(self, sent: Span, content: tuple[int, int]) -> int:
        """Start of an unmarked first-person statement that closes with ``content``: earlier
        sentences of the same paragraph join it while they too speak in the first person."""
        start = content[0]
        body = self.doc.char_span(*content, alignment_mode="expand")
        if body is None or not _first_person(body) or self._overlaps_quote(*content):
            return start
        previous: Span | None = sent
        while (previous := self._unit_before(previous)) is not None:
            gap = self.text[previous.end_char:start]
            if "\n" in gap or not _first_person(previous) or self._has_quote_or_cue(previous):
                break
            start = previous.start_char
        return start

    def _with_continuations(self, parts: list[tuple[int, int]],
                            attribution_end: int = 0) -> list[tuple[int, int]]:
        """Quotations that carry on a direct quote in the same paragraph (``“…,” he said. “…”``),
        after the quote or after its attribution, whichever comes last."""
        parts = list(parts)
        for quote in self.quotes:
            last = max(parts[-1][1], attribution_end)
            if quote[0] < last:
                continue
            between = self.text[last:quote[0]]
            if not _JOINER.fullmatch(between) or self._has_own_cue(quote):
                break
            parts.append(quote)
        return parts

    # ---- helpers ------------------------------------------------------------------------------

    def _found(self, cue: tuple[int, int], speaker: Token | None, content: list[tuple[int, int]],
               setting: list[Token], nominal: bool = False) -> Found | None:
        words = sum(len(_WORD.findall(self.text[s:e])) for s, e in content)
        if words < MIN_CONTENT_WORDS and not self._names_only(content) \
                or any(s < cue[1] and cue[0] < e for s, e in content):
            return None
        direct = all(self._fully_quoted(s, e) for s, e in content) or self._unmarked_verbatim(content)
        # "assuming that …", "without knowing …" have no source; "the claim that …" may not.
        if speaker is None and not nominal and not self._passive_cue(cue):
            return None
        noun_phrase = _noun_phrase(speaker) if speaker is not None else None
        return Found(cue, noun_phrase, speaker, content, direct, setting)

    def _names_only(self, content: list[tuple[int, int]]) -> bool:
        span = self.doc.char_span(content[0][0], content[-1][1], alignment_mode="expand")
        return span is not None and _is_name(list(span))

    def _passive_cue(self, cue: tuple[int, int]) -> bool:
        """"It was reported that …": an attribution with no source, unlike a bare participle."""
        verb = self.doc.char_span(*cue, alignment_mode="expand")
        return verb is not None and (verb[0].lower_ == "according" or any(
            c.dep_ in ("auxpass", "nsubjpass") for c in verb.root.children))

    def _keep(self, found: list[Found], item: Found | None) -> None:
        if item is None or any(self._is_claimed(part) for part in item.content):
            return
        found.append(item)
        self.claimed.extend(item.content)

    def _is_claimed(self, span: tuple[int, int]) -> bool:
        return any(s == span[0] and e == span[1] for s, e in self.claimed)

    def _clause(self, verb: Token, sent: Span) -> list[Token]:
        """The attribution clause: the cue with its subject and modifiers, not its content."""
        key = (verb.i, sent.start, sent.end)
        if key not in self._clauses:
            self._clauses[key] = self._attribution_clause(verb, sent)
        return list(self._clauses[key])

    def _attribution_clause(self, verb: Token, sent: Span) -> list[Token]:
        tokens = [verb]
        for child in verb.children:
            if child.dep_ not in CONTENT_DEPS and not self._quoted(child.idx) \
                    and not (child.dep_ == "advcl" and self._is_content_clause(child)):
                tokens.extend(child.subtree)
        if verb.dep_ == "conj":  # "Speaking to Fox News, Rutte called ..., but he said ..."
            tokens.extend(t for c in verb.head.children if c.dep_ == "advcl" and c.i < verb.head.i
                          for t in c.subtree)
        kept = {t for t in tokens if sent.start <= t.i < sent.end and not t.is_space
                and not self._quoted(t.idx)}
        return sorted(kept, key=lambda t: t.i)

    def _is_content_clause(self, clause: Token) -> bool:
        """An adverbial clause hanging from the cue that is not about the statement itself:
        another cue ("..., adding that ...") or a subordinate clause ("If ..., X argues, ...")."""
        return self._is_cue_verb(clause) or any(c.dep_ == "mark" for c in clause.children)

    def _setting(self, clause: list[Token], content: list[tuple[int, int]], sent: Span) -> list[Token]:
        """Where channel, outlet and date may be stated: the clause, and the rest of the sentence
        on the cue's side of the content (robust to a misparse that detaches "on Telegram" from
        the cue; the far side may hold another speaker's frame)."""
        cue_first = clause and clause[0].idx < content[0][0]
        outside = [t for t in self.words(sent) if not t.is_space and not self._quoted(t.idx)
                   and (t.idx < content[0][0] if cue_first else t.idx >= content[-1][1])]
        return sorted({*clause, *outside}, key=lambda t: t.i)

    def _in_setting(self, found: list[Found], token: Token) -> bool:
        return any(token in f.setting for f in found)

    def _quoted(self, offset: int) -> bool:
        """Inside a quotation, its marks excluded."""
        return bool(self.inside[offset])

    def _fully_quoted(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.quotes)

    def _unmarked_verbatim(self, content: list[tuple[int, int]]) -> bool:
        """First-person content without quotation marks is the speaker's own words."""
        start, end = content[0][0], content[-1][1]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and _first_person(span) and not self._overlaps_quote(start, end)

    def _overlaps_quote(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.quotes)

    def _widen_to_quotes(self, start: int, end: int) -> tuple[int, int]:
        for s, e in self.quotes:
            if s < start < e:
                start = s
            if s < end < e:
                end = e
        return start, end

    def _joined(self, start: int, end: int) -> bool:
        return start <= end and bool(_JOINER.fullmatch(self.text[start:end]))

    def _clausal(self, quote: tuple[int, int]) -> bool:
        """A quotation that is a statement, not a quoted word or title ("a “very good” talk")."""
        span = self.doc.char_span(quote[0], quote[1], alignment_mode="expand")
        return (span is not None and len(_WORD.findall(span.text)) >= 3
                and any(t.pos_ in ("VERB", "AUX") for t in self.words(span)))

    def _quotes_starting_in(self, sent: Span) -> list[tuple[int, int]]:
        return [q for q in self.quotes if sent.start_char <= q[0] < sent.end_char]

    def _has_own_cue(self, quote: tuple[int, int]) -> bool:
        span = self.doc.char_span(quote[0], quote[1], alignment_mode="expand") or []
        units = {self.unit_at[t.i] for t in span if t.i in self.unit_at}
        return any(self._is_cue_verb(t) for k in units for t in self.words(self.units[k])) or (
            bool(span) and any(self._is_cue_verb(t) for t in self._rest_of_sentence(span[-1])))

    def _rest_of_sentence(self, last: Token) -> list[Token]:
        """The tokens after ``last`` up to the end of its sentence, read from the punctuation:
        the parser may end a sentence at a closing quotation mark that the text carries on
        ("“You squeezed them” to drive up the price, she said")."""
        rest = []
        for token in self.tokens[last.i + 1:]:
            if token.text in (".", "!", "?") or "\n" in token.text:
                break
            rest.append(token)
        return rest

    def _unit_before(self, unit: Span) -> Span | None:
        k = self.unit_at.get(unit.start, 0)
        return self.units[k - 1] if k > 0 else None

    def _unit_after(self, unit: Span) -> Span | None:
        k = self.unit_at.get(unit.start, len(self.units))
        return self.units[k + 1] if k + 1 < len(self.units) else None

    def _has_quote_or_cue(self, sent: Span) -> bool:
        return any(sent.start_char <= s < sent.end_char for s, _ in self.quotes) or any(
            self._is_cue_verb(t) or _is_according_to(t) for t in self.words(sent))

    def _is_edge_punct(self, token: Token) -> bool:
        return token.is_punct and not token.is_quote


def _speaker_of(verb: Token) -> Token | None:
    """The head token of whoever the cue verb attributes the content to."""
    if verb.dep_ in ("amod", "compound") and verb.head.i > verb.i:
        # "“…,” claims writer John Ostrower", misread as a modifier: the name it modifies
        speaker = verb.head
        while speaker.dep_ in ("compound", "amod") and speaker.head.i > speaker.i:
            speaker = speaker.head
        return speaker
    if verb.dep_ == "acl":  # "a statement calling the vote a sham": whoever made the statement
        return _owner(verb.head) or (verb.head if _is_evidence(verb.head) else None)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "quoted X as saying"
        return _quoted_person(verb.head)
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects and subjects[0].dep_ != "nsubjpass":
        subject = subjects[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subject
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return agents[0]
    if not subjects and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        reported = verb.head.dep_ == "ccomp" and _lemma(verb.head.head) in SPEECH_VERBS
        # "X said prices rose, adding that …": X adds, whatever the parser hung "adding" from.
        return _speaker_of(verb.head.head if reported and verb.tag_ == "VBG" else verb.head)
    governor = verb.head.head
    if not subjects and verb.dep_ == "pcomp" and governor.pos_ in ("VERB", "AUX"):
        # "began by saying …": whoever began; "after saying …, she was taken away": she
        passive = [c for c in governor.children if c.dep_ == "nsubjpass"]
        return _speaker_of(governor) or (passive[0] if passive else None)
    return None


def _misattached_that_clauses(verb: Token) -> list[Token]:
    """"That"-clauses of a cue the parser hung elsewhere: from the cue as an adverbial clause
    ("tweeted in the early hours that she was …"), or as a relative clause from its addressee or
    from the phrase saying where it was said ("told a meeting of leaders that few people
    understood …", "said in a statement that …"), which a real relative clause is not when its
    "that" has no role in it (a marker, with a subject of its own)."""
    found = [c for c in verb.children if c.dep_ == "advcl" and c.left_edge.lower_ == "that"]
    # "told a meeting of leaders that …" (the addressee), "said in a video address that …",
    # "wrote in an op-ed for the Post that …" (where it was said)
    hosts = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    if _lemma(verb) in ADDRESSED_VERBS:
        hosts += [c for c in verb.children if c.dep_ == "dobj"]
    found += [t for h in hosts for t in h.subtree if _is_that_complement(t)]
    return found


def _is_that_complement(clause: Token) -> bool:
    """A clause the parser hung from a noun that is a "that"-complement, not a relative clause:
    its "that" plays no role in it (a marker, or a second subject or object beside the real one:
    "… in a statement that it had handed over the list")."""
    if clause.dep_ not in ("relcl", "acl"):
        return False
    that = [c for c in clause.children if c.lower_ == "that" and c.i < clause.i]
    if not that or not any(c.dep_ in SUBJECT_DEPS and c.lower_ != "that" for c in clause.children):
        return False
    return that[0].dep_ == "mark" or any(c.dep_ == that[0].dep_ and c != that[0] for c in clause.children)


def _is_participle_of_speaker(verb: Token) -> bool:
    """A participle clause with no subject hanging from a verb ("…, she said, referencing …",
    "…, adding that …"): its subject is the speaker's; it does not report the sentence around it."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and not _has_subject(verb) \
        and verb.doc[verb.i - 1].text == ","


def _without_leading_time(tokens: list[Token]) -> list[Token]:
    """"said on Thursday the strikes had hit …": a time phrase before the reported clause's
    subject says when it was said, not what."""
    if len(tokens) < 3 or tokens[0].dep_ != "prep" or tokens[0].head.i < tokens[0].i:
        return tokens
    phrase = {t.i for t in tokens[0].subtree}
    objects = [t for t in tokens if t.i in phrase and t.dep_ == "pobj"]
    if not objects or objects[0].ent_type_ not in ("DATE", "TIME"):
        return tokens
    rest = [t for t in tokens if t.i not in phrase]
    return rest if rest and rest[0].dep_ in SUBJECT_DEPS | {"mark", "det", "compound", "amod"} else tokens


def within(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether the character span lies inside one of the spans."""
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _is_relayed_by(verb: Token) -> bool:
    """"cited by Interfax", "quoted by Xinhua": a passive participle naming who relayed it."""
    return verb.tag_ == "VBN" and verb.lemma_.lower() in QUOTING_VERBS | {"report", "carry"} and any(
        c.dep_ == "agent" for c in verb.children)


def _told_to(verb: Token) -> list[Token]:
    """The infinitive of "told his supporters at a rally to vote", which the parser may hang from
    the verb as an adverbial clause once a phrase separates it from the addressee."""
    addressees = [c.i for c in verb.children if c.dep_ == "dobj"]
    return [c for c in verb.children if c.dep_ == "advcl" and addressees and c.i > addressees[0]
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _declared(verb: Token) -> Token | None:
    """The "clear" of "made (it) clear …", which makes "make" a statement."""
    if verb.lemma_.lower() != "make":
        return None
    return next((c for c in verb.children if c.dep_ in ("ccomp", "oprd", "acomp", "xcomp")
                 and c.lower_ in DECLARING_ADJECTIVES), None)


def _is_evidence(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in EVIDENCE_NOUNS


def _is_name(tokens: list[Token]) -> bool:
    """A lone proper name can be all that was said about ("endorsed Smith", "critical of Acme")."""
    return bool(tokens) and all(t.pos_ == "PROPN" for t in tokens)


def _may_trail(verb: Token, first: Token, members: set[int]) -> bool:
    """Whether a cue verb inside a content may be another attribution trailing it ("…, a source
    told Reuters", "…, which he said were …"). It may not when it has no subject of its own
    ("he rated them … and talked about …"), heads the content itself ("that, whatever happens,
    he will insist on …") or sits in a subordinate clause ("even if the court found …")."""
    if verb.is_ancestor(first) or verb.head == verb:
        return False
    if verb.dep_ == "pcomp" or any(c.lower_ in ("what", "whatever") for c in verb.children):
        return False  # "defend himself against what the campaign sees as an attack"
    if not any(c.dep_ in ("nsubj", "csubj") for c in verb.children):
        # "…, adding that …": a participle after a comma is a second statement; so is a verb
        # conjoined to a reported clause about the speaker ("said he would …, and warned …").
        if verb.tag_ == "VBG" and verb.doc[verb.left_edge.i - 1].text == ",":
            return True
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        return verb.dep_ == "conj" and bool(subjects) and subjects[0].lower_ in PERSONAL_PRONOUNS
    node = verb
    while node.i in members and node.head != node:
        if any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in node.children):
            return False
        node = node.head
    return True


def _is_noun_cue(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in NOUN_CUES or lemma in OWNED_NOUN_CUES or lemma in NOUN_PREPOSITION_CUES


def _owner(noun: Token) -> Token | None:
    """Whose statement, plan or concern a noun is: its possessor ("her call"), its author ("a
    statement from the ministry") or the subject of the verb voicing it ("X expressed concern")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by") and child.i > noun.i:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if names:  # "a New York Times report", "a Kremlin statement"
        return names[-1]
    voicing = noun.head
    if noun.dep_ == "dobj" and voicing.pos_ == "VERB" and voicing.lemma_.lower() in VOICING_VERBS:
        return _speaker_of(voicing)
    return None


def _lemma(verb: Token) -> str:
    """The verb's lemma, with the silent "e" the small model's lemmatiser sometimes drops from
    inflected forms ("hoping" → "hop")."""
    lemma = verb.lemma_.lower()
    restored = lemma + "e"
    if lemma not in CUE_VERBS and restored in CUE_VERBS \
            and verb.lower_ in (restored + "s", restored + "d", lemma + "ing"):
        return restored  # "hoped", but not "hopped"
    return lemma


def _is_purpose(verb: Token) -> bool:
    """An infinitive of purpose ("met on Friday to discuss the flooding") tells what someone
    meant to do, not what anyone said."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _in_frame(verb: Token) -> bool:
    """Verbs such as "call" attribute only with a predicate or their particle, verbs such as
    "see" only in their "X as Y" frame."""
    lemma = _lemma(verb)
    if lemma in AS_FRAMED_VERBS:
        return bool(_frame_prepositions(verb))
    if lemma == "put":
        return _puts_it(verb)
    if lemma not in FRAMED_VERBS or _has_predicate(verb):
        return True
    # "The meeting was called for Monday" schedules; only the active "called for" demands.
    return bool(_particle_objects(verb)) and not any(c.dep_ == "nsubjpass" for c in verb.children)


def _puts_it(verb: Token) -> bool:
    """"As one official put it, …", "she put it bluntly": "put it" with nowhere to put it."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) and not any(
        c.dep_ in ("prep", "prt", "advcl") for c in verb.children)


def _frame_prepositions(verb: Token) -> list[Token]:
    """The "as" of "sees the deal as a trap" or "the deal was seen as a trap": a preposition of
    the verb's frame after its object, or with a passive subject."""
    objects = [c.i for c in verb.children if c.dep_ == "dobj"]
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    return [c for c in verb.children if c.dep_ == "prep" and (passive or objects and c.i > objects[0])
            and c.lower_ in AS_FRAMED_VERBS.get(_lemma(verb), ())]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted character spans with overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _particle_objects(verb: Token) -> list[Token]:
    """What follows the preposition right after the verb that makes it a phrasal cue ("called
    for [a ban]", "called on [Congress to act]", "called for [the law to be repealed]"), unlike a
    later one ("called him on Friday")."""
    particles = CUE_PARTICLES.get(_lemma(verb), ())
    objects = []
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.i == verb.i + 1 and child.lower_ in particles:
            objects.extend(child.children)
        elif child.dep_ == "advcl" and any(  # "for" read as the mark of a "for … to" clause
                g.dep_ == "mark" and g.i == verb.i + 1 and g.lower_ in particles for g in child.children):
            objects.append(child)
    return objects


def _has_predicate(verb: Token) -> bool:
    """Whether the verb says what its object is ("called the plan a disaster", "called the
    charges baseless", "called it “outrageous”"), which the parser may attach in several ways."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(c.dep_ in ("oprd", "ccomp") for c in verb.children) or any(
        t.i > o.i and (t.pos_ == "ADJ" or t.is_quote) for o in objects for t in o.subtree)


def _quoted_person(as_token: Token) -> Token | None:
    governor = as_token.head
    if governor.pos_ in ("NOUN", "PROPN"):
        return governor
    objects = [c for c in governor.children if c.dep_ in ("dobj", "pobj")]
    if objects:
        return objects[0]
    if governor.lemma_.lower() in QUOTING_VERBS:
        return None
    return next((t for t in reversed(list(governor.doc[governor.i:as_token.i]))
                 if t.pos_ in ("PROPN", "NOUN")), None)


def _noun_phrase(head: Token) -> Span:
    """The speaker's phrase: the head with its modifiers, without relative clauses."""
    dropped = {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    kept = [t for t in head.subtree if t.i not in dropped and not (t.is_punct and t.i > head.i)]
    kept = after_misread_cue(kept)
    kept = [t for t in kept if not t.is_punct or kept[0].i < t.i < kept[-1].i]
    return head.doc[kept[0].i:kept[-1].i + 1] if kept else head.doc[head.i:head.i + 1]


def after_misread_cue(tokens: list[Token]) -> list[Token]:
    """A name phrase without the cue verb the parser hung from it as a modifier, nor what
    hangs from that verb ("“…,” claims writer John Ostrower" → "writer John Ostrower")."""
    misread = [t.i for t in tokens if t.pos_ == "VERB" and t.dep_ in ("amod", "compound")]
    return [t for t in tokens if t.i > max(misread)] if misread else tokens


def _is_according_to(token: Token) -> bool:
    return (token.lower_ == "according" and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to")


def _is_in_survey(token: Token) -> bool:
    """"in" + "the latest poll" / "a new study", said of a clause (not "gains in the polls")."""
    return token.lower_ == "in" and token.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "pobj" and c.lemma_.lower() in SURVEY_NOUNS for c in token.children)


def _is_viewpoint(token: Token) -> bool:
    """"in" + "Smith's view" / "her words" / "his opinion"."""
    return token.lower_ == "in" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in VIEWPOINT_NOUNS
        and any(g.dep_ == "poss" for g in c.children) for c in token.children)


def _first_person(tokens) -> bool:
    return any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in tokens)


def _units(doc: Doc, sents: Iterable[Span], tokens: list[Token]) -> list[Span]:
    """Sentences, also cut at line breaks: the parser may run a sentence across paragraphs."""
    units = []
    for sent in sents:
        start = sent.start
        for token in tokens[sent.start:sent.end]:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    units.append(doc[start:token.i])
                start = token.i + 1
        if start < sent.end:
            units.append(doc[start:sent.end])
    return units


def _without_lead(tokens: list[Token]) -> list[Token]:
    """A statement opening its sentence, without the words that only link it to the text before:
    a conjunction ("But …") or a short verbless lead-in set off by a comma ("For instance, …",
    "Details aside, …")."""
    while tokens and tokens[0].pos_ == "CCONJ":
        tokens = tokens[1:]
    comma = next((k for k, t in enumerate(tokens[:MAX_LEAD_IN_TOKENS + 1]) if t.text == ","), None)
    lead = tokens[:comma] if comma else []
    heads = [t for t in lead if t.head not in lead or t.head == t]
    if lead and all(t.dep_ in LEAD_IN_DEPS for t in heads) and not any(
            t.pos_ in ("VERB", "AUX") or t.is_quote for t in lead):
        tokens = tokens[comma + 1:]
    return tokens


def _word_bounds(clause: list[Token]) -> tuple[int, int]:
    """First and last token index of the clause's words (its edge punctuation aside)."""
    words = [t.i for t in clause if not t.is_punct] or [t.i for t in clause]
    return min(words), max(words)


def _extent(tokens: list[Token]) -> tuple[int, int]:
    words = [t for t in tokens if not t.is_punct and not t.is_space] or tokens
    return min(t.idx for t in words), max(_end(t) for t in words)


def _end(token: Token) -> int:
    return token.idx + len(token)

