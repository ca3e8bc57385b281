"""Quotes: attribution patterns on short texts, and the acceptance statements of the seeds.

The quotes component runs after actors and timexes. Most assertions need only the component
itself (and timexes, for dates); speaker resolution to canonical actors needs the actors
component and is asserted in the tests that build the full pipeline.
"""

from __future__ import annotations

import pytest

from heron.model import Article, Quote
from heron.nlp.pipeline import Pipeline

PUBLISHED = "2025-08-20"
DATE_PREFIX = " date 2025-08-20 "


def _analyse(pipeline: Pipeline, text: str, article_id: str = "t"):
    article = Article(id=article_id, text=text, raw_text=text, published=PUBLISHED)
    return next(pipeline.analyse([article]))


@pytest.fixture(scope="module")
def alone(nlp) -> Pipeline:
    return Pipeline(components=("timexes", "quotes"))


@pytest.fixture(scope="module")
def full(nlp) -> Pipeline:
    return Pipeline(components=("actors", "timexes", "quotes"))


def _quotes(pipeline: Pipeline, text: str) -> list[Quote]:
    return _analyse(pipeline, text).quotes


def _seed_texts(seeds_dir) -> dict[str, str]:
    texts = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text()
        texts[path.name[:3]] = text.removeprefix(DATE_PREFIX)
    return texts


def _find(quotes: list[Quote], content_start: str) -> Quote:
    found = [q for q in quotes if q.content.text.lstrip("“\"").startswith(content_start)]
    assert found, f"no quote starting {content_start!r} in {[q.content.text[:40] for q in quotes]}"
    return found[0]


# ---- patterns ---------------------------------------------------------------------------------

def test_quote_split_around_its_cue_has_two_parts(alone):
    quotes = _quotes(alone, '"We will win this war," the minister said, "and we will rebuild."')
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.direct and quote.cue.text == "said"
    assert [p.text for p in quote.content_spans] == ['"We will win this war,"',
                                                     '"and we will rebuild."']
    assert quote.speaker.text == "minister"


def test_quote_continued_in_the_next_sentence(alone):
    quote = _quotes(alone, "“We are ready to talk,” she said. “But we will not give up our land.”")[0]
    assert len(quote.content_spans) == 2
    assert quote.content_spans[1].text.startswith("“But we will")


def test_colon_introduces_a_quote_without_cue_verb(alone):
    quote = _quotes(alone, "Lavrov: “We will never accept these terms from the West.”")[0]
    assert quote.cue.text == ":" and quote.direct
    assert quote.speaker.text == "Lavrov"


def test_indirect_speech_with_that_clause(alone):
    quote = _quotes(alone, "The foreign minister said on Tuesday that talks would resume in May.")[0]
    assert not quote.direct
    assert quote.content.text == "that talks would resume in May"
    assert quote.date == "2025-08-19"


def test_according_to_names_the_speaker(alone):
    quote = _quotes(alone, "According to the governor, three people were killed in the strike.")[0]
    assert quote.cue.text == "According to"
    assert quote.speaker.text == "governor"
    assert quote.content.text == "three people were killed in the strike"


def test_reported_clause_before_the_attribution(alone):
    quote = _quotes(alone, "The ceasefire will hold until Friday, an army spokesman told AFP.")[0]
    assert quote.content.text == "The ceasefire will hold until Friday"
    assert quote.via == "AFP"
    assert quote.speaker.name == "anonymous army spokesman"


def test_television_interview_is_the_channel_and_agency_is_via(alone):
    quote = _quotes(alone, "“We want peace,” the president told CNN in an interview, "
                           "according to Interfax.")[0]
    assert quote.channel == "CNN"
    assert quote.via == "Interfax"


def test_attribution_set_off_by_commas_splits_the_content(alone):
    quote = _quotes(alone, "The latest test, the ministry said, was the largest so far.")[0]
    assert [p.text for p in quote.content_spans] == ["The latest test", "was the largest so far"]
    assert quote.speaker.text == "ministry"


def test_quotation_signed_with_a_dash(alone):
    quote = _quotes(alone, "“He has divided our communities for years.” ― Maria Lopez\n")[0]
    assert quote.cue.text == "―" and quote.speaker.text == "Maria Lopez"


