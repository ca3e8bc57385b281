"""Fused events: event mentions of different articles (and repeated mentions in one article)
that describe the same real-world event become one record with every source mention.

Two mentions match when they are of the same type family and a weighted score of
participants (actor id, else country), date, mode, place and sentence words passes
``MATCH_THRESHOLD``. A phone call never matches an in-person contact, nor two different cities
one event. Other hard conflicts (explicit dates more than a day apart, places that exclude
each other above city level) block a match unless the participants agree fully and are
specific enough (the same two or more participants) — then the mention joins and the
disagreement is reported as a contradiction instead of hidden. Roles that clash, speech acts
about different things and acts a sentence dates before the news never match (see
docs/FUSION.md, "The auditors' error kinds").

The gate: a mention below the export threshold (``floor``: ``Settings.min_confidence``, the
confidence analysts are shown events at) never joins or seeds a fused event of several
mentions. It stays a fused event of its own — stored, in the story, shown with every
confidence — so nothing is lost, but a doubtful reading (a trigger word in another sense, a
background act) cannot glue unrelated reports into one event.
"""

from __future__ import annotations

import re
from collections import Counter

from heron.fuse.consensus import no_consensus, representative, summarise
from heron.fuse.contradictions import CITY_LEVEL, SYMMETRIC_FAMILIES, compatible_places
from heron.fuse.dates import (
    any_day,
    date_kind,
    day,
    explicit_day,
    gap,
    periods_compatible,
    shift_iso,
)
from heron.fuse.sources import event_source, is_fusable
from heron.fuse.text import content_words, jaccard
from heron.model import Analysis, Article, Event
from heron.records import ActorRefRecord, FusedEvent, PlaceRecord, Source
from heron.store.base import Store

# Types outlets use interchangeably for one act (aid is a kind of material cooperation).
FAMILIES = {"AID": "COOPERATE"}
MATCH_THRESHOLD = 0.6
TRIGGER_BONUS = 0.1  # outlets often reuse the event's own word ("arrested", "the arrest")
STEM_LENGTH = 4
SINGLE_PARTICIPANT_WEIGHT = 0.8  # a lone shared participant needs date/place/word support
DATE_TOLERANCE = 1  # days: a one-day difference may be a time-zone shift
FALLBACK_REACH = 7  # days before publication a fallback-dated (undated) mention may refer to
CANDIDATE_WINDOW = 14  # days around a mention's date searched for fused candidates
PLAN_PARTIES = 0.75  # participant agreement (both ways) for a plan to be linked to an outcome
PLAN_REACH = 60  # days after an undated plan's first report that its outcome may come
ANAPHOR_REACH = 6  # sentences back a definite mention ("the summit") may refer to
# "that" right before the noun or before a word that marks an event noun's status ("that
# planned meeting"): in "conviction that direct talks" it is a complementiser.
DEFINITE_BEFORE = re.compile(
    r"\b(?:(?:the|this|such|its|their)\s+(?:[\w’'-]+\s+){0,2}|that\s+(?:(?:planned|proposed|"
    r"expected|upcoming|possible|potential|first|last|next|previous|earlier|new)\s+)?)$", re.I)
# A demonstrative before an event noun ("That arrest was five days before ...", "this second
# attack"): it points at an act its own article set up, whatever participants the sentence
# lends it. "that" only at the start or after a preposition: elsewhere it is often a
# complementiser ("said that attacks continued"). A sentence start alone is no demonstrative
# ("Protests erupted ...", "Mass protests ...").
DEMONSTRATIVE_BEFORE = re.compile(
    r"(?:\b(?:this|these|those)\s+|(?:^|\b(?:of|after|before|since|in|on|for|with|from|"
    r"during|about|over)\s+)that\s+)(?:[\w'-]+\s+)?$", re.I)
# "another 20,000 people marched", "a separate attack": not the act the story already holds.
ANOTHER_BEFORE = re.compile(r"\b(?:another|other|separate|second)\s+(?:[\w,'-]+\s+){0,3}$",
                            re.I)
# Speech acts: one verb ("criticized", "called for") says little; what was said decides.
SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT"})
# A remote contact is never the same event as an in-person one.
REMOTE_MODES = frozenset({"phone"})
# Nouns of contacts in person: an anaphor like "that meeting" never means a call.
IN_PERSON_NOUN = re.compile(r"(?:meeting|summit|visit|trip|tour|meet)s?")
# Repeated or habitual acts: not one event.
HABITUAL = re.compile(
    r"\b(?:(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+) times|"
    r"(?:every|each) (?:year|month|week|day|time)|for the (?:last|past) (?:\w+ )?"
    r"(?:years|decades|months)|repeatedly|regularly|usually|constantly|always|whenever|"
    r"any ?time)\b", re.I)
