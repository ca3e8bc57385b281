"""Quotes on invented news sentences: the kinds of statement the seeds show, with other people,
countries, outlets and channels, to check that speaker, cue, content and setting generalise.

Every snippet here is made up for the test; none is taken from a seed article or a dataset.
"""

from __future__ import annotations

import pytest

from heron.model import Article, Quote, is_local_actor
from heron.nlp.pipeline import Pipeline

PUBLISHED = "2025-08-20"  # a Wednesday


@pytest.fixture(scope="module")
def full(nlp) -> Pipeline:
    return Pipeline(components=("actors", "timexes", "quotes"))


def _quotes(pipeline: Pipeline, text: str) -> list[Quote]:
    article = Article(id="g", text=text, raw_text=text, published=PUBLISHED)
    return next(pipeline.analyse([article])).quotes


def _by_cue(pipeline: Pipeline, text: str, cue: str) -> Quote:
    quotes = [q for q in _quotes(pipeline, text) if q.cue.text == cue]
    assert quotes, f"no quote with cue {cue!r} in {text!r}"
    return quotes[0]


# ---- speaker ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cue", "actor_id", "speaker_text"), [
    # a pronoun after the named person
    ("French President Emmanuel Macron arrived in Berlin on Monday. He said Europe must take "
     "charge of its own defence.", "said", "emmanuel-macron", "He"),
    ('"We will not be intimidated," Sheinbaum said. She added that Mexico would take the case '
     "to the WTO.", "added", "claudia-sheinbaum", "She"),
    # a title or role naming the person mentioned before
    ('Turkish President Recep Tayyip Erdogan met Putin in Sochi. "We support a ceasefire," the '
     "Turkish leader told reporters.", "told", "recep-tayyip-erdogan", "Turkish leader"),
    # spelling and transliteration variants
    ("Erdoğan said on Wednesday that Ankara would keep the Bosphorus open.", "said",
     "recep-tayyip-erdogan", "Erdoğan"),
    ("Zelenski said Kyiv needed more air defence.", "said", "volodymyr-zelenskyy", "Zelenski"),
    ("Russian Foreign Minister Sergei Lavrov told TASS that Moscow was ready for talks.", "told",
     "sergey-lavrov", "Sergei Lavrov"),
    ("Brazilian President Luiz Inacio Lula da Silva insisted that Brazil would not join any bloc.",
     "insisted", "luiz-inacio-lula-da-silva", "Luiz Inacio Lula da Silva"),
])
def test_named_pronoun_and_title_speakers_resolve_to_the_person(full, text, cue, actor_id,
                                                                 speaker_text):
    speaker = _by_cue(full, text, cue).speaker
    assert speaker.actor_id == actor_id
    assert speaker.text == speaker_text


@pytest.mark.parametrize(("text", "cue", "name", "country", "sector"), [
    ('"There will be no deal without Ukraine," a senior EU official told AFP.', "told",
     "anonymous EU official", "EU", "GOV"),
    ("A senior Israeli official, speaking on condition of anonymity, said the talks had collapsed.",
     "said", "anonymous Israeli official", "ISR", "GOV"),
    ("A Hamas official told AFP that the group was studying the proposal.", "told",
     "anonymous Hamas official", "PSE", "REB"),
    ("A Kremlin spokesman said Moscow had not received any proposal.", "said",
     "anonymous Kremlin spokesman", "RUS", "GOV"),
    ("An Israeli military spokesman told reporters on Monday that troops had entered the town.",
     "told", "anonymous Israeli military spokesman", "ISR", "MIL"),
    ("Diplomats said the vote would take place next week.", "said", "anonymous diplomats", None,
     "GOV"),
    ("Two people familiar with the talks said the ceasefire plan had stalled.", "said",
     "anonymous people", None, None),
])
def test_unnamed_sources_are_anonymous_with_their_country_and_sector(full, text, cue, name,
                                                                      country, sector):
    speaker = _by_cue(full, text, cue).speaker
    # no real-world actor (a state, a person): at most the unnamed role of this article
    assert speaker.actor_id is None or is_local_actor(speaker.actor_id)
    assert (speaker.name, speaker.country, speaker.sector) == (name, country, sector)


