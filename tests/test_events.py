"""The events component on single sentences, with the real spaCy model.

These run the events component alone (participants then come from spaCy's entities, unresolved),
so they check event typing, status, roles and magnitudes independently of the actors KB.
"""

from __future__ import annotations

import pytest

from heron.model import Analysis, Article, Event, Mention
from heron.nlp.context import DocContext
from heron.nlp.events import code_texts
from heron.nlp.events.lexicon import QUAD_CODES, load_lexicon
from heron.nlp.pipeline import Pipeline

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                "ASSAULT"}


@pytest.fixture(scope="module")
def events_only(nlp) -> Pipeline:
    return Pipeline(components=("events",))


@pytest.fixture(scope="module")
def events_actors(nlp) -> Pipeline:
    return Pipeline(components=("actors", "events"))


@pytest.fixture(scope="module")
def events_full(nlp) -> Pipeline:
    """Events with their date and place sources (narrative dating needs the time expressions)."""
    return Pipeline(components=("timexes", "places", "events"))


def code(pipeline: Pipeline, text: str, published: str = "2025-08-20") -> list[Event]:
    article = Article(id="t", text=text, raw_text=text, published=published)
    return next(pipeline.analyse([article])).events


def only(events: list[Event], event_type: str) -> Event:
    matching = [e for e in events if e.event_type == event_type]
    assert len(matching) == 1, [(e.event_type, e.trigger.text, e.status) for e in events]
    return matching[0]


def texts(refs) -> list[str]:
    return [r.text for r in refs]


def test_lexicon_covers_plover_types_with_one_quad_and_score_each():
    lexicon = load_lexicon()
    assert set(lexicon.types) == PLOVER_TYPES
    for spec in lexicon.types.values():
        assert spec.quad in QUAD_CODES and -10 <= spec.score <= 10
    assert lexicon.types["SANCTION"].quad == "material conflict"
    assert lexicon.types["ACCUSE"].score < 0
    assert all(lexicon.types[t].modes for t in ("ASSAULT", "PROTEST", "REQUEST", "REJECT"))


def test_ruling_out_troops_is_a_rejection_not_a_mobilisation(events_only):
    events = code(events_only, "Trump on Tuesday ruled out sending U.S. troops to defend Ukraine.")
    reject = only(events, "REJECT")
    assert reject.status == "asserted" and reject.trigger.text == "ruled out"
    assert "MOBILIZE" in reject.pattern  # the embedded act explains the frame
    assert not [e for e in events if e.event_type in ("MOBILIZE", "AID")]


def test_negated_acceptance_is_a_rejection_by_the_speaker(events_only):
    events = code(events_only, "Russia has repeatedly said that it would not accept NATO troops.")
    reject = only(events, "REJECT")
    assert reject.status == "asserted"
    assert texts(reject.recipients) == ["NATO"]


def test_negated_attack_keeps_its_type_with_status_negated(events_only):
    assault = only(code(events_only, "Russian forces did not attack the city of Kharkiv."),
                   "ASSAULT")
    assert assault.status == "negated"


def test_planned_meeting_is_future_and_a_commitment(events_only):
    text = ("A meeting between Zelensky and Putin is set to take place in Hungary within the "
            "next two weeks, according to US sources.")
    events = code(events_only, text)
    consult = only(events, "CONSULT")
    assert consult.status == "future"
    assert texts(consult.actors) == ["Zelensky", "Putin"]
    agree = only(events, "AGREE")
    # PLOVER codes an announced meeting as AGREE: it is the sentence's main event. (Confidence
    # is the learned model's calibrated probability that each record is right, so it does not
    # order the two records; the announcement is rarely a gold event on its own.)
    assert agree.main and not consult.main


def test_possible_hosting_is_an_offer_not_a_meeting(events_only):
    events = code(events_only, "Switzerland could host a summit between the two presidents.")
    assert only(events, "CONSULT").status == "hypothetical"
    agree = only(events, "AGREE")
    assert texts(agree.actors) == ["Switzerland"]


