"""In-document linking: short names, pronouns and definite descriptions to earlier mentions.

A simple salience model, enough for news prose: a pronoun (he/she/his/her...) links to the
nearest gender-compatible person, preferring grammatical subjects, in its own sentence and
then in up to three sentences before it; never to an institution or body ("the military"),
and an object pronoun never to its own clause's subject ("X described him"). A pronoun in a
phrase put before the sentence's subject ("In his speech, X said") is that subject. "It" as a
subject ("Boeing reported losses. It said …") and an "its" owning a subject are the
organisation, group or state that is the nearest subject before them.
A plural pronoun (they/them/their) links to the group of people that is the nearest subject
before it ("Russian officials met … They said …"), in its sentence or the one before. A definite
description ("the Russian leader", "the mayor") links to the nearest earlier person whose
country matches its nationality word and whose titles include its role noun ("leader" fits any
head of state or government); one of a body ("the aid group", "the militant group") to the
nearest organisation or armed group of its sector named within a few sentences before it ("the
company" also to an organisation not in the KB, whose sector is unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from heron.model import Actor, Mention
from heron.nlp.actors.names import MIN_TYPO_NAME, compatible_tokens, tokens
from heron.nlp.actors.people import canonical, cluster_names, group_by, parse_name, person_id

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
GENERIC_LEADER_NOUNS = frozenset({"leader", "head", "counterpart"})
# Role words naming an institution or a body of people, not a person: "the ministry said" is no
# minister, and "he" is never "the military", "the delegation" or "the newspaper".
INSTITUTION_NOUNS = frozenset("""
ministry office department government presidency embassy administration council parliament agency
secretariat commission cabinet committee court military army navy police force junta regime
militia delegation team group party coalition alliance bloc union movement organization
organisation board panel tribunal legislature congress senate assembly authority service bureau
company firm bank newspaper broadcaster outlet channel station network university school hospital
church mission
""".split())
# Heads of a definite description of an organisation or armed group ("the aid group said").
BODY_NOUNS = frozenset("""
group organization organisation charity agency movement militia faction alliance coalition
network outfit party union body bloc company firm corporation
""".split())
BODY_KINDS = frozenset({"igo", "group", "organization"})
# Body words that may stand for an intergovernmental organisation ("the bloc", "the alliance").
IGO_NOUNS = frozenset({"bloc", "alliance", "union", "body", "organization", "organisation",
                       "agency", "coalition"})
# Words for a government as a whole ("the government", "the authorities", "the regime"); not
# "the administration", which in news mostly means the U.S. one whatever state was just named.
STATE_NOUNS = frozenset({"government", "authority", "authorities", "regime"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "take"})
OBJECT_DEPS = frozenset({"dobj", "dative"})
# Phrases set before a clause's subject: "In his speech, X said", "Though he …, X is …".
FRONTED_DEPS = frozenset({"prep", "advcl"})
LOOKBACK_SENTENCES = 3
# A company or group stays the topic longer than a person: "the company" may come a paragraph
# after its name, with other names between.
BODY_LOOKBACK_SENTENCES = 6
OPENING_QUOTES = frozenset({"“", "«", "``"})
CLOSING_QUOTES = frozenset({"”", "»", "''"})
STRAIGHT_QUOTES = frozenset({'"'})


@dataclass
class Resolved:
    """A mention under construction with what coreference needs to know about it."""

    mention: Mention
    token: Token  # syntactic head
    actor: Actor | None
    gender: str | None = None
    title_stems: set[str] = field(default_factory=set)

    @property
    def known_actor(self) -> Actor:
        """The actor of an item that a filter kept for having one."""
        if self.actor is None:
            raise ValueError(f"mention {self.mention.text!r} has no actor")
        return self.actor

    def adopt(self, other: Resolved, method: str) -> None:
        """Take ``other``'s actor, keeping this mention's own span."""
        self.actor = other.actor
        self.gender = self.gender or other.gender
        m, o = self.mention, other.mention
        m.actor_id, m.name, m.country, m.sector = o.actor_id, o.name, o.country, o.sector
        m.confident = o.confident
        m.score = o.score
        m.evidence = {**m.evidence, "method": method, "antecedent": [o.start, o.end, o.text]}


def cluster_new_people(items: list[Resolved]) -> None:
    """Unknown people's name variants in one document become one actor (rules in
    :mod:`heron.nlp.actors.people`): canonical full name, and the country and sector that some
    mention of that very person gives evidence for."""
    people = [r for r in items if r.actor and r.actor.kind == "person"
              and r.actor.id.startswith("new:")]
    keys = cluster_names([parse_name(r.mention.text) for r in people])
    for members in group_by(people, keys, order=lambda r: r.mention.start).values():
        name = canonical([(r.mention.start, r.mention.text) for r in members])
        country = next((r.known_actor.country for r in members if r.known_actor.country), None)
        sector = next((r.known_actor.sector for r in members if r.known_actor.sector), None)
        actor = Actor(person_id(name), name, country, sector, "person")
        for r in members:
            r.actor = actor
            m = r.mention
            m.actor_id, m.name, m.country, m.sector = actor.id, name, country, sector
            if m.text != name:
                m.evidence = {**m.evidence, "method": "document", "canonical": name}


def merge_short_names(items: list[Resolved]) -> None:
    """A short new organisation name ("Hudson") joins the fuller new name of the same document
    ("Hudson Institute"), wherever in the document the fuller form occurs; a misspelt repeat
    ("Iturrald" after "Iturralde") joins its earlier spelling. People: :func:`cluster_new_people`."""
    new = [r for r in items if r.actor and r.actor.id.startswith("new:") and r.actor.kind != "person"]
    _lone_words_of_organisations(items, new)
    # A KB organisation named in full is a fuller name too: "the Communist Party" after "the
    # Chinese Communist Party".
    known = [r for r in items if r.actor and r.actor.kb_id and r.actor.kind in ("igo", "group")
             and r.mention.kind != "ROLE"]
    for name in new:
        text = name.mention.text
        fuller = [r for r in new + known if _short_form_of(text, r.mention.text)]
        fuller.sort(key=lambda r: tokens(r.mention.text)[-1] != tokens(text)[-1])
        if not fuller:  # "GM" of "General Motors", "NCP" of "National Congress Party"
            fuller = [r for r in new if _acronym_of(text, r.mention.text)][:1]
        full = next(iter(fuller), None) or next(
            (r for r in new if r.mention.start < name.mention.start and _variant_of(text, r.mention.text)),
            None)
        if full is not None:
            name.adopt(full, "document")


def link_aliases(doc: Doc, items: list[Resolved]) -> None:
    """"Vladislav Kokolevskiy, known in China as Fulafu", "Gerald Kowal, also known as Jerry
    Guo": the name after "known as" is another name of the one before, so every mention of
    it (a new actor of its own so far, whether or not NER found this very occurrence) is that
    actor."""
    by_token = {r.token.i: r for r in items if r.actor is not None}
    for known in doc:
        if known.lemma_ != "know" or known.dep_ != "acl":  # first: cheaper than the head
            continue
        named = by_token.get(known.head.i)
        if named is None:
            continue
        # "as" may hang from "known" or from a phrase between ("known in Sweden as X").
        alias = next((t for c in known.subtree if c.dep_ == "prep" and c.lower_ == "as"
                      for t in c.children if t.dep_ == "pobj" and t.pos_ == "PROPN"), None)
        if alias is None:
            continue
        words = [t for t in alias.lefts if t.dep_ == "compound"] + [alias]
        alias_name = tokens(" ".join(t.text for t in words))
        for item in items:
            actor = item.actor
            # NER may call the alias an organisation: the construction says who it is.
            if actor is not None and actor is not named.actor and actor.id.startswith("new:") \
                    and tokens(actor.name) == alias_name:
                item.adopt(named, "alias")


def one_state_per_country(items: list[Resolved]) -> None:
    """A country named in a document is one actor there: once any mention of its name acts
    as the state ("China warned …" → ``CHN:GOV``), its plain mentions ("talks with China")
    are that state too, not a second actor ``CHN``. Demonyms and role phrases ("Chinese
    vessels") keep their own actors."""
    named = [r for r in items if r.actor is not None and r.mention.kind == "GPE"
             and r.actor.country and r.actor.id in (r.actor.country, f"{r.actor.country}:GOV")]
    states = {r.known_actor.country: r for r in named if r.known_actor.sector == "GOV"}
    for item in named:
        state = states.get(item.known_actor.country)
        if state is not None and item.known_actor.sector is None:
            item.adopt(state, "state")


def _lone_words_of_organisations(items: list[Resolved], organisations: list[Resolved]) -> None:
    """A lone word NER took for a person, that no person of the document has as a surname and
    that starts the name of an organisation there, is that organisation: "Ford" after "the
    Ford Motor Company" (a "William Clay Ford Jr." does not claim a bare "Ford")."""
    first_words: dict[str, Resolved] = {}
    for org in organisations:
        words = tokens(org.mention.text)
        if len(words) > 1:
            first_words.setdefault(words[0], org)
    for item in items:
        actor = item.actor
        if actor is None or actor.kind != "person" or not actor.id.startswith("new:"):
            continue
        words = tokens(actor.name)  # the person's canonical name: one word if no fuller form
        if len(words) == 1 and words[0] in first_words:
            item.adopt(first_words[words[0]], "document")


def _acronym_of(short: str, full: str) -> bool:
    """An all-capitals name made of the initials of the full name's words (small words such
    as "of" and "the" may be skipped)."""
    letters = short.replace(".", "")
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6):
        return False
    words = full.split()
    every = "".join(w[0] for w in words if w[:1].isalpha()).upper()
    content = "".join(w[0] for w in words if w[:1].isupper())
    return len(words) > 1 and letters in (every, content)


