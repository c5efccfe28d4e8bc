"""CLI commands of the compact MedSeg-R: `train-baseline`, `eval`, `predict`.

Registered in `medseg_qa.cli` with one line; torch and transformers are imported inside the commands so
`medsegqa --help` stays fast. Errors print one line and exit with status 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from medseg_qa.errors import MedsegQAError

DeviceOpt = typer.Option("auto", "--device", help="auto (CUDA when available, bf16 autocast), cpu or cuda[:N]")
CacheOpt = typer.Option(None, "--cache-dir", help="cache of frozen outputs (default $MEDSEGQA_CACHE/model "
                        "or ~/.cache/medseg-qa/model)")


def _fail(exc: Exception) -> None:
    typer.secho(f"error: {exc}", fg="red", err=True)
    raise typer.Exit(2)


def _model_extra() -> None:
    from medseg_qa.errors import require

    for mod in ("torch", "transformers", "safetensors", "monai"):
        require(mod, "model")


def train_baseline(
    dataset: str = typer.Option(..., "--dataset", help="export folder (exports/NAME/VERSION) or hub id"),
    preset: str = typer.Option("lite", "--preset", help="tiny, lite (default, box prompts), lite-seg ([SEG] embedding), base, or a YAML config file"),
    epochs: Optional[int] = typer.Option(None, "--epochs", help="override the preset's epochs"),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", help="stop after this many steps"),
    batch_size: Optional[int] = typer.Option(None, "--batch-size"),
    grounding: Optional[str] = typer.Option(None, "--grounding", help="seg_embedding or box (box-prompt variant)"),
    seed: Optional[int] = typer.Option(None, "--seed"),
    out: Path = typer.Option(Path("runs/medseg-r"), "--out", help="run folder (checkpoint, metrics, plot)"),
    device: str = DeviceOpt,
    cache_dir: Optional[Path] = CacheOpt,
    resume: bool = typer.Option(True, "--resume/--restart", help="continue from OUT/checkpoint when present"),
    eval_split: Optional[str] = typer.Option("test", "--eval-split", help="evaluate this split at the end "
                                             "('' to skip)"),
) -> None:
    """Train a compact MedSeg-R on an exported dataset, then evaluate it."""
    try:
        _model_extra()
        from medseg_qa.model.config import load_config
        from medseg_qa.model.evaluate import evaluate, print_report
        from medseg_qa.model.runtime import Runtime
        from medseg_qa.model.train import train

        cfg = load_config(preset, **{"train.epochs": epochs, "train.max_steps": max_steps,
                                     "train.batch_size": batch_size, "grounding": grounding, "train.seed": seed})
        summary = train(dataset, out, cfg, device=device, resume=resume, cache_root=cache_dir)
        typer.echo(json.dumps({k: v for k, v in summary.items() if k != "validation"}))
        if eval_split:
            rt = Runtime.load(out / "checkpoint", summary["device"], cache_dir)
            print_report(evaluate(rt, dataset, eval_split, out / f"eval-{eval_split}", answer_samples=8))
    except MedsegQAError as exc:
        _fail(exc)


def eval_command(
    checkpoint: Path = typer.Option(..., "--checkpoint", help="OUT/checkpoint folder of train-baseline"),
    dataset: str = typer.Option(..., "--dataset"),
    split: str = typer.Option("test", "--split"),
    out: Optional[Path] = typer.Option(None, "--out", help="report folder (default CHECKPOINT/../eval-SPLIT)"),
    limit: Optional[int] = typer.Option(None, "--limit", help="only the first N samples"),
    answer_samples: int = typer.Option(16, "--answer-samples", help="answers generated for answer metrics"),
    device: str = DeviceOpt,
    cache_dir: Optional[Path] = CacheOpt,
) -> None:
    """gIoU / cIoU / Dice per target and modality, answer metrics, text-blind ablation; JSON + gallery."""
    try:
        _model_extra()
        from medseg_qa.model.evaluate import evaluate, print_report
        from medseg_qa.model.runtime import Runtime, pick_device

        rt = Runtime.load(checkpoint, pick_device(device), cache_dir)
        out = out or Path(checkpoint).parent / f"eval-{split}"
        report = evaluate(rt, dataset, split, out, limit=limit, answer_samples=answer_samples)
        print_report(report)
        typer.echo(f"report: {out / 'report.json'}  gallery: {out / 'gallery.png'}")
    except MedsegQAError as exc:
        _fail(exc)


def predict_command(
    checkpoint: Path = typer.Option(..., "--checkpoint"),
    image: Path = typer.Option(..., "--image"),
    question: str = typer.Option(..., "--question"),
    out: Path = typer.Option(Path("predictions"), "--out"),
    device: str = DeviceOpt,
    cache_dir: Optional[Path] = CacheOpt,
) -> None:
    """Answer a question about one image and write its mask and an overlay."""
    try:
        _model_extra()
        from medseg_qa.model.predict import predict

        res = predict(checkpoint, image, question, out, device, cache_dir)
        typer.echo(f"answer: {res['answer']}")
        typer.echo(f"mask: {res['mask']}  overlay: {res['overlay']}  ({res['mask_pixels']} pixels)")
    except MedsegQAError as exc:
        _fail(exc)


def register(app: typer.Typer) -> None:
    app.command("train-baseline")(train_baseline)
    app.command("eval")(eval_command)
    app.command("predict")(predict_command)
