"""The country a story is set in, for unnamed domestic actors.

An unnamed institution or group of people ("police", "the court", "residents", "gunmen") has
no country of its own in the text; in a story set in one country, it is that country's
(docs/ANNOTATION.md: the code of an actor is what the text supports about it, and a story
that takes place in Kenya supports "police" being Kenyan). The setting is read from where the
story happens — the countries of the places it names (dateline included) — never from the
actors it names: "Russia" named as an actor says nothing of where "police" serve, so the
setting's country needs places that are not acting mentions ("Russia said"): locatives ("in
Russia"), datelines, places inside role phrases ("protesters in Moscow"). Acting mentions of
other countries still count against a setting: a story whose actors come from several
countries is not clearly set in one of them.

The setting is given only when one country clearly dominates the places (``MIN_SHARE`` of all
places with a country, and at least ``MIN_PLACES`` of them not acting), and only to role
phrases whose words do not point elsewhere: roles that are international or foreign by nature
(IGO officials, aid and rights groups, refugees and migrants, companies, whose country is
their headquarters') and roles with a word saying they come from outside ("foreign",
"Western") keep no country. (Armed roles keep the setting even when a foreign actor is
named: withholding it from them lost ~60 correct codes on the gold train split for ~3 wrong
ones; the place of a single act is treated more strictly, see
``heron.nlp.events.arguments.ArgumentFinder.place_unnamed``.) Named people and organisations
never get it: a name is evidence about one actor, and the setting is none. Pronouns and
descriptions that the actors component linked to such a role take its country too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from heron.model import Actor, Mention, Place, is_local_actor

MIN_PLACES = 2
MIN_SHARE = 0.7
# Sectors of roles that are not domestic by nature.
NON_DOMESTIC_SECTORS = frozenset({"IGO", "NGO", "REF", "BUS"})
# Words that place a role outside the setting ("foreign journalists", "Western diplomats").
OUTSIDE_WORDS = frozenset({"foreign", "international", "western", "overseas", "outside",
                           "global", "exiled", "visiting", "european", "african",
                           "arab", "asian", "latin"})
SETTING_METHOD = "setting"
HOME_METHOD = "home-government"
# "The government", "authorities": a state with no word saying whose (as the actors
# component's coreference takes them up: ``heron.nlp.actors.coref``).
STATE_WORDS = frozenset({"government", "authority", "authorities", "regime"})
MODIFIER_REACH = 60  # characters between a role's country modifier and its noun


def setting_country(places: list[Place], mentions: list[Mention]) -> str | None:
    """The country most of the document's places lie in, when one clearly dominates and the
    story happens there: places that are acting mentions ("Russia said") are not where."""
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    acting = [(m.start, m.end) for m in mentions if is_acting_name(m)]
    located = sum(p.country == country and not any(start < p.end and p.start < end
                                                   for start, end in acting) for p in places)
    return country if located >= MIN_PLACES and count >= MIN_SHARE * sum(counts.values()) \
        else None


def give_setting_country(mentions: list[Mention], places: list[Place],
                         actors: Sequence[Actor] = ()) -> None:
    """Give the setting country to unnamed domestic roles without one, and to the pronouns
    and descriptions linked to them (in place; the mention's evidence says so). A
    document-local actor (an unnamed role's chain, :mod:`heron.nlp.actors.local`) takes it
    when its role does, with every mention of it."""
    country = setting_country(places, mentions)
    if country is None:
        return
    local = _domestic_local_actors(mentions)
    settled: set[tuple[int, int]] = set()
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.country or mention.actor_id not in local | {None} \
                or shared_by_countries(mention, mentions):
            continue
        if mention.actor_id in local or is_domestic_role(mention) \
                or _antecedent(mention) in settled:
            mention.country = country
            mention.evidence = {**mention.evidence, "country_from": SETTING_METHOD}
            settled.add((mention.start, mention.end))
    for actor in actors:
        if actor.id in local:
            actor.country = country


def _domestic_local_actors(mentions: list[Mention]) -> set[str | None]:
    """The document-local actors without a country all of whose role mentions are domestic
    roles ("officials" … "the officials"; not "journalists" … "foreign journalists")."""
    roles: dict[str, list[Mention]] = {}
    for mention in mentions:
        if is_local_actor(mention.actor_id) and mention.kind == "ROLE" and mention.actor_id:
            roles.setdefault(mention.actor_id, []).append(mention)
    return {actor_id for actor_id, chain in roles.items()
            if all(not m.country and is_domestic_role(m) and not shared_by_countries(m, mentions)
                   for m in chain)}


CountryActor = Callable[[str, str], Actor]  # (country code, sector) -> the actors component's actor


def give_home_government(mentions: list[Mention], places: list[Place], actors: list[Actor],
                         country_actor: CountryActor) -> None:
    """A bare "the government" or "authorities" is the government of the country the story
    happens in, not a foreign state named just before it: "Switzerland has offered to host
    talks between the government and separatist leaders" in a story set in Cameroon is
    Cameroon's government (docs/ANNOTATION.md section 8: an unnamed domestic institution belongs to
    the jurisdiction the text places it in). Coreference links such a word to the nearest
    acting state; where the story is set elsewhere (:func:`setting_country`, so a single
    place or the foreign state's own acting mentions do not make a setting), the word and the
    pronouns that took it up are re-linked (in place) to that country's government, built by
    ``country_actor`` as the actors component builds it. On the gold train split the nearest
    acting state was wrong for 18 of 70 such words, the home country for 2."""
    home = setting_country(places, mentions)
    if home is None:
        return
    actor = country_actor(home, "GOV")
    by_span = {(m.start, m.end): m for m in mentions}
    relinked: set[tuple[int, int]] = set()
    for mention in sorted(mentions, key=lambda m: m.start):
        antecedent = _antecedent(mention)
        if _is_foreign_bare_state(mention, home, by_span.get(antecedent or (-1, -1))) \
                or antecedent in relinked:
            mention.actor_id, mention.name = actor.id, actor.name
            mention.country, mention.sector = home, "GOV"
            mention.evidence = {**mention.evidence, "country_from": HOME_METHOD}
            relinked.add((mention.start, mention.end))
    if relinked and all(a.id != actor.id for a in actors):
        actors.append(actor)


def _is_foreign_bare_state(mention: Mention, home: str, antecedent: Mention | None) -> bool:
    """A state word alone ("the government", not "the Iranian government", "Iran's
    government", "its government") that coreference gave another country's government from
    a named state ("Switzerland"), not from a role phrase naming it ("The Iranian government
    said … The government said" is Iran's)."""
    words = [w for w in mention.text.lower().split() if w not in ("the", "a")]
    return (mention.kind == "ROLE" and mention.evidence.get("method") == "description"
            and not mention.evidence.get("modifiers") and len(words) == 1
            and words[0] in STATE_WORDS and mention.country not in (None, home)
            and mention.actor_id == f"{mention.country}:GOV"
            and (antecedent is None or antecedent.kind != "ROLE"))


def is_domestic_role(mention: Mention) -> bool:
    """An unnamed role that serves where it acts ("police", "residents"), not one foreign or
    international by nature or by its words."""
    if mention.kind != "ROLE" or mention.sector in NON_DOMESTIC_SECTORS or not mention.sector:
        return False
    words = {w.strip(".,'’").lower() for w in mention.text.split()}
    return not words & OUTSIDE_WORDS


def is_acting_name(mention: Mention) -> bool:
    """A named mention acting as an actor: the actors component gives a place name a sector
    only when it acts ("Russia said", "Moscow denied"), none when it is where something
    happens ("killed in Ukraine")."""
    return mention.kind not in ("ROLE", "PRON") and mention.sector is not None


def names_foreign_actor(mentions: list[Mention], country: str) -> bool:
    """Does the text name an actor of a country other than ``country``?"""
    return any(m.country and m.country != country and m.kind != "PRON" and
               (m.sector is not None or m.kind == "ROLE") for m in mentions)


def shared_by_countries(role: Mention, mentions: list[Mention]) -> bool:
    """A role whose own modifiers name countries ("U.S. and Russian negotiators": the actors
    component gives each country its mention and the shared noun none) is theirs, never the
    setting's."""
    modifiers = set(role.evidence.get("modifiers") or ())
    return any(m.country and m.text in modifiers and m.end <= role.start
               and role.start - m.end <= MODIFIER_REACH for m in mentions)


def _antecedent(mention: Mention) -> tuple[int, int] | None:
    antecedent = mention.evidence.get("antecedent")
    return (antecedent[0], antecedent[1]) if antecedent else None