def _short_form_of(short: str, full: str) -> bool:
    """A shorter organisation name made of words of the full one, in order ("Alliance" of
    "Alliance of Democracies", "Fiat" of "Fiat Group"); sharing a generic last word is not
    enough ("Canadian Government" is no short form of "United States Government")."""
    a, b = tokens(short), tokens(full)
    return bool(a and b) and len(a) < len(b) and any(
        b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _variant_of(name: str, earlier: str) -> bool:
    """Another spelling of the same name: as many words, each compatible, the surname long
    enough that one letter off is a typo rather than another family."""
    a, b = tokens(name), tokens(earlier)
    return bool(a) and len(a) == len(b) and a != b and len(a[-1]) >= MIN_TYPO_NAME and all(
        x[0] == y[0] and compatible_tokens(x, y) for x, y in zip(a, b, strict=True))


def link_appositions(items: list[Resolved]) -> None:
    """A singular role phrase in apposition with a person's name is that person: "Japan's new
    prime minister, Shigeru Ishiba", "Frantz Exantus, Haiti's secretary of state". The role
    may be the possessor of the appositive noun ("the U.N. secretary-general's special
    representative, Helen La Lime"). A person not in the KB without a country takes the
    role's: the appositive is evidence about that very person."""
    people = {r.token.i: r for r in items if r.actor is not None and r.actor.kind == "person"
              and r.mention.kind == "PERSON"}
    for item in items:
        if item.mention.kind != "ROLE" or item.token.tag_ not in ("NN", "NNP"):
            continue
        # A role of several words hangs from its first noun ("[secretary] of state").
        span = item.token.doc.char_span(item.mention.start, item.mention.end)
        person = _apposed_person(span.root if span is not None else item.token, people)
        if person is None:
            continue
        actor = person.known_actor
        if actor.id.startswith("new:") and not actor.country and item.mention.country:
            _give_country(items, actor, item.mention.country)
        item.adopt(person, "apposition")


def _apposed_person(role: Token, people: dict[int, Resolved]) -> Resolved | None:
    heads = [role, role.head] if role.dep_ in ("poss", "compound") else [role]
    for head in heads:
        if head.dep_ == "appos" and head.head.i in people:
            return people[head.head.i]
        for child in head.children:
            if child.dep_ == "appos" and child.i in people:
                return people[child.i]
    return None


def _give_country(items: list[Resolved], actor: Actor, country: str) -> None:
    actor.country = country
    for r in items:
        if r.actor is actor:
            r.mention.country = country


def link_descriptions(items: list[Resolved], sentence_of: dict[int, int]) -> None:
    """Link definite descriptions ("the Russian leader", "the aid group", "the government",
    "the administration") to the actors named before them, in place."""
    described = sorted(_people(items) + [r for r in items if r.mention.kind == "ROLE"
                                         and r.actor is not None and not _is_person_item(r)
                                         and _is_singular_person(r.token)],
                       key=lambda r: r.mention.start)
    bodies = _bodies(items)
    for item in items:
        if item.mention.kind == "ROLE" and _is_definite_singular(item.token):
            antecedent = _described(item, described)
        elif item.mention.kind == "ROLE" and _is_definite_body(item.token):
            antecedent = _described_body(item, bodies, sentence_of)
        elif item.actor is None and _is_bare_state(item):
            antecedent = _described_state(item, items)
        elif item.actor is None and _is_bare_role(item):
            antecedent = _same_head_before(item, items)
        else:
            continue
        if antecedent is not None:
            item.adopt(antecedent, "description")


def _people(items: list[Resolved]) -> list[Resolved]:
    # A singular role ("the mayor told Reuters. He believes...", "Canada's provincial leader
    # said he …") is a person too, even unnamed (or with a document-local actor).
    return [r for r in items if _is_person_item(r)]


def _is_person_item(r: Resolved) -> bool:
    local = r.actor is not None and r.actor.kind == "role"
    return ((r.actor is not None and r.actor.kind == "person")
            or (r.mention.kind == "ROLE" and _is_definite_singular(r.token))
            or (r.mention.kind == "ROLE" and (r.actor is None or local)
                and _is_owned_singular(r.token)))


def _bodies(items: list[Resolved]) -> list[Resolved]:
    return [r for r in items if r.actor is not None and r.actor.kind in BODY_KINDS]


def link_pronouns(doc: Doc, items: list[Resolved], sentence_of: dict[int, int]) -> list[Resolved]:
    """New mentions: pronouns, and descriptions of a body that no role phrase covers ("the
    group"), each with the actor it stands for."""
    people = _people(items)
    bodies = _bodies(items)
    descriptions = _bare_body_descriptions(doc, items, bodies, sentence_of)
    # "Analysts told VOA … They said …": a plural pronoun is the group of people just named.
    groups = [r for r in items if r.mention.kind == "ROLE" and r.token.tag_ in ("NNS", "NNPS")]
    pronouns = []
    by_token = {r.token.i: r for r in items}
    quoted = _quoted_tokens(doc)
    for token in doc:
        if token.pos_ not in ("PRON", "DET"):
            continue
        sentence = sentence_of[token.sent.start]
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is not None:
            # '"Schengen no longer exists," he said': outside a quotation, a pronoun is
            # nobody named inside one.
            candidates = people if token.i in quoted else [
                p for p in people if p.token.i not in quoted]
            candidates = [p for p in candidates if p.token.i not in _own_clause_subjects(token)]
            antecedent = (_reporter(token, gender, by_token)
                          or _cataphor(token, gender, by_token, candidates)
                          or _antecedent(token, sentence, gender, candidates))
        elif token.lower_ in PLURAL_PRONOUNS:
            antecedent = _group_antecedent(token, sentence, groups)
        elif _is_referring_it(token) and token.i not in quoted:
            antecedent = _body_antecedent(token, sentence, by_token)
        else:
            continue
        if antecedent is not None:
            pronouns.append(_pronoun_mention(token, antecedent, sentence))
            if gender is not None and token.dep_ in SUBJECT_DEPS and token.i not in quoted:
                # A subject "he" keeps its person in focus: "X said … He dismissed Trump's
                # threat. '…,' he said" is X again, not Trump.
                people.append(replace(pronouns[-1], gender=gender))
    return descriptions + pronouns


def _reporter(token: Token, gender: str, by_token: dict[int, Resolved]) -> Resolved | None:
    """"X said he would …": the subject of a clause reported by X is X, when X is one person
    (named, or a singular role such as "Canada's provincial leader", even one left unnamed:
    the pronoun then has no actor rather than a wrong one)."""
    if token.dep_ not in SUBJECT_DEPS or token.head.dep_ != "ccomp":
        return None
    verb = token.head.head
    speaker = next((c for c in verb.lefts if c.dep_ in SUBJECT_DEPS), None)
    # Only "X said he …" in this order, outside quotation marks: inside a quote ("“He is
    # wrong,” said X") the pronoun is someone else.
    between = token.doc[verb.i + 1:token.i]
    if speaker is None or not verb.i < token.i or any(t.is_quote for t in between) \
            or token.sent.start != speaker.sent.start:
        return None
    item = by_token.get(speaker.i)
    if item is None or item.gender not in (None, gender):
        return None
    person = item.actor is not None and item.actor.kind == "person"
    one_role = item.mention.kind == "ROLE" and item.token.tag_ == "NN" \
        and item.token.lemma_.lower() not in INSTITUTION_NOUNS
    return item if person or one_role else None


def _own_clause_subjects(pronoun: Token) -> set[int]:
    """The subjects a plain object pronoun cannot stand for: its own clause's ("Ballmer
    described him as …" is not Ballmer describing himself, which takes "himself"), also when
    the verb shares its subject with an earlier one ("Ballmer expressed … and described him")."""
    if pronoun.dep_ not in OBJECT_DEPS:
        return set()
    verb = pronoun.head
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    while not subjects and verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return {s.i for s in subjects}


def _cataphor(pronoun: Token, gender: str, by_token: dict[int, Resolved],
              people: list[Resolved]) -> Resolved | None:
    """A pronoun in a phrase put before its sentence's subject stands for that subject when
    nobody is named before it in the sentence: "In his social media posting, Trump responded",
    "Though he is not anti-China, Ishiba is expected to …"."""
    fronted = next((a for a in [pronoun, *pronoun.ancestors] if a.dep_ in FRONTED_DEPS
                    and a.head.dep_ == "ROOT" and a.i < a.head.i), None)
    if fronted is None or any(pronoun.sent.start <= p.token.i < pronoun.i for p in people):
        return None
    subject = next((c for c in fronted.head.children if c.dep_ in SUBJECT_DEPS
                    and c.i > fronted.i and c.i > pronoun.i), None)
    item = by_token.get(subject.i) if subject is not None else None
    if item is None or item.actor is None or item.actor.kind != "person" \
            or item.gender not in (None, gender):
        return None
    return item


def _is_referring_it(token: Token) -> bool:
    """"it" as the subject of a verb that is not a copula ("it said", not "it is important to
    …", where "it" stands for no one), or "its" owning a subject ("its tariffs target …"); an
    "its" further in a clause often owns something of a nearer name ("Canada imposed tariffs
    on U.S. exports to its northern neighbour")."""
    if token.lower_ == "its":
        return token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS
    return token.lower_ == "it" and token.dep_ in SUBJECT_DEPS and token.head.lemma_ not in COPULAS


def _body_antecedent(token: Token, sentence: int, by_token: dict[int, Resolved]) -> Resolved | None:
    """"The EU said its members …", "Boeing reported losses. It said …": the subject just before
    "it"/"its", in its sentence or the one before, when that subject is an organisation, a
    group or a state; a person or another subject in between blocks the link. Never across a
    paragraph."""
    doc = token.doc
    first = doc[token.i].sent.start
    if sentence > 0 and first > 0:
        first = doc[first - 1].sent.start
    for candidate in reversed(doc[first:token.i]):
        if "\n\n" in candidate.text_with_ws:
            return None
        if candidate.dep_ in SUBJECT_DEPS and candidate.pos_ != "PRON":
            item = by_token.get(candidate.i)
            if item is None or item.actor is None or item.actor.kind == "person":
                return None
            # an unnamed role is an "it" only when it is an institution ("the ministry")
            if item.actor.kind == "role" and item.token.lemma_.lower() not in INSTITUTION_NOUNS:
                return None
            return item
    return None


def _group_antecedent(token: Token, sentence: int, groups: list[Resolved]) -> Resolved | None:
    """The subject just before the pronoun, in its sentence or the one before, when that subject
    is a group of people ("Rights groups condemned the move. They say …"); any other subject in
    between ("Police said they had arrested …") blocks the link. Never across a paragraph."""
    by_head = {g.token.i: g for g in groups if g.mention.sentence in (sentence, sentence - 1)}
    doc = token.doc
    first = doc[token.i].sent.start
    if sentence > 0 and first > 0:
        first = doc[first - 1].sent.start
    for candidate in reversed(doc[first:token.i]):
        if "\n\n" in candidate.text_with_ws:  # a paragraph ends here (token texts only: Doc.text is slow)
            return None
        if candidate.dep_ in SUBJECT_DEPS and candidate.pos_ != "PRON":
            return by_head.get(candidate.i)
    return None


def _is_definite(head: Token) -> bool:
    """A singular noun with "the": "the mayor", "the aid group"."""
    return head.tag_ in ("NN", "NNP") and any(c.lower_ == "the" for c in head.lefts)


def _is_singular_person(head: Token) -> bool:
    """A singular role word for a person ("spokesperson"), not an institution ("ministry")."""
    return head.tag_ in ("NN", "NNP") and head.lemma_.lower() not in INSTITUTION_NOUNS


def _is_definite_singular(head: Token) -> bool:
    """A definite singular role word for a person ("the mayor"), not an institution."""
    return _is_definite(head) and head.lemma_.lower() not in INSTITUTION_NOUNS


def _is_owned_singular(head: Token) -> bool:
    """A singular role word with a possessor: "Canada's provincial leader", "his spokesman"."""
    return (head.tag_ in ("NN", "NNP") and head.lemma_.lower() not in INSTITUTION_NOUNS
            and any(c.dep_ == "poss" for c in head.lefts))


def _is_definite_body(head: Token) -> bool:
    """"The aid group", "the charity", "the alliance": a definite singular name for a body."""
    return _is_definite(head) and head.lemma_.lower() in BODY_NOUNS


def _is_bare_state(item: Resolved) -> bool:
    """"The government", "authorities": a government with no words saying whose it is
    ("New York City authorities", "his government" are someone's)."""
    return (item.mention.kind == "ROLE" and item.mention.sector == "GOV"
            and item.token.lemma_.lower() in STATE_NOUNS
            and not item.mention.evidence.get("modifiers")
            and not any(c.dep_ in ("poss", "compound", "amod") and c.pos_ in ("PROPN", "PRON")
                        for c in item.token.children))


def _is_bare_role(item: Resolved) -> bool:
    """A role word with nothing saying whose it is: "the administration", "police"."""
    return item.mention.kind == "ROLE" and not item.mention.evidence.get("modifiers") \
        and not any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in item.token.lefts)


