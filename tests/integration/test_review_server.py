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
    assert ws.record(rec.record_id).mask_blob == rec.mask_blob != review.edited_mask_blob
    assert not np.array_equal(from_png_bytes(ws.get_blob(rec.mask_blob)) > 0, edited > 0)
    # pulling again stores nothing new and keeps the review
    again = pull(ws, bridge, project="round trip", progress=False)
    assert (again.stored, again.unchanged) == (0, 1)
    assert ws.review(conv.conversation_id) == review.model_dump(mode="json")


def test_risk_order_puts_judge_and_flagged_first_then_rare_targets(ws, bridge, ls_server):
    s = _push(ws, bridge, ls_server, "risk order", include_flagged=True, batch_size=3)
    tasks = sorted(bridge.client.tasks.list(project=s.project_id, page_size=500), key=lambda t: t.id)
    order = [(t.data["qc_state"], tuple(t.data["qc_flags"]), t.data["target"]) for t in tasks]
    assert order[:2] == [("flagged", ("judge_disagrees", "size"), "liver"), ("flagged", ("laterality",), "liver")]
    assert [target for _, _, target in order[2:]] == ["pancreas", "spleen", "spleen", "liver", "liver", "liver"]
    assert [t.data["priority"] for t in tasks] == list(range(8))


def test_two_reviewers_latest_wins_and_nothing_is_lost(ws, bridge, ls_server):
    s = _push(ws, bridge, ls_server, "two reviewers", overlap=2)
    assert bridge.client.projects.get(s.project_id).maximum_annotations == 2
    tasks = _tasks(bridge, s.project_id)
    convs = [c for c, _ in ws.conversations(("passed",))][:3]
    me = bridge.whoami()
    other = bridge.client.users.create(email="second@example.com", username="second", password="second-pass-123")
    for conv in convs:
        bridge.client.annotations.create(id=tasks[conv.conversation_id], completed_by=me.id, lead_time=10,
                                         result=annotation_result(conv, "accept"))
        decision = "reject" if conv is convs[2] else "accept"
        mask = np.roll(from_png_bytes(ws.get_blob(ws.record(conv.record_id).mask_blob)), 2, axis=0)
        bridge.client.annotations.create(id=tasks[conv.conversation_id], completed_by=other.id, lead_time=30,
                                         result=annotation_result(conv, decision, mask=mask,
                                                                  reason="wrong side or position" if decision == "reject" else None))
    summary = pull(ws, bridge, project="two reviewers", progress=False)
    assert summary.stored == 6 and not summary.quarantined
    rejected = Review.model_validate(ws.review(convs[2].conversation_id))
    assert rejected.reviewer == "second@example.com" and rejected.reason == "wrong side or position"
    assert {r["reviewer"] for r in ws.reviewer_reviews(convs[0].conversation_id)} == {ls_server.username,
                                                                                      "second@example.com"}
    # the first reviewer changes their mind: their newer review replaces their older one only
    ann = [a for a in bridge.client.annotations.list(id=tasks[convs[0].conversation_id]) if a.completed_by == me.id][0]
    bridge.client.annotations.update(ann.id, result=annotation_result(convs[0], "reject", reason="image unusable"))
    again = pull(ws, bridge, project="two reviewers", progress=False)
    assert (again.stored, again.unchanged) == (1, 5)
    mine = [r for r in ws.reviewer_reviews(convs[0].conversation_id) if r["reviewer"] == ls_server.username][0]
    assert mine["decision"] == "reject" and mine["reason"] == "image unusable"
    assert ws.review(convs[0].conversation_id)["reviewer"] == ls_server.username  # the latest of anyone
    # an annotation deleted in Label Studio never deletes the stored review
    bridge.client.annotations.delete(ann.id)
    pull(ws, bridge, project="two reviewers", progress=False)
    assert ws.reviewer_review(convs[0].conversation_id, ls_server.username)[1]["decision"] == "reject"

    from medseg_qa.pipelines.review_status import review_status

    st = review_status(ws)
    assert st.reviewers[ls_server.username] == {"done": 3, "pending": 3}
    assert st.reviewers["second@example.com"] == {"done": 3, "pending": 3}
    (pair, (kappa, n)), = st.kappa.items()
    assert n == 3 and kappa is not None and kappa < 1
    assert st.dice_pairs == 3 and 0 < st.dice_mean < 1
    assert st.median_lead_time_s == 20