# Actors the knowledge base does not know get an id from their name in each article.
UNKNOWN_ACTOR = "new:"
COMPANY_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "sa", "ag"})
# Actor ids of a country or a country's sector ("RUS", "USA:GOV", "NATO:MIL").
COUNTRY_LEVEL_ID = re.compile(r"[A-Z]+(?::[A-Z]+)?")


def family(event_type: str) -> str:
    return FAMILIES.get(event_type, event_type)


def participant_keys(source: Source) -> dict[str, str | None]:
    """Participant key (actor id, else country) → country."""
    return _ref_keys(source["actors"] + source["recipients"])


def _ref_keys(refs: list[ActorRefRecord]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for ref in refs:
        # A country acting as itself ("IDN") is the same key as a mention only known by its
        # country ("the Indonesian province").
        actor_id = ref["actor_id"] if ref["actor_id"] != ref["country"] else None
        key = actor_id or (f"country:{ref['country']}" if ref["country"] else None)
        if key:
            out[key] = ref["country"]
    return out


def core_participants(fused: FusedEvent) -> dict[str, str | None]:
    """Participants named by at least a third of the fused event's mentions."""
    counts: Counter[str] = Counter()
    countries: dict[str, str | None] = {}
    named = 0
    for s in fused["sources"]:
        keys = participant_keys(s)
        named += bool(keys)
        counts.update(list(keys))
        countries.update(keys)
    least = named / 3
    return {k: countries[k] for k, n in counts.items() if n >= least}


def _covered(mine: dict[str, str | None], theirs: dict[str, str | None]) -> float:
    """Share of ``mine`` found in ``theirs`` (see :func:`_found`)."""
    return sum(_found(k, c, theirs) for k, c in mine.items()) / len(mine)


def _found(key: str, country: str | None, theirs: dict[str, str | None]) -> float:
    """1 when ``theirs`` has the participant, 0.75 when it has its country. A named actor (a
    person, an organisation) falls back to its country only when ``theirs`` names no other
    actor of that country: Trump and "the United States" may be one side, Trump and another
    US official are two different people."""
    if key in theirs or any(same_unknown_actor(key, k) for k in theirs):
        return 1.0
    if not country or country not in theirs.values():
        return 0.0
    named_elsewhere = is_named(key) and any(is_named(k) and c == country for k, c in theirs.items())
    return 0.0 if named_elsewhere else 0.75


def same_unknown_actor(key: str, other: str) -> bool:
    """Two actors the knowledge base does not know (``new:<name>``), one named in full and one
    by part of the name, the last word the same: "Jackson" and "Vincent Jackson", "EYP Mission
    Critical Facilities" and "... Facilities Inc." — each article names them on its own, so
    their keys differ."""
    if not (key.startswith(UNKNOWN_ACTOR) and other.startswith(UNKNOWN_ACTOR)) or key == other:
        return False
    mine, theirs = (k[len(UNKNOWN_ACTOR):].split("-") for k in (key, other))
    short, full = sorted((mine, theirs), key=len)
    return set(short) <= set(full) and (short[-1] == full[-1] or full[-1] in COMPANY_SUFFIXES)


def _substituted(mine: dict[str, str | None], core: dict[str, str | None]) -> bool:
    """Another named actor of a country in the place of the event's ("Rubio hosted
    Zelenskyy" against "Trump hosted Zelenskyy"): a different event, not a disagreement."""
    def named(keys: dict[str, str | None], country: str) -> set[str]:
        return {k for k, c in keys.items() if c == country and is_named(k)}
    return any(is_named(k) and k not in core and c and named(core, c)
               and not named(mine, c) & core.keys() for k, c in mine.items())


def is_named(key: str) -> bool:
    """A participant key of an individual actor rather than a country (sector) or country."""
    return not key.startswith("country:") and not COUNTRY_LEVEL_ID.fullmatch(key)


def participant_score(source: Source, fused: FusedEvent) -> tuple[float, bool]:
    """How well the participants agree — the better of "the mention names a subset of the
    event's" and "it names the event's core participants (plus others)" — and whether they
    are specific enough for a disagreement to be a contradiction rather than another event:
    the same set of at least two, or — for a plan, which one leader does not make twice in a
    fortnight — at least two of the event's own participants, by key."""
    mine = participant_keys(source)
    core = core_participants(fused) if mine else {}
    if not mine or not core:  # unidentified participants ("protesters"): the place decides
        return (0.5 if _same_place(source["location"], fused["sources"]) else 0.0), False
    if _substituted(mine, core):
        return 0.0, False
    forward, backward = _covered(mine, core), _covered(core, mine)
    # One shared participant (often a country) is weaker evidence than two.
    shared = sum(1 for k, c in mine.items() if _found(k, c, core))
    weight = 1.0 if shared >= 2 else SINGLE_PARTICIPANT_WEIGHT
    same_set = forward == backward == 1.0 and len(mine) >= 2
    same_plan = source["planned"] and fused["planned"] and len(_identities(mine) & _identities(core)) >= 2
    return weight * max(forward, backward), same_set or same_plan


def roles_clash(source: Source, fused: FusedEvent) -> bool:
    """Both name who acted (or both whom it was done to) and every one named on one side is
    told apart from every one on the other: "Sudan accuses South Sudan" is not "South Sudan
    accuses Sudan", "Grifo said" not "Salazar said". The overall participant share cannot see
    this when each side names only one role, or one side none. Symmetric contacts (meetings,
    cooperation, agreements) have no roles to swap."""
    if fused["family"] in SYMMETRIC_FAMILIES:
        return False
    for role in ("actors", "recipients"):
        mine = _ref_keys(source[role])
        theirs: dict[str, str | None] = {}
        for s in fused["sources"]:
            theirs.update(_ref_keys(s[role]))
        # who spoke defines a statement; of other acts, unknown names are too unreliable
        speakers = role == "actors" and fused["family"] in SPEECH_ACTS
        if mine and theirs and all(_told_apart(k, c, other, oc, speakers)
                                   for k, c in mine.items() for other, oc in theirs.items()):
            return True
    return False


def _told_apart(key: str, country: str | None, other: str, other_country: str | None,
                speakers: bool) -> bool:
    """Two participants known to differ: of different countries, or two different named
    actors. A country against one of its people ("Georgia", "the police") may be one side;
    a place known by its country against an actor of unknown country cannot be told apart;
    nor can two names the knowledge base does not know, countries unknown, unless they are
    ``speakers`` (such a name is often no actor at all: "arrested on suspicion of DUI")."""
    if key == other or same_unknown_actor(key, other):
        return False
    both_named = is_named(key) and is_named(other)
    if country and other_country:
        return country != other_country or both_named
    unknown = key.startswith(UNKNOWN_ACTOR) and other.startswith(UNKNOWN_ACTOR)
    return both_named and (speakers or not unknown)


def topics_differ(source: Source, fused: FusedEvent) -> bool:
    """A speech act ("criticized", "accused", "called for") is one statement only when what
    was said overlaps: the sentences share a word besides the verb and the parties' names
    ("accused Sudan of arming rebels" and "accused Sudan of bombing a camp" are two
    accusations). A sentence with nothing besides them cannot tell, and does not split."""
    if fused["family"] not in SPEECH_ACTS:
        return False
    mine = topic_words(source)
    theirs = [topic_words(s) for s in fused["sources"]]
    return bool(mine) and all(t and not mine & t for t in theirs)


def topic_words(source: Source) -> set[str]:
    """The sentence's content words but the trigger's and the participants' own."""
    names = {w for r in source["actors"] + source["recipients"]
             for w in content_words(f"{r['name']} {r['text']}")}
    stem = trigger_stem(source)
    return {w for w in source["words"] if w not in names and not w.startswith(stem)}


def _identities(keys: dict[str, str | None]) -> set[str]:
    """Named actors by id; a country in any role ("KOR:GOV", a place in Korea) by country."""
    return {k if is_named(k) else f"country:{c}" for k, c in keys.items()}


def _same_place(location: PlaceRecord | None, sources: list[Source]) -> bool:
    return location is not None and any(
        (theirs := s["location"]) is not None and theirs["name"] == location["name"]
        for s in sources)


def date_score(source: Source, other: Source) -> float | None:
    """1 for explicit days within tolerance, 0.5 for weaker but compatible dates (a
    publication fallback that could refer to the other's day, a date carried over from
    another sentence), 0 when unknown, None for a hard conflict."""
    if coarse_conflict(source, other):
        return None
    mine, theirs = any_day(source), any_day(other)
    if not mine or not theirs:
        return 0.0
    apart = gap(mine, theirs)
    kinds = {date_kind(source), date_kind(other)}
    if kinds == {"explicit"}:
        return 1.0 if apart <= DATE_TOLERANCE else None
    if kinds == {"fallback"}:
        return 0.5 if apart <= FALLBACK_REACH else 0.0
    if "fallback" in kinds:
        fallback_first = date_kind(source) == "fallback"
        undated, dated = (source, other) if fallback_first else (other, source)
        undated_day, dated_day = (mine, theirs) if fallback_first else (theirs, mine)
        if undated["planned"] or (undated_day >= dated_day and apart <= FALLBACK_REACH):
            return 0.5
        return None if date_kind(dated) == "explicit" else 0.0
    return 0.5 if apart <= DATE_TOLERANCE else 0.0  # a carried date: weak either way


def coarse_conflict(source: Source, other: Source) -> bool:
    """Dates of their own clauses that exclude each other at the precision both know: "in
    March 2017" against "June 12, 2017" or "in 2016" (days are compared in :func:`date_score`,
    with a tolerance)."""
    if date_kind(source) != "explicit" or date_kind(other) != "explicit":
        return False
    a, b = source["date"], other["date"]
    if not a or not b or (len(a) >= 10 and len(b) >= 10):
        return False
    return not periods_compatible(a, b)


def mode_score(source: Source, fused: FusedEvent) -> float | None:
    """1 same mode, 0.5 one unspecified, 0 different. A remote contact (phone) against an
    in-person one — another mode, or an unspecified one located in a place — is a conflict
    (None); against an unspecified, unlocated one a penalty."""
    modes = {s["mode"] for s in fused["sources"] if s["mode"]}
    mine = source["mode"]
    remote = (mine in REMOTE_MODES, bool(modes & REMOTE_MODES))
    if remote[0] != remote[1]:
        in_person = [source] if not remote[0] else [s for s in fused["sources"] if not s["mode"]]
        located = any(s["location"] for s in in_person)
        return None if (mine and modes) or located else -1.0
    if mine and mine in modes:
        return 1.0
    return 0.0 if mine and modes else 0.5


def cities_apart(source: Source, fused: FusedEvent) -> bool:
    """Two different cities: two events however many parties they share (a day of marches in
    Athens and Thessaloniki, raids on stores in Paris and Dubai)."""
    location = source["location"]
    return location is not None and location["kind"] in CITY_LEVEL and any(
        (theirs := s["location"]) is not None and theirs["kind"] in CITY_LEVEL
        and not compatible_places(location, theirs) for s in fused["sources"])


def places_conflict(source: Source, fused: FusedEvent) -> bool:
    """A past event located in places that exclude each other (two different cities) is two
    events; planned events are compared on their venue statements instead."""
    location = source["location"]
    if source["planned"] or not location:
        return False
    return any(s["location"] and not compatible_places(location, s["location"])
               for s in fused["sources"])


def era_conflict(source: Source, fused: FusedEvent) -> bool:
    """A background mention (an act its own clause dates over a month before the report: "the
    2015 nuclear deal") is only ever the same event as another background mention of a
    compatible date, never one of the story's current events."""
    if bool(source.get("background")) != bool(fused.get("background")):
        return True
    return bool(source.get("background")) and not all(
        periods_compatible(source["date"], s["date"]) for s in fused["sources"])


def match_score(source: Source, fused: FusedEvent, across_plans: bool = False) -> float:
    """How well a mention fits a fused event (≥ MATCH_THRESHOLD: the same event). A plan and
    its outcome never match (they are linked by :func:`link_plans` instead), unless
    ``across_plans`` asks whether they are that pair."""
    if era_conflict(source, fused) or (source["planned"] != fused["planned"] and not across_plans):
        return 0.0
    if is_habitual(source) or any(is_habitual(s) for s in fused["sources"][:1]):  # a habit: alone
        return 0.0
    part, strong = participant_score(source, fused)
    if part == 0 or roles_clash(source, fused) or topics_differ(source, fused):
        return 0.0
    dates = [date_score(source, s) for s in fused["sources"]]
    known = [d for d in dates if d is not None]
    if len(known) < len(dates) and not strong:
        return 0.0
    mode = mode_score(source, fused)
    if mode is None:  # a call and a meeting are two contacts, whoever took part
        return 0.0
    if places_conflict(source, fused) and (not strong or cities_apart(source, fused)):
        return 0.0
    words = max(jaccard(set(source["words"]), set(s["words"])) for s in fused["sources"])
    # the same word is evidence only between mentions whose parties already largely agree:
    # "Trump called Putin" and "Zelenskyy was called by Trump" are two calls
    same_word = part >= 0.5 and any(trigger_stem(s) == trigger_stem(source)
                                    for s in fused["sources"])
    return (0.5 * part + 0.25 * (max(known) if known else 0.0) + 0.15 * words
            + 0.1 * (mode or 0.0) + TRIGGER_BONUS * same_word)


def _pattern_head(source: Source) -> list[str]:
    return source.get("pattern", "").split(" ")[0].split("->")[0].split(":")


def _pos(source: Source) -> str:
    parts = _pattern_head(source)
    return parts[1] if len(parts) >= 3 else ""


def trigger_lemma(source: Source) -> str:
    """The trigger's lemma from the pattern (``TYPE:pos:lemma``), else its first word."""
    parts = _pattern_head(source)
    word = parts[2] if len(parts) >= 3 and parts[2] else source["trigger"]["text"]
    return word.split(" ")[0].lower()


def trigger_stem(source: Source) -> str:
    """A crude stem of the trigger's lemma (the events component's pattern starts with
    ``TYPE:pos:lemma``), else of its first word: "arrested"/"arrest", "killing"/"killed",
    "shot"/"shooting" (lemma "shoot")."""
    return trigger_lemma(source)[:STEM_LENGTH]


def below_floor(source: Source, floor: float) -> bool:
    """A mention analysts are not shown by default (see the module's gate)."""
    return source["confidence"] < floor


def is_open(fused: FusedEvent, floor: float) -> bool:
    """Whether other mentions may join ``fused``: not when it holds a mention below the
    floor, nor a demonstrative one without antecedent (such a mention seeds nothing; its
    fused event stays its alone)."""
    return not any(below_floor(s, floor) or s.get("isolated") for s in fused["sources"])


def fuse_article_events(store: Store, story_id: str, article: Article,
                        analysis: Analysis, floor: float = 0.0) -> list[FusedEvent]:
    """Merge the article's events into the story's fused events; returns those touched.
    Definite mentions without participants ("the summit") first look for their antecedent
    in the article; only if there is none are they matched like any other mention — or, with
    no place to match on either, joined to the story's only event of their kind. A mention
    below ``floor`` joins nothing: fusable, it is a fused event of its own; otherwise (it could
    only have joined another) it stays the article's event alone."""
    touched: dict[str, FusedEvent] = {}
    anaphors: list[Event] = []
    demonstratives: list[Event] = []
    denials: list[Event] = []
    unanchored: list[Event] = []
    for event in analysis.events:
        if event.confidence < floor:
            if is_fusable(event):
                _fuse_one(store, story_id, event_source(article, analysis, event), touched, floor)
        elif is_anaphor(article.text, event):
            anaphors.append(event)
        elif is_fusable(event) and is_demonstrative(article.text, event):
            demonstratives.append(event)
        elif is_fusable(event):
            _fuse_one(store, story_id, event_source(article, analysis, event), touched, floor)
        elif is_denial(event):
            denials.append(event)
        elif is_unanchored(event):
            unanchored.append(event)
    for event in anaphors:
        source = event_source(article, analysis, event)
        joinable = [f for f in touched.values() if is_open(f, floor)]
        antecedent = resolve_anaphor(source, joinable) or (
            None if is_fusable(event) or is_demonstrative(article.text, event)
            or refers_to_another(source) else
            _story_antecedent(store, story_id, source, touched, floor, same_lemma=True))
        if antecedent is not None:
            antecedent["sources"].append({**source, "anaphor": True})
            summarise(antecedent)
            touched[antecedent["id"]] = antecedent
        elif is_fusable(event):
            _fuse_one(store, story_id, source, touched, floor)
    for event in demonstratives:
        _place_demonstrative(story_id, event_source(article, analysis, event), touched, floor)
    for event in denials:
        _attach_denial(store, story_id, event_source(article, analysis, event), touched, floor)
    for event in unanchored:
        source = event_source(article, analysis, event)
        if is_generic(source) or refers_to_another(source):
            continue
        only = _story_antecedent(store, story_id, source, touched, floor, same_lemma=True)
        if only is not None and tied_beyond_the_word(source, only):
            only["sources"].append({**source, "unanchored": True})
            summarise(only)
            touched[only["id"]] = only
    return list(touched.values())


def is_demonstrative(text: str, event: Event) -> bool:
    """An event noun after a demonstrative ("That arrest was just five days prior to ...",
    "this second attack"): it refers to an act of its own article."""
    if ":noun:" not in event.pattern.split(" ")[0]:
        return False
    before = text[max(event.sentence_span.start, event.trigger.start - 40):event.trigger.start]
    return bool(DEMONSTRATIVE_BEFORE.search(before))


def _place_demonstrative(story_id: str, source: Source, touched: dict[str, FusedEvent],
                         floor: float) -> None:
    """A demonstrative mention joins its antecedent in its own article; without one it is
    an event of its own that no other report joins: what it points at is not known."""
    antecedent = resolve_anaphor(source, [f for f in touched.values() if is_open(f, floor)])
    if antecedent is None:
        fused = new_fused_event(f"fe-{source['event_id']}", story_id,
                                family(source["event_type"]), source["planned"])
        antecedent, source = fused, {**source, "isolated": True}
        touched[fused["id"]] = fused
    antecedent["sources"].append(source)
    summarise(antecedent)
    touched[antecedent["id"]] = antecedent


def refers_to_another(source: Source) -> bool:
    """"another 20,000 people marched", "a separate attack": an act besides the one the
    story already holds, never joined to it for want of anything else to match."""
    sentence = source["sentence"]
    before = sentence["text"][:max(0, source["trigger"]["start"] - sentence["start"])]
    return bool(ANOTHER_BEFORE.search(before[-60:]))


def tied_beyond_the_word(source: Source, fused: FusedEvent) -> bool:
    """What ties a report without participants or place to the story's one event of its
    word, besides the word: the same explicit day, or a content word of the sentences
    ("Timmons, who was arrested 12 days after the shooting" shares nothing but "arrested"
    with "the sheriff's department arrested one gentleman who refused to leave")."""
    mine = explicit_day(source)
    if mine and any((theirs := explicit_day(s)) and gap(mine, theirs) <= DATE_TOLERANCE
                    for s in fused["sources"]):
        return True
    stem = trigger_stem(source)
    words = {w for w in source["words"] if not w.startswith(stem)}
    return any(words & set(s["words"]) for s in fused["sources"])


def is_unanchored(event: Event) -> bool:
    """A reported act with no identified participant and no place ("a deputy was killed
    Friday"): too vague to match on its own, it joins the story's one event of its family
    reported with the same word ("killed"; a "shelling" may be another act) — none when the
    story has two."""
    return event.status != "negated" and "announced[" not in event.pattern and \
        not is_fusable(event)


def is_generic(source: Source) -> bool:
    """A mention of a class of acts or of a habit, not of one act: a plural event noun ("a
    record of convictions", "the deployments"), a verb in the simple present ("the law
    allows Congress to review"), a repeated act ("hosted the ceremony five times", "has
    been hosting the Oscars for the last 20 years")."""
    trigger, lemma, pos = source["trigger"]["text"].lower(), trigger_lemma(source), _pos(source)
    plural = pos == "noun" and trigger != lemma and trigger.rstrip("s") in (lemma, lemma + "e")
    present = pos == "verb" and trigger.endswith("s") and trigger in (lemma + "s", lemma + "es")
    return plural or present or is_habitual(source)


def _same_sense(source: Source, fused: FusedEvent) -> bool:
    """A mention with no participant of its own is the event's only when its word is the
    event's in the same sense: the same lemma, not merely the same stem ("a plea hearing" is
    no "pleaded"; "a refusal" no "refused"; "convictions" no "convicted")."""
    lemma = trigger_lemma(source)
    return any(trigger_lemma(s) == lemma for s in fused["sources"])


def is_habitual(source: Source) -> bool:
    """A repeated or habitual act ("hosted the ceremony five times", "has been hosting the
    Oscars for the last 20 years"): many acts, never the same event as one of them."""
    return bool(HABITUAL.search(source["sentence"]["text"]))


def merge_split_events(store: Store, story_id: str, touched: dict[str, FusedEvent],
                       floor: float = 0.0) -> list[str]:
    """Join fused events that the story's growth shows to be one: an early mention may open an
    event that later mentions, arriving in another order, would have joined. Two events merge
    when each one's best mention matches the other; the larger absorbs the smaller (sources,
    stances, parked reports). Returns the ids of the events absorbed (to delete). An event
    holding a mention below ``floor`` merges with none."""
    removed: list[str] = []
    for fused in sorted(touched.values(), key=lambda f: -len(f["sources"])):
        if fused["id"] in removed or not is_open(fused, floor):
            continue
        pool = _pool(store, story_id, fused["family"], fused, touched, floor)
        for other in pool.values():
            if other["id"] == fused["id"] or other["id"] in removed or \
                    other["planned"] != fused["planned"] or not _one_event(fused, other):
                continue
            big, small = sorted((fused, other), key=lambda f: -len(f["sources"]))
            _absorb(big, small)
            touched[big["id"]] = big
            touched.pop(small["id"], None)
            removed.append(small["id"])
            if small is fused:
                break
    return removed


def _one_event(a: FusedEvent, b: FusedEvent, across_plans: bool = False) -> bool:
    return match_score(representative(a), b, across_plans) >= MATCH_THRESHOLD and \
        match_score(representative(b), a, across_plans) >= MATCH_THRESHOLD


def link_plans(store: Store, story_id: str,
               touched: dict[str, FusedEvent]) -> dict[str, FusedEvent]:
    """Link each touched fused event with its counterpart across plan status — "Ishiba will
    visit Seoul on Sept 10" and "Ishiba met Lee in Seoul on Wednesday" — when each one's best
    mention matches the other apart from the status. They stay two records (what was announced,
    what happened) that point at each other in ``plan_links``. Returns the events changed."""
    changed: dict[str, FusedEvent] = {}
    for fused in list(touched.values()):
        # a link joins no mentions: the two records stay apart, so the gate does not apply
        pool = _pool(store, story_id, fused["family"], fused, touched, floor=0.0)
        for other in pool.values():
            if other["planned"] == fused["planned"] or other["id"] in fused.get("plan_links", []) \
                    or not _plan_and_outcome(*sorted((fused, other), key=lambda f: not f["planned"])):
                continue
            for a, b in ((fused, other), (other, fused)):
                a["plan_links"] = sorted({*a.get("plan_links", []), b["id"]})
                changed[a["id"]] = a
    return changed


def _plan_and_outcome(plan: FusedEvent, outcome: FusedEvent) -> bool:
    """Whether a reported event is what a plan announced: the same parties both ways (at
    least ``PLAN_PARTIES``), the same era, no clash of mode or place, and the outcome dated
    as one of the plan's sources dated it — or, when no source dated the plan, after the plan
    was first reported and within ``PLAN_REACH`` days of it. A plan whose sources disagree on
    the day links to the outcome on either day (the disagreement stays a contradiction)."""
    told, done = representative(plan), representative(outcome)
    if era_conflict(told, outcome) or mode_score(done, plan) is None or \
            places_conflict({**told, "planned": False}, outcome):
        return False
    if min(participant_score(done, plan)[0], participant_score(told, outcome)[0]) < PLAN_PARTIES:
        return False
    dated = [s["date"] for s in plan["sources"] if date_kind(s) == "explicit" and explicit_day(s)]
    if dated:
        return any(periods_compatible(outcome["date"], d) for d in dated)
    start = day(plan.get("first_reported")) if plan.get("first_reported") else None
    end = day(outcome["date"])
    if start is None or end is None:
        return False
    return 0 <= (end - start).days <= PLAN_REACH


def _absorb(big: FusedEvent, small: FusedEvent) -> None:
    seen = {s["event_id"] for s in big["sources"]}
    big["sources"].extend(s for s in small["sources"] if s["event_id"] not in seen)
    links = set(big.get("plan_links", [])) | set(small.get("plan_links", []))
    big["plan_links"] = sorted(links - {big["id"], small["id"]})
    if small.get("stances"):
        big.setdefault("stances", []).extend(small["stances"])
    if small.get("arrangements"):
        big.setdefault("arrangements", []).extend(small["arrangements"])
    summarise(big)


def is_denial(event: Event) -> bool:
    """A negated report of an act by identified participants ("Israel denied that its jets
    struck ...", "Russia did not attack ..."): evidence against an event others report. The
    act must be the negated verb itself: a noun inside a negated clause ("did not restrain
    giving his opinion ... during a meeting") is not said not to have happened."""
    return event.status == "negated" and "announced[" not in event.pattern and \
        ":noun:" not in event.pattern.split(" ")[0] and any(
            r.actor_id or r.country for r in event.actors + event.recipients)


def _attach_denial(store: Store, story_id: str, source: Source,
                   touched: dict[str, FusedEvent], floor: float) -> None:
    """A denial joins the reported (not planned) event it matches — as a source whose status
    is ``negated``, not counted as corroboration — and never opens an event of its own."""
    fam = family(source["event_type"])
    pool = _pool(store, story_id, fam, source, touched, floor)
    reported = [f for f in pool.values() if not f["planned"]]
    best = max(reported, key=lambda f: match_score(source, f), default=None)
    if best is not None and match_score(source, best) >= MATCH_THRESHOLD and \
            _two_shared_parties(source, best):
        best["sources"].append({**source, "support": "denial"})
        summarise(best)
        touched[best["id"]] = best


def _two_shared_parties(source: Source, fused: FusedEvent) -> bool:
    """A denial sets itself against an event only when it names two of the event's parties
    ("Israel denied that its aircraft attacked targets in Syria"): one shared name ("results of
    Williams' test have not been released" against "Williams was released on bail") is too
    little to say that the same act is denied."""
    mine = _identities(participant_keys(source))
    return len(mine & _identities(core_participants(fused))) >= 2


def _story_antecedent(store: Store, story_id: str, source: Source,
                      touched: dict[str, FusedEvent], floor: float,
                      same_lemma: bool = False) -> FusedEvent | None:
    """"The rally" in an article that names no rally of its own: the story's one fused event
    of that family and plan status around that date, if there is exactly one (``same_lemma``:
    the one among those reported with the mention's word — "the investigation" is not
    "Olson blames the state")."""
    fam = family(source["event_type"])
    pool = _pool(store, story_id, fam, source, touched, floor)
    fitting = [f for f in pool.values() if f["planned"] == source["planned"]
               and not era_conflict(source, f)
               and all(date_score(source, s) is not None for s in f["sources"])
               and (not same_lemma or _same_sense(source, f))]
    return fitting[0] if len(fitting) == 1 else None


def new_fused_event(fused_id: str, story_id: str, fam: str, planned: bool) -> FusedEvent:
    """An empty fused event, its fields in the order they are stored; :func:`summarise` fills
    them in from the sources."""
    return {"id": fused_id, "story_id": story_id, "family": fam, "sources": [],
            "planned": planned, "stances": [], "consensus": no_consensus(), "event_type": fam, "mode": None,
            "status": "asserted", "date": None, "date_precision": "unknown", "location": None,
            "killed": None, "injured": None, "size": None, "actors": [], "recipients": [],
            "n_sources": 0, "n_outlets": 0, "n_direct_outlets": 0, "n_denials": 0,
            "background": False, "confidence": None, "first_reported": None, "label": "",
            "contradiction_ids": []}


def _fuse_one(store: Store, story_id: str, source: Source,
              touched: dict[str, FusedEvent], floor: float) -> None:
    """Join the best-matching open fused event, else open one; a mention below ``floor``
    always opens its own."""
    fam = family(source["event_type"])
    pool = {} if below_floor(source, floor) else _pool(store, story_id, fam, source, touched, floor)
    best = max(pool.values(), key=lambda f: match_score(source, f), default=None)
    if best is None or match_score(source, best) < MATCH_THRESHOLD:
        best = new_fused_event(f"fe-{source['event_id']}", story_id, fam, source["planned"])
    best["sources"].append(source)
    summarise(best)
    touched[best["id"]] = best


def is_anaphor(text: str, event: Event) -> bool:
    """A participant-less definite mention ("the summit", "that meeting") of a real event:
    it refers back to an event the article already named with its participants."""
    # An actor carried over from an earlier sentence's attack is the antecedent's, not the
    # mention's own ("Israeli jets struck ... Syria condemned the attack").
    own_actors = event.actors and "actor:carried-from-sentence" not in event.pattern
    if event.status == "negated" or "announced[" in event.pattern or own_actors or \
            event.recipients or ":noun:" not in event.pattern.split(" ")[0]:
        return False  # a verb after "the" has the article on its subject ("the driver hit")
    before = text[max(event.sentence_span.start, event.trigger.start - 40):event.trigger.start]
    return bool(DEFINITE_BEFORE.search(before))


def resolve_anaphor(source: Source, fused: list[FusedEvent]) -> FusedEvent | None:
    """The fused event of the same family and plan status whose latest mention in this
    article comes closest before the anaphor (within ``ANAPHOR_REACH`` sentences); between
    mentions of one sentence a noun ("a summit") is a likelier antecedent than a verb."""
    best, best_rank = None, (-1, False)
    in_person = IN_PERSON_NOUN.fullmatch(source["trigger"]["text"].lower()) is not None
    for f in fused:
        if f["family"] != family(source["event_type"]) or f["planned"] != source["planned"] \
                or era_conflict(source, f):
            continue
        if in_person and any(s["mode"] in REMOTE_MODES for s in f["sources"]):
            continue  # "that meeting" does not refer back to a phone call
        for s in f["sources"]:
            gap_ = source["sentence_index"] - s["sentence_index"]
            rank = (s["sentence_index"], ":noun:" in s["pattern"].split(" ")[0])
            if (s["article_id"] == source["article_id"] and 0 <= gap_ <= ANAPHOR_REACH
                    and s["event_id"] != source["event_id"] and rank > best_rank):
                best, best_rank = f, rank
    return best


def _pool(store: Store, story_id: str, fam: str, item: Source | FusedEvent,
          touched: dict[str, FusedEvent], floor: float) -> dict[str, FusedEvent]:
    """The story's stored events of a family around ``item``'s date, replaced by (and
    completed with) the versions this article is already updating; only those open to other
    mentions at ``floor``."""
    pool = {f["id"]: f for f in _candidates(store, story_id, fam, item)}
    pool.update((k, f) for k, f in touched.items() if f["family"] == fam)
    return {k: f for k, f in pool.items() if is_open(f, floor)}


def _candidates(store: Store, story_id: str, fam: str,
                source: Source | FusedEvent) -> list[FusedEvent]:
    return store.fused_candidates(story_id, fam, *date_window(source, CANDIDATE_WINDOW))


def date_window(item: Source | FusedEvent, days: int) -> tuple[str, str]:
    """ISO bounds ``days`` around the item's date; unbounded when it is undated."""
    when = day(item.get("date"))
    if when is None:
        return "0000", "9999"
    return shift_iso(when.isoformat(), -days), shift_iso(when.isoformat(), days)
