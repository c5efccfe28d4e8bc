"""The `hf` source over real local Hugging Face datasets built in tmp_path: save_to_disk folders,
parquet files and hub-like snapshot folders, an imagefolder, streaming, label maps, bad rows, and the
shared ingest stage writing records from it into a real workspace.
"""

from __future__ import annotations

import io
import json

import datasets
import numpy as np
import pytest
from PIL import Image

from medseg_qa.errors import ConfigError, ItemError, MedsegQAError
from medseg_qa.sources import SourceItem, build_source

Features, HFImage, ClassLabel, Value, Sequence = (datasets.Features, datasets.Image, datasets.ClassLabel,
                                                  datasets.Value, datasets.Sequence)


def _img(seed: int, h: int = 20, w: int = 28, rgb: bool = True) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (h, w, 3) if rgb else (h, w), dtype=np.uint8))


def _mask(i: int, h: int = 20, w: int = 28, value: int = 255) -> Image.Image:
    m = np.zeros((h, w), np.uint8)
    m[3 + i: 10 + i, 4: 12 + i] = value
    return Image.fromarray(m)


def _png_bytes(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _binary_dataset(n: int = 4):
    feats = Features({"image": HFImage(), "mask": HFImage(), "finding": ClassLabel(names=["polyp", "skin lesion"]),
                      "case": Value("string")})
    return datasets.Dataset.from_dict(
        {"image": [_img(i) for i in range(n)], "mask": [_mask(i, value=1 if i % 2 else 255) for i in range(n)],
         "finding": [i % 2 for i in range(n)], "case": [f"pt{i // 2}" for i in range(n)]}, features=feats)


def _items(options: dict):
    return list(build_source("hf", options).items())


def _opts(path, **kw) -> dict:
    return {"path": str(path), "image_column": "image", "modality": "endoscopy", "body_region": "colon",
            "dataset": "tiny-hf", "licence": "CC-BY-4.0", **kw}


def test_save_to_disk_with_classlabel_targets_and_case_ids(tmp_path):
    _binary_dataset().save_to_disk(str(tmp_path / "sd"))
    src = build_source("hf", _opts(tmp_path / "sd", mask_column="mask", label_column="finding", case_column="case"))
    assert src.estimate() == 4 and src.info.dataset == "tiny-hf" and src.info.licence == "CC-BY-4.0"
    items = list(src.items())
    assert all(isinstance(i, SourceItem) for i in items)
    assert [list(i.masks) for i in items] == [["polyp"], ["skin lesion"], ["polyp"], ["skin lesion"]]
    for i, item in enumerate(items):
        assert item.image.shape == (20, 28, 3) and item.image.dtype == np.uint8
        mask = item.masks[list(item.masks)[0]]
        assert set(np.unique(mask).tolist()) == {0, 255}  # 0/1 and 0/255 masks both become 0/255
        assert mask.sum() == np.asarray(_mask(i)).astype(bool).sum() * 255
        assert item.case_id == f"pt{i // 2}" and item.patient_id.startswith("PX-")
        assert item.patient_id != item.case_id and item.modality == "endoscopy"
    assert items[0].patient_id == items[1].patient_id != items[2].patient_id  # same case, same pseudonym
    assert _items(_opts(tmp_path / "sd", mask_column="mask", label="polyp"))[3].case_id == "train-3"


def test_dataset_dict_splits_and_unknown_split(tmp_path):
    dd = datasets.DatasetDict({"train": _binary_dataset(3), "validation": _binary_dataset(2)})
    dd.save_to_disk(str(tmp_path / "dd"))
    assert len(_items(_opts(tmp_path / "dd", mask_column="mask", label="polyp", split="validation"))) == 2
    with pytest.raises(ConfigError, match=r"splits \['train', 'validation'\], not 'test'"):
        _items(_opts(tmp_path / "dd", mask_column="mask", label="polyp", split="test"))


def test_parquet_file_snapshot_folder_streaming_and_limit(tmp_path):
    ds = _binary_dataset(5)
    (tmp_path / "snap" / "data").mkdir(parents=True)
    ds.to_parquet(str(tmp_path / "snap" / "data" / "train-00000-of-00001.parquet"))
    ds.select([0, 1]).to_parquet(str(tmp_path / "snap" / "data" / "validation-00000-of-00001.parquet"))
    cache = str(tmp_path / "hf-cache")
    common = dict(mask_column="mask", label_column="finding", case_column="case", cache_dir=cache)

    one_file = _items(_opts(tmp_path / "snap" / "data" / "train-00000-of-00001.parquet", **common))
    folder = _items(_opts(tmp_path / "snap", **common))
    streamed = _items(_opts(tmp_path / "snap", streaming=True, **common))
    assert len(one_file) == len(folder) == len(streamed) == 5
    for a, b in zip(folder, streamed):
        assert a.item_key == b.item_key and np.array_equal(a.image, b.image)
        assert list(a.masks) == list(b.masks) and all(np.array_equal(a.masks[k], b.masks[k]) for k in a.masks)
    assert len(_items(_opts(tmp_path / "snap", split="validation", **common))) == 2
    limited = build_source("hf", _opts(tmp_path / "snap", streaming=True, limit=3, **common))
    assert limited.estimate() == 3 and len(list(limited.items())) == 3


def test_imagefolder_with_mask_file_names(tmp_path):
    folder = tmp_path / "imf" / "train"
    folder.mkdir(parents=True)
    with open(folder / "metadata.jsonl", "w") as f:
        for i in range(3):
            _img(i, rgb=False).save(folder / f"img{i}.png")
            _mask(i).save(folder / f"img{i}_m.png")
            f.write(json.dumps({"file_name": f"img{i}.png", "mask_file_name": f"img{i}_m.png",
                                "target": "breast lesion"}) + "\n")
    items = _items(_opts(tmp_path / "imf", mask_column="mask", label_column="target",
                         cache_dir=str(tmp_path / "hf-cache")))
    assert len(items) == 3 and all(list(i.masks) == ["breast lesion"] for i in items)
    assert items[0].image.ndim == 2  # greyscale stays greyscale


def test_label_map_column_with_names_from_classlabel_or_explicit_map(tmp_path):
    def seg(i):
        a = np.zeros((20, 28), np.uint8)
        a[2:8, 2:10] = 1
        a[10:16, 12:20 + i] = 2
        return Image.fromarray(a)

    feats = Features({"image": HFImage(), "seg": HFImage(),
                      "organs": Sequence(ClassLabel(names=["background", "liver", "spleen"]))})
    ds = datasets.Dataset.from_dict({"image": [_img(i) for i in range(2)], "seg": [seg(i) for i in range(2)],
                                     "organs": [[1, 2], [1, 2]]}, features=feats)
    ds.save_to_disk(str(tmp_path / "lm"))
    items = _items(_opts(tmp_path / "lm", label_map_column="seg"))  # names found from the only ClassLabel
    assert [sorted(i.masks) for i in items] == [["liver", "spleen"]] * 2
    assert items[0].binary_declared is False
    assert (items[1].masks["spleen"] > 0).sum() == 6 * 9
    assert set(np.unique(items[1].masks["liver"]).tolist()) == {0, 255}

    renamed = _items(_opts(tmp_path / "lm", label_map_column="seg", label_map={1: "liver", 2: "left kidney"}))
    assert sorted(renamed[0].masks) == ["left kidney", "liver"]
    partial = _items(_opts(tmp_path / "lm", label_map_column="seg", label_map={1: "liver"}))
    assert all(isinstance(e, ItemError) and e.code == "unknown_label_value" for e in partial)
    ignored = _items(_opts(tmp_path / "lm", label_map_column="seg", label_map={1: "liver"}, ignore_values=[0, 2]))
    assert [list(i.masks) for i in ignored] == [["liver"]] * 2

    plain = datasets.Dataset.from_dict({"image": [_img(0)], "seg": [seg(0)]},
                                       features=Features({"image": HFImage(), "seg": HFImage()}))
    plain.save_to_disk(str(tmp_path / "plain"))
    with pytest.raises(ConfigError, match="set label_map"):
        _items(_opts(tmp_path / "plain", label_map_column="seg"))


def test_bad_rows_become_item_errors_and_good_rows_still_come(tmp_path):
    feats = Features({"image": HFImage(), "mask": HFImage(), "finding": ClassLabel(names=["polyp"]),
                      "case": Value("string")})
    rows = {
        "image": [_img(0), None, {"bytes": b"not an image", "path": None}, _img(3), _img(4), _img(5)],
        "mask": [_mask(0), _mask(1), _mask(2), None, _mask(4, h=10), _mask(5)],
        "finding": [0, 0, 0, 0, 0, 0],
        "case": ["a", "b", "c", "d", "e", "f"],
    }
    datasets.Dataset.from_dict(rows, features=feats).save_to_disk(str(tmp_path / "bad"))
    out = _items(_opts(tmp_path / "bad", mask_column="mask", label_column="finding", case_column="case"))
    codes = [o.code if isinstance(o, ItemError) else "ok" for o in out]
    assert codes == ["ok", "missing_image", "unreadable_image", "missing_mask", "size_mismatch", "ok"]
    assert all(o.where.startswith("train/") for o in out if isinstance(o, ItemError))

    int_feats = Features({"image": HFImage(), "mask": HFImage(), "code": Value("int64")})
    ints = datasets.Dataset.from_dict({"image": [_img(0), _img(1)], "mask": [_mask(0), _mask(1)], "code": [7, 1]},
                                      features=int_feats)
    ints.save_to_disk(str(tmp_path / "ints"))
    out = _items(_opts(tmp_path / "ints", mask_column="mask", label_column="code", label_map={1: "polyp"}))
    assert isinstance(out[0], ItemError) and out[0].code == "unknown_label_value"
    assert isinstance(out[1], SourceItem) and list(out[1].masks) == ["polyp"]


def test_numpy_array_masks_and_several_mask_columns(tmp_path):
    m0 = (np.asarray(_mask(0)) > 0)
    feats = Features({"image": HFImage(), "liver_mask": Sequence(Sequence(Value("bool"))),
                      "spleen_mask": Value("binary")})
    ds = datasets.Dataset.from_dict({"image": [_img(0)], "liver_mask": [m0.tolist()],
                                     "spleen_mask": [_png_bytes(_mask(3))]}, features=feats)
    ds.save_to_disk(str(tmp_path / "multi"))
    (item,) = _items(_opts(tmp_path / "multi", mask_columns={"liver_mask": "liver", "spleen_mask": "spleen"}))
    assert sorted(item.masks) == ["liver", "spleen"]
    assert np.array_equal(item.masks["liver"] > 0, m0)


def test_config_errors_name_the_problem(tmp_path):
    _binary_dataset(2).save_to_disk(str(tmp_path / "sd"))
    with pytest.raises(ConfigError) as err:
        _items(_opts(tmp_path / "sd", mask_column="segmentation", label="polyp"))
    assert "no column 'segmentation'" in str(err.value) and "image, mask, finding, case" in str(err.value)
    with pytest.raises(ConfigError, match="does not exist"):
        build_source("hf", _opts(tmp_path / "nowhere", mask_column="mask", label="polyp"))
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="exactly one of"):
        build_source("hf", _opts(tmp_path / "sd", mask_column="mask", label_map_column="mask", label="x"))
    with pytest.raises(ValidationError, match="needs 'label'"):
        build_source("hf", _opts(tmp_path / "sd", mask_column="mask"))
    with pytest.raises(ValidationError):
        build_source("hf", _opts(tmp_path / "sd", mask_column="mask", label="polyp", modality="photo"))


