"""Mention detection: names (spaCy NER + KB phrase matching), their title context, and
role/agent phrases without a name ("the mayor of Kremenchuk", "Russian forces").

NER is the main source of names, corrected in three ways: KB names and aliases are also
matched case-insensitively (NER misses "Rutte" or tags "Trump" ORG; the resolver ignores the
label); possessive endings are cut ("Witkev's" → "Witkev"); and title words that NER swallowed
into a name ("Mayor Vitalii Maletskyj") are moved to the name's context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from heron.nlp.actors.index import NameIndex
from heron.nlp.actors.kb import NOT_ACTOR
from heron.nlp.actors.names import MIN_TYPO_NAME, compatible_tokens, fold
from heron.nlp.actors.outlets import is_news_outlet

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
# Abbreviated honorifics and ranks that precede names; role words come from the KB.
HONORIFICS = frozenset("mr mrs ms dr sir dame gen lt col maj capt adm sgt cpl sen rep gov amb "
                       "pres prof rev hon lord lady".split())
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_BYLINE = re.compile(r"^\s*(?:by|written by|reporting by|von|par)\s", re.IGNORECASE)
STOPWORDS = frozenset("of the for and to on in at a an de du des von".split())
OFFICE_OBJECT = re.compile(r"\s(?:of|for|to|at|in)\s", re.IGNORECASE)
# Entity labels whose proper nouns may still be mislabelled actors ("said Root" → PRODUCT).
MISLABEL_PRONE = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", ""})
# Prepositions after which a capital or seat is a place, not an actor ("talks in Moscow").
LOCATIVE_PREPS = frozenset("in at near from to into inside outside around across toward towards "
                           "via through within over on".split())


@dataclass
class NameSpan:
    """A proper-name mention with the words around it that describe it."""

    span: Span
    label: str
    title: list[Token] = field(default_factory=list)  # "German Chancellor", "NATO's commander"
    # A headline name that can be trusted: the body gives it too, or the headline is in
    # sentence case (NER runs words into names in title-case headlines, not there).
    trusted_headline: bool = False

    @property
    def root(self) -> Token:
        return self.span.root


@dataclass
class RolePhrase:
    """A role/agent noun phrase without a name: "Russian forces", "the mayor of Kremenchuk"."""

    head: Token
    start: int  # token indices [start, end)
    end: int
    term: str
    sector: str | None  # None: people of no PLOVER sector ("analysts")
    modifiers: list[Token]  # words naming whose role it is ("Russian", "Kremenchuk")
    people: list[Token] = field(default_factory=list)  # "Trump administration", "Putin's aide"


class MentionFinder:
    def __init__(self, nlp: Language, index: NameIndex):
        self.index = index
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = sorted({variant for form in _kb_forms(index) if len(form) > 2
                        for variant in (form, _dotted(form))})
        self.matcher.add("KB", [nlp.make_doc(form) for form in forms])
        terms = index.kb.role_terms
        self.role_terms = terms
        self.owned_terms = index.kb.owned_terms
        self.role_heads = {t.split()[-1] for t in terms}  # cheap pre-check per token
        self.max_term_words = max((len(t.split()) for t in terms), default=1)
        # Words of the offices people hold in the KB ("chancellor", "secretary", "general").
        self.office_words = {w for p in index.kb.people.values() for r in p.roles
                             for w in fold(r.title).split()} - STOPWORDS
        self.title_words = ({w for t in terms for w in t.split()} | HONORIFICS
                            | self.office_words) - STOPWORDS
        # Words that are a title by themselves: an office's object is a name ("Founder of
        # [Apple Daily]", "CEO of [Tesla]"), and such a name alone is no title.
        self.lone_title_words = ({w for t in terms for w in t.split()} | HONORIFICS | {
            w for p in index.kb.people.values() for r in p.roles
            for w in fold(OFFICE_OBJECT.split(r.title)[0]).split()}) - STOPWORDS

    def names(self, doc: Doc) -> list[NameSpan]:
        # The longest name wins, whether NER or the KB found it: a KB name longer than NER's
        # fragment of it ("Doctors Without Borders" vs "Borders", "the UN refugee agency" vs
        # "UN") is the name; on a tie NER's span (with its label) is kept.
        # A capitalised role noun that NER calls a name ("Israel's Cabinet") is a role phrase.
        entities = [s for s in doc.ents if s.label_ in NAME_LABELS
                    and not self.role_terms.get(fold(s.text))]
        kb_names = [Span(doc, start, end, label="KB") for _, start, end in self.matcher(doc)
                    if self._is_kb_name(doc[start:end])]
        found: list[Span] = []
        taken: set[int] = set()
        for span in sorted([*entities, *kb_names], key=lambda s: (-len(s), s.label_ == "KB")):
            if not any(t.i in taken for t in span):
                found.append(span)
                taken.update(range(span.start, span.end))
        found += _proper_noun_runs(doc, taken, self.title_words)
        found = self._one_sense_per_surname(found)
        pieces = [p for s in sorted(found, key=lambda s: s.start) for p in self._split(s)]
        cleaned = [self._clean(p) for p in pieces if sum(c.isalpha() for c in p.text) >= 2]
        return _without_overlaps([n for n in cleaned if n is not None and not is_byline(n.span)
                                  and not is_dateline(n.span)])

    def _one_sense_per_surname(self, spans: list[Span]) -> list[Span]:
        """NER labels the same surname differently across a story ("Gachagua" a person once, a
        place or nothing later): a lone word that ends a person's name elsewhere in the document
        is that person, unless the KB knows the word as a place or body ("Jordan", "Georgia")."""
        surnames = {s[-1].text for s in spans if s.label_ == "PERSON" and s[-1].text[:1].isupper()}
        return [Span(s.doc, s.start, s.end, label="PERSON")
                if len(s) == 1 and s.label_ != "PERSON" and _spells_one_of(s.text, surnames)
                and all(t.kind == "person" for t in self.index.lookup(s.text)) else s
                for s in spans]

    def _is_kb_name(self, span: Span) -> bool:
        """A KB form matched case-insensitively must look like a name, match an acronym in its
        own capitals ("WHO", not "Who knows"), and a bare country code ("CAN", "PER") must not
        be part of a longer proper name."""
        if not _looks_like_name(span) or not self.index.lookup(span.text):
            return False
        if span.text not in self.index.kb.countries:
            return True
        doc = span.doc
        neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
        return not any(t.pos_ == "PROPN" and t.text[:1].isupper()
                       and fold(t.text) not in self.title_words for t in neighbours)

    def _split(self, span: Span) -> list[Span]:
        """Cut names at line breaks (NER runs headings together) and split hyphenated pairs of
        known names ("Putin-Zelenskyy summit")."""
        doc, label = span.doc, span.label_
        parts, start = [], span.start
        for token in span:
            if "\n" in token.text or (token.text == "-" and self._hyphen_pair(span, token)
                                       and not _hyphenated_first_name(span, token)):
                parts.append(Span(doc, start, token.i, label=label))
                start = token.i + 1
        parts.append(Span(doc, start, span.end, label=label))
        return [p for p in parts if len(p) and not p.text.isspace()]

    def _hyphen_pair(self, span: Span, hyphen: Token) -> bool:
        doc = span.doc
        left, right = doc[span.start:hyphen.i], doc[hyphen.i + 1:span.end]
        return bool(len(left) and len(right) and self.index.lookup(left.text)
                    and self.index.lookup(right.text))

    def _clean(self, span: Span) -> NameSpan | None:
        doc = span.doc
        start, end = span.start, span.end
        while end > start and doc[end - 1].text in _POSSESSIVE_TOKENS:
            end -= 1
        if span.label_ == "PERSON":
            end = _hyphenated_given_name_end(doc, end)
        # A span the KB knows as a whole ("al-Shabab", which NER may call a person) is kept whole.
        if span.label_ == "PERSON" and not self.index.lookup(doc[start:end].text):
            # NER drops unfamiliar first names ("Leyla [Aliyeva]")...
            while start > 0 and self._is_name_part(doc[start - 1], span):
                start -= 1
            # ...and swallows sentence-initial words ("Will Putin agree") and titles ("Mayor X").
            while start < end - 1 and (doc[start].pos_ != "PROPN" or self._is_title_word(doc[start])):
                start += 1
        while start < end and doc[start].lower_ == "the":
            start += 1
        if start >= end:
            return None
        trimmed = Span(doc, start, end, label=span.label_)
        if is_news_outlet(trimmed.text) and not self.index.lookup(trimmed.text):
            return None
        title = [doc[i] for i in range(span.start, start) if doc[i].lower_ != "the"]
        leftmost = min(start, span.start)
        return NameSpan(trimmed, span.label_, title + self._left_title(trimmed, leftmost)
                        + _appositions(trimmed) + self._of_country(trimmed))

    def _of_country(self, span: Span) -> list[Token]:
        """"King Hassan of Morocco": a country after a person's name says whose office it is."""
        doc = span.doc
        if span.label_ != "PERSON" or span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
            return []
        following = _of_objects(doc[span.end - 1])
        text = " ".join(t.text for t in following)
        if following and any(t.kind == "country" for t in self.index.lookup(text)):
            return [doc[span.end], *following]
        return []

    def _is_name_part(self, token: Token, span: Span) -> bool:
        return (token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper()
                and token.dep_ == "compound" and span.start <= token.head.i < span.end
                and not token.ent_type_ and not self._is_title_word(token))

    def _is_title_word(self, token: Token) -> bool:
        word = fold(token.text)
        if word in self.title_words:
            return True
        return any(t.kind in ("demonym", "country") for t in self.index.lookup(token.text))

    def _left_title(self, span: Span, start: int) -> list[Token]:
        """Modifier words left of the name that attach into it ("U.S. Gen.", "Putin's adviser")."""
        doc = span.doc
        words: list[Token] = []
        i = start - 1
        lowest = span.sent.start
        while i >= lowest:
            token = doc[i]
            attaches_right = i < token.head.i < span.end or token.dep_ == "case"
            if token.dep_ not in _TITLE_DEPS or not attaches_right:
                break
            words.insert(0, token)
            i -= 1
        return words

    def roles(self, doc: Doc, taken: set[int]) -> list[RolePhrase]:
        """Role nouns not attached to a name; ``taken`` holds the tokens of names and titles."""
        phrases = []
        for token in doc:
            if token.i in taken or token.pos_ not in ("NOUN", "PROPN"):
                continue
            term = self._role_term_ending_at(token)
            if term is None or _modifies_name(token, taken) or self._modifies_thing(token):
                continue
            sector = self.role_terms[term]
            if sector == NOT_ACTOR:
                continue
            first = token.i - len(term.split()) + 1
            modifiers = [_leader(c) for c in token.lefts
                         if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < first]
            modifiers += [c for m in modifiers for c in m.conjuncts if c.i < first]
            people = [m for m in modifiers if m.ent_type_ == "PERSON"]
            modifiers = [m for m in modifiers if m.ent_type_ != "PERSON"] + _of_objects(token)
            if not modifiers:  # "authorities in Croatia"; not "Russian troops in Ukraine"
                modifiers = self._located_in(token)
            start = min([first] + [c.i for m in modifiers if m.i < first
                                   for c in (m, *m.children) if c.dep_ == "compound" or c is m])
            end = max([token.i + 1] + [m.i + 1 for m in modifiers if m.i > token.i])
            phrase_text = doc[start:end].text
            if is_news_outlet(phrase_text) or (term in self.owned_terms
                                               and not any(map(self._is_owner, modifiers))):
                continue
            phrases.append(RolePhrase(token, start, end, term, sector, modifiers, people))
        return phrases

    def _is_owner(self, token: Token) -> bool:
        """Does a modifier say whose things these are ("Russian drones", "Hamas rockets")?"""
        return (token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS
                or bool(self.index.lookup(token.text)))

    def _located_in(self, token: Token) -> list[Token]:
        """A role noun placed in a country or capital belongs to it ("police in Nairobi")."""
        place = _of_objects(token, "in")
        text = " ".join(t.text for t in place)
        kinds = {t.kind for t in self.index.lookup(text)} if place else set()
        return place if kinds & {"country", "capital"} else []

    def _modifies_thing(self, token: Token) -> bool:
        """A role word used as a modifier of a thing is not an actor ("three-party meeting",
        "military aid"); a modifier of another role is part of it ("army officers")."""
        head = token.head
        return (token.dep_ in ("compound", "amod", "nmod") and head is not token
                and head.pos_ in ("NOUN", "PROPN") and self._role_term_ending_at(head) is None)

    def _role_term_ending_at(self, token: Token) -> str | None:
        if token.lower_ not in self.role_heads and token.lemma_.lower() not in self.role_heads:
            return None
        doc = token.doc
        for size in range(min(self.max_term_words, token.i + 1), 0, -1):
            words = doc[token.i - size + 1: token.i + 1]
            # The surface form too: a hyphenated term is three tokens ("secretary-general").
            for form in (" ".join(t.lower_ for t in words),
                         " ".join([*(t.lower_ for t in words[:-1]), token.lemma_.lower()]),
                         words.text.lower()):
                if form in self.role_terms:
                    return form
        return None


