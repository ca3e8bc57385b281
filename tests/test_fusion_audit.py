"""The fusion audit's scoring (bench/fusion_audit.py --score) on a hand-made sample and hand-made
verdict files: per-auditor precision, Cohen's κ, adjudicated verdicts, bad verdict files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import fusion_audit  # noqa: E402


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def cx(n: int) -> dict:
    return {"kind": "contradiction", "id": f"ecb:cx-{n}", "sides": [
        {"value": "12", "sources": [{"article_id": f"a{n}", "sentence": "12 died."}]},
        {"value": "14", "sources": [{"article_id": f"b{n}", "sentence": "14 died."}]}]}


def fe(n: int) -> dict:
    return {"kind": "fused_event", "id": f"ecb:fe-{n}",
            "sources": [{"article_id": f"a{n}", "sentence": "They met."},
                        {"article_id": f"b{n}", "sentence": "The two met."}]}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.jsonl"
    write(path, [cx(1), cx(2), cx(3), cx(4), fe(1), fe(2)])
    (tmp_path / "audit").mkdir()
    return path


def verdicts(folder: Path, name: str, pairs: dict[str, str]) -> None:
    write(folder / name, [{"id": i, "verdict": v, "note": ""} for i, v in pairs.items()])


def test_kappa_of_two_raters() -> None:
    a = ["real", "real", "bug", "bug"]
    b = ["real", "bug", "bug", "bug"]
    # observed 3/4; expected (2·1 + 2·3)/16 = 1/2 → κ = (0.75 − 0.5) / 0.5
    assert fusion_audit.cohen_kappa(a, b) == pytest.approx(0.5)
    assert fusion_audit.cohen_kappa(a, a) == pytest.approx(1.0)
    assert fusion_audit.cohen_kappa(["one"] * 3, ["one"] * 3) is None  # no variation
    assert fusion_audit.cohen_kappa([], []) is None


def test_precision_per_auditor_agreement_and_first_auditor_as_final(sample: Path) -> None:
    folder = sample.parent / "audit"
    verdicts(folder, "verdicts_ann.jsonl", {"ecb:cx-1": "real", "ecb:cx-2": "real",
                                            "ecb:cx-3": "bug", "ecb:cx-4": "bug",
                                            "ecb:fe-1": "one", "ecb:fe-2": "one"})
    verdicts(folder, "verdicts_bob.jsonl", {"ecb:cx-1": "real", "ecb:cx-2": "bug",
                                            "ecb:cx-3": "bug", "ecb:cx-4": "bug",
                                            "ecb:fe-1": "one"})
    lines = fusion_audit.score(sample, folder)
    text = "\n".join(lines)
    assert "auditors: ann, bob" in lines[0]
    assert "- contradiction precision: 0.50 (2/4) (ann's verdicts)" in text
    assert "  - bob: 0.25 (1/4)" in text
    assert "agreement ann / bob: κ 0.50, raw agreement 3/4" in text
    assert "- fused_event precision: 1.00 (2/2)" in text
    assert "κ undefined, raw agreement 1/1" in text  # both said "one" to the one shared item


def test_adjudicated_verdicts_override_the_first_auditor(sample: Path) -> None:
    folder = sample.parent / "audit"
    verdicts(folder, "verdicts_ann.jsonl", {"ecb:cx-1": "real", "ecb:cx-2": "real"})
    verdicts(folder, "verdicts_bob.jsonl", {"ecb:cx-1": "real", "ecb:cx-2": "bug"})
    verdicts(folder, "adjudicated.jsonl", {"ecb:cx-2": "bug"})
    text = "\n".join(fusion_audit.score(sample, folder))
    assert "- contradiction precision: 0.50 (1/2) (adjudicated, else ann's verdicts)" in text
    assert "  - ann: 1.00 (2/2)" in text


def test_no_verdicts_yet(sample: Path) -> None:
    [line] = fusion_audit.score(sample, sample.parent / "audit")
    assert "4 contradictions, 2 multi-outlet fused events; auditors: none yet" in line


@pytest.mark.parametrize(("row", "message"), [
    ({"id": "ecb:cx-9", "verdict": "real"}, "is not in the sample"),
    ({"id": "ecb:cx-1", "verdict": "one"}, "must be one of"),  # a fused-event verdict
    ({"id": "ecb:fe-1", "verdict": "Real"}, "must be one of"),
    ({"verdict": "real"}, "is not in the sample"),
])
def test_a_bad_verdict_file_is_an_error(sample: Path, row: dict, message: str) -> None:
    folder = sample.parent / "audit"
    write(folder / "verdicts_ann.jsonl", [row])
    with pytest.raises(ValueError, match=message):
        fusion_audit.score(sample, folder)


def test_one_item_drawn_from_two_runs_is_kept_once() -> None:
    again = {**cx(1), "id": "ecb-subset:cx-7"}
    assert [i["id"] for i in fusion_audit.distinct([cx(1), again, cx(2)])] == ["ecb:cx-1",
                                                                             "ecb:cx-2"]


@pytest.mark.parametrize("round_dir", sorted(
    fusion_audit.VERDICTS.glob("round*"), key=lambda p: p.name))
def test_every_recorded_round_scores_from_its_own_folder(round_dir: Path) -> None:
    """Each finished round keeps its sample beside its verdicts (``--score --round DIR``), and
    every verdict in it names an item of that sample with an allowed value. A round whose
    auditors have not written yet holds a verdict-free sample only."""
    sample = round_dir / fusion_audit.SAMPLE.name
    lines = fusion_audit.score(sample, round_dir)
    if not any(round_dir.glob("verdicts_*.jsonl")):
        items = fusion_audit.read_jsonl(sample)
        assert items and all("verdict" not in i and i["kind"] in fusion_audit.GOOD for i in items)
        assert lines[0].endswith("auditors: none yet.")
        return
    assert any(line.startswith("- fused_event precision") for line in lines)
