"""Actors and recipients of an event from dependency roles.

Verbs: the subject (or the ``by`` agent of a passive) is the actor; the direct object, the
subject of a passive and the objects of with/to/against/on/toward are recipients; objects of
``between`` are reciprocal actors. Coordinated subjects ("Trump and Zelenskyy") give compound
actors. A verb without a subject borrows the subject of the verb it is coordinated with or
controlled by ("met ... and hosted", "agreed to meet"), in the role of its own voice ("it had
not been informed ... and demanded": "it" demands); a relative pronoun stands for the noun its
clause describes ("the EU, which imposed"), and so does a noun described by a participle ("a
journalist arrested", "gunmen attacking"). The object of "accused/blamed/forced X to/of" does
the act it governs; coordinated verbs share the object of the last ("killed and injured 1,000
fighters"); "it"/"they" in a reported clause is the reporting subject.

Nouns: possessors, ``by``/``from`` objects and name/nationality modifiers ("Russian strikes",
"Ukraine's demands") are actors; on/against/to/with objects are recipients. A noun that is the
object of a light verb ("imposed sanctions", "expressed its willingness") takes that verb's
subject as actor.

Participants come from the actor mentions of the actors component (resolved names, role
phrases, capitals, pronouns); a recipient named only as a place ("attacks on Sumy") is taken
from the places component, so a town yields its country; "I"/"we" inside a direct quote is the
quote's speaker (quotes component); "the two countries"/"both sides" are the last two countries
named before the sentence. Unnamed domestic roles without a country take that of the place the
act happens in, except at meetings and agreements (see :mod:`heron.nlp.actors.setting`); in
conflict only those the act is done to, and only when no actor of the text is foreign.

Facilitators: whoever arranges, brokers or mediates a contact between others ("Trump began
arrangements for a meeting between Putin and Zelenskyy", "talks mediated by Qatar") is not a
participant; it is recorded apart, from the agent of the arranging word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Token

from heron.model import ActorRef, Event, Mention, Place, Quote, actor_ref
from heron.nlp.actors.setting import is_domestic_role, names_foreign_actor, shared_by_countries
from heron.nlp.events.lexicon import Lexicon

RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards", "upon", "for"})
ACTOR_PREPS_NOUN = frozenset({"by", "from"})
PAIR_NOUNS = frozenset({"country", "side", "nation", "government", "leader", "president", "party",
                        "neighbor", "neighbour"})
PAIR_WORDS = frozenset({"two", "both"})
PAIR_LOOKBACK_CHARS = 600
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
OWNER_PRONOUNS = frozenset({"its", "their"})
# Subject pronouns for a body that reports on its own acts ("the ministry said it would …").
BODY_PRONOUNS = frozenset({"it", "they"})
RECIPROCAL_PREPS = frozenset({"between", "among", "amongst"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "appos", "parataxis", "punct", "cc"})
# Words whose agent brings others together ("set" counts with its particle: "set up").
ARRANGING_LEMMAS = frozenset({"arrange", "arrangement", "organise", "organize", "organisation",
                              "organization", "broker", "mediate", "mediation", "facilitate",
                              "preparation", "prepare", "convene"})
# Dependencies from a contact word up to the arranging word that governs it.
ARRANGED_DEPS = frozenset({"dobj", "pobj", "prep", "acl", "nsubjpass", "compound"})
# Dependencies through which a verb without a subject is controlled by the verb above it.
CONTROL_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"})
# Material acts whose "of" object is what is acted on ("invasion of Ukraine").
OF_IS_RECIPIENT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
# Acts whose passive subject is the actor's own forces, not a target ("troops were deployed").
SELF_MOVING_TYPES = frozenset({"MOBILIZE"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# Acts often held in a third country: their place says nothing of who took part.
VENUE_TYPES = frozenset({"CONSULT", "AGREE"})
# Conflict: fought, coerced or threatened across sides, so the place of the act is the side of
# those it is done to at most, never evidence of who does it.
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"})


@dataclass
class Participants:
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # which dependency roles supplied them

    def swap(self) -> Participants:
        return Participants(self.recipients, self.actors, self.roles + ["reversed"])


JUDGING_TYPES = frozenset({"ACCUSE", "REJECT"})


@dataclass
class ArgumentFinder:
    """Finds participants in one document, given its mentions and places."""

    mentions: list[Mention]
    places: list[Place]
    quotes: list[Quote] = field(default_factory=list)
    lexicon: Lexicon | None = None  # to tell a verb that judges an act from a support verb

    def for_verb(self, verb: Token, event_type: str) -> Participants:
        found = Participants()
        controller = _object_controller(verb)
        if controller is not None and self._refs(controller):
            self._add(found, "actors", controller, "object-control")
            subject = None
        else:
            subject = _subject(verb)
        if subject is not None:
            # The forces moved in a MOBILIZE ("troops were deployed") are the actor's own.
            passive = _is_passive(verb, subject) and event_type not in SELF_MOVING_TYPES
            self._add(found, "recipients" if passive else "actors", subject,
                      subject.dep_ if subject.head == verb else "borrowed-subject")
        elif verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG"):
            # A participle describing a noun: "a journalist arrested over ..." is what is done
            # to, "gunmen attacking the town" who does it.
            passive = verb.tag_ == "VBN" and event_type not in SELF_MOVING_TYPES
            self._add(found, "recipients" if passive else "actors", verb.head, "described-noun")
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in _objects(child):
                    self._add(found, "actors", obj, "agent")
            elif child.dep_ in ("dobj", "dative", "attr"):
                self._add(found, "recipients", child, child.dep_)
            elif child.dep_ == "prep":
                self._add_prep(found, child, event_type, noun=False)
        shared = _shared_object(verb)
        if shared is not None and not found.recipients:
            self._add(found, "recipients", shared, "shared-object")
        return found

    def place_unnamed(self, event: Event) -> None:
        """Unnamed domestic roles without a country take that of the place the event happens
        in ("polygamous leaders arrested in Canada", "protesters marched in Mombasa").
        Not at meetings and agreements, which are often held in a third country ("officials
        met in Geneva"). In conflict the place is the side of the victims at most: "troops
        attacked villages near Kharkiv" says nothing of whose troops, and when the text names
        a foreign actor ("Russian forces shelled Kharkiv") not even the victims' side is sure."""
        country = event.location.country if event.location is not None else None
        if country is None or event.event_type in VENUE_TYPES:
            return
        roles = {(m.start, m.end): m for m in self.mentions
                 if m.kind == "ROLE" and not shared_by_countries(m, self.mentions)}
        if event.event_type in CONFLICT_TYPES:
            if names_foreign_actor(self.mentions, country) or any(
                    r.country and r.country != country for r in event.actors):
                return
        else:
            event.actors = [_placed(r, country, roles) for r in event.actors]
        event.recipients = [_placed(r, country, roles) for r in event.recipients]

    def facilitators(self, contact: Token, found: Participants) -> list[ActorRef]:
        """Who arranges the contact without taking part: "arrangements for a meeting between
        Putin and Zelenskyy" (two parties named) or "setting up a meeting" (none named). With
        one other party named ("preparations for talks with Ukraine") the arranger is the other
        party: it is added to ``found`` as an actor and no facilitator is returned."""
        word = _arranging_word(contact)
        agent = _agent(word) if word is not None else None
        if word is None or agent is None:
            return []
        taken = {_identity(r) for r in found.actors + found.recipients}
        refs = [r for t in _conjuncts(agent) for r in self._refs(t)
                if _identity(r) and _identity(r) not in taken]
        if refs and len(taken) == 1:
            found.actors.extend(refs)
            found.roles.append(f"actor:arranger '{word.text}'")
            return []
        return refs

    def add_complement_subject(self, found: Participants, token: Token) -> None:
        """"demanded that the United States match ...", "warned that Russia would pay": the
        subject of the content clause is who the demand, threat or accusation is aimed at."""
        if found.recipients:
            return
        for child in token.children:
            if child.dep_ in ("ccomp", "acl"):
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")),
                               None)
                # "warned that it would intervene": the speaker itself is no recipient
                acting = {_same_actor_key(r) for r in found.actors}
                if subject is not None and not acting & {
                        _same_actor_key(r) for r in self._refs(subject)}:
                    self._add(found, "recipients", subject, "content-subject")
                    return

    def for_adjective(self, adjective: Token, event_type: str) -> Participants:
        """A predicate adjective's actor is the subject of its clause ("Russia is ready", "it
        considers X unacceptable"); its own prepositions give recipients ("opposed to X")."""
        found = self.for_verb(adjective.head, event_type)  # a root adjective is its own head
        for child in adjective.children:
            if child.dep_ == "prep":
                self._add_prep(found, child, event_type, noun=False)
        return found

    def for_noun(self, noun: Token, event_type: str) -> Participants:
        found = Participants()
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS:
                self._add(found, "actors", child, child.dep_)
            elif child.dep_ == "prep":
                self._add_prep(found, child, event_type, noun=True)
        verb = _light_verb(noun)
        if not found.actors and verb is not None and not self._judges(verb):
            light = self.for_verb(verb, event_type)
            found.actors = light.actors
            found.recipients = found.recipients or [
                r for r in light.recipients if not _same_span(r, noun)]
            found.roles += [f"light-verb '{verb.text}'"]
        return found

    def _judges(self, verb: Token) -> bool:
        """A verb that condemns, denies, rejects or investigates its object ("Syria condemned the
        attack", "Israel denied the strike") is not a support verb of that act: its subject judges
        the act and did not do it. Such verbs are the ones the lexicon codes, on their own, only
        as ACCUSE or REJECT."""
        if self.lexicon is None:
            return False
        bare = [t for t in self.lexicon.candidates(verb.lemma_.lower(), "VERB") if not t.extras]
        return bool(bare) and all(t.event_type in JUDGING_TYPES for t in bare)

    def _add_prep(self, found: Participants, prep: Token, event_type: str, *, noun: bool) -> None:
        word = prep.lower_
        if word in RECIPROCAL_PREPS:
            role = "actors"
        elif word in RECIPIENT_PREPS or (word == "of" and noun and event_type in OF_IS_RECIPIENT):
            role = "recipients"
        elif noun and word in ACTOR_PREPS_NOUN:
            role = "actors"
        else:
            return
        for obj in _objects(prep):
            self._add(found, role, obj, f"{word}-object")

    def _add(self, found: Participants, role: str, head: Token, how: str) -> None:
        refs = [ref for token in _conjuncts(head) for ref in self._refs(token)]
        if not refs:
            return
        target = getattr(found, role)
        # keyed by span and actor: "they" may stand for several reporting subjects
        known = {(r.start, r.end, _identity(r)) for r in found.actors + found.recipients}
        for ref in refs:
            if (ref.start, ref.end, _identity(ref)) not in known:
                target.append(ref)
                known.add((ref.start, ref.end, _identity(ref)))
        found.roles.append(f"{role[:-1]}:{how}")

    def _refs(self, head: Token) -> list[ActorRef]:
        """The participant(s) a noun phrase names: the mention on its head word, else those on
        its modifiers ("Hungarian and Romanian officials"), else anywhere in the phrase ("areas
        in Sumy and Odesa", "doctors from two American aid groups")."""
        start, end = head.idx, head.idx + len(head)
        if head.lower_ in FIRST_PERSON:
            speaker = self._quoted_speaker(start)
            if speaker is not None:
                return [speaker]
        pair = self._pair_antecedents(head)  # before the head's own (single) mention
        if pair:
            return pair
        on_head = self._overlapping(start, end)
        best = max(on_head, key=_ref_rank) if on_head else None
        if best is not None and (best.actor_id or best.country):
            return [self._named_in_sentence(best, head)]
        owner = self._possessive_owner(head)
        if owner is not None:
            return [_owned(owner, best)]
        if head.lower_ in BODY_PRONOUNS:  # "the government said it would send"
            reporters = self._reporting_subjects(head)
            if reporters:
                return [replace(r, start=start, end=end, text=head.text) for r in reporters]
        # "Hungarian and Romanian officials": the countries on the modifiers say who, not the
        # unresolved role word on the head.
        modifiers = [t for t in head.children if t.dep_ in MODIFIER_DEPS and not self._town(t)]
        refs = [r for m in modifiers for t in _conjuncts(m) for r in self._overlapping(*_span(t))]
        if any(r.country for r in refs):
            return [r for r in refs if r.country]
        if best is not None:
            return [best]
        if refs:
            return refs
        return [r for t in _phrase(head) if t != head
                for r in self._overlapping(t.idx, t.idx + len(t))]

    def _named_in_sentence(self, ref: ActorRef, head: Token) -> ActorRef:
        """A pronoun whose antecedent is named in the same sentence stands for that name:
        "Uganda said it had paid compensation", "Palestinian leaders said they would boycott"
        — the participant is Uganda, the Palestinian leaders, and its span is where the
        sentence names them."""
        mention = self._mention_at.get((ref.start, ref.end))
        antecedent = mention.evidence.get("antecedent") if mention and mention.kind == "PRON" else None
        if not antecedent or antecedent[0] < _sentence_start(head):
            return ref
        named = self._mention_at.get((antecedent[0], antecedent[1]))
        return self._with_place_country(actor_ref(named)) if named and named.actor_id == ref.actor_id \
            else ref

    @cached_property
    def _mention_at(self) -> dict[tuple[int, int], Mention]:
        return {(m.start, m.end): m for m in self.mentions}

    def _possessive_owner(self, head: Token) -> ActorRef | None:
        """"Israel denied that its aircraft attacked", "Russia said its forces struck": in a
        content clause, "its"/"their" is the subject of the verb that reports or denies it."""
        if not any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in head.children):
            return None
        owners = self._reporting_subjects(head)
        return owners[0] if owners else None

    def _reporting_subjects(self, head: Token) -> list[ActorRef]:
        """The subjects (with a country) of the verb whose content clause holds ``head``."""
        clause = head
        while clause.dep_ != "ccomp" and clause.head != clause:
            clause = clause.head
        subject = _subject(clause.head) if clause.dep_ == "ccomp" else None
        if subject is None or subject == head:
            return []
        return [r for t in _conjuncts(subject) for r in self._refs(t) if r.country]

    def _pair_antecedents(self, head: Token) -> list[ActorRef]:
        """"The two countries" / "both sides": the last two countries named before the sentence
        (within ``PAIR_LOOKBACK_CHARS``), represented by their latest mentions."""
        if head.lemma_.lower() not in PAIR_NOUNS or not any(
                c.lower_ in PAIR_WORDS for c in head.children):
            return []
        boundary = _sentence_start(head)
        latest: dict[str, Mention] = {}
        for mention in sorted(self.mentions, key=lambda m: -m.start):
            if mention.end <= boundary and mention.country and mention.country not in latest:
                if mention.start < boundary - PAIR_LOOKBACK_CHARS:
                    break
                latest[mention.country] = mention
                if len(latest) == 2:
                    return [actor_ref(m) for m in sorted(latest.values(), key=lambda m: m.start)]
        return []

    def _quoted_speaker(self, offset: int) -> ActorRef | None:
        """The speaker of the direct quote containing ``offset`` ("'We need guarantees,'
        Zelenskyy said": we = Zelenskyy)."""
        for quote in self.quotes:
            parts = quote.content_spans or [quote.content]
            if quote.direct and any(p.start <= offset < p.end for p in parts):
                return quote.speaker
        return None

    def _town(self, token: Token) -> bool:
        """A city named as a modifier is where, not who ("the Jeddah talks")."""
        start, end = _span(token)
        return any(p.kind == "city" and p.start < end and start < p.end for p in self.places)

    def _overlapping(self, start: int, end: int) -> list[ActorRef]:
        refs = [self._with_place_country(actor_ref(m)) for m in self.mentions
                if m.start < end and start < m.end]
        if refs:
            return refs
        return [place_ref(p) for p in self.places if p.start < end and start < p.end]

    def _with_place_country(self, ref: ActorRef) -> ActorRef:
        if ref.country:
            return ref
        for place in self.places:
            if place.start < ref.end and ref.start < place.end and place.country:
                return replace(ref, country=place.country)
        return ref