@pytest.mark.parametrize(("text", "cue", "actor_id", "speaker_text"), [
    ("Ukraine's foreign minister Andrii Sybiha said on X that Russia had rejected the offer.",
     "said", "andrii-sybiha", "Andrii Sybiha"),
    ("The Iranian foreign ministry spokesman, Esmaeil Baghaei, said Tehran had received the letter.",
     "said", "esmaeil-baghaei", "Esmaeil Baghaei"),
    ("Kremlin aide Yuri Ushakov told journalists that no date had been set.", "told",
     "yuri-ushakov", "Yuri Ushakov"),
])
def test_a_role_followed_by_the_persons_name_is_that_person(full, text, cue, actor_id,
                                                            speaker_text):
    speaker = _by_cue(full, text, cue).speaker
    assert (speaker.actor_id, speaker.text) == (actor_id, speaker_text)


@pytest.mark.parametrize(("text", "cue", "name", "country", "sector"), [
    ("An aide to Macron told Le Monde that the president would travel to Kyiv.", "told",
     "anonymous aide", "FRA", "GOV"),
    ("Macron's office said the two leaders had spoken by phone.", "said", "Macron's office", "FRA",
     "GOV"),
])
def test_unnamed_speaker_takes_the_country_of_whom_it_belongs_to(full, text, cue, name, country,
                                                                 sector):
    speaker = _by_cue(full, text, cue).speaker
    # no real-world actor (a state, a person): at most the unnamed role of this article
    assert speaker.actor_id is None or is_local_actor(speaker.actor_id)
    assert (speaker.name, speaker.country, speaker.sector) == (name, country, sector)


@pytest.mark.parametrize(("text", "name", "speaker_text"), [
    ("The Chinese foreign ministry criticised the sanctions on Monday. It said they violated "
     "international law.", "China (GOV)", "It"),
    ('The Kremlin welcomed the proposal. "It is a step in the right direction," it said.',
     "Russia (GOV)", "it"),
    ("Two European diplomats briefed reporters in Brussels. They said the vote had been postponed.",
     "anonymous European diplomats", "They"),
])
def test_it_and_they_continue_the_previous_sentences_subject(full, text, name, speaker_text):
    speaker = _by_cue(full, text, "said").speaker
    assert (speaker.name, speaker.text) == (name, speaker_text)


@pytest.mark.parametrize(("text", "actor_id"), [
    ("The Chinese foreign ministry said Beijing opposed any new sanctions.", "CHN:GOV"),
    ("The Kremlin said on Tuesday that Putin had no plans to meet Zelensky.", "RUS:GOV"),
    ("The Turkish foreign ministry said in a statement that Ankara condemned the attack.", "TUR:GOV"),
])
def test_bodies_speak_as_their_government(full, text, actor_id):
    assert _by_cue(full, text, "said").speaker.actor_id == actor_id


# ---- cue --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Lavrov said the West was to blame, according to TASS.", "said", "the West was to blame"),
    ("Russian Foreign Minister Sergei Lavrov told TASS that Moscow was ready for talks.", "told",
     "that Moscow was ready for talks"),
    ("German Chancellor Olaf Scholz warned that the war could spread, according to Reuters.",
     "warned", "that the war could spread"),
    ("NATO Secretary General Mark Rutte noted that allies had agreed to raise spending.", "noted",
     "that allies had agreed to raise spending"),
    ("Mexican President Claudia Sheinbaum stressed on Monday that Mexico would not accept tariffs.",
     "stressed", "that Mexico would not accept tariffs"),
    ("Donald Trump tweeted on Sunday that the talks were going well.", "tweeted",
     "that the talks were going well"),
    ('"Our alliance is stronger than ever," Rutte posted on X on Friday.', "posted",
     '"Our alliance is stronger than ever,"'),
    ("According to Zelenskyy, Russia launched 400 drones overnight.", "According to",
     "Russia launched 400 drones overnight"),
])
def test_cue_words_and_what_they_introduce(full, text, cue, content):
    quote = _by_cue(full, text, cue)
    assert quote.content.text == content
    assert quote.direct == content.startswith('"')


# ---- content ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "parts"), [
    ('"The sanctions are illegal," Kremlin spokesman Dmitry Peskov told reporters, "and they will '
     'fail."', ['"The sanctions are illegal,"', '"and they will fail."']),
    ("“We are not going to give up,” Sheinbaum said at a news conference. “Mexico will defend its "
     "sovereignty.”", ["“We are not going to give up,”", "“Mexico will defend its sovereignty.”"]),
    ("“This is a historic day for Brazil,” Lula wrote on Instagram. “We have defended our "
     "democracy.”", ["“This is a historic day for Brazil,”", "“We have defended our democracy.”"]),
])
def test_split_and_continued_quotes_keep_every_part(full, text, parts):
    quotes = _quotes(full, text)
    assert len(quotes) == 1 and quotes[0].direct
    assert [p.text for p in quotes[0].content_spans] == parts