def test_transcript_turn_labelled_in_capitals(alone):
    quote = _quotes(alone, "Transcript:\n\nWALLACE: Let us start with the debate tonight.\n")[0]
    assert quote.speaker.text == "WALLACE" and quote.cue.text == ":"
    assert quote.content.text == "Let us start with the debate tonight."


def test_quoted_as_saying_names_the_speaker(alone):
    quote = _quotes(alone, "The agency quoted foreign minister Anna Berg as saying that the "
                           "border would stay closed.")[0]
    assert quote.cue.text == "saying" and "Anna Berg" in quote.speaker.text
    assert quote.content.text == "that the border would stay closed"


def test_quoted_words_inside_a_sentence_are_not_quotes(alone):
    assert _quotes(alone, "She thanked the team for the “very good” talks in Paris.") == []


def test_characterisation_is_an_indirect_attribution(alone):
    quotes = _quotes(alone, "He called the talks “very good” and left for Paris.")
    assert len(quotes) == 1 and not quotes[0].direct and quotes[0].cue.text == "called"
    assert quotes[0].content.text.startswith("the talks")


def test_telephone_call_is_not_a_cue(alone):
    assert _quotes(alone, "The mayor called the governor on Friday to discuss the flooding.") == []


def test_call_for_takes_its_object(alone):
    quote = _quotes(alone, "The opposition leader called for an independent inquiry into the "
                           "contract.")[0]
    assert quote.cue.text == "called" and quote.content.text.startswith("an independent inquiry")


def test_intention_verb_takes_its_infinitive(alone):
    quote = _quotes(alone, "The governor wants to raise the minimum wage next year.")[0]
    assert quote.cue.text == "wants" and "governor" in quote.speaker.text
    assert quote.content.text.startswith("to raise the minimum wage")


def test_noun_cue_with_owner(alone):
    quote = _quotes(alone, "Critics rejected his claim that the election had been stolen.")[-1]
    assert quote.cue.text == "claim" and quote.speaker.text == "his"
    assert "the election had been stolen" in quote.content.text


def test_viewpoint_phrase(alone):
    quote = _quotes(alone, "In the minister's view, the ceasefire will not hold past spring.")[0]
    assert "minister" in quote.speaker.text
    assert quote.content.text.startswith("the ceasefire will not hold")


def test_speech_verbs_inside_quotations_are_not_cues(alone):
    quotes = _quotes(alone, "“They said we would lose, but we won,” Smith said.")
    assert len(quotes) == 1 and quotes[0].speaker.text == "Smith"


# ---- seeds: what the component delivers on its own ---------------------------------------------

@pytest.fixture(scope="module")
def seeds_alone(alone, seeds_dir) -> dict[str, list[Quote]]:
    return {key: _analyse(alone, text, key).quotes for key, text in _seed_texts(seeds_dir).items()}


def test_seed_zelenskyy_telegram_post(seeds_alone):
    quote = _find(seeds_alone["000"], "We need strong security guarantees")
    assert quote.direct and quote.channel == "Telegram" and quote.date == "2025-08-20"
    assert quote.speaker.text == "Zelenskyy"


def test_seed_lavrov_via_ria_novosti(seeds_alone):
    quote = _find(seeds_alone["000"], "We cannot agree with the fact that")
    assert quote.direct and quote.via == "RIA Novosti"
    assert "This will not work" in quote.content.text  # a two-sentence quote
    assert quote.speaker.text == "Lavrov"


def test_seed_maletskyj_telegram_via_reuters(seeds_alone):
    quote = _find(seeds_alone["001"], "Once again, the world has seen")
    assert quote.direct and quote.channel == "Telegram" and quote.via == "Reuters"
    assert "Vitalii Maletskyj" in quote.speaker.text


def test_seed_trump_truth_social_post_without_quotation_marks(seeds_alone):
    quote = _find(seeds_alone["001"], "I called Putin and started by setting up a meeting")
    assert quote.cue.text == "wrote" and quote.channel == "Truth Social"
    assert "we will have a three-party meeting" in quote.content.text
    assert quote.speaker.text == "Trump"


