"""Document-local actors: one unnamed person or group that an article describes without naming.

"A police spokesman said … the spokesman added … he said": no named actor takes these mentions
up (coreference and descriptions ran before), yet a reader knows they are one person. Each
such chain becomes a document-local actor (kind ``"role"``, id ``role:<article id>:<n>``, see
:data:`heron.model.LOCAL_ACTOR_PREFIX`), named by its first mention, with the country and
sector its own words give (the setting rule may add the country later,
:mod:`heron.nlp.actors.setting`). Pronouns linked afterwards take it as they take any actor.

A role mention joins the latest earlier chain that can be the same people: the same head word
in the same number ("officials" … "officials", not "an official"), no word the chain's first
mention lacks ("a police spokesman" … "the spokesman"; "the foreign ministry" and "the
interior ministry" stay two, as do "officials" and later "law enforcement officials"), and no
two different countries. Counted groups ("21 passengers") and roles owned by a pronoun ("his
troops": the owner's, an actor coreference does not give) get no local actor chain of shared
members: the first are groups of their own, the second stay without an actor. A role word that
modifies another role ("police" in "a police spokesman") gets none either: it describes that role.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from heron.model import LOCAL_ACTOR_KIND, Actor, local_actor_id
from heron.nlp.actors.coref import Resolved

# Dependencies of a word that modifies a head noun rather than naming people beside it.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
DETERMINERS = frozenset({"a", "an", "the", "some", "many", "several", "other", "another", "one",
                         "two", "three", "most", "all", "few", "these", "those", "this", "that"})


@dataclass
class _Chain:
    actor: Actor
    lemma: str
    tag: str
    words: frozenset[str]
    counted: bool  # "21 passengers": a group of its own

    def takes(self, item: Resolved) -> bool:
        country = item.mention.country
        return (not self.counted and not _counted(item.token)
                and item.token.lemma_.lower() == self.lemma and item.token.tag_ == self.tag
                and _words(item) <= self.words
                and (country is None or self.actor.country in (None, country)))


def give_local_actors(items: list[Resolved], article_id: str) -> None:
    """Give every role mention that no actor took up a document-local actor (in place),
    chaining mentions of the same unnamed role; ``items`` in document order."""
    chains: list[_Chain] = []
    roles = [item for item in items if item.mention.kind == "ROLE"]
    for item in roles:
        if item.actor is not None or _owned_by_pronoun(item.token) \
                or _modifies_another_role(item, roles):
            continue
        chain = next((c for c in reversed(chains) if c.takes(item)), None)
        if chain is None:
            mention = item.mention
            actor = Actor(local_actor_id(article_id, len(chains)), mention.text, mention.country,
                          mention.sector, LOCAL_ACTOR_KIND)
            chain = _Chain(actor, item.token.lemma_.lower(), item.token.tag_, _words(item),
                           _counted(item.token))
            chains.append(chain)
        elif chain.actor.country is None and item.mention.country:
            chain.actor.country = item.mention.country
        _join(item, chain.actor)
    local = {id(chain.actor) for chain in chains}
    for item in items:  # a country learnt from a later mention holds for the whole chain
        if item.actor is not None and id(item.actor) in local:
            item.mention.country = item.actor.country


def _join(item: Resolved, actor: Actor) -> None:
    item.actor = actor
    mention = item.mention
    mention.actor_id, mention.name = actor.id, actor.name
    mention.sector = actor.sector or mention.sector  # one actor, one sector
    mention.evidence = {**mention.evidence, "local": True}


def _modifies_another_role(item: Resolved, roles: list[Resolved]) -> bool:
    """"police" in "a police spokesman": a word of another role phrase, inside its span or
    modifying its head, describes that role and is no group of its own."""
    span, head = item.mention, item.token
    return any(other is not item and (
        (other.mention.start <= span.start and span.end <= other.mention.end
         and other.mention.end - other.mention.start > span.end - span.start)
        or (head.head.i == other.token.i != head.i and head.dep_ in MODIFIER_DEPS))
        for other in roles)


def _owned_by_pronoun(head: Token) -> bool:
    """"His troops", "their government": someone else's role, whose actor is the owner's."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)


def _counted(head: Token) -> bool:
    """"21 passengers", "33 terrorists": a counted group is one set of people of its own."""
    return any(c.dep_ == "nummod" for c in head.children)


def _words(item: Resolved) -> frozenset[str]:
    return frozenset(w for w in item.mention.text.lower().split() if w not in DETERMINERS)