def _placed(ref: ActorRef, country: str, roles: dict[tuple[int, int], Mention]) -> ActorRef:
    role = roles.get((ref.start, ref.end))
    if ref.country or ref.actor_id or role is None or not is_domestic_role(role):
        return ref
    return replace(ref, country=country)


def _ref_rank(ref: ActorRef) -> tuple[bool, bool, int]:
    return (ref.actor_id is not None, ref.country is not None, ref.end - ref.start)


def _sentence_start(token: Token) -> int:
    """Start of the token's sentence (``Token.sent`` re-scans the whole document)."""
    first = token
    while first.i > 0 and not first.is_sent_start:
        first = first.doc[first.i - 1]
    return first.idx


def place_ref(place: Place) -> ActorRef:
    return ActorRef(actor_id=None, name=place.name, country=place.country, sector=None,
                    start=place.start, end=place.end, text=place.text)


def _same_span(ref: ActorRef, token: Token) -> bool:
    return ref.start <= token.idx < ref.end


def _span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token)


def _owned(owner: ActorRef, phrase: ActorRef | None) -> ActorRef:
    """The owner's country with the sector of the owned phrase ("its forces" = the owner's
    military), spanning the phrase when there is one."""
    if phrase is None:
        return owner
    sector = phrase.sector or owner.sector
    country_level = owner.actor_id in (None, owner.country) or ":" in (owner.actor_id or "")
    if not country_level or not phrase.sector:
        return replace(owner, start=phrase.start, end=phrase.end, text=phrase.text)
    name = owner.name.split(" (")[0]
    return ActorRef(f"{owner.country}:{sector}", f"{name} ({sector})", owner.country, sector,
                    phrase.start, phrase.end, phrase.text)