def test_bad_annotations_are_quarantined_and_the_stored_review_stays(ws, bridge, ls_server):
    s = _push(ws, bridge, ls_server, "bad input")
    tasks = _tasks(bridge, s.project_id)
    good, bad_rle, bad_size = [c for c, _ in ws.conversations(("passed",))][:3]
    me = bridge.whoami()
    bridge.client.annotations.create(id=tasks[good.conversation_id], completed_by=me.id,
                                     result=annotation_result(good, "accept"))
    assert pull(ws, bridge, project="bad input", progress=False).stored == 1
    for conv, mutate in ((good, "rle"), (bad_rle, "rle"), (bad_size, "size")):
        result = annotation_result(conv, "accept with edits", mask=blob_mask(50))
        if mutate == "rle":
            result[0]["value"]["rle"] = [0, 0, 0, 7]
        else:
            result[0]["original_width"] += 1
        anns = [a for a in bridge.client.annotations.list(id=tasks[conv.conversation_id])]
        if anns:
            bridge.client.annotations.update(anns[0].id, result=result)
        else:
            bridge.client.annotations.create(id=tasks[conv.conversation_id], completed_by=me.id, result=result)
    summary = pull(ws, bridge, project="bad input", progress=False)
    assert dict(summary.quarantined) == {"bad_rle": 2, "mask_size": 1} and summary.stored == 0
    assert ws.review(good.conversation_id)["decision"] == "accept"  # kept, not replaced by the bad one
    reasons = {key.split(":")[0]: (code, msg) for stage, key, code, msg in ws.quarantined() if stage == "review"}
    assert reasons[bad_size.conversation_id][0] == "mask_size" and "129x96" in reasons[bad_size.conversation_id][1]
    assert reasons[bad_rle.conversation_id][0] == "bad_rle"


def test_deleted_task_is_reported_and_local_state_kept(ws, bridge, ls_server):
    s = _push(ws, bridge, ls_server, "deleted task")
    tasks = _tasks(bridge, s.project_id)
    conv = next(iter(ws.conversations(("passed",))))[0]
    me = bridge.whoami()
    bridge.client.annotations.create(id=tasks[conv.conversation_id], completed_by=me.id,
                                     result=annotation_result(conv, "accept"))
    pull(ws, bridge, project="deleted task", progress=False)
    bridge.client.tasks.delete(str(tasks[conv.conversation_id]))
    summary = pull(ws, bridge, project="deleted task", progress=False)
    assert summary.deleted_in_tool == [tasks[conv.conversation_id]]
    assert ws.review(conv.conversation_id)["decision"] == "accept"
    assert ws.review_tasks(project_key(bridge, s.project_id))[conv.conversation_id] == (tasks[conv.conversation_id],
                                                                                        "deleted")
    again = _push(ws, bridge, ls_server, "deleted task")  # a deleted task is not pushed again behind the user's back
    assert again.pushed == 0 and len(_tasks(bridge, s.project_id)) == 5


def test_wrong_token_is_one_clear_message(ws, ls_server):
    bad = Bridge(Connection(ls_server.url, "not-the-token-0000"))
    with pytest.raises(ReviewToolError) as err:
        push(ws, bad, project="wrong token", document_root=ls_server.media_root, progress=False)
    message = str(err.value)
    assert "refused the token" in message and "MEDSEGQA_LS_TOKEN" in message and "not-the-token" not in message
    assert "\n" not in message


def test_local_files_serve_only_the_workspace_blobs(ws, bridge, ls_server):
    _push(ws, bridge, ls_server, "local files")
    rec = next(iter(ws.records()))
    prefix = f"{ls_server.url}/data/local-files/?d={ws.root.name}"
    headers = {"Authorization": f"Token {ls_server.token}"}

    def get(path):
        try:
            with urllib.request.urlopen(urllib.request.Request(prefix + path, headers=headers)) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, b""

    status, body = get(f"/blobs/{rec.image_blob[:2]}/{rec.image_blob}.png")
    assert status == 200 and body == ws.get_blob(rec.image_blob)
    (ls_server.media_root / "secret.txt").write_text("patient list")
    for path in ("/catalog.sqlite", "/blobs/../catalog.sqlite", "/blobs/../../secret.txt", "/../secret.txt",
                 "/blobs/%2e%2e/catalog.sqlite", "/blobs/ab/../../../../etc/passwd"):
        status, body = get(path)
        assert status != 200 and b"patient list" not in body and b"SQLite" not in body, path


