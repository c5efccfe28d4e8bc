"""MedSeg-R, compact: global context (image features projected into the LM's embedding space) and pixel
grounding (the `[SEG]` hidden state, projected, becomes the sparse prompt of a SAM-style mask decoder
that attends to the image embedding).

Contract:
- `image_embedding(pixels)` -> (B, D, g, g) from the conv encoder (tiny) or LiteMedSAM's TinyViT;
- `seg_state(emb, ids, mask, labels)` -> ([SEG] hidden state (B, H), LM cross-entropy on the answer or
  None); with `inject_image_tokens` the pooled image grid is projected and prepended to the text, so the
  state depends on image and question;
- `decode(emb, seg)` -> low-resolution mask logits (B, 1, 4g, 4g) (and the predicted box, for the box
  variant). `grounding: seg_embedding` turns the state into `seg_tokens` sparse prompt embeddings;
  `grounding: box` predicts a normalised (x0, y0, x1, y1) box from the state and the image embedding and
  lets the (frozen) prompt encoder and decoder decode it, as in MedReasoner.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from medseg_qa.model.config import ModelConfig


class ConvEncoder(nn.Module):
    """tiny's image encoder: stride-2 conv blocks from image_size down to a grid x grid embedding."""

    def __init__(self, image_size: int, dim: int, grid: int) -> None:
        super().__init__()
        layers, ch, size = [], 3, image_size
        widths = [32, 48, dim, dim, dim]
        i = 0
        while size > grid:
            out = widths[min(i, len(widths) - 1)]
            layers += [nn.Conv2d(ch, out, 3, 2, 1), nn.GroupNorm(8, out), nn.GELU()]
            ch, size, i = out, size // 2, i + 1
        layers += [nn.Conv2d(ch, dim, 3, 1, 1), nn.GroupNorm(8, dim), nn.GELU(), nn.Conv2d(dim, dim, 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class BoxHead(nn.Module):
    """[SEG] state attends over the image embedding; the pooled feature and the query give a box in [0,1]."""

    def __init__(self, hidden: int, dim: int) -> None:
        super().__init__()
        self.query = nn.Linear(hidden, dim)
        self.mlp = nn.Sequential(nn.Linear(2 * dim, dim), nn.GELU(), nn.Linear(dim, 4))

    def forward(self, seg, emb):
        q = self.query(seg)                                     # (B, D)
        keys = emb.flatten(2)                                   # (B, D, N)
        att = torch.softmax(torch.einsum("bd,bdn->bn", q, keys) / keys.shape[1] ** 0.5, dim=-1)
        pooled = torch.einsum("bn,bdn->bd", att, keys)
        raw = self.mlp(torch.cat([q, pooled], dim=-1))
        centre, size = torch.sigmoid(raw[:, :2]), torch.sigmoid(raw[:, 2:])
        return torch.cat([(centre - size / 2).clamp(0, 1), (centre + size / 2).clamp(0, 1)], dim=-1)


class MedSegR(nn.Module):
    def __init__(self, cfg: ModelConfig, vocab_size: int, lm: nn.Module | None = None) -> None:
        super().__init__()
        from medseg_qa.model.litemedsam import build_litemedsam
        from medseg_qa.model.sam_decoder import MaskDecoder, PromptEncoder, TwoWayTransformer

        self.cfg = cfg
        d, g = cfg.decoder.dim, cfg.encoder.grid
        if cfg.encoder.kind == "litemedsam":
            sam = build_litemedsam()
            self.image_encoder, self.prompt_encoder, self.mask_decoder = \
                sam.image_encoder, sam.prompt_encoder, sam.mask_decoder
        else:
            self.image_encoder = ConvEncoder(cfg.image_size, cfg.encoder.dim, g)
            self.prompt_encoder = PromptEncoder(embed_dim=d, image_embedding_size=(g, g),
                                                input_image_size=(cfg.image_size, cfg.image_size), mask_in_chans=16)
            self.mask_decoder = MaskDecoder(num_multimask_outputs=3, transformer=TwoWayTransformer(
                depth=cfg.decoder.depth, embedding_dim=d, mlp_dim=cfg.decoder.mlp_dim, num_heads=cfg.decoder.heads),
                transformer_dim=d, iou_head_depth=3, iou_head_hidden_dim=d)
        self.lm = lm
        hidden = cfg.lm.hidden
        self.seg_id = vocab_size - 1
        self.img_proj = nn.Linear(cfg.encoder.dim, hidden) if cfg.inject_image_tokens else None
        self.seg_proj = nn.Sequential(nn.Linear(hidden, hidden), nn.GELU(), nn.Linear(hidden, d * cfg.seg_tokens))
        self.box_head = BoxHead(hidden, d) if cfg.grounding == "box" else None

    # -- image side ---------------------------------------------------------------------------------
    def image_embedding(self, pixels):
        return self.image_encoder(pixels)

    def image_tokens(self, emb):
        side = int(round(self.cfg.image_tokens ** 0.5))
        return self.img_proj(F.adaptive_avg_pool2d(emb, side).flatten(2).transpose(1, 2))

    # -- text side ----------------------------------------------------------------------------------
    def seg_state(self, emb, ids, attn, labels=None):
        """The [SEG] position's last hidden state and the answer cross-entropy (None without labels)."""
        embeds = self.lm.get_input_embeddings()(ids)
        n_img = 0
        if self.img_proj is not None:
            img = self.image_tokens(emb).to(embeds.dtype)
            n_img = img.shape[1]
            embeds = torch.cat([img, embeds], dim=1)
            attn = torch.cat([attn.new_ones(attn.shape[0], n_img), attn], dim=1)
            if labels is not None:
                labels = torch.cat([labels.new_full((labels.shape[0], n_img), -100), labels], dim=1)
        hidden = self.lm.get_decoder()(inputs_embeds=embeds, attention_mask=attn).last_hidden_state
        pos = (ids == self.seg_id).int().cumsum(1).argmax(1) + n_img  # first [SEG] (there is one per prompt)
        seg = hidden[torch.arange(ids.shape[0]), pos]
        ce = None
        if labels is not None:
            # next-token CE on answer positions only: the 49k-way head on prompt positions would be wasted
            tgt = labels[:, 1:]
            sel = tgt != -100
            logits = self.lm.get_output_embeddings()(hidden[:, :-1][sel])
            ce = F.cross_entropy(logits.float(), tgt[sel])
        return seg.float(), ce

    # -- grounding ----------------------------------------------------------------------------------
    def decode(self, emb, seg):
        b, g = emb.shape[0], emb.shape[-1]
        pe = self.prompt_encoder.get_dense_pe()
        box = None
        if self.box_head is not None:
            box = self.box_head(seg, emb)
            size = float(self.prompt_encoder.input_image_size[0])
            sparse, dense = self.prompt_encoder(points=None, boxes=(box * size)[:, None], masks=None)
        else:
            sparse = self.seg_proj(seg).view(b, self.cfg.seg_tokens, -1)
            dense = self.prompt_encoder.no_mask_embed.weight.reshape(1, -1, 1, 1).expand(b, -1, g, g)
        logits, _ = self.mask_decoder(image_embeddings=emb, image_pe=pe, sparse_prompt_embeddings=sparse,
                                      dense_prompt_embeddings=dense, multimask_output=False)
        return logits, box

    # -- what trains --------------------------------------------------------------------------------
    def set_trainable(self) -> None:
        """Freeze per config: frozen encoder for litemedsam, frozen LM unless scratch/LoRA, decoder per
        `train_decoder` (all / last: the output upscaling and hypernetwork heads / none); the box variant
        keeps the pretrained decoder frozen."""
        cfg = self.cfg
        for p in self.parameters():
            p.requires_grad = True
        if cfg.encoder.kind == "litemedsam":
            self.image_encoder.requires_grad_(False)
            self.prompt_encoder.requires_grad_(False)
        if self.lm is not None and cfg.lm.lora:
            for n, p in self.lm.named_parameters():
                p.requires_grad = "lora_" in n
        elif self.lm is not None and cfg.lm.frozen:
            self.lm.requires_grad_(False)
        mode = "none" if cfg.grounding == "box" and cfg.encoder.kind == "litemedsam" else cfg.train_decoder
        if mode != "all":
            self.mask_decoder.requires_grad_(False)
        if mode == "last":
            for m in (self.mask_decoder.output_upscaling, self.mask_decoder.output_hypernetworks_mlps):
                m.requires_grad_(True)

    def trainable_state(self) -> dict:
        """What a checkpoint stores: trainable tensors (plus BatchNorm buffers of a trained encoder)."""
        names = {n for n, p in self.named_parameters() if p.requires_grad}
        state = self.state_dict()
        keep = {k: v for k, v in state.items() if k in names}
        if self.cfg.encoder.kind == "conv":
            keep.update({k: v for k, v in state.items() if k.startswith("image_encoder.")})
        return {k: v.detach().contiguous().cpu() for k, v in keep.items()}