def test_seed_lavrov_rossiya_24(seeds_alone):
    quote = _find(seeds_alone["001"], "Any contact involving national leaders must be prepared")
    assert quote.direct and quote.channel == "Rossiya-24"
    assert quote.speaker.text.endswith("Sergei Lavrov")


def test_seed_ushakov_statement_is_indirect(seeds_alone):
    quote = _find(seeds_alone["001"], "that Putin and Trump had a frank")
    assert not quote.direct and quote.channel == "statement"
    assert quote.speaker.text.endswith("Yuri Ushakov")
    relayed = _find(seeds_alone["002"], "that Putin and Trump")
    assert not relayed.direct and relayed.speaker.text == "Yuri Oshkov"


def test_seed_rubio_fox_news(seeds_alone):
    quote = _find(seeds_alone["002"], "It is clear that the land")
    assert quote.direct and quote.channel == "Fox News"
    assert quote.speaker.text == "Rubio"


def test_seed_zelenskyy_land_issue(seeds_alone):
    quote = _find(seeds_alone["002"], "We will leave the land issue between me and Putin")
    assert quote.direct and quote.speaker.text == "Zelinski"


def test_every_quote_points_at_its_text(seeds_alone, seeds_dir):
    texts = _seed_texts(seeds_dir)
    for key, quotes in seeds_alone.items():
        for quote in quotes:
            for span in [quote.content, quote.cue, *quote.content_spans]:
                assert texts[key][span.start:span.end] == span.text


# ---- seeds: speakers resolved by the actors component ------------------------------------------

@pytest.fixture(scope="module")
def seeds_full(full, seeds_dir) -> dict[str, list[Quote]]:
    return {key: _analyse(full, text, key).quotes for key, text in _seed_texts(seeds_dir).items()}


@pytest.mark.parametrize("seed,content,actor_id", [
    ("000", "We need strong security guarantees", "volodymyr-zelenskyy"),
    ("000", "We cannot agree with the fact that", "sergey-lavrov"),
    ("001", "I called Putin and started", "donald-trump"),
    ("001", "Any contact involving national leaders", "sergey-lavrov"),
    ("001", "that Putin and Trump had a frank", "yuri-ushakov"),
    ("002", "that Putin and Trump", "yuri-ushakov"),  # "Yuri Oshkov" in the text
    ("002", "It is clear that the land", "marco-rubio"),
    ("002", "We will leave the land issue", "volodymyr-zelenskyy"),  # "Zelinski"
])
def test_seed_speakers_resolve_to_actors(seeds_full, seed, content, actor_id):
    assert _find(seeds_full[seed], content).speaker.actor_id == actor_id


def test_seed_anonymous_official(seeds_full):
    quote = _find(seeds_full["001"], "The Putin-Zelensky meeting will take place in Hungary")
    assert quote.via == "Reuters"
    speaker = quote.speaker
    assert speaker.name == "anonymous US official" and speaker.actor_id is None
    assert (speaker.country, speaker.sector) == ("USA", "GOV")



def test_hyphenated_agency_names_are_relayers(alone):
    # Lexicon keys with hyphens must match however the text spaces them (was a KeyError).
    for text in ('"The talks failed," the minister told Agence France-Presse on Friday.',
                 '"The talks failed," the minister told Agence France Presse on Friday.'):
        (quote,) = _quotes(alone, text)
        assert quote.via == "AFP"


def test_statement_before_its_attribution_drops_its_lead_in(alone):
    quote = _quotes(alone, "For instance, the new tariffs will raise prices for farmers, the "
                           "economist said.")[0]
    assert quote.content.text.startswith("the new tariffs will raise prices")


def test_gerund_cue_takes_the_speaker_of_its_clause(alone):
    quote = _quotes(alone, "The governor began by saying that the budget would be balanced.")[0]
    assert quote.cue.text == "saying" and "governor" in quote.speaker.text


def test_continuing_an_action_is_not_a_statement(alone):
    assert _quotes(alone, "The protesters continued to march through the city centre.") == []


# ---- non-speech attributions: stance, passives, frames, nouns ------------------------------------