def test_conditional_and_question_are_hypothetical(events_only):
    events = code(events_only, "If the talks fail, the army will attack the town.")
    assert only(events, "CONSULT").status == "hypothetical"
    question = code(events_only, "Will Putin meet Zelensky this time?")
    assert only(question, "CONSULT").status == "hypothetical"
    assert not [e for e in question if e.event_type == "AGREE"]


def test_claimed_event(events_only):
    events = code(events_only, "Ukraine claimed that Russian troops shelled the town overnight.")
    assert only(events, "ASSAULT").status == "claimed"


def test_obligation_in_reported_speech_is_a_request(events_only):
    events = code(events_only, "The German chancellor said Russia must withdraw its troops.")
    request = only(events, "REQUEST")
    assert texts(request.recipients) == ["Russia"]


def test_passive_voice_swaps_roles_and_mode_comes_from_the_weapon(events_only):
    assault = only(code(events_only, "Israel was attacked by Iranian drones on Tuesday."),
                   "ASSAULT")
    assert texts(assault.recipients) == ["Israel"]
    assert texts(assault.actors) == ["Iranian"]
    assert assault.mode == "drone"


@pytest.mark.parametrize("text, contact_word, facilitator, parties", [
    ("Qatar brokered talks between Israel and Iran in Doha on Monday.", "talks", "Qatar",
     {"Israel", "Iran"}),
    # "he" is Macron, named in the same sentence: the participant points to the name.
    ("Macron said he had begun preparations for a summit between Kenya and Ethiopia.", "summit",
     "Macron", {"Kenya", "Ethiopia"}),
    ("Norway organised a meeting between Colombia and the ELN rebels.", "meeting", "Norway",
     {"Colombia", "the ELN rebels"}),
])
def test_who_arranges_a_contact_is_its_facilitator_not_a_participant(events_actors, text,
                                                                     contact_word, facilitator,
                                                                     parties):
    # The contact itself (the talks, not the brokering: mediation is a CONSULT of its own, with
    # the mediator as actor, per docs/ANNOTATION.md).
    contact = next(e for e in code(events_actors, text)
                   if e.event_type == "CONSULT" and e.trigger.text == contact_word)
    assert texts(contact.facilitators) == [facilitator]
    assert {r.text for r in contact.actors + contact.recipients} >= parties - {"the ELN rebels"}
    assert facilitator not in texts(contact.actors + contact.recipients)


@pytest.mark.parametrize("text, event_type, actor", [
    ("Uganda said on Sunday it had paid compensation to 67 British nationals.", "AID", "Uganda"),
    ("Palestinian leaders said they would boycott all official contact with the United States.",
     "THREATEN", "Palestinian leaders"),
])
def test_a_pronoun_named_in_its_own_sentence_is_that_name(events_actors, text, event_type, actor):
    event = only(code(events_actors, text), event_type)
    assert texts(event.actors) == [actor]


def test_a_pronoun_named_in_an_earlier_sentence_keeps_its_own_span(events_actors):
    events = code(events_actors, "Uganda rejected the claim. On Sunday it paid compensation to "
                                 "67 British nationals.")
    aid = only(events, "AID")
    assert texts(aid.actors) == ["it"] and aid.actors[0].country == "UGA"


@pytest.mark.parametrize("text", ["Trump met Putin in Alaska on Friday.",
                                  "Erdogan hosted talks between Russia and Ukraine in Istanbul."])
def test_participants_and_hosts_are_not_facilitators(events_actors, text):
    assert all(not e.facilitators for e in code(events_actors, text))


def test_arranged_summit_is_planned(events_only):
    events = code(events_only, "Macron said he had begun preparations for a summit between "
                               "Kenya and Ethiopia.")
    assert any(e.event_type == "CONSULT" and e.status == "future" for e in events)


