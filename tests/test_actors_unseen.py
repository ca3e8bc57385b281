"""Actors on unseen news (issue #14): unknown people as first-class actors, countries only from
evidence about the person, context before surname, dated roles, datelines, heads of state GOV.
Invented texts, the real spaCy model, a small KB written for the tests."""

from __future__ import annotations

import pytest

from conftest import actors_with_kb, run_component
from heron.model import Actor, Analysis, Mention
from heron.nlp.actors import cluster_new_actors
from heron.nlp.actors.component import ActorsComponent
from heron.nlp.actors.kb import load_kb
from heron.nlp.actors.people import cluster_names, parse_name, same_person

KB_TEXT = """\
- iso3: USA
  name: United States
  aliases: [US, U.S.]
  demonyms: [American]
  capital: Washington
- iso3: RUS
  name: Russia
  demonyms: [Russian]
  capital: Moscow
- iso3: NGA
  name: Nigeria
  demonyms: [Nigerian]
  capital: Abuja
- iso3: DNK
  name: Denmark
  demonyms: [Danish]
  capital: Copenhagen
- iso3: BIH
  name: Bosnia and Herzegovina
  demonyms: [Bosnian]
- iso3: SRB
  name: Serbia
  demonyms: [Serb, Serbs, Serbian]
- iso3: PRK
  name: North Korea
  demonyms: [North Korean]
  capital: Pyongyang
- id: un
  code: UN
  name: United Nations
  sector: IGO
- iso3: IRN
  name: Iran
  demonyms: [Iranian]
  capital: Tehran
- terms: [lawyer, ambassador, secretary, minister, president, official, government]
  sector: GOV
- terms: [journalist]
  sector: MED
- terms: [company]
  sector: BUS
- id: ole-brandt
  name: Ole Brandt
  aliases: [Brandt]
  gender: m
  roles: [{title: Prime Minister, country: DNK, sector: GOV, start: 2023-04-01, end: null}]
- id: mary-simon
  name: Mary Simon
  aliases: [Simon]
  gender: f
  roles: [{title: Governor, country: DNK, sector: GOV, start: 2021-07-26, end: null}]
- id: vitaliy-kim
  name: Vitaliy Kim
  aliases: [Kim]
  gender: m
  roles: [{title: Governor, country: DNK, sector: GOV, start: 2019-01-01, end: null}]
- id: albert-dane
  name: Albert Dane
  aliases: [Albert]
  gender: m
  roles: [{title: Prince, country: DNK, sector: GOV, start: 2005-01-01, end: null}]
- id: arlo-vesker
  name: Arlo Vesker
  aliases: [Vesker]
  gender: m
  roles:
    - {title: President, country: USA, sector: GOV, start: 1993-01-20, end: 2001-01-20}
- id: ri-dong-chol
  name: Ri Dong Chol
  aliases: []
  gender: m
  roles:
    - {title: Chairman of the State Council, country: PRK, sector: GOV, start: 2012-01-01, end: null}
    - {title: General Secretary of the Ruling Party, country: PRK, sector: PTY, start: 2020-01-01, end: null}
"""


@pytest.fixture(scope="module")
def component(nlp, tmp_path_factory) -> ActorsComponent:
    return actors_with_kb(nlp, tmp_path_factory.mktemp("kb"), KB_TEXT)


@pytest.fixture(scope="module")
def analyse(nlp, component):
    def run(text: str, published: str = "2018-03-01") -> Analysis:
        return run_component(nlp, component, text, published=published)
    return run


def mentions(analysis: Analysis, text: str) -> list[Mention]:
    found = [m for m in analysis.mentions if m.text == text]
    assert found, (text, [(m.text, m.actor_id) for m in analysis.mentions])
    return found


def test_name_variants_of_an_unknown_person_are_one_actor(analyse) -> None:
    analysis = analyse("Harold P. Quimby was dismissed on Tuesday. Harold Quimby later testified "
                       "before the committee. Quimby's memo was leaked, and Quimby said he was "
                       "surprised.")
    ids = {m.actor_id for text in ("Harold P. Quimby", "Harold Quimby", "Quimby")
           for m in mentions(analysis, text)}
    assert ids == {"new:harold-p-quimby"}
    assert mentions(analysis, "Quimby")[0].name == "Harold P. Quimby"
    assert [a.id for a in analysis.actors if "quimby" in a.id] == ["new:harold-p-quimby"]


def test_family_members_and_suffixes_never_merge(analyse) -> None:
    analysis = analyse("Gerald Ashworth Jr. met the delegation. Margit Ashworth stayed at home. "
                       "Gerald Ashworth spoke later.")
    ids = [mentions(analysis, t)[0].actor_id
           for t in ("Gerald Ashworth Jr.", "Margit Ashworth", "Gerald Ashworth")]
    assert len(set(ids)) == 3