def _only(pipeline: Pipeline, text: str, cue: str) -> Quote:
    found = [q for q in _quotes(pipeline, text) if q.cue.text == cue]
    assert len(found) == 1, [(q.cue.text, q.content.text) for q in _quotes(pipeline, text)]
    return found[0]


def test_stance_adjective_takes_its_clause(alone):
    quote = _only(alone, "The harbour master is confident that the new pier will open in May.", "confident")
    assert quote.speaker.text == "harbour master" and not quote.direct
    assert quote.content.text == "that the new pier will open in May"


def test_stance_adjective_takes_what_it_is_about(alone):
    quote = _only(alone, "Several farmers remain worried about the price of feed.", "worried")
    assert "farmers" in quote.speaker.text and quote.content.text == "the price of feed"


def test_stance_adjective_of_a_fact_has_no_holder(alone):
    assert _quotes(alone, "It is certain that the river will flood again this spring.") == []


def test_passive_cue_without_agent_attributes_its_subject(alone):
    quote = _only(alone, "The bakery chain has been criticised for its new pricing policy.", "criticised")
    assert quote.speaker is None
    assert quote.content.text.startswith("The bakery chain") and "pricing policy" in quote.content.text


def test_passive_cue_with_agent_names_the_source(alone):
    quote = _only(alone, "The new stadium plan was endorsed by the city council.", "endorsed")
    assert "council" in quote.speaker.text and quote.content.text == "The new stadium plan"


def test_passive_of_another_sense_is_not_a_cue(alone):
    assert _quotes(alone, "The driver was charged with dangerous driving on Monday.") == []


def test_as_frame_attributes_the_characterisation(alone):
    quote = _only(alone, "Many teachers see the reform as a threat to small schools.", "see")
    assert quote.speaker.text == "Many teachers"
    assert quote.content.text == "the reform as a threat to small schools"


def test_perception_verb_outside_its_frame_is_not_a_cue(alone):
    assert _quotes(alone, "The rebels attacked the garrison at dawn.") == []


def test_noun_cue_voiced_by_the_subject(alone):
    quote = _only(alone, "The pilots' union expressed concern that the new rosters were unsafe.", "concern")
    assert "union" in quote.speaker.text
    assert quote.content.text == "that the new rosters were unsafe"


def test_noun_cue_with_its_preposition(alone):
    quote = _only(alone, "The tenants renewed their call for a rent freeze.", "call")
    assert quote.speaker.text == "their" and quote.content.text == "a rent freeze"


def test_intention_noun_without_owner_is_not_a_cue(alone):
    assert _quotes(alone, "A decision to close the bridge was taken in 2019.") == []


def test_message_participle_takes_the_sender(alone):
    quote = _only(alone, "The museum issued a statement calling the theft a tragedy.", "calling")
    assert quote.speaker.text == "museum" and quote.content.text == "the theft a tragedy"


def test_as_clause_opening_the_sentence(alone):
    quote = _only(alone, "As one fisherman put it, the quotas are ruining the village.", "put")
    assert "fisherman" in quote.speaker.text
    assert quote.content.text == "the quotas are ruining the village"





def test_content_runs_over_a_verb_sharing_its_subject(alone):
    quote = _only(alone, "The guide said the hikers crossed the ridge and talked about the storm.", "said")
    assert quote.content.text.endswith("talked about the storm")


def test_cue_inside_a_subordinate_clause_stays_in_the_content(alone):
    quote = _only(alone, "She argued that, even if the court found against her, she would appeal.", "argued")
    assert quote.content.text.endswith("she would appeal")


def test_participle_after_a_comma_is_a_second_statement(alone):
    quotes = _quotes(alone, "The firm said sales rose, adding that its shares doubled in a year.")
    said = [q for q in quotes if q.cue.text == "said"][0]
    adding = [q for q in quotes if q.cue.text == "adding"][0]
    assert said.content.text == "sales rose"
    assert adding.speaker.text == "firm"


def test_headline_label_with_one_word(alone):
    quote = _quotes(alone, "Poll: Young Voters Abandon the Governor.\n\nThe survey was taken in May.")[0]
    assert quote.cue.text == ":" and quote.speaker.text == "Poll"


