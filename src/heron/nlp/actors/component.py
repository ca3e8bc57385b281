"""The actors component: mentions → canonical actors for one document.

Actor ids (the scheme every other stage relies on):

* people, organisations and groups of the KB: their KB id (``volodymyr-zelenskyy``, ``nato``,
  ``hamas``; "Hamas militants" is the group too);
* a country as such: its ISO-3 code (``RUS``); a country's institution acting as an agent:
  ``ISO3:SECTOR`` (``RUS:GOV`` for "Moscow said" / "the Kremlin insisted", ``RUS:MIL`` for
  "Russian forces", ``USA:MIL`` for "the Pentagon" when the KB gives that seat MIL);
* names not in the KB: ``new:<slug of the name>`` (``kb_id`` None); across documents these are
  merged by :func:`heron.nlp.actors.cluster.cluster_new_actors`.

* an unnamed role that no named actor takes up ("a police spokesman … the spokesman … he",
  "analysts"): a document-local actor ``role:<article id>:<n>`` (kind ``"role"``,
  :mod:`heron.nlp.actors.local`), meaningful in its article only.

Role phrases without a country ("protesters") get a sector but no country actor; role phrases
owned by a pronoun ("his troops") no actor at all. Pronouns and
definite descriptions ("he", "the Russian leader") are mentions of kind PRON / ROLE carrying
their antecedent's actor, so ``ctx.mentions_in(start, end)`` finds an actor for any span;
``ctx.extras["actor_mentions"]`` keeps the per-mention working records (head token, gender),
``ctx.extras[COUNTRY_ACTOR]`` the way it builds a country's actor.
Resolution runs in two passes so that document consistency does not depend on order: the
second pass re-resolves every weak link knowing all people confidently named in the document
(once "Volodimir Zellinski" is Zelenskyy, a bare "Zelinski" anywhere in the text is too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Token

from heron.model import Actor, ActorKind, Mention
from heron.nlp.actors import coref
from heron.nlp.actors.coref import Resolved
from heron.nlp.actors.index import NameIndex
from heron.nlp.actors.kb import KnowledgeBase, Person, Role, recency
from heron.nlp.actors.local import give_local_actors
from heron.nlp.actors.mentions import (
    MentionFinder,
    NameSpan,
    RolePhrase,
    in_sentence_case,
    is_agent,
    is_heading,
    is_place,
)
from heron.nlp.actors.names import fold, slug
from heron.nlp.actors.outlets import is_news_outlet
from heron.nlp.actors.people import parse_name, same_surname
from heron.nlp.actors.resolve import Cues, Link, Resolver
from heron.nlp.context import DocContext

# ctx.extras: how this component builds a country's actor, for later stages that give one
# (the places stage's home government), so one id has one name.
COUNTRY_ACTOR = "country_actor"
COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "seat"})
LED = re.compile(r"[-‑]led$", re.IGNORECASE)
# Nouns whose country words say what a person studies or reports on, not whose the person is:
# "Joshua Pollack, a North Korean expert at the Middlebury Institute", "a senior Iran analyst",
# "a vocal critic of Tehran".
TOPIC_NOUNS = frozenset({"expert", "analyst", "specialist", "scholar", "watcher", "researcher",
                         "observer", "critic", "historian", "commentator", "correspondent"})


class ActorsComponent:
    name = "actors"

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.index = NameIndex(kb)
        self.resolver = Resolver(self.index)
        self.finder = MentionFinder(nlp, self.index)

    def __call__(self, ctx: DocContext) -> None:
        doc = ctx.doc
        names = [self._narrow(n) for n in self.finder.names(doc) if not self._is_author(n, ctx)]
        names = _headline_names(names)
        sentence_of = {s.start: i for i, s in enumerate(doc.sents)}
        countries = self._sentence_countries(names, sentence_of)
        links = self._link_names(names, countries, sentence_of, ctx.published)
        titles = {t.i for n in names for t in n.title}
        phrases = self.finder.roles(doc, titles | {t.i for n in names for t in n.span})
        # Names inside a title or a role phrase describe, they do not act ("German Chancellor",
        # "Russian forces"); several of them ("Hungarian and Romanian officials") each act,
        # with the role's sector.
        shared = [p for p in phrases if len(set(self._phrase_countries(p))) > 1]
        describing = titles | {m.i for p in phrases if p not in shared for m in p.modifiers}
        shared_sector = {m.i: p.sector for p in shared for m in p.modifiers if p.sector}
        resolved = [r for n, (link, cues) in zip(names, links, strict=True)
                    if (r := self._name_mention(ctx, n, link, cues, sentence_of, describing,
                                                shared_sector))]
        coref.cluster_new_people(resolved)
        coref.merge_short_names(resolved)
        coref.link_aliases(doc, resolved)
        # "the Trump administration", "Putin's spokesman": the role serves that person's country.
        country_of_person = {r.token.i: r.actor.country for r in resolved
                             if r.actor and r.actor.kind == "person" and r.actor.country}
        roles = [self._role_mention(ctx, p, sentence_of, country_of_person) for p in phrases]
        everything = sorted(resolved + roles, key=lambda r: r.mention.start)
        coref.one_state_per_country(everything)
        coref.link_appositions(everything)
        coref.link_descriptions(everything, sentence_of)
        # Roles no named actor took up are document-local actors, before pronouns link to them.
        give_local_actors(everything, ctx.article.id)
        everything += coref.link_pronouns(doc, everything, sentence_of)
        self._emit(ctx, sorted(everything, key=lambda r: r.mention.start))

    # ---- names -------------------------------------------------------------------------------

    def _link_names(self, names: list[NameSpan], countries: dict[int, set[str]],
                    sentence_of: dict[int, int], published: dt.date | None) -> list[tuple[Link, Cues]]:
        doc_people: set[str] = set()
        links: list[tuple[Link, Cues] | None] = [None] * len(names)
        for second_pass in (False, True):
            for k, name in enumerate(names):
                previous = links[k]
                if second_pass and previous is not None and previous[0].confident:
                    continue
                cues = self._cues(name, countries[sentence_of[name.span.sent.start]], doc_people,
                                  published)
                link = self.resolver.resolve(name.span.text, name.label, cues)
                links[k] = (link, cues)
                if link.kind == "person" and link.confident:
                    doc_people.add(link.target)
        return self._prefer_document_people(names, [link for link in links if link is not None])

    def _prefer_document_people(self, names: list[NameSpan],
                                links: list[tuple[Link, Cues]]) -> list[tuple[Link, Cues]]:
        """The document's own full names beat the KB for a bare surname. After "Kirstjen
        Nielsen" (not in the KB), "Nielsen" is she, not a KB Nielsen; after "Anders Fogh
        Rasmussen", "Rasmussen" is he, not another KB Rasmussen. When the KB person is named in
        full in the document too, it is ambiguous and the KB link stays."""
        unknown: set[str] = set()
        full_named: dict[str, str] = {}  # KB person named in full → surname
        for name, (link, _) in zip(names, links, strict=True):
            parts = parse_name(name.span.text)
            if parts is None or not parts.given:
                continue
            if link.kind == "person":
                full_named[link.target] = parts.surname
            elif name.label == "PERSON" and link.kind == "none":
                unknown.update((parts.surname, *parts.given))
        out = []
        for k, (link, cues) in enumerate(links):
            parts = parse_name(names[k].span.text)
            if link.kind in ("person", "none") and link.ref not in full_named \
                    and parts is not None and not parts.given and names[k].label != "GPE":
                link = self._document_person(names, k, link, parts.surname, full_named, unknown)
            out.append((link, cues))
        return out

    def _document_person(self, names: list[NameSpan], k: int, link: Link, surname: str,
                         full_named: dict[str, str], unknown: set[str]) -> Link:
        known = {ref for ref, s in full_named.items() if same_surname(surname, s)}
        if len(known) == 1:
            return Link("person", known.pop(), 1.0, True,
                        {**link.evidence, "method": "document-surname", "rejected": link.ref})
        if not known and any(same_surname(surname, u) for u in unknown):
            names[k] = NameSpan(names[k].span, "PERSON", names[k].title)
            return Link("none", None, 0.0, False, {**link.evidence, "method": "none",
                                                   "rejected": link.ref,
                                                   "reason": "unknown full name in document"})
        return link

    def _narrow(self, name: NameSpan) -> NameSpan:
        """NER often runs a title organisation into the name ("US Central Command Brad Cooper"):
        an unknown long name whose last two or more words resolve to a person is that person,
        and the words before it become title context."""
        span = name.span
        if len(span) < 3 or self.index.lookup(span.text):
            return name
        for first in range(span.start + 1, span.end - 1):
            if not span.doc[first - 1].whitespace_:
                continue  # "Jean-Marc Simon": a hyphenated first name is one word
            suffix = span.doc[first:span.end]
            if all(t.pos_ == "PROPN" for t in suffix) and \
                    self.resolver.resolve(suffix.text, "PERSON", Cues()).kind == "person":
                return NameSpan(suffix, "PERSON", [*name.title, *span.doc[span.start:first]])
        return name

    def _cues(self, name: NameSpan, sentence_countries: set[str], doc_people: set[str],
              published: dt.date | None) -> Cues:
        words = [fold(t.text) for t in name.title]
        title_words = {w for phrase in words for w in phrase.split()}
        return Cues(title_words=title_words, title_terms=title_words & self.finder.office_words,
                    title_countries=self._countries_in(
                        [t.text for t in name.title
                         if not _names_office_object(t, self.finder.title_words)
                         and not _names_topic(t) and not _hyphenated_origin(t, name.title)]),
                    sentence_countries=sentence_countries, doc_people=set(doc_people),
                    published=published)

    def _countries_in(self, words: list[str]) -> set[str]:
        """Countries and IGOs named by single words or word pairs ("German", "U.S.", "NATO's")."""
        found: set[str] = set()
        phrases = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        for phrase in phrases:
            for target in self.index.lookup(phrase):
                if target.kind in COUNTRY_KINDS:
                    found.add(target.ref)
                elif target.kind == "igo":
                    found.add(self.kb.igos[target.ref].code)
        return found

    def _sentence_countries(self, names: list[NameSpan],
                            sentence_of: dict[int, int]) -> dict[int, set[str]]:
        countries: dict[int, set[str]] = {i: set() for i in sentence_of.values()}
        for name in names:
            countries[sentence_of[name.span.sent.start]] |= self._countries_in([name.span.text])
        return countries

    def _is_author(self, name: NameSpan, ctx: DocContext) -> bool:
        author = ctx.article.author
        return bool(author) and fold(name.span.text) in fold(author)

    def _name_mention(self, ctx: DocContext, name: NameSpan, link: Link, cues: Cues,
                      sentence_of: dict[int, int], describing: set[int],
                      shared_sector: dict[int, str]) -> Resolved | None:
        span = name.span
        if link.kind != "person" and span.root.i in describing:
            return None
        # NER may call a group a person ("Al-Shabab claimed …"): the KB link decides.
        relabel = name.label in ("KB", "PROPN") or (name.label == "PERSON" and link.kind in ("igo", "group"))
        kind = _label_for(link) if relabel else name.label
        mention = Mention(id="", article_id=ctx.article.id, start=span.start_char,
                          end=span.end_char, text=span.text, kind=kind,
                          sentence=sentence_of[span.sent.start], score=round(link.score, 3),
                          confident=link.confident, evidence=link.evidence)
        title_stems = {fold(t.text)[:5] for t in name.title}
        if link.kind == "person":
            person = self.kb.people[link.target]
            country, sector = self._person_code(person, cues)
            actor = Actor(person.id, person.name, country, sector, "person", kb_id=person.id)
            _fill(mention, actor)
            return Resolved(mention, span.root, actor, person.gender, title_stems |
                            {fold(w)[:5] for r in person.roles for w in r.title.split()})
        if link.kind == "igo":
            igo = self.kb.igos[link.target]
            actor = Actor(igo.id, igo.name, self.kb.polity(igo.code), igo.sector, "igo",
                          kb_id=igo.id)
            return Resolved(_fill(mention, actor), span.root, actor)
        if link.kind == "group":
            actor = self._group_actor(link.target)
            return Resolved(_fill(mention, actor), span.root, actor)
        people_of = _single(cues.title_countries) if link.kind == "demonym" else None
        if link.kind in COUNTRY_KINDS and people_of in (None, link.ref):
            return self._country_mention(mention, name, link, shared_sector.get(span.root.i))
        if (name.label == "NORP" or people_of) and (country := _single(cues.title_countries)):
            # A people named with the country it lives in belongs to that country: "Bosnian
            # Serbs" are BIH, "Iraqi Kurds" IRQ.
            actor = country_actor(country, self._country_name(country), None)
            mention.kind = "NORP"
            mention.evidence = {**link.evidence, "method": "nationality"}
            return Resolved(_fill(mention, actor), span.root, actor)
        if self._could_be_new_actor(name):
            actor = self._new_actor(name, cues)
            mention.evidence = {**link.evidence, "method": "new"}
            return Resolved(_fill(mention, actor), span.root, actor, None, title_stems)
        return None

    def _person_code(self, person: Person, cues: Cues) -> tuple[str | None, str | None]:
        """Country and sector of a KB person on the article's date: the role held then; out
        of office, the country of their national offices (an IGO post is not a nationality)
        or their citizenship, as a former official (ELI) after those offices and without a
        sector before them."""
        role = pick_role(person, cues)
        day = cues.published
        if role is None or day is None or role.valid_on(day):
            return (self.kb.polity(role.country), role.sector) if role else (person.citizenship, None)
        national = [r for r in person.roles if r.country in self.kb.countries]
        after = day > max((r.end or day) for r in person.roles)
        pool = national or [role]
        chosen = max(pool, key=recency) if after else min(pool, key=lambda r: r.start or day)
        country = chosen.country if national or not person.citizenship else person.citizenship
        return self.kb.polity(country), "ELI" if after else None

    def _group_actor(self, group_id: str) -> Actor:
        group = self.kb.groups[group_id]
        return Actor(group.id, group.name, group.country, group.sector, "group", kb_id=group.id)

    def _could_be_new_actor(self, name: NameSpan) -> bool:
        span = name.span
        doc = span.doc
        # "National Security Advisor Rubio": NER cuts an organisation out of a title.
        in_title = span.end < len(doc) and fold(doc[span.end].text) in self.finder.title_words
        return (name.label in ("PERSON", "ORG") and span.root.pos_ == "PROPN" and not in_title
                and not is_news_outlet(span.text) and fold(span.text) not in self.finder.lone_title_words
                and not is_place(span.root) and (name.trusted_headline or not is_heading(span)))

    def _country_mention(self, mention: Mention, name: NameSpan, link: Link,
                         role_sector: str | None) -> Resolved | None:
        root = name.root
        agent = is_agent(root)
        if link.kind in ("capital", "seat") and not agent and is_place(root):
            return None  # "a news conference in Moscow", "talks at the White House": a place
        if link.kind == "seat" and not agent and is_news_outlet(name.span.text):
            return None  # "according to RIA Novosti": a source relaying the news
        if link.kind == "capital" and (igo := self.kb.igo_seated_in(name.span.text)):
            # "Brussels would retaliate": the city that stands for an organisation is it.
            actor = Actor(igo.id, igo.name, self.kb.polity(igo.code), igo.sector, "igo",
                          kb_id=igo.id)
            return Resolved(_fill(mention, actor), root, actor)
        country = self.kb.countries[link.target]
        if link.kind == "seat":
            sector = link.sector
        elif role_sector or link.kind == "capital" or (agent and link.kind != "demonym"):
            sector = role_sector or "GOV"
        else:
            sector = None
        actor = country_actor(country.iso3, country.name, sector)
        return Resolved(_fill(mention, actor), root, actor)

    def _new_actor(self, name: NameSpan, cues: Cues) -> Actor:
        """Country and sector of an unknown name from evidence about it only: its own words
        ("Lithuanian Parliament"), then its title or appositive ("Ukrainian mayor", "X, Russia's
        ambassador"). Never from other words of the sentence: "Mueller ... Russia" is no Russian,
        "Desmond Tutu called for sanctions against Nigeria" no Nigerian."""
        text = name.span.text
        own = [t.text for t in name.span]
        # Of its own words only the head noun names a role ("Haitian National [Police]"):
        # "General Motors" is no military.
        root = name.span.root
        head = [t.text for t in name.span if root.i - 1 <= t.i <= root.i]
        words = _word_terms(head)[-2:] + _word_terms([t.text for t in name.title])
        sector = next((self.kb.role_terms[w] for w in reversed(words)
                       if self.kb.role_terms.get(w)), None)
        country = _single(self._countries_in(own)) or _single(cues.title_countries)
        if igo := self.kb.igo_by_code(country or ""):
            sector = igo.sector  # "U.N. mediator Diego Cordovez" acts for the organisation
        kind: ActorKind = "person" if name.label == "PERSON" else "organization"
        return Actor(f"new:{slug(text)}", text, self.kb.polity(country), sector, kind)

    # ---- role phrases ------------------------------------------------------------------------

    def _role_mention(self, ctx: DocContext, phrase: RolePhrase, sentence_of: dict[int, int],
                      country_of_person: dict[int, str]) -> Resolved:
        doc = ctx.doc
        # Whoever NER took the person for ("the Trump administration" may be all ORG to it).
        countries = set(self._phrase_countries(phrase)) or {
            country_of_person[t.i] for t in (*phrase.people, *phrase.modifiers)
            if t.i in country_of_person}
        country = self.kb.polity(next(iter(countries))) if len(countries) == 1 else None
        # Several countries share the role: each has its own mention; this one is the noun.
        first = phrase.head.i - len(phrase.term.split()) + 1
        span = doc[first:phrase.head.i + 1] if len(countries) > 1 else doc[phrase.start:phrase.end]
        actor = None
        if group_id := self._phrase_group(phrase):  # "Hamas militants": the group itself
            actor = self._group_actor(group_id)
            country = actor.country
        elif country and phrase.sector:  # "American analysts" are no state: a local actor
            name = self._country_name(country)
            actor = country_actor(country, name, phrase.sector)
        mention = Mention(id="", article_id=ctx.article.id, start=span.start_char,
                          end=span.end_char, text=span.text, kind="ROLE",
                          sentence=sentence_of[span.sent.start], sector=phrase.sector,
                          country=country, score=1.0 if country else 0.5, confident=bool(country),
                          evidence={"method": "role", "term": phrase.term,
                                    "modifiers": [m.text for m in phrase.modifiers]})
        if actor:
            _fill(mention, actor)
        return Resolved(mention, phrase.head, actor, title_stems={phrase.term[:5]})

    def _phrase_countries(self, phrase: RolePhrase) -> list[str]:
        found: list[str] = []
        for modifier, text in zip(phrase.modifiers, _modifier_texts(phrase), strict=True):
            if _hyphenated_origin(modifier, phrase.modifiers):
                continue
            countries = self._countries_in([text])
            if not countries and modifier.i < phrase.head.i:
                # A name before the role that is no KB entry as a whole says whose the role
                # is by its own words, as an unknown name does: "U.S. State Department
                # spokesperson" → USA ("the president of Canadian Auto Workers" heads no state).
                countries = self._countries_in(_origin_dropped(text.split(), self._countries_in))
            found += countries
        return found

    def _phrase_group(self, phrase: RolePhrase) -> str | None:
        groups = {t.ref for text in _modifier_texts(phrase) for t in self.index.lookup(text)
                  if t.kind == "group"}
        return _single(groups)

    def _country_name(self, code: str) -> str:
        if code in self.kb.countries:
            return self.kb.countries[code].name
        igo = self.kb.igo_by_code(code)
        return igo.name if igo else code

    # ---- output ------------------------------------------------------------------------------

    def _emit(self, ctx: DocContext, resolved: list[Resolved]) -> None:
        actors: dict[str, Actor] = {}
        forms: dict[str, Counter] = {}
        for k, item in enumerate(resolved):
            item.mention.id = f"{ctx.article.id}-m{k}"
            ctx.analysis.mentions.append(item.mention)
            if item.actor is None:
                continue
            actors.setdefault(item.actor.id, item.actor)
            if item.mention.kind != "PRON":
                forms.setdefault(item.actor.id, Counter())[item.mention.text] += 1
        for actor_id, actor in actors.items():
            actor.surface_forms = dict(forms.get(actor_id, {}))
            ctx.analysis.actors.append(actor)
        ctx.extras["actor_mentions"] = resolved
        ctx.extras[COUNTRY_ACTOR] = self.country_actor

    def country_actor(self, code: str, sector: str | None) -> Actor:
        """The actor of a country (or one of its sectors), named as the KB names the country."""
        return country_actor(code, self._country_name(code), sector)


def _headline_names(names: list[NameSpan]) -> list[NameSpan]:
    """Title-case headlines run capitalised words into names ("Lindsay Lohan Checks Into
    Rehab"), so a headline name counts as a new actor only when the body names it too (it is
    cut to that body name) or the headline is in sentence case."""
    body = {fold(n.span.text) for n in names if not is_heading(n.span)}
    out = []
    for name in names:
        span = name.span
        if is_heading(span):
            piece = next((span.doc[span.start:end] for end in range(span.end, span.start, -1)
                          if fold(span.doc[span.start:end].text) in body), None)
            if piece is not None or in_sentence_case(span):
                name = NameSpan(piece or span, name.label, name.title, trusted_headline=True)
        out.append(name)
    return out


def pick_role(person: Person, cues: Cues) -> Role | None:
    """The role at the publication date; among concurrent ones, the one the text points to
    ("U.S. Gen. Grynkewich" → the US command, not the NATO one)."""
    current = person.role_on(cues.published)
    if current is None or cues.published is None:
        return current
    concurrent = [r for r in person.roles if r.valid_on(cues.published)] or [current]
    title = {w[:5] for w in cues.title_words}
    return max(concurrent, key=lambda r: (r.country in cues.title_countries,
                                          bool(title & {fold(w)[:5] for w in r.title.split()}),
                                          r is current))


def country_actor(code: str, name: str, sector: str | None) -> Actor:
    ident = f"{code}:{sector}" if sector else code
    label = f"{name} ({sector})" if sector else name
    return Actor(ident, label, code, sector, "country" if not sector else "group", kb_id=None)


def _fill(mention: Mention, actor: Actor) -> Mention:
    mention.actor_id, mention.name = actor.id, actor.name
    mention.country, mention.sector = actor.country, actor.sector
    return mention


def _label_for(link: Link) -> str:
    return {"person": "PERSON", "igo": "ORG", "group": "ORG", "demonym": "NORP"}.get(link.kind,
                                                                                   "GPE")


def _names_office_object(token: Token, office_words: set[str]) -> bool:
    """Does ``token`` name the object of an office ("Ambassador to [the United Kingdom]",
    "Envoy for [Ukraine]") rather than the office holder's country ("[German] Chancellor")?"""
    doc, j = token.doc, token.i - 1
    while j > 0 and token.i - j <= 3 and doc[j].pos_ in ("DET", "PROPN"):
        j -= 1
    return j > 0 and doc[j].pos_ == "ADP" and fold(doc[j - 1].text) in office_words


def _hyphenated_origin(modifier: Token, modifiers: list[Token]) -> bool:
    """Is ``modifier`` the origin in an identity of two nationality words, written without
    "and" ("Iranian American journalist", "Chinese-American scientist")? The last word names
    the nationality; "Hungarian and Romanian officials" are two."""
    doc = modifier.doc
    following = [m for m in modifiers if m.i > modifier.i]
    if not following:
        return False
    nxt = min(following, key=lambda m: m.i)
    between = doc[modifier.i + 1:nxt.i]
    return all(t.text in ("-", "‑") for t in between) and modifier.ent_type_ == "NORP" \
        and nxt.ent_type_ == "NORP"


def _origin_dropped(words: list[str], countries_in: Callable[[list[str]], set[str]]) -> list[str]:
    """The words of a name that say whose it is: of a name made only of nationality words
    ("Iranian American"), the last one."""
    if len(words) > 1 and all(countries_in([w]) for w in words):
        return words[-1:]
    return words


def _names_topic(token: Token) -> bool:
    """Does ``token`` modify a noun of :data:`TOPIC_NOUNS` (directly, through a compound, or as
    the object of its preposition), naming what the person knows about rather than whose?"""
    head = token
    for _ in range(3):
        if head.dep_ not in ("compound", "amod", "poss", "pobj", "prep", "nmod") or head.head is head:
            return False
        head = head.head
        if head.lemma_.lower() in TOPIC_NOUNS:
            return True
    return False


def _modifier_texts(phrase: RolePhrase) -> list[str]:
    # A modifier inside a longer name counts with the whole name ("White House officials").
    # "the U.S.-led coalition" (one token): the leader's name says whose.
    return [LED.sub("", m.ent_iob_ and m.ent_type_ and _entity_text(m) or m.text)
            for m in phrase.modifiers]


def _entity_text(token: Token) -> str:
    ents = [e for e in token.doc.ents if e.start <= token.i < e.end]
    return ents[0].text if ents else token.text


def _word_terms(texts: list[str]) -> list[str]:
    """Folded words and word pairs, to look up one- and two-word role terms."""
    words = [fold(t) for t in texts]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _single(values: set[str]) -> str | None:
    return next(iter(values)) if len(values) == 1 else None
