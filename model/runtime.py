"""Building a MedSeg-R for a config, its checkpoints, and the inputs it needs (cached or computed).

Contract:
- `Runtime(cfg, device)` builds the model with the preset's pretrained parts (LiteMedSAM weights, the
  SmolLM2 GGUF) loaded offline; for cached presets the frozen LM is loaded only when a `[SEG]` state is
  missing from the cache or an answer is generated.
- `save(dir)` writes `model.safetensors` (trainable tensors only; frozen parts come from their package),
  `config.json` and, when given, `trainer.pt` (optimizer, step, RNG) for resume. `Runtime.load(dir)`
  rebuilds and checks every stored tensor's name and shape, raising `CheckpointError` with the reason.
- `embeddings(...)`, `seg_states(...)`, `logits(...)` give the model inputs/outputs for samples, reading
  and filling the content cache for frozen parts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from medseg_qa.errors import MedsegQAError
from medseg_qa.model.cache import ContentCache, key
from medseg_qa.model.config import ModelConfig
from medseg_qa.model.litemedsam import CheckpointError, checkpoint_path, checkpoint_sha256, load_strict, \
    preprocess, read_state_dict
from medseg_qa.model.text import encode, load_lm, load_tokenizer, prompt_text

CHECKPOINT_FORMAT = 1
ENCODE_BATCH = 8
SEG_FORMAT = "3"   # bump when how a [SEG] state is computed changes (it is part of every cache key)


def pick_device(device: str = "auto") -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise MedsegQAError(f"device {device!r} asked but torch sees no CUDA device; use --device cpu")
    return device


def pad(seqs: list[list[int]], value: int):
    import torch

    n = max(len(s) for s in seqs)
    out = torch.full((len(seqs), n), value, dtype=torch.long)
    attn = torch.zeros((len(seqs), n), dtype=torch.long)
    for i, s in enumerate(seqs):
        out[i, :len(s)] = torch.tensor(s)
        attn[i, :len(s)] = 1
    return out, attn


class Forward(NamedTuple):
    logits: Any
    box: Any
    ce: Any
    seg: Any
    emb: Any


class Runtime:
    def __init__(self, cfg: ModelConfig, device: str = "cpu", cache_root=None, progress=None) -> None:
        import torch.nn as nn

        from medseg_qa.model.modeling import MedSegR

        self.cfg, self.device, self.progress = cfg, device, progress
        src = cfg.lm.source if cfg.lm.kind == "hub" else None
        self.tok = load_tokenizer(src)
        self.lm_id = f"{cfg.lm.kind}:{cfg.lm.source or 'scratch'}"
        lm = None if cfg.cached else self._build_lm()
        self.model = MedSegR(cfg, len(self.tok), lm)
        if cfg.encoder.kind == "litemedsam":
            holder = nn.Module()
            for name in ("image_encoder", "prompt_encoder", "mask_decoder"):
                setattr(holder, name, getattr(self.model, name))
            load_strict(holder, read_state_dict(checkpoint_path()), str(checkpoint_path()))
            self._init_seg_proj()
        if lm is not None and lm.config.hidden_size != cfg.lm.hidden:
            raise MedsegQAError(f"config lm.hidden={cfg.lm.hidden} but the LM has hidden size "
                                f"{lm.config.hidden_size}; fix the preset")
        self.model.set_trainable()
        self.model.to(device)
        self.img_cache = ContentCache(cache_root, f"img-litemedsam-{checkpoint_sha256()[:12]}") \
            if cfg.encoder.kind == "litemedsam" else None
        self.seg_cache = ContentCache(cache_root, "seg-" + key(self.lm_id, str(len(self.tok)), SEG_FORMAT)[:16])
        self._frozen_lm = None

    def _init_seg_proj(self) -> None:
        """Start the [SEG] projection on the pretrained prompt manifold: its output bias is the sparse
        embedding of a whole-image box prompt and its weights are scaled down, so the first steps decode
        "the object in this image" instead of nothing, and training moves the prompt towards the target."""
        import torch

        if self.cfg.grounding != "seg_embedding" or self.cfg.seg_tokens != 2:
            return
        size = float(self.cfg.image_size)
        with torch.no_grad():
            sparse, _ = self.model.prompt_encoder(points=None, boxes=torch.tensor([[[0, 0, size, size]]]),
                                                  masks=None)
            last = self.model.seg_proj[-1]
            last.bias.copy_(sparse.flatten())
            last.weight.mul_(0.1)

    def _build_lm(self):
        lm = load_lm(self.cfg.lm, len(self.tok))
        if self.cfg.lm.lora:
            from peft import LoraConfig, get_peft_model

            lm = get_peft_model(lm, LoraConfig(r=self.cfg.lm.lora_rank, lora_alpha=2 * self.cfg.lm.lora_rank,
                                               target_modules=["q_proj", "v_proj"], lora_dropout=0.0))
        return lm

    def lm(self):
        """The LM for text: the model's own, or (cached presets) the frozen one, loaded once on demand."""
        if self.model.lm is not None:
            return self.model.lm
        if self._frozen_lm is None:
            self._frozen_lm = load_lm(self.cfg.lm, len(self.tok)).to(self.device).eval()
            self._frozen_lm.requires_grad_(False)
        return self._frozen_lm

    def autocast(self):
        """bf16 autocast on CUDA, nothing on CPU (fp32 there)."""
        import contextlib

        import torch

        if str(self.device).startswith("cuda"):
            return torch.autocast("cuda", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    # -- checkpoints --------------------------------------------------------------------------------
    def save(self, out: Path, trainer: dict | None = None) -> None:
        import torch
        from safetensors.torch import save_file

        out.mkdir(parents=True, exist_ok=True)
        save_file(self.model.trainable_state(), str(out / "model.safetensors.tmp"))
        (out / "model.safetensors.tmp").replace(out / "model.safetensors")
        (out / "config.json").write_text(json.dumps({"format": CHECKPOINT_FORMAT, "config": self.cfg.model_dump(),
                                                     "vocab_size": len(self.tok), "lm_id": self.lm_id}, indent=2))
        if trainer is not None:
            torch.save(trainer, out / "trainer.pt.tmp")
            (out / "trainer.pt.tmp").replace(out / "trainer.pt")

    @classmethod
    def load(cls, ckpt: Path | str, device: str = "cpu", cache_root=None) -> "Runtime":
        from safetensors.torch import load_file

        ckpt = Path(ckpt)
        if ckpt.is_file():
            ckpt = ckpt.parent
        try:
            meta = json.loads((ckpt / "config.json").read_text())
            cfg = ModelConfig.model_validate(meta["config"])
        except FileNotFoundError:
            raise CheckpointError(f"{ckpt} has no config.json; pass the folder written by train-baseline "
                                  "(OUT/checkpoint)") from None
        except Exception as exc:
            raise CheckpointError(f"{ckpt}/config.json is not a MedSeg-R checkpoint config ({str(exc)[:120]})") \
                from None
        rt = cls(cfg, device, cache_root)
        try:
            state = load_file(str(ckpt / "model.safetensors"))
        except Exception as exc:
            raise CheckpointError(f"cannot read {ckpt}/model.safetensors ({type(exc).__name__}: "
                                  f"{str(exc)[:100]}); the file is corrupt or missing, retrain or re-copy it") from None
        expected = rt.model.trainable_state()
        missing = [k for k in expected if k not in state]
        extra = [k for k in state if k not in expected]
        shapes = [k for k in expected if k in state and tuple(state[k].shape) != tuple(expected[k].shape)]
        if missing or extra or shapes:
            raise CheckpointError(f"{ckpt}/model.safetensors does not match its config.json: {len(missing)} missing "
                                  f"{missing[:2]}, {len(extra)} unexpected {extra[:2]}, {len(shapes)} other shapes "
                                  f"{shapes[:2]}; the checkpoint and its config were mixed up")
        rt.model.load_state_dict(state, strict=False)
        return rt

    # -- inputs -------------------------------------------------------------------------------------
    def pixels(self, images: list[np.ndarray]):
        return preprocess(np.stack(images), self.cfg.image_size).to(self.device)

    def embeddings(self, keys: list[str], images: dict[str, np.ndarray]) -> dict:
        """Frozen LiteMedSAM embeddings (fp16, cached by content) of the distinct image keys."""
        import torch

        out, todo = {}, []
        for k in dict.fromkeys(keys):
            t = self.img_cache.get(k)
            if t is None:
                todo.append(k)
            else:
                out[k] = t
        task = self.progress.add_task("image embeddings (cache)", total=len(todo)) if self.progress and todo else None
        for i in range(0, len(todo), ENCODE_BATCH):
            chunk = todo[i:i + ENCODE_BATCH]
            with torch.no_grad():
                emb = self.model.image_encoder(self.pixels([images[k] for k in chunk])).half().cpu()
            for k, e in zip(chunk, emb):
                self.img_cache.put(k, e)
                out[k] = e
            if task is not None:
                self.progress.advance(task, len(chunk))
        return out

    def seg_states(self, dialogues: list[list[dict]]):
        """Frozen-LM grounding states (N, 2H: `pooled_state`), cached by (LM, prompt text)."""
        import torch

        from medseg_qa.model.modeling import pooled_state

        prompts = [prompt_text(self.tok, m) for m in dialogues]
        keys = [key(self.lm_id, p, str(self.cfg.train.max_prompt_tokens), "middle-cut") for p in prompts]
        found = {k: self.seg_cache.get(k) for k in dict.fromkeys(keys)}
        first = {}
        for i, k in enumerate(keys):
            first.setdefault(k, i)
        todo = sorted((i for k, i in first.items() if found[k] is None), key=lambda i: len(prompts[i]))
        task = self.progress.add_task("[SEG] states (cache)", total=len(todo)) if self.progress and todo else None
        for s in range(0, len(todo), ENCODE_BATCH):
            chunk = todo[s:s + ENCODE_BATCH]
            ids, attn = pad([encode(self.tok, dialogues[i], None, self.cfg.train.max_prompt_tokens, 0)[0]
                             for i in chunk], self.tok.pad_token_id)
            with torch.no_grad():
                hidden = self.lm().get_decoder()(input_ids=ids.to(self.device),
                                                 attention_mask=attn.to(self.device)).last_hidden_state
            pos = (attn.sum(1) - 1).to(self.device)   # prompts are right-padded and end with [SEG]
            states = pooled_state(hidden, attn.to(self.device), pos).float().cpu()
            for i, st in zip(chunk, states):
                self.seg_cache.put(keys[i], st)
                found[keys[i]] = st
            if task is not None:
                self.progress.advance(task, len(chunk))
        return torch.stack([found[k] for k in keys])

    def forward(self, images: list[np.ndarray], dialogues: list[list[dict]], answers=None, emb_cache=None,
                image_keys=None, pixels=None, decode: bool = True):
        """One batch: `Forward` (mask logits (B,1,L,L), prompt boxes (N,4) with their samples (N,) or None, LM
        loss or None, [SEG] states, image embeddings). `decode=False` skips the mask decoder (logits and
        boxes None): the box variant's training step reads only the states and embeddings."""
        import torch

        if self.cfg.cached:
            embs = emb_cache if emb_cache is not None else self.embeddings(image_keys, dict(zip(image_keys, images)))
            emb = torch.stack([embs[k] for k in image_keys]).float().to(self.device)
            seg = self.seg_states(dialogues).to(self.device)
            ce = None
        else:
            emb = self.model.image_embedding(pixels if pixels is not None else self.pixels(images))
            seg, ce = self._live_states(emb, dialogues, answers)
        logits, box = self.model.decode(emb, seg) if decode else (None, None)
        return Forward(logits, box, ce, seg, emb)

    def _live_states(self, emb, dialogues: list[list[dict]], answers=None):
        """Grounding states and answer CE through the model's own (trained) LM, for a batch of dialogues."""
        enc = [encode(self.tok, m, a, self.cfg.train.max_prompt_tokens, self.cfg.train.max_answer_tokens)
               for m, a in zip(dialogues, answers or [None] * len(dialogues))]
        ids, attn = pad([e[0] for e in enc], self.tok.pad_token_id)
        labels = pad([e[1] for e in enc], -100)[0].to(self.device) if answers is not None else None
        return self.model.seg_state(emb, ids.to(self.device), attn.to(self.device), labels)

    def name_states(self, names: list[str]):
        """Grounding states (N, 2H) of one-turn dialogues that only name each target: the anchors of the
        align loss. Through the same LM path as the samples (cached for a frozen LM; with a blank image
        where image tokens are injected)."""
        import torch

        dialogues = [[{"role": "user", "content": n}] for n in names]
        if self.cfg.cached:
            return self.seg_states(dialogues).to(self.device)
        g = self.cfg.encoder.grid
        emb = torch.zeros(len(names), self.cfg.encoder.dim, g, g, device=self.device)
        return self._live_states(emb, dialogues)[0]