def _without_overlaps(names: list[NameSpan]) -> list[NameSpan]:
    """Cleaning can grow a name over another candidate ("Valerii" + "Zaluzhnyi"): keep the
    longest of overlapping names."""
    kept: list[NameSpan] = []
    for name in sorted(names, key=lambda n: -len(n.span)):
        if all(name.span.end <= k.span.start or k.span.end <= name.span.start for k in kept):
            kept.append(name)
    return sorted(kept, key=lambda n: n.span.start)


def _spells_one_of(word: str, surnames: set[str]) -> bool:
    """The word is one of the surnames, or a misspelling of one long enough to tell ("Equiluz"
    for "Eguiluz" a few lines on)."""
    return word in surnames or len(word) >= MIN_TYPO_NAME and any(
        len(s) >= MIN_TYPO_NAME and compatible_tokens(fold(word), fold(s)) for s in surnames)


def _proper_noun_runs(doc: Doc, taken: set[int], title_words: set[str]) -> list[Span]:
    """Capitalised proper-noun runs NER left out or mislabelled. They are labelled "PROPN" and
    kept only if they resolve to a KB actor (the resolver never makes new actors of them)."""
    runs, start = [], None
    for token in [*doc, None]:
        ok = (token is not None and token.pos_ == "PROPN" and token.text[:1].isupper()
              and token.i not in taken and token.ent_type_ in MISLABEL_PRONE and token.is_alpha
              and token.lower_ not in title_words)
        if ok and start is None:
            start = token.i
        elif not ok and start is not None:
            runs.append(Span(doc, start, token.i if token is not None else len(doc), label="PROPN"))
            start = None
    return runs