def test_compound_actors_and_recipients(events_only):
    consult = only(code(events_only, "Donald Trump and Volodymyr Zelenskyy met in Washington."),
                   "CONSULT")
    assert texts(consult.actors) == ["Donald Trump", "Volodymyr Zelenskyy"]
    hosted = only(code(events_only, "Macron hosted Keir Starmer and Friedrich Merz in Paris."),
                  "CONSULT")
    assert hosted.mode == "visit"  # visitors act, the host receives
    assert texts(hosted.actors) == ["Keir Starmer", "Friedrich Merz"]
    assert texts(hosted.recipients) == ["Macron"]


def test_speech_acts_feed_events(events_only):
    accuse = only(code(events_only, "Sergey Lavrov chided efforts to work on security "
                                    "arrangements without Moscow."), "ACCUSE")
    assert accuse.mode == "disapprove" and texts(accuse.actors) == ["Sergey Lavrov"]
    request = only(code(events_only, "Ukraine's demands for security guarantees grew."),
                   "REQUEST")
    assert texts(request.actors) == ["Ukraine"]


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Attacks on Odesa overnight injured 15 people, officials said.", "injured", 15),
    ("At least 20 people were killed when a missile struck the market.", "killed", 20),
    ("Three soldiers died and two were wounded in the ambush.", "killed", 3),
    # a number counts the casualty word it goes with: the 2 are the hurt, not the dead
    ("1 dead, 2 hurt in a market shooting, police say.", "killed", 1),
    ("1 dead, 2 hurt in a market shooting, police say.", "injured", 2),
    ("Gunmen opened fire, killing at least 14 people and wounding 30.", "killed", 14),
])
def test_casualty_figures(events_only, text, field, value):
    assault = next(e for e in code(events_only, text) if e.event_type == "ASSAULT")
    assert getattr(assault, field) == value


def test_crowd_size(events_only):
    protest = only(code(events_only, "Thousands protested in the capital on Sunday."), "PROTEST")
    assert protest.size == 2000
    rally = only(code(events_only, "Some 5,000 demonstrators rallied outside parliament."),
                 "PROTEST")
    assert rally.size == 5000


def test_event_records_point_to_their_text(events_only):
    text = "Russia attacked the Ukrainian city of Kremenchuk with drones.\nNATO condemned it."
    events = code(events_only, text)
    assert {e.event_type for e in events} == {"ASSAULT", "ACCUSE"}
    for event in events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert text[event.sentence_span.start:event.sentence_span.end] == event.sentence_span.text
        assert 0.0 <= event.confidence <= 1.0
        assert event.pattern and event.id.startswith("t-e")


def test_publication_date_fallback_is_flagged(events_only):
    assault = only(code(events_only, "Russia attacked Kremenchuk with drones."), "ASSAULT")
    assert assault.date == "2025-08-20" and assault.date_precision == "reported"


def test_code_texts_carries_input_ids(events_only):
    records = [{"id": "a", "text": "Israel and Jordan agreed to hold joint military exercises."},
               {"id": "b", "text": "The weather was fine.", "published": "2024-01-02"},
               {"id": "c", "text": "Police arrested 12 protesters in Minsk."}]
    rows = list(code_texts(records, events_only))
    assert {row["id"] for row in rows} == {"a", "c"}
    assert {row["event_type"] for row in rows if row["id"] == "c"} == {"COERCE"}
    assert all(row["event_id"].startswith(row["id"]) for row in rows)


def test_mode_and_paragraph_context(events_only):
    text = ("Ukraine's army said talks on the border dispute stalled.\n"
            "Russia attacked the city of Kremenchuk with drones on Tuesday night.")
    assault = only(code(events_only, text), "ASSAULT")
    assert assault.mode == "drone"
    assert "military" in assault.context  # from the sentence ("drones")
    assert "territory" not in assault.context  # the border sentence is another paragraph