def test_quotation_ending_a_question_before_a_bare_attribution(alone):
    quote = _quotes(alone, "“Who wrote these rules?” Dalton asked. “Nobody here did.”")[0]
    assert quote.cue.text == "asked" and quote.speaker.text == "Dalton"
    assert quote.content_spans[0].text == "“Who wrote these rules?”"


def test_according_to_phrase_ends_at_its_comma(alone):
    quote = _only(alone, "According to retired judge Ines Moreau, the ruling reeks of haste.", "According to")
    assert "Moreau" in quote.speaker.text
    assert quote.content.text == "the ruling reeks of haste"



def test_finding_in_a_survey(alone):
    quote = _only(alone, "In the latest survey, the mayor leads her rival by five points.", "In")
    assert "survey" in quote.speaker.text
    assert quote.content.text == "the mayor leads her rival by five points"
    assert _quotes(alone, "The mayor's gains in the polls worried her rival.") == []


def test_call_for_a_clause_with_its_own_subject(alone):
    quote = _only(alone, "The union is calling for the contract to be reopened at once.", "calling")
    assert "union" in quote.speaker.text and "the contract to be reopened" in quote.content.text


@pytest.mark.parametrize("text, cue, content", [
    ("The latest survey shows the incumbent with a comfortable lead.",
     "shows", "the incumbent with a comfortable lead"),  # poll shows its object
    ("The largest newspaper in the state endorsed Okafor.",
     "endorsed", "Okafor"),  # lone name can be the content
    ("The coach complained about the state of the pitch.",
     "complained", "the state of the pitch"),  # topic of a statement
    ("The senator praised the bill, which passed on Monday.",
     "praised", "the bill"),  # object stops before an aside
    ("The minister cited the figure at a forum in Lyon.",
     "cited", "the figure"),  # ... and before a setting
    ("He said after the vote he would not seek another term.",
     "said", "he would not seek another term"),  # said then a phrase then the clause
])
def test_content_of_a_single_attribution(alone, text, cue, content):
    assert _only(alone, text, cue).content.text == content


@pytest.mark.parametrize("text, negated", [
    ("The ministry has not confirmed that the talks will take place.", True),
    ("The Kremlin hasn’t publicly confirmed such a possibility.", True),
    ("The embassy has yet to respond to the request.", True),
    ("The ministry confirmed that the talks will take place.", False),
])
def test_a_negated_cue_marks_the_quote_as_not_said(alone, text, negated):
    assert [q.negated for q in _quotes(alone, text)] == [negated]


@pytest.mark.parametrize("text", [
    "The ministry declined to predict when the talks would take place.",
    "The ministry declined to comment on the talks.",
    "The spokesman refused to say whether the plant would close.",
])
def test_a_cue_negating_the_speech_verb_it_governs_reports_nothing_said(alone, text):
    quotes = _quotes(alone, text)
    assert quotes and all(q.negated for q in quotes), quotes


def test_a_participle_qualifying_a_denial_is_the_speakers_own_statement(alone):
    # "denied" negates what it governs, not the statement made while denying it
    text = "The minister denied the report, saying the talks with the unions were going well."
    quote = _only(alone, text, "saying")
    assert not quote.negated
    assert "the talks with the unions were going well" in quote.content.text


def test_declining_an_action_is_no_negated_statement(alone):
    # "declined to participate" reports no speech: never a negated quote (the cue model may
    # still drop it as no statement)
    text = "Hungary declined to participate in the migrant-sharing plan."
    assert not any(q.negated for q in _quotes(alone, text))


@pytest.mark.parametrize("text, cue, pronoun, actor_id", [
    ("Trump told reporters that it was Putin who suggested the order of the meetings.",
     "suggested", "who", "vladimir-putin"),
    ("Switzerland has expressed its willingness to act as host.", "willingness", "its", "CHE:GOV"),
    ("Russia has not changed its position, and it considers foreign forces in Ukraine unacceptable.",
     "considers", "it", "RUS:GOV"),
])
def test_a_pronoun_speaker_is_its_antecedent_at_its_own_span(full, text, cue, pronoun, actor_id):
    quote = _only(full, text, cue)
    assert quote.speaker.text == pronoun and quote.speaker.actor_id == actor_id