def _kb_forms(index: NameIndex) -> list[str]:
    kb = index.kb
    forms = [f for p in kb.people.values() for f in (p.name, *p.aliases)]
    forms += [f for i in kb.igos.values() for f in (i.name, i.code, *i.aliases)]
    forms += [f for g in kb.groups.values() for f in (g.name, *g.aliases)]
    for c in kb.countries.values():
        forms += [c.name, *c.aliases, *c.demonyms, *c.seats, *c.capital_aliases]
        forms += [c.capital] if c.capital else []
    return forms


def _dotted(form: str) -> str:
    """AP-style dotted acronyms ("UN refugee agency" → "U.N. refugee agency"): the matcher
    compares tokens, while look-ups fold the dots away."""
    return " ".join(".".join(w) + "." if w.isupper() and 2 <= len(w) <= 3 and w.isalpha() else w
                    for w in form.split())


def _looks_like_name(span: Span) -> bool:
    """Case-insensitive KB matches count only on capitalised or proper-noun tokens
    ("ukraine" in sloppy text, "KYIV"), never on common words ("us", "turkey")."""
    first = span[0]
    return first.text[:1].isupper() or first.pos_ == "PROPN"


def line_of(span: Span) -> str:
    """The text line (between line breaks) a span starts on."""
    doc = span.doc
    text = doc.user_data.get("heron_text")
    if text is None:  # Doc.text rebuilds the whole string on every access: once per document
        text = doc.user_data["heron_text"] = doc.text
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.start_char)
    return text[start:end if end >= 0 else len(text)]