def test_multi_sentence_quote_is_one_content(full):
    quote = _by_cue(full, '"We will respond. We will respond firmly," Hamas said in a statement on '
                          "Telegram.", "said")
    assert quote.content.text == '"We will respond. We will respond firmly,"'
    assert quote.speaker.actor_id == "hamas"


@pytest.mark.parametrize(("text", "cue", "actor_id", "content"), [
    ('Macron on Ukraine: "We will not abandon Kyiv."', ":", "emmanuel-macron",
     '"We will not abandon Kyiv."'),
    ('Erdogan added: "Turkey is ready to host the talks."', "added", "recep-tayyip-erdogan",
     '"Turkey is ready to host the talks."'),
    ('Rutte warned: "Putin will not stop at Ukraine."', "warned", "mark-rutte",
     '"Putin will not stop at Ukraine."'),
])
def test_quote_after_a_colon(full, text, cue, actor_id, content):
    quote = _by_cue(full, text, cue)
    assert quote.direct and quote.content.text == content
    assert quote.speaker.actor_id == actor_id


def test_unmarked_first_person_post_is_direct(full):
    quote = _by_cue(full, "I spoke with President Zelenskyy today and we agreed to work together, "
                          "Erdogan wrote on X.", "wrote")
    assert quote.direct and quote.channel == "X"
    assert quote.content.text == "I spoke with President Zelenskyy today and we agreed to work together"
    assert quote.speaker.actor_id == "recep-tayyip-erdogan"


# ---- channel, via, date -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cue", "channel"), [
    ("Zelenskyy said in a Telegram post Wednesday that Russia had attacked Kharkiv again.", "said",
     "Telegram"),
    ("Trump said on Truth Social that he would meet Putin in Alaska.", "said", "Truth Social"),
    ('"Peace is possible," Macron said in a post on X.', "said", "X"),
    ("Scholz said in a Facebook post that Germany would send more aid.", "said", "Facebook"),
    ("Macron told a press conference in Paris that France would recognise Palestine.", "told",
     "press conference"),
    ("A Chinese foreign ministry spokesperson told a regular press briefing on Thursday that Beijing "
     "opposed the tariffs.", "told", "press briefing"),
    ("In an interview with CNN, Zelenskyy said Ukraine would never recognise the occupation.", "said",
     "CNN"),
    ("Lavrov said on state television that the West had lost its way.", "said", "state television"),
    ('"We have never sought war," the Iranian foreign minister said on state TV.', "said",
     "state television"),
    ("Orbán told state radio on Friday that Hungary would veto the package.", "told", "state radio"),
    ("Peskov told Rossiya-24 on Sunday that Russia was open to dialogue.", "told", "Rossiya-24"),
    ("Putin, speaking on Rossiya-1, said the West had ignored Russia's concerns.", "said", "Rossiya-1"),
    ("Rubio told Fox News last week that the United States would not lift sanctions.", "told",
     "Fox News"),
    ("Lula told Al Jazeera that Brazil wanted a ceasefire in Gaza.", "told", "Al Jazeera"),
    # a named state broadcaster is the channel, not the generic "state television"
    ('"Enough is enough," Erdogan said in a speech broadcast on state television TRT.', "said", "TRT"),
    ("Erdogan told broadcaster NHK that Japan was a valued partner.", "told", "NHK"),
])
def test_channel(full, text, cue, channel):
    assert _by_cue(full, text, cue).channel == channel


@pytest.mark.parametrize(("text", "via"), [
    ("Russian Foreign Minister Sergei Lavrov told TASS that Moscow was ready for talks.", "TASS"),
    ("Lavrov said the West was to blame, according to TASS.", "TASS"),
    ("Peskov said the meeting was not planned, according to Interfax.", "Interfax"),
    ('"There will be no deal without Ukraine," a senior EU official told AFP.', "AFP"),
    # the agency whose report closes the sentence relays the statement
    ("Wang Yi said China was ready to mediate, quoted by Xinhua.", "Xinhua"),
    ("Peskov said the meeting was not planned, Interfax quoted him as saying.", "Interfax"),
    ("Peskov said the meeting was not planned, cited by Interfax.", "Interfax"),
    ("Araghchi said Tehran would not negotiate under pressure, Press TV reported.", "Press TV"),
    ("Hamas said it would release the hostages, according to Al Jazeera.", "Al Jazeera"),
    ("A Turkish official told Middle East Eye that Ankara had warned Israel.", "Middle East Eye"),
    ("Lavrov told the state-run IRNA news agency that Russia backed Iran.", "IRNA"),
    ("Zakharova said in remarks carried by state news agency RIA Novosti that the sanctions would fail.",
     "RIA Novosti"),
])
def test_via_is_the_relaying_agency(full, text, via):
    assert _by_cue(full, text, "said" if " said " in text else "told").via == via