@pytest.mark.parametrize("text, kept", [
    # a belief or stance inside someone else's statement is that speaker's claim
    ("Trump said Clinton supported the trade deal.", ["said"]),
    ("The minister said Iran expects the talks to fail.", ["said"]),
    ("Officials insisted that Moscow wants a ceasefire before winter.", ["insisted"]),
    # speech reported inside a statement is still a statement, of its own speaker
    ("Flynn said Trump was right when he said the generals had been ignored.", ["said", "said"]),
    # a stance outside any statement is its holder's
    ("Trump said the deal was bad, and Clinton believes it is fair.", ["said", "believes"]),
])
def test_a_stance_reported_inside_a_statement_is_not_its_holders_quote(alone, text, kept):
    assert [q.cue.text for q in _quotes(alone, text)] == kept


@pytest.mark.parametrize("text, cue, content", [
    # the parser hangs the "that"-clause from a time phrase or from the addressee
    ("The minister tweeted in the early hours that the border was closed to all traffic.",
     "tweeted", "that the border was closed to all traffic"),
    ("In Nairobi last week, she told a meeting of regional leaders that few people understood the risk.",
     "told", "that few people understood the risk"),
    # a clause before the cue is not what follows "X told Y that"
    ("Claiming the report is designed to pressure judges, the senator told CNN that the court was biased.",
     "told", "that the court was biased"),
    # a verb inside a prepositional phrase of the content is no attribution trailing it
    ("The spokesman said that the ministry will defend itself against what the press sees as a scandal.",
     "said", "that the ministry will defend itself against what the press sees as a scandal"),
])
def test_complement_clauses_the_parser_misattaches(alone, text, cue, content):
    assert _only(alone, text, cue).content.text == content


@pytest.mark.parametrize("text, cue, content", [
    ("The mayor made it clear that the curfew would stay in place.", "made",
     "that the curfew would stay in place"),
    ("Officials have made plain they will not negotiate with the group.", "made",
     "they will not negotiate with the group"),
    # a report or rumour introduces its content; a named outlet in front of it is the source
    ("Amid reports that troops were massing near the border, the ministry summoned the envoy.",
     "reports", "that troops were massing near the border"),
    ("Clinton seized upon a New York Times report that Trump had lost $915 million.", "report",
     "that Trump had lost $915 million"),
])
def test_statement_idioms_and_reports(alone, text, cue, content):
    assert _only(alone, text, cue).content.text == content


def test_the_outlet_named_before_a_report_is_its_source(alone):
    text = "The Kremlin dismissed a Reuters report that Putin would attend the summit."
    quote = _only(alone, text, "report")
    assert quote.speaker.text == "Reuters"


def test_made_clear_needs_a_clause(alone):
    assert _quotes(alone, "The storm made the roads clear of snow.") == []


def test_a_participle_after_the_attribution_is_the_speakers_next_statement(alone):
    quotes = _quotes(alone, "The army will withdraw, the spokesman said on Friday, adding that talks "
                            "would resume on Monday.")
    assert [(q.cue.text, q.content.text) for q in quotes] == [
        ("said", "The army will withdraw"), ("adding", "that talks would resume on Monday")]
    # Friday is when both were said; Monday is part of what was said
    assert [q.date for q in quotes] == ["2025-08-15", "2025-08-15"]


def test_a_statement_takes_no_date_from_what_is_said_beside_it(alone):
    quotes = _quotes(alone, "Prices will rise next year, the minister said, citing the war in the region.")
    assert [(q.cue.text, q.content.text, q.date) for q in quotes] == [
        ("said", "Prices will rise next year", None), ("citing", "the war in the region", None)]


@pytest.mark.parametrize("text, content", [
    ("The minister said that prices would rise, and that he fears the worst for farmers.",
     "that prices would rise, and that he fears the worst for farmers"),
    ("He said the army would withdraw and that it expects talks to resume.",
     "the army would withdraw and that it expects talks to resume"),
])
def test_a_belief_inside_the_content_does_not_cut_it(alone, text, content):
    assert [(q.cue.text, q.content.text) for q in _quotes(alone, text)] == [("said", content)]


