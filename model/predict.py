"""`predict`: one image and one question -> the answer text, a mask PNG and an overlay PNG.

Contract: the image is read as grey; the mask is predicted at the model's resolution and upsampled to
the image's size; files are `<out>/<stem>_mask.png` (0/255) and `<out>/<stem>_overlay.png` (red).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from medseg_qa.errors import MedsegQAError


def predict(checkpoint, image: Path, question: str, out: Path, device: str = "auto", cache_root=None,
            answer: bool = True) -> dict:
    import torch
    import torch.nn.functional as F
    from PIL import Image

    from medseg_qa.model.data import Sample, image_key
    from medseg_qa.model.evaluate import generate_answer
    from medseg_qa.model.runtime import Runtime, pick_device

    try:
        grey = np.asarray(Image.open(image).convert("L"))
    except (OSError, ValueError) as exc:
        raise MedsegQAError(f"cannot read image {image} ({exc}); pass a PNG/JPEG file") from None
    rt = Runtime.load(checkpoint, pick_device(device), cache_root)
    rt.model.eval()
    messages = [{"role": "user", "content": question}]
    k = image_key(grey)
    with torch.no_grad(), rt.autocast():
        logits = rt.forward([grey], [messages], image_keys=[k])[0]
        up = F.interpolate(logits.float(), size=grey.shape, mode="bilinear", align_corners=False)
    mask = (up[0, 0] > 0).cpu().numpy()
    text = generate_answer(rt, Sample(0, messages, ""), grey, rt.cfg.train.max_answer_tokens) if answer else ""
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(image).stem
    Image.fromarray((mask * 255).astype(np.uint8)).save(out / f"{stem}_mask.png")
    rgb = np.repeat(grey[..., None], 3, axis=2).astype(np.float32)
    rgb[mask] = rgb[mask] * 0.5 + np.array([255, 0, 0]) * 0.5
    Image.fromarray(rgb.astype(np.uint8)).save(out / f"{stem}_overlay.png")
    return {"answer": text, "mask": str(out / f"{stem}_mask.png"), "overlay": str(out / f"{stem}_overlay.png"),
            "mask_pixels": int(mask.sum())}
