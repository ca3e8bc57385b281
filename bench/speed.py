"""End-to-end NLP speed: the full Heron pipeline vs raw spaCy ``nlp.pipe`` on the same texts.

Both passes run in the same process on the VOA stories (repeated ``--rounds`` times so the run
is long enough to time), after a warm-up that loads the model and every component. The ratio
is pipeline docs/s divided by spaCy docs/s (target >= 0.7). Peak RSS is the process maximum
(``resource.getrusage``), i.e. model + components + one batch.

    python bench/speed.py [--rounds 3] [--voa ../shared/datasets/voa/stories.jsonl] [--skip NAME...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import DATASETS, add_no_record_flag, record  # noqa: E402
from events import component_ready  # noqa: E402
from heron.config import ALL_COMPONENTS  # noqa: E402
from heron.model import Article  # noqa: E402
from heron.nlp.context import Component, DocContext  # noqa: E402
from heron.nlp.pipeline import Pipeline, spacy_only  # noqa: E402

DEFAULT_VOA = DATASETS / "voa" / "stories.jsonl"
WARM_UP_DOCS = 4


class Timed:
    """A component that adds its running time to ``spent[name]``."""

    def __init__(self, component: Component, spent: dict[str, float]):
        self.component, self.spent, self.name = component, spent, component.name

    def __call__(self, ctx: DocContext) -> None:
        started = time.perf_counter()
        self.component(ctx)
        self.spent[self.name] += time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--voa", type=Path, default=DEFAULT_VOA)
    add_no_record_flag(parser)
    parser.add_argument("--skip", nargs="*", default=[], help="components to leave out")
    args = parser.parse_args()
    stories = [json.loads(line) for line in args.voa.read_text().splitlines() if line.strip()]
    articles = [Article(id=f"{s['id']}-{r}", text=s["text"], raw_text=s["text"],
                        published=(s.get("published") or "")[:10] or None)
                for r in range(args.rounds) for s in stories]
    present = [c for c in ALL_COMPONENTS if component_ready(c) and c not in args.skip]
    missing = sorted(set(ALL_COMPONENTS) - set(present))
    pipeline = Pipeline(components=present)
    texts = [a.text for a in articles]
    batch = pipeline.settings.batch_size

    list(pipeline.analyse(articles[:WARM_UP_DOCS]))  # loads the model and warms every component
    load_before = os.getloadavg()[0]  # the machine is shared: wall-clock ratios move with load
    spent = {c.name: 0.0 for c in pipeline.components}
    for stage in pipeline.stages:  # time each wrapped component inside its spaCy pipe
        pipe = pipeline.nlp.get_pipe(stage)
        pipe.component = Timed(pipe.component, spent)
    started = time.perf_counter()
    with spacy_only(pipeline.nlp):
        for _ in pipeline.nlp.pipe(texts, batch_size=batch):
            pass
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    events = sum(len(analysis.events) for analysis in pipeline.analyse(articles))
    heron_seconds = time.perf_counter() - started

    n = len(articles)
    spacy_rate, heron_rate = n / spacy_seconds, n / heron_seconds
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"- {n} VOA stories ({len(stories)} x {args.rounds} rounds, "
        f"{sum(len(t) for t in texts) / n:.0f} chars avg), batch size {batch}",
        f"- raw spaCy nlp.pipe: {spacy_rate:.2f} docs/s ({spacy_seconds:.1f}s)",
        f"- Heron pipeline ({', '.join(present)}): {heron_rate:.2f} docs/s "
        f"({heron_seconds:.1f}s, {events} events)",
        f"- ratio Heron / spaCy: {heron_rate / spacy_rate:.2f} (target >= 0.7)",
        "- time in components (s): " + ", ".join(f"{k} {v:.1f}" for k, v in spent.items()),
        f"- peak RSS: {peak_mb:.0f} MB",
        f"- 1-minute load average on the {os.cpu_count()} cores: {load_before:.1f} before the "
        f"timed passes, {os.getloadavg()[0]:.1f} after",
    ]
    if missing:
        lines.append(f"- components not measured (absent or --skip): {', '.join(missing)}")
    record("Speed: full NLP pipeline vs raw spaCy (VOA stories)", lines, dry_run=args.no_record)


if __name__ == "__main__":
    main()