def _same_head_before(item: Resolved, items: list[Resolved]) -> Resolved | None:
    """The nearest earlier actor whose own head word is this bare role's ("the Trump
    administration" … "the administration"; "the Haitian National Police" … "the police")."""
    lemma = item.token.lemma_.lower()
    for other in reversed([r for r in items if r.mention.end <= item.mention.start]):
        # Number must agree ("the official" is not one of "officials"), except after a name,
        # whose head the tagger calls singular whatever the bare word is ("police": NN or NNS).
        if other.actor is not None and other.mention.kind in ("ROLE", "ORG") \
                and other.token.lemma_.lower() == lemma \
                and (other.token.tag_ == item.token.tag_ or other.token.tag_ == "NNP"):
            return other
    return None


def _described_state(item: Resolved, items: list[Resolved]) -> Resolved | None:
    """The state acting nearest before a bare "the government" or "authorities": within a few
    sentences, else the only state the document has named before it."""
    states = [r for r in items if r.mention.end <= item.mention.start and r.actor is not None
              and r.actor.country and r.actor.id == f"{r.actor.country}:GOV"]
    near = [r for r in states if item.mention.sentence - r.mention.sentence <= LOOKBACK_SENTENCES]
    if near:
        return near[-1]
    return states[-1] if len({r.known_actor.id for r in states}) == 1 else None


