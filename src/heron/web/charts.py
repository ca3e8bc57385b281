"""Geometry of the server-side SVG charts; the templates (``_charts.html``) draw the shapes.

Only numbers and dates computed here reach the SVG, so no article text can end up in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from heron.records import DayStance

MAX_BAR_WIDTH = 40


@dataclass
class Bar:
    x: float
    width: float
    date: str
    cooperation: int
    conflict: int
    coop_y: float  # cooperation bars grow up from the axis, conflict bars down
    coop_height: float
    conflict_height: float
    label: str | None  # the date, on every n-th bar so that labels do not collide


@dataclass
class StanceChart:
    width: int
    height: int
    axis_y: float
    peak: int
    bars: list[Bar] = field(default_factory=list)


def stance_chart(days: list[DayStance], width: int = 640,
                 height: int = 180) -> StanceChart | None:
    """A diverging bar chart of cooperation (up) and conflict (down) per day; None if no data.

    ``days`` are counts per day in date order
    (:func:`heron.read.events.stance_per_day`).
    """
    if not days:
        return None
    top, bottom, left, right = 16, 30, 36, 8
    axis_y = top + (height - top - bottom) / 2
    half = (height - top - bottom) / 2
    peak = max(max(d["cooperation"], d["conflict"]) for d in days) or 1
    slot = (width - left - right) / len(days)
    every = max(1, round(len(days) / max(1, (width - left - right) // 70)))
    chart = StanceChart(width, height, axis_y, peak)
    for i, day in enumerate(days):
        coop_h = half * day["cooperation"] / peak
        bar_width = min(slot * 0.7, MAX_BAR_WIDTH)
        chart.bars.append(Bar(
            x=left + i * slot + (slot - bar_width) / 2, width=bar_width, date=day["date"],
            cooperation=day["cooperation"], conflict=day["conflict"],
            coop_y=axis_y - coop_h, coop_height=coop_h,
            conflict_height=half * day["conflict"] / peak,
            label=day["date"][5:] if i % every == 0 else None))
    return chart


@dataclass
class MapPoint:
    """A point on an equirectangular world plot ``width`` x ``width / 2``."""

    width: int
    height: int
    x: float
    y: float
    meridians: list[float]
    parallels: list[float]


def world_point(lat: float | None, lon: float | None, width: int = 360) -> MapPoint | None:
    if lat is None or lon is None:
        return None
    height = width // 2
    scale = width / 360
    return MapPoint(width=width, height=height, x=(lon + 180) * scale, y=(90 - lat) * scale,
                    meridians=[(m + 180) * scale for m in range(-150, 180, 30)],
                    parallels=[(90 - p) * scale for p in range(-60, 90, 30)])


# The world map's land: every cell of LAND_CELL degrees holding a gazetteer place. Thousands of
# towns outline the continents well enough to place a dot, with no map data of its own.
LAND_CELL = 3


@lru_cache(maxsize=1)
def land_cells() -> frozenset[tuple[int, int]]:
    """(column, row) of the cells with a place, columns from 180°W, rows from 90°N."""
    from heron.nlp.places import load_gazetteer

    cells = set()
    for candidates in load_gazetteer().values():
        for candidate in candidates:
            lat, lon = candidate.entry.lat, candidate.entry.lon
            if lat is not None and lon is not None:
                cells.add((int((lon + 180) // LAND_CELL), int((90 - lat) // LAND_CELL)))
    return frozenset(cells)


def land_svg(width: int = 360) -> str:
    """A standalone SVG of the land cells on an equirectangular ``width`` x ``width / 2`` plot."""
    size = width / 360 * LAND_CELL
    path = "".join(f"M{x * size:g} {y * size:g}h{size:g}v{size:g}h{-size:g}z"
                   for x, y in sorted(land_cells()))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {width // 2}">'
            f'<path fill="#cfd8c4" d="{path}"/></svg>')