def test_hub_id_goes_through_load_dataset_and_failures_are_wrapped(tmp_path, monkeypatch):
    """A hub id is loaded with datasets.load_dataset (the same path as local data); offline here, its
    failure must come back as one MedsegQAError, not a datasets/httpx2 traceback."""
    import huggingface_hub.constants as hub_constants

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(hub_constants, "HF_HUB_OFFLINE", True)
    src = build_source("hf", _opts("some-lab/not-downloaded", mask_column="mask", label="polyp",
                                   cache_dir=str(tmp_path / "hf-cache")))
    assert src.info.source_url == "https://huggingface.co/datasets/some-lab/not-downloaded"
    try:
        with pytest.raises(MedsegQAError, match="cannot load Hugging Face dataset 'some-lab/not-downloaded'"):
            list(src.items())
    finally:
        from medseg_qa.pull import reset_hub_timeouts

        reset_hub_timeouts()  # loading a hub id gave huggingface_hub's shared client a timeout


def test_ingest_stage_turns_hf_rows_into_records(tmp_path):
    from medseg_qa.pipelines.ingest import ingest_source
    from medseg_qa.workspace import Workspace

    _binary_dataset(4).save_to_disk(str(tmp_path / "sd"))
    src = build_source("hf", _opts(tmp_path / "sd", mask_column="mask", label_column="finding", case_column="case"))
    with Workspace(tmp_path / "ws") as ws:
        first = ingest_source(ws, src, progress=False)
        again = ingest_source(ws, src, progress=False)
        rows = ws.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    assert first.added == 4 and again.added == 0 and again.unchanged == 4 and rows == 4


def test_a_corrupt_shard_while_streaming_stops_with_one_clear_error(tmp_path):
    data = tmp_path / "snap" / "data"
    data.mkdir(parents=True)
    _binary_dataset(3).to_parquet(str(data / "train-00000-of-00002.parquet"))
    (data / "train-00001-of-00002.parquet").write_bytes(b"PAR1 this shard was cut short")
    got = []
    with pytest.raises(MedsegQAError, match=r"failed at row 3: .*rerun the ingest"):
        for item in build_source("hf", _opts(tmp_path / "snap", streaming=True, mask_column="mask", label="polyp",
                                             cache_dir=str(tmp_path / "hf-cache"))).items():
            got.append(item)
    assert len(got) == 3 and all(isinstance(i, SourceItem) for i in got)