def _described_body(item: Resolved, bodies: list[Resolved],
                    sentence_of: dict[int, int]) -> Resolved | None:
    """The nearest organisation or group named before the description, within six sentences,
    of the description's sector when it has one ("the aid group" → an NGO, "the militia" → a
    rebel group)."""
    sector = item.mention.sector
    for body in reversed([b for b in bodies if b.mention.end <= item.mention.start]):
        if item.mention.sentence - body.mention.sentence > BODY_LOOKBACK_SENTENCES:
            return None
        # An organisation not in the KB has no sector of its own: "Boeing ... the company".
        unknown_kind = body.actor is not None and body.actor.kind == "organization" \
            and body.mention.sector is None
        if sector is None or body.mention.sector == sector or unknown_kind:
            return body
    return None


def _described(item: Resolved, people: list[Resolved]) -> Resolved | None:
    noun = item.token.lemma_.lower()
    country = item.mention.country
    named = [p for p in people if p.actor is not None and p.mention.end <= item.mention.start]
    for person in reversed(named):
        if country and person.mention.country != country:
            continue
        if noun in GENERIC_LEADER_NOUNS and person.mention.sector in ("GOV", "IGO"):
            return person
        if noun[:5] in person.title_stems:
            return person
    return None


def _antecedent(token: Token, sentence: int, gender: str,
                people: list[Resolved]) -> Resolved | None:
    before = [p for p in people if p.mention.end <= token.idx and p.gender in (None, gender)
              and sentence - p.mention.sentence <= LOOKBACK_SENTENCES]
    for index in range(sentence, sentence - LOOKBACK_SENTENCES - 1, -1):
        here = [p for p in before if p.mention.sentence == index]
        subjects = [p for p in here if _is_subject(p.token)]
        if subjects:
            return subjects[-1]
        if here:  # no subject: the person named first, as a reader would take it
            return here[0] if index != sentence else here[-1]
    return None


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside double quotation marks; a line break closes any quotation
    (one running on over paragraphs reopens with a mark)."""
    inside: set[int] = set()
    open_quote = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            open_quote = False
        elif token.text in OPENING_QUOTES:
            open_quote = True
        elif token.text in CLOSING_QUOTES:
            open_quote = False
        elif token.text in STRAIGHT_QUOTES:
            open_quote = not open_quote
        elif open_quote:
            inside.add(token.i)
    return inside


def _is_subject(token: Token) -> bool:
    """A subject, or the possessor of one ("Suga's travels will include …")."""
    return token.dep_ in SUBJECT_DEPS or (token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS)


def _pronoun_mention(token: Token, antecedent: Resolved, sentence: int, kind: str = "PRON",
                     method: str = "pronoun") -> Resolved:
    """A new mention of the antecedent's actor at ``token`` (a pronoun, or a description that
    no role phrase covers)."""
    source = antecedent.mention
    distance = sentence - source.sentence
    mention = replace(source, id="", start=token.idx, end=token.idx + len(token), text=token.text,
                      kind=kind, sentence=sentence,
                      confident=source.confident and distance <= 1,
                      evidence={"method": method, "antecedent": [source.start, source.end,
                                                                 source.text]})
    return Resolved(mention, token, antecedent.actor, antecedent.gender)


def _bare_body_descriptions(doc: Doc, items: list[Resolved], bodies: list[Resolved],
                            sentence_of: dict[int, int]) -> list[Resolved]:
    """"The group says …", "according to the organization": a definite body word that is no
    role term takes up the organisation or group named before it, as "the company" does."""
    if not items:
        return []
    covered = [(r.mention.start, r.mention.end) for r in items]
    # Named bodies only: a state's institution ("GAB:GOV") is no "group", nor is an
    # intergovernmental organisation.
    named = [b for b in bodies
             if b.known_actor.kind == "organization" or b.known_actor.kb_id is not None]
    found: list[Resolved] = []
    for token in doc:
        if token.lemma_.lower() not in BODY_NOUNS or not _is_definite_body(token) \
                or token.dep_ in ("compound", "amod", "nmod") or _ends_a_name(token) \
                or any(start <= token.idx < end for start, end in covered):
            continue
        sentence = sentence_of[token.sent.start]
        probe = Mention(id="", article_id=items[0].mention.article_id, start=token.idx,
                        end=token.idx + len(token), text=token.text, kind="ROLE", sentence=sentence)
        fitting = [b for b in named
                   if b.known_actor.kind != "igo" or token.lemma_.lower() in IGO_NOUNS]
        antecedent = _described_body(Resolved(probe, token, None), fitting, sentence_of)
        if antecedent is not None:
            found.append(_pronoun_mention(token, antecedent, sentence, "ROLE", "description"))
    return found


def _ends_a_name(token: Token) -> bool:
    """"The United Auto Workers union": a body word after proper nouns ends a name NER missed."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts)