def is_byline(span: Span) -> bool:
    return bool(_BYLINE.match(line_of(span)))


# A dateline opens a story's paragraph with where it was filed: "WASHINGTON —", "KYIV, Ukraine
# (AP) —", "Moscow, Aug. 5 (Reuters) -". The place is in capitals or followed by the agency in
# brackets, so a sentence that starts "Putin — who ..." is no dateline.
_CAPS_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{1,30}(?:,[^,\n—–()]{1,30}){0,2}\s*(?:\([^)\n]{1,30}\)\s*)?"
                            r"(?:—|–|--|-(?=\s))")
_AGENCY_DATELINE = re.compile(r"^\s*[A-Z][\w.'’ -]{1,30}(?:,[^,\n—–()]{1,30}){0,2}\s*\([^)\n]{1,30}\)\s*"
                              r"(?:—|–|--|-(?=\s))")


def is_dateline(span: Span) -> bool:
    """Does the span lie in the dateline that opens its line?"""
    line = line_of(span)
    match = _CAPS_DATELINE.match(line) or _AGENCY_DATELINE.match(line)
    if not match:
        return False
    text = span.doc.user_data["heron_text"]  # set by line_of
    line_start = text.rfind("\n", 0, span.start_char) + 1
    return span.end_char - line_start <= match.end()


def in_sentence_case(span: Span) -> bool:
    """Is the line of ``span`` written like a sentence (most words lower-case)?"""
    words = [w for w in line_of(span).split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) * 2 < len(words)


