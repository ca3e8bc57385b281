"""The web app's building blocks: highlighting hostile text, chart and map geometry."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from heron.web.charts import LAND_CELL, land_cells, land_svg, stance_chart, world_point
from heron.web.highlight import Mark, highlight, path_id, snippet
from heron.web.pages import shown

OWN_TAG = re.compile(r'<mark class="[\w -]+" title="[^"<>]*">|</mark>|<a href="[^"<>]*">|</a>'
                     r'|<span class="anchor" id="[^"<>]*"></span>')


def visible_text(markup: str) -> str:
    return html.unescape(OWN_TAG.sub("", markup))


HOSTILE_CHARS = st.sampled_from(list("ab <>&\"'/=\né€"))
TEXT = st.text(alphabet=HOSTILE_CHARS, max_size=40)
MARKS = st.lists(st.tuples(st.integers(-3, 45), st.integers(0, 8),
                           st.sampled_from(["mention", "trigger", "quote"]), TEXT,
                           st.none() | TEXT, st.none() | TEXT), max_size=5)


@st.composite
def text_and_marks(draw):
    marks = [Mark(start, start + length, kind, title, href, anchor)
             for start, length, kind, title, href, anchor in draw(MARKS)]
    return draw(TEXT), marks


@given(text_and_marks())
def test_highlight_keeps_the_text_and_adds_only_its_own_tags(case):
    text, marks = case
    markup = str(highlight(text, marks))
    assert visible_text(markup) == text
    assert "<" not in OWN_TAG.sub("", markup)  # every other "<" is escaped


def test_overlapping_marks_combine_classes_and_link_once():
    text = "Putin met Zelensky"
    marks = [Mark(0, 18, "quote", "quote of X"), Mark(0, 5, "mention", "Vladimir Putin",
                                                     href="/actors/vladimir-putin"),
             Mark(6, 9, "trigger", "CONSULT", anchor="ev-1")]
    markup = str(highlight(text, marks))
    assert '<a href="/actors/vladimir-putin"><mark class="hl-quote hl-mention"' in markup
    assert '<span class="anchor" id="ev-1"></span><mark class="hl-quote hl-trigger"' in markup
    assert visible_text(markup) == text


def test_marks_are_relative_to_the_base_offset():
    markup = str(highlight("met him", [Mark(100, 103, "trigger")], base=100))
    assert markup.startswith('<mark class="hl-trigger" title="">met</mark>')


def test_hostile_attributes_are_escaped():
    markup = str(highlight("x", [Mark(0, 1, "mention", '"><script>', href='" onclick="a')]))
    assert "<script>" not in markup and 'onclick="' not in markup


def test_snippet_marks_hits_and_escapes_the_rest():
    assert str(snippet("a <b> [Putin] said")) == 'a &lt;b&gt; <mark class="hl-hit">Putin</mark> said'


def test_path_id_escapes_slashes_and_queries():
    assert path_id("a/b?c#d") == "a%2Fb%3Fc%23d"


def test_stance_chart_scales_to_the_busiest_day():
    chart = stance_chart([{"date": "2025-08-19", "cooperation": 4, "conflict": 1},
                          {"date": "2025-08-20", "cooperation": 0, "conflict": 2}])
    assert chart.peak == 4
    first, second = chart.bars
    assert first.coop_y + first.coop_height == chart.axis_y  # grows up from the axis
    assert first.coop_height == 4 * second.conflict_height / 2
    assert second.coop_height == 0 and first.x < second.x
    assert stance_chart([]) is None


def test_world_point_is_equirectangular():
    point = world_point(0.0, 0.0)
    assert (point.x, point.y) == (point.width / 2, point.height / 2)
    kyiv = world_point(50.45, 30.52)
    assert kyiv.x > point.x and kyiv.y < point.y
    assert world_point(None, 30.0) is None


def cell(lat: float, lon: float) -> tuple[int, int]:
    return int((lon + 180) // LAND_CELL), int((90 - lat) // LAND_CELL)


def test_land_cells_outline_the_continents():
    cells = land_cells()
    for lat, lon in ((50.45, 30.52), (48.85, 2.35), (40.7, -74.0), (-33.9, 151.2)):  # land
        assert cell(lat, lon) in cells
    for lat, lon in ((0.0, -150.0), (-40.0, -20.0), (30.0, -40.0)):  # open ocean
        assert cell(lat, lon) not in cells
    assert land_svg().startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_consensus_values_are_shown_readably():
    assert shown({"name": "Kyiv", "country": "UKR", "lat": 50.4}) == "Kyiv (UKR)"
    assert shown(["RUS", "UKR"]) == "RUS, UKR" and shown(3) == "3"