def test_unstated_attacker_is_carried_only_when_unambiguous(events_only, nlp):
    text = ("Russian forces shelled Kharkiv on Monday. "
            "Attacks on Odesa injured 15 people overnight.")
    doc = nlp(text)
    article = Article(id="m", text=text, raw_text=text, published="2025-08-20")
    analysis = Analysis(article_id="m", sentences=[])
    analysis.mentions = [
        Mention(id="m1", article_id="m", start=0, end=14, text="Russian forces", kind="ROLE",
                sentence=0, actor_id="RUS-MIL", name="Russian military", country="RUS",
                sector="MIL")]
    ctx = DocContext(article=article, doc=doc, analysis=analysis)
    events_only.components[0](ctx)
    later = [e for e in analysis.events if e.sentence == 1 and e.event_type == "ASSAULT"]
    assert later and later[0].actors[0].country == "RUS"
    assert "carried-from-sentence-0" in later[0].pattern
    assert later[0].injured == 15


def dates_of(events: list[Event], event_type: str) -> list[str | None]:
    return [e.date for e in events if e.event_type == event_type]


def test_past_narrative_carries_its_date_to_the_next_simple_past_sentence(events_full):
    events = code(events_full, "In May, Russia and Ukraine agreed on a prisoner exchange. "
                               "Russian troops attacked Kharkiv.")
    attack = only(events, "ASSAULT")
    assert attack.date == "2025-05" and "date:carried-from-sentence-0" in attack.pattern


@pytest.mark.parametrize("text", [
    # a headline starts a new section
    "In March, Israel and Hamas agreed on a truce.\nIsrael attacked Gaza\nThe strike killed two.",
    # a perfect/future sentence in between breaks the past narrative
    "In March, Israel and Hamas agreed on a truce. Egypt has since said that talks will resume. "
    "Israeli jets attacked Gaza.",
    # the event's own sentence is in the present: its past clause is background, not narrative
    "In March, Israel and Hamas agreed on a truce. Israel is trying to widen the war after its "
    "jets attacked Gaza.",
])
def test_narrative_dates_do_not_leak_into_new_time_frames(events_full, text):
    dates = dates_of(code(events_full, text), "ASSAULT")
    assert dates and set(dates) == {"2025-08-20"}


def test_a_year_modifying_another_noun_does_not_date_the_event(events_full):
    events = code(events_full, "On Tuesday a lawsuit over the 2016 election was filed by the party.")
    assert events and all(e.date != "2016" for e in events)
    events = code(events_full, "Protesters marched on the anniversary of the armistice of 1953.")
    assert events and all(e.date != "1953" for e in events)


def test_long_past_acts_are_background(events_full):
    killing = only(code(events_full, "In 1994, Hutu militias killed 800,000 people."), "ASSAULT")
    assert killing.date == "1994" and killing.background
    fresh = only(code(events_full, "Police arrested 20 protesters on Monday."), "COERCE")
    assert not fresh.background


@pytest.mark.parametrize("text", [
    "The aim of the envoys is a lasting ceasefire.",
    "The main issue for the negotiators was a peace agreement.",
    "A key topic of the summit in Doha was the border.",
])
def test_nouns_described_by_a_copula_or_topic_frame_are_not_events(events_only, text):
    assert code(events_only, text) == []


def test_an_event_noun_predicated_of_a_pronoun_is_still_reported(events_only):
    meeting = only(code(events_only, "It was the first meeting between the two presidents "
                                     "since 2019."), "CONSULT")
    assert meeting.status == "asserted"


def test_clause_stating_the_topic_is_not_asserted(events_only):
    events = code(events_only, "The question is whether Russia will attack the port again.")
    assert [e.status for e in events] == ["hypothetical"]


@pytest.mark.parametrize(("text", "event_type", "status"), [
    ("Beijing did not confirm that it had agreed to a summit.", "AGREE", "claimed"),
    ("The ministry has not confirmed any agreement on the border.", "AGREE", "claimed"),
    ("Kyiv disputed that Russian troops had withdrawn from the town.", "RETREAT", "negated"),
    ("Officials confirmed that Iran had agreed to a ceasefire.", "AGREE", "asserted"),
])
def test_content_of_negated_or_denying_speech_is_not_asserted(events_only, text, event_type,
                                                              status):
    assert only(code(events_only, text), event_type).status == status


