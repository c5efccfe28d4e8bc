"""`medsegqa review push` and `review pull` SIGKILLed at seeded random moments against the real Label
Studio (`ls_server`), then rerun: every conversation has exactly one task there and in the catalog's map
(a kill between an import and its catalog commit is reconciled by conversation id), and the reviews
pulled equal an uninterrupted pull's. Two `review pull`s at once: one finishes, the other gets the lock
error, nothing is stored twice."""

from __future__ import annotations

import json
import time

import pytest

import harness as h
from medseg_qa.review_ui.bridge import Bridge, Connection
from medseg_qa.review_ui.tasks import annotation_result

pytestmark = [pytest.mark.chaos, pytest.mark.slow, pytest.mark.server]

PUSH_KILLS, PULL_KILLS = 3, 2


def review(ls, d, verb: str, project: str, *extra: str) -> list[str]:
    return h.cli("review", verb, "-w", str(d / "ws"), "--url", ls.url, "--token", ls.token, "--project", project,
                 *extra)


def push_args(ls, d, project):  # two conversations an import: many imports, so kills land between them
    return review(ls, d, "push", project, "--batch-size", "2", "--document-root", str(ls.media_root))


def in_tool(bridge, project: str) -> list[tuple[int, str]]:
    project_id = bridge.find_project(project)[0]
    return bridge.task_conversations(project_id)


def test_review_push_and_pull_survive_sigkill(ls_server, template_workspace, chaos_row):
    src, ws = template_workspace
    bridge = Bridge(Connection(ls_server.url, ls_server.token))
    ref = h.copy_setup(src, ls_server.media_root / "chaos-ref")
    t0 = time.monotonic()
    done = h.run(push_args(ls_server, ref, "chaos ref"), ref)
    push_took = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    want = set(h.Catalog.read(ref / "ws").conversations)

    d = h.copy_setup(src, ls_server.media_root / "chaos-killed")
    rng = h.rng()
    kills = sum(h.kill_after(h.start(push_args(ls_server, d, "chaos"), d), rng.uniform(1.0, push_took))
                for _ in range(PUSH_KILLS))
    done = h.run(push_args(ls_server, d, "chaos"), d)
    assert done.returncode == 0, done.stderr
    tasks = in_tool(bridge, "chaos")
    mapped = h.Catalog.read(d / "ws").tasks
    convs = [c for _, c in tasks]
    push_lost, push_dup = len(want - set(convs)), len(convs) - len(set(convs))
    chaos_row("review push (SIGKILL, rerun)", runs=PUSH_KILLS + 2, kills=kills, lost=push_lost,
              duplicated=push_dup, leaked=len(set(mapped.items()) ^ {(c, t) for t, c in tasks}),
              note=f"seed {h.SEED}; real Label Studio, 2 tasks an import")
    assert push_lost == push_dup == 0 and mapped == {c: t for t, c in tasks}

    # every task gets a review; the reference pull runs on a copy of the pushed workspace
    me = bridge.whoami()
    for k, (task_id, conv_id) in enumerate(sorted(tasks)):
        conv = next(c for c, _ in _conversations(d / "ws") if c.conversation_id == conv_id)
        decision = "accept" if k % 3 else "reject"
        bridge.client.annotations.create(id=task_id, completed_by=me.id, lead_time=5,
                                         result=annotation_result(conv, decision, reason="image unusable"
                                                                  if decision == "reject" else ""))
    pulled_ref = h.copy_setup(d, ls_server.media_root / "chaos-pull-ref")
    raced = h.copy_setup(d, ls_server.media_root / "chaos-pull-race")
    t0 = time.monotonic()
    done = h.run(review(ls_server, pulled_ref, "pull", "chaos"), pulled_ref)
    pull_took = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    want_reviews = _reviews(pulled_ref)
    assert len(want_reviews) == len(want)

    kills = sum(h.kill_after(h.start(review(ls_server, d, "pull", "chaos"), d), rng.uniform(1.0, pull_took))
                for _ in range(PULL_KILLS))
    done = h.run(review(ls_server, d, "pull", "chaos"), d)
    assert done.returncode == 0, done.stderr
    got = _reviews(d)
    cat = h.Catalog.read(d / "ws")
    chaos_row("review pull (SIGKILL, rerun)", runs=PULL_KILLS + 2, kills=kills, lost=len(set(want_reviews) - set(got)),
              duplicated=len(set(got) - set(want_reviews)), leaked=0, note=f"seed {h.SEED}; real Label Studio")
    assert cat.integrity == "ok" and got == want_reviews

    finished, refused = h.race(review(ls_server, raced, "pull", "chaos"), raced)
    got = _reviews(raced)
    chaos_row("2 x review pull, one workspace", runs=2, kills=0, lost=len(set(want_reviews) - set(got)),
              duplicated=len(set(got) - set(want_reviews)), leaked=0,
              note=f"{finished} finished, {refused} refused by the lock")
    assert h.Catalog.read(raced / "ws").integrity == "ok" and got == want_reviews


def _conversations(ws):
    from medseg_qa.workspace import Workspace

    with Workspace(ws) as w:
        return list(w.conversations())


def _reviews(d) -> dict[str, tuple]:
    """conversation id -> (decision, reviewer, turn verdicts) of the review the release applies."""
    out = {}
    for conv_id, body in h.Catalog.read(d / "ws").reviews.items():
        r = json.loads(body)
        out[conv_id] = json.dumps({k: v for k, v in r.items() if not k.endswith("_at")}, sort_keys=True)
    return out