def test_country_only_from_evidence_about_the_person(analyse) -> None:
    analysis = analyse("Bartholomew Ngata called for sanctions against Nigeria.")
    assert mentions(analysis, "Bartholomew Ngata")[0].country is None
    analysis = analyse("Special counsel Harold Quimby questioned Lars Oberg about Russia.")
    assert mentions(analysis, "Harold Quimby")[0].country is None
    assert mentions(analysis, "Lars Oberg")[0].country is None


def test_nationality_or_appositive_gives_the_country_to_every_mention(analyse) -> None:
    analysis = analyse("Russian lawyer Irina Solvatova met the campaign. Solvatova said she had "
                       "documents.")
    assert {m.country for m in analysis.mentions if "Solvatova" in m.text} == {"RUS"}
    analysis = analyse("Tomas Ferreira, Nigeria's ambassador, arrived on Monday. Ferreira met "
                       "officials.")
    assert {m.country for m in analysis.mentions if "Ferreira" in m.text} == {"NGA"}


def test_unknown_full_name_beats_a_kb_surname(analyse) -> None:
    analysis = analyse("Homeland Security Secretary Kirsten Brandt visited the border. Brandt "
                       "said the fence would be finished.")
    assert {m.actor_id for m in analysis.mentions if "Brandt" in m.text} == {"new:kirsten-brandt"}


def test_an_office_the_kb_person_never_held_blocks_a_surname_link(analyse) -> None:
    analysis = analyse("Homeland Security Secretary Brandt visited the border.", "2024-05-01")
    assert mentions(analysis, "Brandt")[0].actor_id != "ole-brandt"
    analysis = analyse("Prime Minister Brandt visited the border.", "2024-05-01")
    assert mentions(analysis, "Brandt")[0].actor_id == "ole-brandt"


def test_dates_pick_roles_for_a_bare_surname(analyse) -> None:
    assert mentions(analyse("Brandt visited Washington.", "2024-05-01"), "Brandt")[0].actor_id \
        == "ole-brandt"
    old = analyse("Brandt visited Washington.", "1995-05-01")
    assert all(m.actor_id != "ole-brandt" for m in old.mentions)
    m = mentions(analyse("President Arlo Vesker met the delegation.", "1996-06-01"),
                 "Arlo Vesker")[0]
    assert (m.actor_id, m.country, m.sector) == ("arlo-vesker", "USA", "GOV")


def test_dateline_is_not_an_actor(analyse) -> None:
    analysis = analyse("WASHINGTON — Harold Quimby met the delegation on Monday.")
    assert not [m for m in analysis.mentions if m.text == "WASHINGTON"]
    analysis = analyse("Moscow, March 3 (Reuters) - Harold Quimby met the delegation.")
    assert not [m for m in analysis.mentions if m.text == "Moscow"]


def test_head_of_state_who_leads_the_party_is_gov(analyse) -> None:
    m = mentions(analyse("Ri Dong Chol inspected the troops."), "Ri Dong Chol")[0]
    assert (m.country, m.sector) == ("PRK", "GOV")


@pytest.mark.parametrize(("a", "b", "same"), [
    ("James B. Comey", "James Comey", True),
    ("James B. Comey", "Comey", True),
    ("J. Comey", "James Comey", True),
    ("James B. Comey", "James R. Comey", False),
    ("Donald Trump Jr.", "Donald Trump", False),
    ("Melania Trump", "Donald Trump", False),
    ("Kim", "Kin", False),
])
def test_same_person_rules(a: str, b: str, same: bool) -> None:
    assert same_person(parse_name(a), parse_name(b)) is same


def test_an_initial_never_bridges_two_first_names() -> None:
    names = [parse_name(t) for t in ("James Comey", "John Comey", "J. Comey")]
    keys = cluster_names(names)
    assert keys[0] != keys[1]


def test_story_clusters_follow_the_same_rules() -> None:
    actors = [Actor("new:james-b-comey", "James B. Comey", None, None, "person"),
              Actor("new:james-comey", "James Comey", None, None, "person"),
              Actor("new:john-comey", "John Comey", None, None, "person"),
              Actor("new:j-comey", "J. Comey", None, None, "person"),
              Actor("new:gerald-ashworth-jr", "Gerald Ashworth Jr.", None, None, "person"),
              Actor("new:gerald-ashworth", "Gerald Ashworth", None, None, "person")]
    clusters = cluster_new_actors(actors)
    assert clusters["new:james-comey"] == clusters["new:james-b-comey"]
    assert clusters["new:john-comey"] != clusters["new:james-b-comey"]
    assert clusters["new:gerald-ashworth-jr"] != clusters["new:gerald-ashworth"]