def test_a_cue_in_a_relative_clause_takes_no_date_from_the_rest_of_the_sentence(alone):
    text = ("The hunting season, which ended in November, was held amid growing opposition from "
            "European countries that want a ban on trophies.")
    quote = _only(alone, text, "want")
    assert (quote.content.text, quote.date) == ("a ban on trophies", None)


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The mayor told residents at a packed meeting to stay indoors after dark.", "told", "mayor",
     "to stay indoors after dark"),
    ("After saying the vote was rigged, the senator was escorted out of the chamber.", "saying",
     "senator", "the vote was rigged"),
])
def test_infinitive_of_told_to_and_speaker_of_after_saying(alone, text, cue, speaker, content):
    quote = _only(alone, text, cue)
    assert (quote.speaker.text, quote.content.text) == (speaker, content)


def _context_with(nlp, text: str, resolved: list[tuple[str, int, str, str]]):
    """A parsed document whose actors component resolved only the given (text, occurrence,
    kind, actor id) mentions; the rest (another "He", a name NER missed) it left open."""
    from heron.model import Analysis, Mention
    from heron.nlp.context import DocContext

    doc = nlp(text)
    mentions = []
    for n, (words, occurrence, kind, actor_id) in enumerate(resolved):
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(words, start + 1)
        mentions.append(Mention(f"m{n}", "t", start, start + len(words), words, kind, 0,
                                actor_id=actor_id, name=actor_id.replace("-", " ").title()))
    article = Article(id="t", text=text, raw_text=text, published=PUBLISHED)
    return DocContext(article=article, doc=doc, analysis=Analysis("t", mentions=mentions))


def _token(ctx, words: str, occurrence: int = 0):
    starts = [t for t in ctx.doc if t.text == words]
    return starts[occurrence]


def test_unresolved_he_speaker_is_the_nearest_resolved_he_before_it(nlp):
    from heron.nlp.quotes import _earlier_referent

    text = ("Maria Lopez met Tom Baker on Monday. He said the plant would close. His deputy "
            "disagreed. He added that talks would go on.")
    ctx = _context_with(nlp, text, [("Tom Baker", 0, "PERSON", "tom-baker"),
                                    ("He", 0, "PRON", "tom-baker"), ("His", 0, "PRON", "maria-lopez")])
    referent = _earlier_referent(ctx, _token(ctx, "He", 1))
    assert referent is not None and referent.actor_id == "tom-baker"  # not the possessive's
    assert _earlier_referent(ctx, _token(ctx, "He", 0)) is None  # nothing resolved before it


def test_name_without_a_mention_is_the_person_of_that_surname(nlp):
    from heron.nlp.quotes import _earlier_referent

    text = "Frantz Exantus leads the prison service. Exantus told reporters the escape was planned."
    ctx = _context_with(nlp, text, [("Frantz Exantus", 0, "PERSON", "frantz-exantus")])
    referent = _earlier_referent(ctx, _token(ctx, "Exantus", 1))
    assert referent is not None and referent.actor_id == "frantz-exantus"
    assert _earlier_referent(ctx, _token(ctx, "reporters")) is None


def test_trailing_attribution_misread_as_a_name_modifier(alone):
    text = ('Boeing says it must build ten aircraft a month. "It is an extraordinary challenge, '
            'no one has ever built a wide body aircraft at that rate," claims writer John Ostrower.')
    quote = _find(_quotes(alone, text), 'It is an extraordinary')
    assert quote.cue.text == "claims" and quote.speaker.text == "writer John Ostrower"


def test_quotation_with_its_own_attribution_is_not_the_previous_sentence_s(alone):
    text = ('The police chief tweeted a warning. "We urge everyone to stay calm and keep away '
            'from the prison," he tweeted on Friday.')
    quote = _find(_quotes(alone, text), 'We urge everyone')
    assert quote.cue.text == "tweeted" and quote.speaker.text == "he"


def test_quotation_over_lines_without_marks_is_one_content(alone):
    # text with one sentence per line: the quotation's middle lines carry no marks
    text = ('The bondholders rejected the offer.\n"They said no.\nThat is it.\nThey will have to '
            'file for bankruptcy," said a law professor in Lanberg.')
    quote = _only(alone, text, "said")
    assert "They said no." in quote.content.text
    assert "file for bankruptcy" in quote.content.text