def _light_verb(noun: Token) -> Token | None:
    """The verb a noun event is the object of: "imposed sanctions", "took part in talks"."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.head.pos_ == "VERB":
        # "began arrangements for the summit": the summit's participants are not the arranger
        return None if _arranging_object(head.head) is not None else head.head
    if noun.dep_ == "pobj" and head.head.dep_ == "dobj" and head.head.head.pos_ == "VERB" \
            and not _arranges(head.head):
        return head.head.head  # "take part in the talks", not "began arrangements for talks"
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, else that of the verb it is coordinated with or controlled by;
    a relative pronoun stands for the noun its clause describes ("the EU, which imposed")."""
    token = verb
    for _ in range(6):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:  # a mis-parse can give two subjects: the one nearest the verb is right
            subject = min(subjects, key=lambda c: abs(c.i - token.i))
            if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return token.head
            return subject
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
            if _object_controller(token) is not None:
                return None  # "accused the army of detaining": the object does it, not "who"
            token = token.head.head  # "insisted on attending": the subject of "insisted"
            continue
        if token.dep_ not in ("conj", "xcomp", "advcl", "acomp") or token.head == token:
            return None
        token = token.head
    return None


def _shared_object(verb: Token) -> Token | None:
    """The object a verb shares with the verb coordinated right after it: "killed and
    injured 1,000 fighters" (the parser hangs the object on the last verb only)."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    partner = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if partner is None or not any(c.dep_ == "cc" and verb.i < c.i < partner.i
                                  for c in verb.children):
        return None
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in partner.children):
        return None  # a clause of its own: "police fired and protesters threw stones"
    return next((c for c in partner.children if c.dep_ == "dobj"), None)


def _object_controller(verb: Token) -> Token | None:
    """The object of the verb governing ``verb`` that does it: "urged Turkey to refrain",
    "accused the army of detaining", "blamed rebels for attacking"."""
    if verb.dep_ == "xcomp":
        governor = verb.head
    elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        governor = verb.head.head
    else:
        return None
    if governor.pos_ != "VERB":
        return None
    return next((c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i), None)


def _is_passive(verb: Token, subject: Token) -> bool:
    """Is ``subject`` what ``verb`` is done to? Its own subject says so by its dependency; a
    subject found elsewhere (a coordinated or governing verb's, a relative clause's noun) by
    this verb's own voice: "it had not been informed ... and demanded" — "it" demands."""
    if subject.head == verb:
        return subject.dep_ == "nsubjpass"
    return _passive_voice(verb)