@pytest.mark.parametrize(("text", "event_type"), [
    ("Qatar is working to facilitate a direct meeting between the two leaders.", "CONSULT"),
    ("The mediators steered the two sides toward a ceasefire.", "RETREAT"),
    ("European allies may deploy a force to backstop any peace agreement.", "AGREE"),
])
def test_goals_efforts_and_generic_events_are_hypothetical(events_only, text, event_type):
    assert only(code(events_only, text), event_type).status == "hypothetical"


@pytest.fixture(scope="module")
def events_quotes(nlp) -> Pipeline:
    return Pipeline(components=("actors", "quotes", "events"))


@pytest.mark.parametrize("text, event_type, role", [
    ("\"Russia must withdraw its troops from our land,\" the Ukrainian foreign minister "
     "demanded on Tuesday.", "REQUEST", "statement"),
    ("The governor said that Russian forces shelled Kharkiv overnight, killing two people.",
     "ASSAULT", "content"),
])
def test_statements_and_reported_events_share_the_quote(events_quotes, text, event_type, role):
    article = Article(id="t", text=text, raw_text=text, published="2025-08-20")
    analysis = next(events_quotes.analyse([article]))
    event = only(analysis.events, event_type)
    [quote] = [q for q in analysis.quotes if q.id == event.quote_id]
    assert event.quote_role == role and event.id in quote.event_ids
    if role == "statement":
        assert quote.cue is not None and quote.cue.start <= event.trigger.start < quote.cue.end
    else:
        assert quote.content.start <= event.trigger.start < quote.content.end


@pytest.mark.parametrize("dateline", ["KYIV, March 12 (Reuters) - ", "KHARKIV, Ukraine (AP) — ",
                                      "LONDON – "])
def test_a_wire_dateline_is_its_own_unit_and_does_not_date_the_story(events_full, dateline):
    text = f"{dateline}Russian forces shelled Kharkiv on Tuesday, the governor said."
    [attack] = code(events_full, text, published="2025-03-12")
    assert attack.date == "2025-03-11"
    assert attack.sentence_span.text.startswith("Russian forces")


@pytest.mark.parametrize("text", ["NATO - a military alliance - met in Brussels on Tuesday.",
                                  "The US - and Canada - met in Ottawa on Tuesday."])
def test_a_dash_after_a_capitalised_word_is_not_a_dateline(events_only, text):
    article = Article(id="t", text=text, raw_text=text, published="2025-03-12")
    assert len(next(events_only.analyse([article])).sentences) == 1


@pytest.mark.parametrize("text, size", [
    ("Tens of thousands of protesters rallied in Tbilisi on Saturday.", 20_000),
    ("Hundreds of thousands marched in Paris against the pension reform.", 200_000),
    ("Opposition leaders said more than 50,000 people joined the rally.", 50_000),
])
def test_crowd_sizes_of_vague_and_joined_crowds(events_only, text, size):
    assert only(code(events_only, text), "PROTEST").size == size


@pytest.mark.parametrize("text, status", [
    ("Russia denied shelling the city of Kharkiv.", "negated"),
    ("Israel denied that its aircraft attacked targets in Syria on Sunday.", "negated"),
    ("The Israeli military did not comment on reports of an airstrike near Damascus.", "claimed"),
])
def test_denied_acts_are_coded_negated_and_no_comment_is_no_denial(events_actors, text, status):
    assert only(code(events_actors, text), "ASSAULT").status == status


@pytest.mark.parametrize("text, actor", [
    ("Russia's defence ministry said its forces had struck targets in the Kharkiv region.",
     "RUS:MIL"),
    ("Israel denied that its aircraft attacked targets in Syria on Sunday.", "ISR:GOV"),
])
def test_its_in_a_reported_clause_is_the_reporting_subject(events_actors, text, actor):
    [attack] = [e for e in code(events_actors, text) if e.event_type == "ASSAULT"]
    assert [a.actor_id for a in attack.actors] == [actor]