def test_a_bare_surname_of_two_people_goes_to_the_one_the_story_is_about() -> None:
    names = [parse_name(t) for t in ("Arnel Joseph", "Joseph", "Joseph", "Hector Paul Joseph",
                                     "Joseph")]
    keys = cluster_names(names)
    assert keys[1] == keys[2] == keys[4] == keys[0] != keys[3]


def test_a_first_name_alone_joins_the_one_person_named_with_it() -> None:
    keys = cluster_names([parse_name(t) for t in ("Steve Jobs", "Steve", "Steve Ballmer")])
    assert keys[1] == keys[0] != keys[2]
    # Two people named Steve before it: ambiguous, no join; nor before the full name.
    keys = cluster_names([parse_name(t) for t in ("Steve Jobs", "Steve Ballmer", "Steve")])
    assert keys[2] not in (keys[0], keys[1])
    keys = cluster_names([parse_name(t) for t in ("Steve", "Steve Jobs")])
    assert keys[0] != keys[1]


def test_multi_word_family_name_alone_is_the_same_person() -> None:
    assert same_person(parse_name("Abdel Bari"), parse_name("Naser Eldin Abdel Bari"))
    assert not same_person(parse_name("Eldin Bari"), parse_name("Naser Eldin Abdel Bari"))


def test_a_surname_goes_to_the_kb_person_named_in_full_in_the_document(nlp, tmp_path) -> None:
    (tmp_path / "kb.yaml").write_text(KB_TEXT + """\
- id: ida-brandt-holm
  name: Ida Brandt
  aliases: []
  gender: f
  roles: [{title: Foreign Minister, country: DNK, sector: GOV, start: 2015-01-01, end: 2020-01-01}]
""", encoding="utf-8")
    component = ActorsComponent(nlp, load_kb([tmp_path], builtin=False))
    text = "Foreign Minister Ida Brandt arrived in Washington. Brandt said talks went well."
    analysis = run_component(nlp, component, text, published="2018-03-01")
    assert {m.actor_id for m in analysis.mentions if "Brandt" in m.text} == {"ida-brandt-holm"}


def test_a_people_named_with_its_country_belongs_to_that_country(analyse) -> None:
    m = mentions(analyse("Bosnian Serbs demanded a truce on Tuesday."), "Serbs")[0]
    assert (m.country, m.kind) == ("BIH", "NORP")
    assert mentions(analyse("Serbs protested on Tuesday."), "Serbs")[0].country == "SRB"


def test_former_office_holder_keeps_the_national_country_as_eli(analyse) -> None:
    m = mentions(analyse("Arlo Vesker met the delegation.", "2015-06-01"), "Arlo Vesker")[0]
    assert (m.actor_id, m.country, m.sector) == ("arlo-vesker", "USA", "ELI")
    m = mentions(analyse("Arlo Vesker met the delegation.", "1990-06-01"), "Arlo Vesker")[0]
    assert (m.country, m.sector) == ("USA", None)


def test_appositive_clauses_further_on_give_no_country(analyse) -> None:
    analysis = analyse("Lars Oberg, a lecturer focusing on Russian policy at a university, spoke.")
    assert mentions(analysis, "Lars Oberg")[0].country is None


@pytest.mark.parametrize("text, name", [
    ("Lars Oberg, a North Korean expert at a university in Ohio, spoke on Monday.", "Lars Oberg"),
    ("Lars Oberg, a senior Iran analyst at a consultancy, spoke on Monday.", "Lars Oberg"),
    ("Russia analyst Lars Oberg spoke on Monday.", "Lars Oberg"),
    ("They tried to kill Lena Voss, a vocal critic of Tehran, in 2022.", "Lena Voss"),
])
def test_what_an_expert_studies_is_not_the_experts_country(analyse, text, name) -> None:
    assert mentions(analyse(text), name)[0].country is None


def test_the_last_of_two_nationality_words_is_the_nationality(analyse) -> None:
    analysis = analyse("Gunmen tried to kill the Iranian American journalist Lena Voss in 2022. "
                       "Voss said she was safe.")
    assert {m.country for m in analysis.mentions if "Voss" in m.text} == {"USA"}
    analysis = analyse("Officials questioned two Iranian American journalists on Monday.")
    assert [m.country for m in mentions(analysis, "Iranian American journalists")] == ["USA"]


@pytest.mark.parametrize("text, word, actor_id", [
    # a hyphenated first name is part of the name
    ("The former ambassador, Jean-Marc Simon, told the radio he believed it. Simon said the plot "
     "was invented.", "Simon", "new:jean-marc-simon"),
    # a Korean given name after the family name is part of the name
    ("Prosecutors raided the office of Kim Do-hyun, a senior aide, on Monday. Kim denied any "
     "wrongdoing.", "Kim", "new:kim-do-hyun"),
    # a first name of an unknown person is not a KB namesake
    ("His mother sent Albert Ostrow back to Canton at eleven. Albert found work in a laundry.",
     "Albert", "new:albert-ostrow"),
])
def test_every_part_of_an_unknown_name_stays_with_its_person(analyse, text, word,
                                                             actor_id) -> None:
    analysis = analyse(text)
    assert {m.actor_id for m in analysis.mentions if word in m.text} == {actor_id}


