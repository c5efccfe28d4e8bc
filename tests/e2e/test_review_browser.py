"""A physician's review in a real browser: Debian's Chromium driven by Playwright against a real Label Studio.

Logs in, opens a pushed task, checks that the image, the proposed mask and the conversation are on screen,
rejects one turn with a correction, paints on the mask with the brush, decides, submits; `review pull` then
holds exactly that review. With MEDSEGQA_UPDATE_SCREENSHOT=1 the page is saved as docs/review-page.png (the
README shows it).
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from medseg_qa.imageio import from_png_bytes
from medseg_qa.pipelines.review import pull, push
from medseg_qa.review_ui.bridge import Bridge, Connection
from medseg_qa.schemas import Review
from review_data import H, W, make_workspace

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "review-page.png"
CORRECTION = "It lies on the patient's left side, lateral to the spleen."


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs the Debian package chromium) or "
                    "`apt-get install -y chromium`", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `make test` (the dev extra installs it); never run "
                    "`playwright install`, the tests use Debian's chromium", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage"])
        yield b
        b.close()


def _red_pixels(png: bytes) -> int:
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int(((rgb[..., 0] > 150) & (rgb[..., 1] < 110) & (rgb[..., 2] < 110)).sum())


def test_review_in_the_browser_reaches_the_workspace(ls_server, browser, tmp_path):
    ws = make_workspace(ls_server.media_root / "browser-ws", n=3, flagged=1)
    bridge = Bridge(Connection(ls_server.url, ls_server.token))
    s = push(ws, bridge, project="browser review", include_flagged=True, document_root=ls_server.media_root,
             progress=False)
    first = min(t.id for t in bridge.client.tasks.list(project=s.project_id))
    task = bridge.client.tasks.get(first)
    conv = ws.conversation(task.data["conversation_id"])[0]
    rec = ws.record(conv.record_id)

    page = browser.new_page(viewport={"width": 1500, "height": 1750})
    page.goto(f"{ls_server.url}/user/login/")
    page.fill("input[name=email]", ls_server.username)
    page.fill("input[name=password]", ls_server.password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{ls_server.url}/projects/{s.project_id}/data?task={first}")
    page.wait_for_selector(".lsf-paragraphs", timeout=90_000)
    image = page.locator(".lsf-image img").first
    image.wait_for(timeout=90_000)
    page.wait_for_function("() => { const i = document.querySelector('.lsf-image img'); "
                           "return i && i.complete && i.naturalWidth > 0; }", timeout=60_000)
    page.wait_for_timeout(2500)  # the brush layer draws after the image
    # image, mask and conversation are on screen
    assert image.evaluate("i => [i.naturalWidth, i.naturalHeight]") == [W, H]
    stage = page.locator(".lsf-image").first
    red_before = _red_pixels(stage.screenshot())
    assert red_before > 500, "the proposed mask is not drawn over the image"
    dialogue = page.locator(".lsf-paragraphs").first.inner_text()
    assert all(t.content.split(" [SEG]")[0] in dialogue for t in conv.turns)
    text = page.locator(".lsf-image").first.evaluate("e => e.closest('.lsf-main-view, body').innerText")
    assert task.data["qc_flags"] == ["laterality"] and "QC flagged: laterality" in text  # riskiest task first
    assert "side (patient)" in text and rec.facts.laterality in text

    # reject the last turn with a correction, accept the others, paint on the mask, decide
    for i in range(len(conv.turns)):  # per-turn choices come first on the page, the decision's after them
        page.locator(f"input[type=radio][name={'reject' if i == 3 else 'accept'}]").nth(i).check()
    page.locator("textarea").nth(3).fill(CORRECTION)
    page.locator("input[type=radio][name='accept with edits']").check()
    page.locator(".lsf-label", has_text="Target").first.click()
    box = page.locator(".konvajs-content").first.bounding_box()
    scale = box["width"] / W
    y = box["y"] + (H - 8) * scale  # a stroke along the bottom rows, away from the proposed mask
    page.mouse.move(box["x"] + 10 * scale, y)
    page.mouse.down()
    for x in range(10, 100, 5):
        page.mouse.move(box["x"] + x * scale, y, steps=2)
    page.mouse.up()
    page.wait_for_timeout(800)
    assert _red_pixels(stage.screenshot()) > red_before, "the brush stroke did not show"
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    page.screenshot(path=str(tmp_path / "review-page.png"))
    if os.environ.get("MEDSEGQA_UPDATE_SCREENSHOT"):  # refresh the picture the README shows
        shutil.copyfile(tmp_path / "review-page.png", SCREENSHOT)
    page.get_by_role("button", name="Submit").click()
    page.wait_for_timeout(2000)
    page.close()

    summary = pull(ws, bridge, project="browser review", progress=False)
    assert summary.stored == 1 and not summary.quarantined
    review = Review.model_validate(ws.review(conv.conversation_id))
    assert review.reviewer == ls_server.username and review.decision == "needs_changes"
    assert [(v.turn_index, v.verdict) for v in review.turn_verdicts] == [(0, "accept"), (1, "accept"),
                                                                          (2, "accept"), (3, "edit")]
    assert review.turn_verdicts[3].correction == CORRECTION
    edited = from_png_bytes(ws.get_blob(review.edited_mask_blob)) > 0
    original = from_png_bytes(ws.get_blob(rec.mask_blob)) > 0
    stroke = edited[H - 24:] & ~original[H - 24:]  # the stroke along the bottom rows is in the mask
    assert stroke[:, 20:90].any(axis=0).all() and not stroke[:, 105:].any()
    assert (edited & original).sum() == original.sum()  # the proposed mask is still there
    ws.close()