@pytest.mark.parametrize("text, judge", [
    ("Syria condemned the attack as a violation of its sovereignty.", "Syria"),
    ("The ministry denied the raid on the newspaper's offices.", "The ministry"),
])
def test_who_condemns_or_denies_an_act_is_not_its_actor(events_actors, text, judge):
    """A verb that judges its object is no support verb ("carried out an attack"): its
    subject did not do the act."""
    acts = [e for e in code(events_actors, text) if e.event_type in ("ASSAULT", "COERCE")]
    assert acts and all(judge not in texts(e.actors) for e in acts)


def test_a_support_verb_still_gives_the_act_its_actor(events_actors):
    [attack] = [e for e in code(events_actors, "Rebels carried out an attack on the base.")
                if e.event_type == "ASSAULT"]
    assert texts(attack.actors) == ["Rebels"]


@pytest.mark.parametrize("text, event_type, actor, recipient", [
    # a relative pronoun stands for the noun its clause describes
    ("The European Union, which imposed an arms embargo on South Sudan in 2011, threatened "
     "new sanctions.", "SANCTION", "European Union", "South Sudan"),
    # a passive relative clause: the noun is what is done to
    ("Soldiers rescued 19 students who had been abducted from a school.", "ASSAULT", None,
     "students"),
])
def test_a_relative_clause_takes_the_noun_it_describes(events_actors, text, event_type, actor,
                                                      recipient):
    event = next(e for e in code(events_actors, text) if e.event_type == event_type
                 and e.trigger.text in ("imposed", "abducted"))
    assert texts(event.actors) == ([actor] if actor else [])
    assert recipient in texts(event.recipients)


def test_a_borrowed_subject_takes_the_role_of_this_verbs_own_voice(events_actors):
    """"It had not been informed … and demanded access": "it" demands; "been blocked … and
    detained": the journalists are detained, as they are blocked."""
    demand = next(e for e in code(events_actors, "Ukraine's foreign ministry said it had not "
                                  "been informed of the extradition and demanded consular "
                                  "access.") if e.event_type == "REQUEST")
    assert demand.actors and not demand.recipients
    detained = next(e for e in code(events_actors, "Journalists have been blocked and briefly "
                                    "detained by police.") if e.trigger.text == "detained")
    assert "Journalists" in texts(detained.recipients)
    assert "Journalists" not in texts(detained.actors)


def test_forces_deployed_are_the_actors_of_a_mobilisation(events_actors):
    [deploy] = [e for e in code(events_actors, "Security forces were deployed around the "
                                "parliament overnight.") if e.event_type == "MOBILIZE"]
    assert texts(deploy.actors) == ["Security forces"]


@pytest.mark.parametrize("text, trigger, actor", [
    ("Kinshasa accused Rwanda of backing the rebels.", "backing", "Rwanda"),
    ("Pakistan blamed India for attacking its border posts.", "attacking", "India"),
    ("The army forced the rebels to retreat from the town.", "retreat", "rebels"),
])
def test_the_object_of_accuse_or_urge_does_the_act_it_governs(events_actors, text, trigger,
                                                              actor):
    act = next(e for e in code(events_actors, text) if e.trigger.text == trigger)
    assert texts(act.actors) == [actor]


def test_a_purpose_clause_keeps_the_subject_when_the_object_is_no_participant(events_actors):
    """"Police used tear gas to disperse": tear gas names no one, so the police disperse."""
    events = code(events_actors, "Police used tear gas to disperse the crowd.")
    disperse = [e for e in events if e.trigger.text == "disperse"]
    assert all("tear gas" not in texts(e.actors) for e in disperse)


@pytest.mark.parametrize("text, countries", [
    ("Saudi Arabia said it was ready to reconvene the negotiations.", {"SAU"}),
    ("Jamaica and the Bahamas said they would send soldiers to Haiti.", {"JAM", "BHS"}),
])
def test_it_or_they_in_a_reported_clause_is_the_reporting_subject(events_actors, text,
                                                                  countries):
    act = next(e for e in code(events_actors, text) if e.trigger.text in ("ready", "send"))
    assert {a.country for a in act.actors} == countries