@pytest.mark.parametrize(("text", "cue", "channel"), [
    ('"The decision is final," Modi told the BBC. "India will not change its position."', "told", "BBC"),
    ('"We are ready," Scholz told public broadcaster ZDF.', "told", "ZDF"),
    ('"We will win," Putin said, the Kremlin reported.', "said", None),
])
def test_a_broadcaster_spoken_to_or_a_non_outlet_is_no_via(full, text, cue, channel):
    quote = _by_cue(full, text, cue)
    assert (quote.channel, quote.via) == (channel, None)


@pytest.mark.parametrize(("text", "cue", "date"), [
    ("Zelenskyy said in a Telegram post Wednesday that Russia had attacked Kharkiv again.", "said",
     "2025-08-20"),
    ('"Europe cannot wait for Washington," the French president told reporters on Tuesday.', "told",
     "2025-08-19"),
    ("Peskov told Rossiya-24 on Sunday that Russia was open to dialogue.", "told", "2025-08-17"),
    ("Sheinbaum said last week that Mexico would retaliate.", "said", "2025-W33"),
    ('Zakharova wrote on Telegram on Thursday: "The West has lost all sense of reality."', "wrote",
     "2025-08-14"),
])
def test_date_of_the_statement(full, text, cue, date):
    assert _by_cue(full, text, cue).date == date


@pytest.mark.parametrize("text", [
    "Peskov said the meeting was not planned, cited by Interfax.",
    "Putin said Russia wanted lasting peace, RIA Novosti reported.",
    "Hamas said it would release the hostages, according to Al Jazeera.",
])
def test_a_relayed_statement_is_one_quote_without_the_relay_words(full, text):
    """The agency that relays a statement is its via: no second quote of the agency, and the
    statement's content stops before "cited by …" / "according to …"."""
    quotes = _quotes(full, text)
    assert len(quotes) == 1 and quotes[0].cue.text == "said"
    assert "," not in quotes[0].content.text


@pytest.mark.parametrize(("text", "content", "channel"), [
    ("Volodymyr Zelenski said in a video address that Kyiv needed more air defence.",
     "that Kyiv needed more air defence", "video address"),
    ("Hamas said in a statement posted on Telegram that it had handed over the list.",
     "that it had handed over the list", "Telegram"),
    ("Scholz wrote in an op-ed for the Washington Post that Germany stood with Ukraine.",
     "that Germany stood with Ukraine", "op-ed"),
])
def test_said_in_a_statement_that(full, text, content, channel):
    quote = _quotes(full, text)[0]
    assert (quote.content.text, quote.channel) == (content, channel)


def test_a_time_phrase_before_the_reported_clause_dates_the_statement(full):
    quote = _by_cue(full, "U.S. officials said on Thursday the strikes had hit their targets.", "said")
    assert (quote.content.text, quote.date) == ("the strikes had hit their targets", "2025-08-14")


@pytest.mark.parametrize(("text", "via"), [
    ("A local official told VOA that the road had been closed since Monday.", "VOA"),
    ("Analysts told VOA Mandarin that the visit was aimed at China.", "VOA"),
    ("The minister told Radio Free Asia that the talks had stalled.", "Radio Free Asia"),
])
def test_international_broadcasters_that_interview_are_the_via(full, text, via):
    quote = _by_cue(full, text, "told")
    assert (quote.via, quote.channel) == (via, None)


@pytest.mark.parametrize(("text", "cue", "actor_id"), [
    ('Apple Computer sued the band. A statement from Apple Computer stated that "the two firms '
     'now differ on this agreement."', "stated", "new:apple-computer"),
    ("Amnesty International criticised the ban. Amnesty International's report says the police "
     "used live fire.", "says", "amnesty-international"),
])
def test_a_message_speaks_for_its_sender(full, text, cue, actor_id):
    assert _by_cue(full, text, cue).speaker.actor_id == actor_id


@pytest.mark.parametrize(("text", "cue", "speaker_text"), [
    ('"We are rolling out the first delivery airplane," enthused Scott Fancher, the project manager.',
     "enthused", "Scott Fancher"),
    ('"I am trying to get to Sardinia to see my mother," confided Carmella, an Italian woman.',
     "confided", "Carmella"),
])
def test_inverted_speech_verbs_of_feeling_are_cues(full, text, cue, speaker_text):
    assert _by_cue(full, text, cue).speaker.text == speaker_text