def test_organisations_sharing_a_generic_last_word_stay_apart(analyse) -> None:
    analysis = analyse("The Freedonian Government and the Sylvanian Government signed a deal.")
    ids = {m.actor_id for m in analysis.mentions if "Government" in m.text}
    assert len(ids) != 1 or None in ids


def test_the_company_is_the_organisation_just_named(analyse) -> None:
    analysis = analyse("Quimby Aerospace unveiled a new plane on Monday. The company said orders "
                       "were strong.")
    named = mentions(analysis, "Quimby Aerospace")[0]
    assert mentions(analysis, "company")[0].actor_id == named.actor_id


def test_an_acronym_of_an_unknown_organisation_is_that_organisation(analyse) -> None:
    analysis = analyse("The National Unity Congress won the vote. The NUC said it would govern "
                       "alone.")
    assert mentions(analysis, "NUC")[0].actor_id == mentions(analysis, "National Unity Congress")[0].actor_id


def test_a_role_word_inside_an_organisations_name_gives_no_sector(analyse) -> None:
    # "General Motors" is no military: of an unknown name's own words only its head noun counts.
    analysis = analyse("General Motors unveiled a new car on Monday. The company said orders "
                       "were strong.")
    motors = mentions(analysis, "General Motors")[0]
    assert motors.sector != "MIL"
    assert mentions(analysis, "company")[0].actor_id == motors.actor_id


@pytest.mark.parametrize("text, role, name", [
    ("Denmark's new prime minister, Ole Brandt, met reporters on Monday.",
     "Denmark's new prime minister", "Ole Brandt"),
    ("The company's chief lawyer, Lena Voss, told reporters the road was shut.",
     "company's chief lawyer", "Lena Voss"),
])
def test_a_role_in_apposition_with_a_name_is_that_person(analyse, text, role, name) -> None:
    analysis = analyse(text)
    person, described = mentions(analysis, name)[0], mentions(analysis, role)[0]
    assert described.actor_id == person.actor_id is not None
    assert described.evidence["method"] == "apposition"


def test_a_role_in_apposition_gives_an_unknown_person_its_country(analyse) -> None:
    analysis = analyse("The U.N.'s special ambassador, Tomas Ekberg, expressed concern. Ekberg "
                       "said aid was blocked.")
    assert {m.country for m in analysis.mentions if "Ekberg" in m.text} == {"UN"}


def test_the_government_is_the_state_acting_just_before(analyse) -> None:
    analysis = analyse("Nigeria rejected the plan on Monday. The government said talks would go "
                       "on. Ole Brandt said his government would wait.")
    assert mentions(analysis, "government")[0].actor_id == "NGA:GOV"
    assert mentions(analysis, "his government")[0].actor_id != "NGA:GOV"


def test_a_headline_name_is_an_actor_when_the_body_or_a_sentence_case_headline_backs_it(
        analyse) -> None:
    titled = analyse("Lena Voss Checks Into Clinic\nLena Voss checked into a clinic on Monday, "
                     "her lawyer said.")
    heads = [m for m in titled.mentions if m.start == 0]
    assert [m.text for m in heads] == ["Lena Voss"]
    assert heads[0].actor_id == mentions(titled, "Lena Voss")[1].actor_id is not None
    plain = analyse("Tomas Ekberg quits the board\nHe said on Monday that he was tired.")
    assert mentions(plain, "Tomas Ekberg")[0].actor_id == "new:tomas-ekberg"
    noise = analyse("Challenges And Future Outlook Of Quimby Growth\nThe economy grew fast.")
    assert all(m.actor_id is None or not m.actor_id.startswith("new:") for m in noise.mentions)


def test_a_lone_word_starting_an_organisations_name_is_that_organisation(analyse) -> None:
    analysis = analyse("The Halvorsen Shipping Company cut jobs. Halvorsen told reporters the "
                       "plan was painful.")
    lone = mentions(analysis, "Halvorsen")[0]
    assert lone.actor_id == mentions(analysis, "Halvorsen Shipping Company")[0].actor_id
    # A person named in full with that surname keeps it.
    named = analyse("The Halvorsen Shipping Company cut jobs. Its founder Erik Halvorsen said "
                    "it hurt. Halvorsen told reporters the plan was painful.")
    assert mentions(named, "Halvorsen")[0].actor_id == mentions(named, "Erik Halvorsen")[0].actor_id