def test_a_speaker_warning_about_its_own_acts_is_not_their_recipient(events_actors):
    [threat] = [e for e in code(events_actors, "Iran warned that it would increase uranium "
                                "enrichment.") if e.event_type == "THREATEN"]
    assert [a.country for a in threat.actors] == ["IRN"]
    assert not threat.recipients


@pytest.mark.parametrize("text, trigger, role, participant", [
    ("A court freed a journalist arrested over his interviews.", "arrested", "recipients",
     "journalist"),
    ("Soldiers repelled gunmen attacking the base.", "attacking", "actors", "gunmen"),
])
def test_a_participle_describing_a_noun_gives_it_a_role(events_actors, text, trigger, role,
                                                      participant):
    act = next(e for e in code(events_actors, text) if e.trigger.text == trigger)
    assert any(participant in t for t in texts(getattr(act, role)))


def test_coordinated_verbs_share_the_object_of_the_last(events_actors):
    events = code(events_actors, "Government forces killed and injured 1,000 Taliban fighters.")
    killed = next(e for e in events if e.trigger.text == "killed")
    assert "Taliban fighters" in " ".join(texts(killed.recipients))


def test_coordinated_clauses_keep_their_own_objects(events_actors):
    events = code(events_actors, "Police fired and protesters threw stones at the station.")
    fired = [e for e in events if e.trigger.text == "fired"]
    assert all("stones" not in texts(e.recipients) for e in fired)


def test_unnamed_roles_take_the_country_of_the_place_of_the_act(nlp):
    """"Polygamous leaders arrested in Canada" are Canadian; officials meeting in Geneva are
    not Swiss (meetings are held in third countries); named people get nothing from a place."""
    pipeline = Pipeline(components=("actors", "places", "events"))
    arrest = next(e for e in code(pipeline, "Two community leaders were arrested in Canada on "
                                  "Tuesday.") if e.event_type == "COERCE")
    assert [r.country for r in arrest.recipients] == ["CAN"]
    meeting = next(e for e in code(pipeline, "Officials met in Geneva on Tuesday.")
                   if e.event_type == "CONSULT")
    assert all(a.country is None for a in meeting.actors)
    named = next(e for e in code(pipeline, "Arlo Vesker was arrested in Canada on Tuesday.")
                 if e.event_type == "COERCE")
    assert all(r.country is None for r in named.recipients if r.text == "Arlo Vesker")


def test_in_conflict_the_place_of_the_act_is_the_victims_side_not_the_attackers(nlp):
    """"Gunmen attacked a village near Maiduguri": the victims are Nigerian, the gunmen could
    come from anywhere; a protest's place is its protesters' own."""
    pipeline = Pipeline(components=("actors", "places", "events"))
    attack = next(e for e in code(pipeline, "Gunmen attacked a village near Maiduguri on "
                                  "Sunday, killing twelve residents.")
                  if e.event_type == "ASSAULT" and e.trigger.text == "attacked")
    assert [a.country for a in attack.actors] == [None]
    assert "NGA" in {r.country for r in attack.recipients}
    march = next(e for e in code(pipeline, "Thousands of teachers marched in Mombasa on "
                                 "Tuesday.") if e.event_type == "PROTEST")
    assert {a.country for a in march.actors} == {"KEN"}


def test_in_conflict_with_a_foreign_actor_no_side_comes_from_the_place(nlp):
    """"Russian forces shelled Kharkiv … Troops attacked villages near Kharkiv": the troops
    are not Ukrainian because they fight in Ukraine, and with a foreign side in the text the
    residents' side is not told by the place either."""
    pipeline = Pipeline(components=("actors", "places", "events"))
    events = code(pipeline, "Russian forces shelled Kharkiv overnight. Troops attacked "
                  "villages near Kharkiv on Tuesday, killing three residents.")
    attack = next(e for e in events if e.trigger.text == "attacked")
    assert attack.location is not None and attack.location.country == "UKR"
    assert [a.country for a in attack.actors] == [None]
    assert all(r.country != "UKR" for r in attack.recipients)