def test_crash_and_server_restart_mid_push_leave_no_duplicates(tmp_path):
    """A crash after Label Studio committed a batch but before the catalog did, then a server that goes
    down mid-push: each time a clear error, and the rerun completes with every conversation exactly once."""
    from ls_server import start_test_server

    from medseg_qa.review_ui.server import start_server

    media = tmp_path / "media"
    media.mkdir()
    server = start_test_server(tmp_path / "ls", media)
    try:
        ws = make_workspace(media / "ws", n=9, flagged=0)
        bridge = Bridge(Connection(server.url, server.token))
        real_import = bridge.import_tasks
        calls = []

        def crash_after_commit(project_id, tasks):
            ids = real_import(project_id, tasks)
            calls.append(ids)
            if len(calls) == 2:
                raise ReviewToolError("simulated crash after Label Studio committed the batch")
            return ids

        bridge.import_tasks = crash_after_commit
        with pytest.raises(ReviewToolError, match="simulated crash"):
            push(ws, bridge, project="crash", batch_size=2, document_root=media, progress=False)
        assert len(ws.review_tasks(project_key(bridge, 1))) == 2  # the second batch is in Label Studio only

        def stop_after_first(project_id, tasks):
            ids = real_import(project_id, tasks)
            server.stop()
            return ids

        bridge.import_tasks = stop_after_first
        with pytest.raises(ReviewToolError) as err:
            push(ws, bridge, project="crash", batch_size=2, document_root=media, progress=False)
        assert "not reachable" in str(err.value) and "rerun" in str(err.value)
        # that rerun found the crashed batch by conversation id, then imported one more batch
        assert len(ws.review_tasks(project_key(bridge, 1))) == 6
        server = start_server(server.data_dir, media, username=server.username, password=server.password,
                              token=server.token, port=server.port)
        bridge = Bridge(Connection(server.url, server.token))
        done = push(ws, bridge, project="crash", batch_size=2, document_root=media, progress=False)
        assert (done.pushed, done.already_there, done.duplicates_in_tool) == (3, 6, 0)
        ids = [t.data["conversation_id"] for t in bridge.client.tasks.list(project=done.project_id, page_size=500)]
        assert len(ids) == 9 and len(set(ids)) == 9
        assert set(ws.review_tasks(project_key(bridge, done.project_id))) == set(ids)
        assert push(ws, bridge, project="crash", document_root=media, progress=False).pushed == 0
        ws.close()
    finally:
        server.stop()


def test_inline_images_for_a_server_that_cannot_read_the_workspace(ws, bridge, ls_server):
    import base64

    s = _push(ws, bridge, ls_server, "inline images", images="inline")
    assert s.images == "inline" and s.pushed == 6
    task = next(iter(bridge.client.tasks.list(project=s.project_id, page_size=500)))
    rec = ws.record(task.data["record_id"])
    prefix = "data:image/png;base64,"
    assert task.data["image"].startswith(prefix)
    assert base64.b64decode(task.data["image"][len(prefix):]) == ws.get_blob(rec.image_blob)


def test_server_down_mid_pull_then_restarted_gives_the_uninterrupted_reviews(tmp_path):
    """Label Studio goes down after the pull took its snapshot and before it read the reviewers: one clear
    error, nothing half-stored; restarted, the rerun stores exactly what an uninterrupted pull of a copy
    of the same workspace stores."""
    import shutil

    from ls_server import start_test_server

    from medseg_qa.review_ui.server import start_server
    from medseg_qa.workspace import Workspace

    media = tmp_path / "media"
    media.mkdir()
    server = start_test_server(tmp_path / "ls", media)
    try:
        ws = make_workspace(media / "ws", n=6, flagged=0)
        bridge = Bridge(Connection(server.url, server.token))
        done = push(ws, bridge, project="pull", document_root=media, progress=False)
        me = bridge.whoami()
        for i, (conv, _) in enumerate(ws.conversations(("passed",))):
            task = ws.review_tasks(project_key(bridge, done.project_id))[conv.conversation_id][0]
            bridge.client.annotations.create(id=task, result=annotation_result(conv, "accept", comment=f"ok {i}"),
                                             completed_by=me.id)
        ws.close()
        shutil.copytree(media / "ws", tmp_path / "reference")
        with Workspace(tmp_path / "reference") as ref:
            want = pull(ref, bridge, project="pull", progress=False)
            want_reviews = {c.conversation_id: ref.review(c.conversation_id) for c, _ in ref.conversations(("passed",))}
        assert want.stored == 6

        ws = Workspace(media / "ws")
        real_emails = bridge.user_emails

        def down_after_snapshot():
            server.stop()
            return real_emails()

        bridge.user_emails = down_after_snapshot
        with pytest.raises(ReviewToolError) as err:
            pull(ws, bridge, project="pull", progress=False)
        assert "not reachable" in str(err.value)
        assert all(ws.review(c.conversation_id) is None for c, _ in ws.conversations(("passed",)))
        server = start_server(server.data_dir, media, username=server.username, password=server.password,
                              token=server.token, port=server.port)
        bridge = Bridge(Connection(server.url, server.token))
        got = pull(ws, bridge, project="pull", progress=False)
        assert (got.stored, got.annotations, dict(got.quarantined)) == (6, 6, {})
        assert {c.conversation_id: ws.review(c.conversation_id) for c, _ in ws.conversations(("passed",))} \
            == want_reviews
        ws.close()
    finally:
        server.stop()