def _passive_voice(verb: Token) -> bool:
    """A verb is passive with its own "be" auxiliary, or as a bare participle coordinated
    with a passive verb ("have been blocked ... and detained")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
    return verb.dep_ == "conj" and bare_participle and verb.head != verb \
        and _passive_voice(verb.head)


def _arranging_word(contact: Token) -> Token | None:
    """The word arranging ``contact``: one of its own modifiers ("talks mediated by Qatar") or
    a governor up to three steps above it ("arrangements for a meeting", "set up talks")."""
    for child in contact.children:
        if child.dep_ == "acl" and _arranges(child):
            return child
    token = contact
    for _ in range(3):
        if token.dep_ not in ARRANGED_DEPS or token.head == token:
            return None
        token = token.head
        if _arranges(token):
            return token
        if (arranging := _arranging_object(token)) is not None:
            return arranging  # "started arrangements for the summit" (the parse hangs it on the verb)
    return None


def _arranging_object(verb: Token) -> Token | None:
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and _arranges(c)), None)


def _arranges(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in ARRANGING_LEMMAS or (
        lemma == "set" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children))


def _agent(word: Token) -> Token | None:
    """Who does ``word``: a passive's ``by`` object, a noun's possessor or the subject of the
    verb it is the object of, else the active subject of the word or of the verb controlling it
    ("called Putin to arrange", "started by setting up")."""
    for child in word.children:
        if child.dep_ == "agent":
            return next(_objects(child), None)
        if child.dep_ == "poss":
            return child
    token = _light_verb(word) if word.pos_ in ("NOUN", "PROPN") else word
    for _ in range(6):
        if token is None:
            return None
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects:
            position = token.i
            return min(subjects, key=lambda c: abs(c.i - position))
        if token.dep_ not in CONTROL_DEPS or token.head == token:
            return None
        token = token.head
    return None


def _identity(ref: ActorRef) -> str | None:
    return ref.actor_id or ref.country


def _same_actor_key(ref: ActorRef) -> tuple[str | None, ...]:
    """Equal for two references to one actor: its id, or for an actor without one (an
    unnamed role) its name, country and sector — not its country alone, which unnamed groups
    of one country share."""
    return (ref.actor_id,) if ref.actor_id else (ref.name, ref.country, ref.sector)


def _objects(prep: Token) -> Iterator[Token]:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            yield child


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts] if token.dep_ != "conj" else [token]


def _phrase(head: Token) -> Iterator[Token]:
    """The head's phrase without its clauses (relative clauses, appositions)."""
    yield head
    for child in head.children:
        if child.dep_ not in CLAUSE_DEPS:
            yield from _phrase(child)
