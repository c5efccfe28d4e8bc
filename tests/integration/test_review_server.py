"""Review push/pull against a real Label Studio: round trip, idempotence, bad input, deleted tasks, tokens."""

from __future__ import annotations

import urllib.error
import urllib.request

import numpy as np
import pytest

from medseg_qa.imageio import from_png_bytes
from medseg_qa.pipelines.review import project_key, pull, push
from medseg_qa.review_ui.apply import reviewed_content
from medseg_qa.review_ui.bridge import Bridge, Connection, ReviewToolError
from medseg_qa.review_ui.tasks import annotation_result
from medseg_qa.schemas import Review
from review_data import blob_mask, make_workspace

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture()
def bridge(ls_server):
    return Bridge(Connection(ls_server.url, ls_server.token))


@pytest.fixture()
def ws(ls_server, request):
    root = ls_server.media_root / request.node.name
    w = make_workspace(root)
    yield w
    w.close()


def _push(ws, bridge, ls_server, project, **kw):
    return push(ws, bridge, project=project, document_root=ls_server.media_root, progress=False, **kw)


def _tasks(bridge, project_id):
    return {t.data["conversation_id"]: t.id for t in bridge.client.tasks.list(project=project_id, page_size=500)}


def test_push_annotate_pull_round_trip(ws, bridge, ls_server):
    first = _push(ws, bridge, ls_server, "round trip")
    assert (first.pushed, first.already_there, first.images) == (6, 0, "local")
    again = _push(ws, bridge, ls_server, "round trip")
    assert (again.pushed, again.already_there) == (0, 6)
    flagged = _push(ws, bridge, ls_server, "round trip", include_flagged=True)
    assert (flagged.pushed, flagged.already_there) == (2, 6)
    in_tool = _tasks(bridge, first.project_id)
    assert len(in_tool) == 8 and in_tool == {c: t for c, (t, _) in ws.review_tasks(project_key(bridge, first.project_id)).items()}

    conv, _ = next(iter(ws.conversations(("passed",))))
    rec = ws.record(conv.record_id)
    edited = np.roll(blob_mask(99), 3, axis=1)  # a different mask of the same size
    result = annotation_result(conv, "accept with edits", mask=edited,
                               verdicts=[(0, "accept", ""), (3, "reject", "It lies on the patient's left side.")],
                               comment="left, not right")
    me = bridge.whoami()
    bridge.client.annotations.create(id=in_tool[conv.conversation_id], result=result, completed_by=me.id,
                                     lead_time=12.5)
    summary = pull(ws, bridge, project="round trip", progress=False)
    assert (summary.stored, summary.annotations, dict(summary.quarantined)) == (1, 1, {})
    review = Review.model_validate(ws.review(conv.conversation_id))
    assert review.reviewer == ls_server.username and review.decision == "needs_changes"
    assert [(v.turn_index, v.verdict, v.correction) for v in review.turn_verdicts] == \
        [(0, "accept", None), (3, "edit", "It lies on the patient's left side.")]
    assert review.comment == "left, not right" and review.lead_time_s == 12.5
    assert np.array_equal(from_png_bytes(ws.get_blob(review.edited_mask_blob)) > 0, edited > 0)
    # the release takes the correction and the edited mask; both originals stay in the workspace
    turns, mask_blob = reviewed_content(conv, rec, review)
    assert turns[3]["content"] == "It lies on the patient's left side." and mask_blob == review.edited_mask_blob
    assert ws.conversation(conv.conversation_id)[0].turns[3].content == "It lies on the patient's right side."
    assert np.array_equal(from_png_bytes(ws.get_blob(rec.mask_blob)), blob_mask(0)) or rec.mask_blob != mask_blob
    # pulling again stores nothing new and keeps the review
    again = pull(ws, bridge, project="round trip", progress=False)
    assert (again.stored, again.unchanged) == (0, 1)
    assert ws.review(conv.conversation_id) == review.model_dump(mode="json")
