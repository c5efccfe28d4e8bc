"""Review mapping without a server: brush RLE both ways, annotation parsing and its bad inputs, risk order,
agreement statistics, the labeling config's contract, the reviewer guide, and what a review changes in a row."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import numpy as np
import pytest

from medseg_qa.errors import ItemError
from medseg_qa.pipelines.review_status import cohen_kappa, dice
from medseg_qa.review_ui import label_config, markdown_to_html, reviewer_guide_html
from medseg_qa.review_ui.apply import reviewed_content
from medseg_qa.review_ui.tasks import (annotation_result, brush_result, build_task, decode_brush, parse_annotation,
                                       risk_order)
from medseg_qa.schemas import Review, TurnVerdict
from medseg_qa.workspace import Workspace
from review_data import H, W, add_item, blob_mask


@pytest.fixture()
def ws(tmp_path):
    with Workspace(tmp_path / "ws") as w:
        yield w


def _item(ws, i=0, target="liver", state="passed", flags=()):
    conv = add_item(ws, i, target, state, flags)
    return conv, ws.record(conv.record_id)


def test_brush_rle_round_trip_is_exact_and_drawn_at_255():
    from label_studio_sdk.converter.brush import decode_rle

    rng = np.random.default_rng(0)
    for mask in (blob_mask(3), (rng.random((H, W)) > 0.5).astype(np.uint8), np.zeros((H, W), np.uint8)):
        result = brush_result(mask)
        assert np.array_equal(decode_brush(result, H, W), (mask > 0).astype(np.uint8))
        rgba = np.asarray(decode_rle(result["value"]["rle"])).reshape(H, W, 4)
        assert set(np.unique(rgba[..., 3])) <= {0, 255}  # a 0/1 mask would be invisible in the UI


def test_annotation_becomes_a_review(ws):
    conv, rec = _item(ws)
    edited = np.roll(blob_mask(0), 5, axis=0)
    ann = {"id": 7, "result": annotation_result(conv, "reject", mask=edited, verdicts=[(1, "reject", ""),
                                                (2, "accept", "Is it on the left or the right?")],
                                                reason="wrong side or position", comment="see turn 4"),
           "updated_at": "2026-11-29T10:00:00.5Z", "lead_time": 42.0}
    parsed = parse_annotation(ann, conv, rec, blob_mask(0), "dr-a", task_id=3)
    r = parsed.review
    assert (r.decision, r.reason, r.comment, r.lead_time_s, r.task_id, r.annotation_id) == \
        ("reject", "wrong side or position", "see turn 4", 42.0, 3, 7)
    # a correction that differs from the text is an edit even when the radio said accept
    assert [(v.turn_index, v.verdict, v.correction) for v in r.turn_verdicts] == \
        [(1, "reject", None), (2, "edit", "Is it on the left or the right?")]
    assert r.submitted_at == datetime(2026, 11, 29, 10, 0, 0, 500000, tzinfo=timezone.utc)
    assert np.array_equal(parsed.mask, (edited > 0).astype(np.uint8))
    same = parse_annotation({**ann, "result": annotation_result(conv, "accept", mask=blob_mask(0))}, conv, rec,
                            blob_mask(0), "dr-a")
    assert same.mask is None and same.review.decision == "accept" and same.review.reason is None


@pytest.mark.parametrize("mutate, code", [
    (lambda r: r[0]["value"].__setitem__("rle", [0, 0, 0, 9]), "bad_rle"),
    (lambda r: r[0]["value"].__setitem__("rle", "not a list"), "bad_rle"),
    (lambda r: r[0].__setitem__("original_height", H * 2), "mask_size"),
    (lambda r: r.pop(), "no_decision"),
])
def test_bad_annotations_raise_item_errors_with_a_fix(ws, mutate, code):
    conv, rec = _item(ws)
    result = annotation_result(conv, "accept", mask=blob_mask(1))
    mutate(result)
    with pytest.raises(ItemError) as err:
        parse_annotation({"result": result, "updated_at": "2026-11-29T10:00:00Z"}, conv, rec, blob_mask(0), "dr-a")
    assert err.value.code == code and "resubmit" in str(err.value)


def test_task_carries_what_the_reviewer_needs(ws):
    conv, rec = _item(ws, flags=("laterality",), state="flagged")
    task = build_task(conv, "flagged", rec, blob_mask(0), "/data/local-files/?d=blobs/x.png", "<p>guide</p>", 4)
    data = task["data"]
    assert data["conversation_id"] == conv.conversation_id and data["priority"] == 4
    assert [d["content"] for d in data["dialogue"]] == [t.content for t in conv.turns]
    assert "laterality" in data["qc"] and "contradicts" in data["qc"]
    assert data["facts"]["side (patient)"] == rec.facts.laterality
    pred = task["predictions"][0]["result"][0]
    assert np.array_equal(decode_brush(pred, H, W), (blob_mask(0) > 0).astype(np.uint8))


def test_risk_order_judge_then_flagged_then_rare_targets(ws):
    items = [_item(ws, 0, "liver"), _item(ws, 1, "liver"), _item(ws, 2, "spleen"),
             _item(ws, 3, "liver", "flagged", ("size",)), _item(ws, 4, "liver", "flagged", ("judge_disagrees",)),
             _item(ws, 5, "liver", "flagged", ("size", "laterality"))]
    convs = [(c, s) for c, s in ws.conversations()]
    ordered = risk_order(convs, {r.record_id: r.target for _, r in items})
    flags = [tuple(c.qc_flags) for c, _ in ordered]
    assert flags[:3] == [("judge_disagrees",), ("size", "laterality"), ("size",)]
    assert ws.record(ordered[3][0].record_id).target == "spleen"


def test_agreement_statistics_match_hand_computed_values():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> kappa 0.4 (the textbook example)
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("a", "a")] * 3) is None and cohen_kappa([]) is None
    a, b = np.zeros((4, 4), bool), np.zeros((4, 4), bool)
    a[:2] = True
    b[1:3] = True
    assert dice(a, b) == pytest.approx(0.5) and dice(a, a) == 1.0 and dice(~a & a, ~b & b) == 1.0


def test_labeling_config_names_match_the_results_the_mapping_reads(ws):
    root = ET.fromstring(label_config())
    names = {el.get("name") for el in root.iter() if el.get("name")}
    assert {"image", "mask", "dialogue", "decision", "reason", "comment", "facts", "qc", "guide"} <= names
    assert {"verdict_{{idx}}", "correction_{{idx}}", "turn_{{idx}}"} <= names
    image = next(el for el in root.iter("Image"))
    assert all(image.get(k) == "true" for k in ("zoom", "brightnessControl", "contrastControl"))
    decision = [c.get("value") for el in root.iter("Choices") if el.get("name") == "decision" for c in el]
    assert decision == ["accept", "accept with edits", "reject"]
    conv, _ = _item(ws)
    for result in annotation_result(conv, "reject", mask=blob_mask(0), verdicts=[(2, "reject", "x")],
                                    reason="image unusable", comment="c"):
        assert result["from_name"].split("_")[0] in {n.split("_")[0] for n in names}


def test_reviewer_guide_explains_implicit_checks_and_convention():
    html = reviewer_guide_html()
    assert "implicit" in html and "radiological" in html.lower() and "<li>" in html and "<h3>" in html
    assert markdown_to_html("a <b> & **c**") == "<p>a &lt;b&gt; &amp; <b>c</b></p>"


def test_review_replaces_corrected_turns_and_mask_only(ws):
    conv, rec = _item(ws)
    review = Review(conversation_id=conv.conversation_id, record_id=rec.record_id, reviewer="dr-a",
                    decision="needs_changes", submitted_at=datetime.now(timezone.utc), edited_mask_blob="f" * 64,
                    turn_verdicts=[TurnVerdict(turn_index=1, verdict="reject"),
                                   TurnVerdict(turn_index=3, verdict="edit", correction="On the left."),
                                   TurnVerdict(turn_index=9, verdict="edit", correction="out of range")])
    turns, mask = reviewed_content(conv, rec, review)
    assert [t["content"] for t in turns] == [t.content for t in conv.turns[:3]] + ["On the left."]
    assert mask == "f" * 64
    assert reviewed_content(conv, rec, None) == ([t.model_dump() for t in conv.turns], rec.mask_blob)


def test_local_server_refuses_a_busy_port_instead_of_moving(tmp_path):
    import socket

    from medseg_qa.review_ui.server import LabelStudioServerError, server_bin, start_server

    if not server_bin().exists():
        pytest.fail("the Label Studio venv is missing: run `make test` (it runs `medsegqa review install`)",
                    pytrace=False)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(LabelStudioServerError, match=f"port {port} .* already in use"):
            start_server(tmp_path / "data", tmp_path, username="a@b.c", password="x" * 10, token="t" * 20, port=port)
    with pytest.raises(LabelStudioServerError, match="longer than 5"):
        start_server(tmp_path / "data", tmp_path, username="a@b.c", password="x" * 10, token="tok")
