"""Cross-document clustering of actors that are not in the KB (ids ``new:<slug>``).

Two new actors are the same when their names agree and their contexts do not contradict:
same kind, and countries equal or unknown on one side. Names agree when they fold to the same
string, when one is a bare surname of the other ("Maletskyj" / "Vitalii Maletskyj"), or when
both full names are transliteration variants (compatible surname and first name, surname
similarity ≥ 0.85: "Vitalii Maletskyj" / "Vitaliy Maletskyi"). People's names follow the
in-document rules of :mod:`heron.nlp.actors.people` ("James B. Comey" = "James Comey";
"Donald Trump Jr." ≠ "Donald Trump"; middle initials must agree when both have one), and
clusters are complete-link. A short name that fits several different full names is left alone
rather than guessed.
"""

from __future__ import annotations

from heron.model import Actor
from heron.nlp.actors.names import compatible_tokens, token_similarity, tokens
from heron.nlp.actors.people import parse_name, same_person

VARIANT_SIMILARITY = 0.85


def cluster_new_actors(actors: list[Actor]) -> dict[str, str]:
    """Map every ``new:`` actor id in ``actors`` to the id of its cluster's canonical actor.

    The canonical actor is the one with the fullest name (most tokens, then most mentions);
    ids map to themselves when nothing merges. KB actors are ignored.
    """
    new = {a.id: a for a in actors if a.id.startswith("new:")}
    parent = {ident: ident for ident in new}

    def root(ident: str) -> str:
        while parent[ident] != ident:
            parent[ident] = parent[parent[ident]]
            ident = parent[ident]
        return ident

    members: dict[str, list[Actor]] = {ident: [a] for ident, a in new.items()}
    for block in _blocks(new.values()):
        ordered = sorted(block, key=_fullness, reverse=True)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                ra, rb = root(a.id), root(b.id)
                # Complete link: every pair of the merged cluster must agree, so "J. Comey"
                # cannot bridge "James Comey" and "John Comey".
                if ra != rb and _same_actor(a, b) and all(
                        _same_actor(x, y) for x in members[ra] for y in members[rb]):
                    parent[rb] = ra
                    members[ra] += members.pop(rb)
        for short in ordered:
            longer = {root(f.id) for f in ordered if _is_short_form(short, f)}
            if len(longer) == 1:
                parent[root(short.id)] = longer.pop()
    return {ident: root(ident) for ident in new}


def _blocks(actors) -> list[list[Actor]]:
    """Only actors of the same kind whose last names start alike can merge: compare within
    these blocks instead of all pairs."""
    blocks: dict[tuple[str, str], list[Actor]] = {}
    for actor in actors:
        parts = tokens(actor.name)
        blocks.setdefault((actor.kind, parts[-1][:1] if parts else ""), []).append(actor)
    return list(blocks.values())


def _fullness(actor: Actor) -> tuple[int, int, str]:
    return len(tokens(actor.name)), sum(actor.surface_forms.values()), actor.id


def _compatible_context(a: Actor, b: Actor) -> bool:
    return a.kind == b.kind and (a.country is None or b.country is None or a.country == b.country)


def _same_actor(a: Actor, b: Actor) -> bool:
    ta, tb = tokens(a.name), tokens(b.name)
    if not (ta and tb and _compatible_context(a, b)):
        return False
    if a.kind == "person":  # the in-document rules: suffixes, first names, middle initials
        na, nb = parse_name(a.name), parse_name(b.name)
        return (na is not None and nb is not None and bool(na.given) and bool(nb.given)
                and same_person(na, nb))
    if ta == tb:
        return True
    if min(len(ta), len(tb)) < 2:
        return False
    return (compatible_tokens(ta[-1], tb[-1]) and compatible_tokens(ta[0], tb[0])
            and token_similarity(ta[-1], tb[-1]) >= VARIANT_SIMILARITY)


def _is_short_form(short: Actor, full: Actor) -> bool:
    ts, tf = tokens(short.name), tokens(full.name)
    if full.kind == "person" and (name := parse_name(full.name)) is not None:
        tf = [*name.given, name.surname]  # "Trump" is no short form of "Donald Trump Jr."
        if name.suffix:
            return False
    return (len(ts) == 1 and len(tf) > 1 and _compatible_context(short, full)
            and ts[0][0] == tf[-1][0] and compatible_tokens(ts[0], tf[-1]))