def _with_organisations(ctx, kinds: dict[str, str]):
    """The context's actors, of the given kinds ("organization", "group" for a country's
    government, "igo")."""
    from heron.model import Actor

    ctx.analysis.actors = [Actor(actor_id, actor_id, None, "IGO" if kind == "igo" else None, kind)
                           for actor_id, kind in kinds.items()]
    for mention in ctx.analysis.mentions:
        mention.sector = "IGO" if kinds.get(mention.actor_id or "") == "igo" else None
    return ctx


@pytest.mark.parametrize(("text", "resolved", "kinds", "description", "actor_id"), [
    # a generic organisation word: the organisation named before it
    ("Consumer Reports tested the new phone. The group said the cases were a good first step.",
     [("Consumer Reports", 0, "ORG", "consumer-reports")], {"consumer-reports": "organization"},
     "group", "consumer-reports"),
    # a word of the name wins over a nearer organisation
    ("Bank of America posted a loss while Apple grew. According to the bank, the loss was 26 cents a share.",
     [("Bank of America", 0, "ORG", "bank-of-america"), ("Apple", 0, "ORG", "apple")],
     {"bank-of-america": "organization", "apple": "organization"}, "bank", "bank-of-america"),
    # a country's government or an intergovernmental body is no "group"
    ("Cameroon and the European Commission met farmers. The group said imports had doubled.",
     [("Cameroon", 0, "ORG", "CMR:GOV"), ("European Commission", 0, "ORG", "european-commission")],
     {"CMR:GOV": "group", "european-commission": "igo"}, "group", None),
    # a role word beside the name
    ("Military spokesperson Ahmed Chaudhry briefed reporters. The spokesperson said no passengers died.",
     [("Ahmed Chaudhry", 0, "PERSON", "ahmed-chaudhry")], {}, "spokesperson", "ahmed-chaudhry"),
    ("Frank Kowal, the mayor, was arrested. In a statement, the mayor called the raid a hit job.",
     [("Frank Kowal", 0, "PERSON", "frank-kowal")], {}, "mayor", "frank-kowal"),
    # no role word beside any name: nobody
    ("Ahmed Chaudhry briefed reporters. The spokesperson said no passengers died.",
     [("Ahmed Chaudhry", 0, "PERSON", "ahmed-chaudhry")], {}, "spokesperson", None),
    # several people, or someone else's office: left open
    ("Military spokesperson Ahmed Chaudhry spoke first. The spokespersons said no passengers died.",
     [("Ahmed Chaudhry", 0, "PERSON", "ahmed-chaudhry")], {}, "spokespersons", None),
    ("Consumer Reports tested the phone. Its group said the cases were a good first step.",
     [("Consumer Reports", 0, "ORG", "consumer-reports")], {"consumer-reports": "organization"},
     "group", None),
    # nothing named before it
    ("The group said the cases were a good first step. Consumer Reports agreed.",
     [("Consumer Reports", 0, "ORG", "consumer-reports")], {"consumer-reports": "organization"},
     "group", None),
])
def test_a_definite_description_is_whom_it_describes_named_before(nlp, text, resolved, kinds,
                                                                  description, actor_id):
    from heron.nlp.quotes import _earlier_referent

    ctx = _with_organisations(_context_with(nlp, text, resolved), kinds)
    referent = _earlier_referent(ctx, _token(ctx, description, -1))  # the speaker's, the last
    assert (referent.actor_id if referent else None) == actor_id


@pytest.mark.parametrize(("text", "content"), [
    # a finite speech verb joined to a reported clause in another form is the speaker's next statement
    ("Governor Ahmed Bello said the state would never pay a ransom and warned that bandits would "
     "be hunted down.", "the state would never pay a ransom"),
    ("The embassy said the supplier had done nothing wrong and accused lawmakers of politicising "
     "trade.", "the supplier had done nothing wrong"),
    # in the same form it may continue the reported clause: left to it
    ("She said the minister resigned and denied any wrongdoing.",
     "the minister resigned and denied any wrongdoing"),
])
def test_a_speech_verb_in_another_form_ends_the_reported_clause(alone, text, content):
    assert _only(alone, text, "said").content.text == content