def is_heading(span: Span) -> bool:
    """Headlines and section titles: short lines without closing punctuation, where NER
    mistakes capitalised common words for organisations ("Challenges and Future Outlook")."""
    line = line_of(span).strip()
    # At most 15 words are split off: a text without line breaks is one long line, and
    # splitting all of it for every name was a hot spot of the actors stage.
    return len(line.split(maxsplit=14)) <= 14 and not re.search(r"[.!?:;\"”’)]$", line)


def _appositions(span: Span) -> list[Token]:
    """The describing part of an appositive: its head noun with the words before it and an
    "of" phrase ("X, Russia's ambassador", "X, the foreign minister of Peru"), not clauses
    further on ("X, a lecturer focusing on Japanese policy" says nothing of X's country)."""
    root = span.root
    words: list[Token] = []
    for head in (c for c in root.rights if c.dep_ == "appos" and c.i >= span.end):
        words += [t for left in head.lefts for t in left.subtree] + [head]
        words += [head.doc[head.i + 1], *_of_objects(head)] if _of_objects(head) else []
    return words


def _hyphenated_given_name_end(doc: Doc, end: int) -> int:
    """NER often stops at a Korean family name ("Kim [Do-hyun]", "Han [Sung-min]"): a written-
    together "Xx-yy" right after a person's name is its given name."""
    if end + 3 > len(doc) or not doc[end - 1].whitespace_:
        return end
    first, hyphen, second = doc[end], doc[end + 1], doc[end + 2]
    if (first.is_alpha and first.text[:1].isupper() and hyphen.text == "-"
            and not first.whitespace_ and not hyphen.whitespace_
            and second.is_alpha and second.text.islower()):
        return end + 3
    return end


def _hyphenated_first_name(span: Span, hyphen: Token) -> bool:
    """A hyphen between one word and a longer name in a person's name joins a first name
    ("Jean-Marc Simon", "Anne-Marie Trevelyan"), it does not pair two people."""
    return (span.label_ == "PERSON" and hyphen.i - span.start == 1 and span.end - hyphen.i > 2
            and not span.doc[span.start].whitespace_ and not hyphen.whitespace_)


def _leader(modifier: Token) -> Token:
    """Whose a "<X>-led" body is: its leader X ("Vietnamese-led forces", "the Saudi-led
    coalition" are Vietnam's and Saudi Arabia's), not the word "led"."""
    if modifier.lower_ != "led":
        return modifier
    return next((c for c in modifier.lefts if c.dep_ in ("npadvmod", "compound", "nmod", "amod")),
                modifier)


def _modifies_name(token: Token, taken: set[int]) -> bool:
    """Role words that are the title of a name ("President Zelensky") are not separate actors."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("compound", "amod", "nmod", "appos") or head.head is head:
            return False
        head = head.head
        if head.i in taken:
            return True
    return False


def _of_objects(token: Token, preposition: str = "of") -> list[Token]:
    """Whose role: "mayor of Kremenchuk" → Kremenchuk. Read from the surface words, which the
    small parser often attaches elsewhere."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != preposition:
        return []
    words = []
    for following in doc[token.i + 2:]:
        if following.pos_ != "PROPN" and following.lower_ != "the":
            break
        words.append(following)
    return [w for w in words if w.pos_ == "PROPN"]


# Nouns that make a following "of <Name>" a place ("the Ukrainian city of Kremenchuk").
PLACE_NOUNS = frozenset("city town village region province state county district oblast capital "
                        "port island area suburb republic".split())


def is_place(token: Token) -> bool:
    """Is a name used as a location ("in Sumy and Odesa", "the city of Kremenchuk")?"""
    doc = token.doc
    before = doc[max(token.left_edge.i - 2, 0): token.left_edge.i]
    if len(before) == 2 and before[1].lower_ == "of" and before[0].lemma_.lower() in PLACE_NOUNS:
        return True
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "to" and prep.head.lower_ == "according":  # a source, not a destination
        return False
    return prep.lower_ in LOCATIVE_PREPS or (prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS)


def is_agent(token: Token) -> bool:
    """Is a name used as an acting party rather than a place ("Moscow said", "Kyiv's allies")?"""
    if token.dep_ in ("nsubj", "nsubjpass", "poss", "agent", "conj", "appos"):
        return token.dep_ != "conj" or is_agent(token.head)
    if token.dep_ == "pobj":
        return token.head.lower_ not in LOCATIVE_PREPS
    return token.dep_ in ("dobj", "dative")
