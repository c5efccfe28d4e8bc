"""A small OpenAI-compatible HTTP server that injects faults, for the failure paths of the openai backend.

It implements what the backend uses: GET /v1/models, POST /v1/chat/completions, the Files API (upload,
retrieve, content) and the Batch API (create, retrieve, list). Chat answers are valid conversation JSON
written from the prompt itself (a deterministic "model" that follows prompt v1's rules: an implicit
first question drawn from the knowledge lines, one [SEG] in the first answer, claims only from the fact
lines), so QC passes them. Faults are drawn per request at configurable rates: 429 with Retry-After,
500, connection reset, timeout (sleep past the client's deadline, then close), a truncated JSON body,
invalid JSON in the message content; plus a fixed latency, llama.cpp's refusal of `json_schema`, and
conversations whose answers are always invalid. `stats` counts requests per conversation key (the
first two messages and the seed), so tests can prove nothing was answered twice.

Run in-process with `FaultServer(...)` (a context manager), or as its own process with
`python -m tests.fault_server --latency 0.2` (prints the base URL; GET /_stats returns the counters).
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import json
import random
import re
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

MODEL = "fault-model"
HUGE_ANSWER_BYTES = 10 * 1024 * 1024  # the answer of a `huge` scripted fault


@dataclass
class Faults:
    """Fault rates (each in [0, 1], drawn independently per chat request in this order) and behaviours."""

    rate_429: float = 0.0
    rate_500: float = 0.0
    rate_reset: float = 0.0
    rate_timeout: float = 0.0
    rate_truncated: float = 0.0
    rate_invalid_content: float = 0.0
    persistent_invalid: float = 0.0      # fraction of conversation keys whose answers are always invalid
    retry_after: Optional[str] = "0"     # Retry-After header of injected 429s (seconds or an HTTP date)
    timeout_sleep_s: float = 2.0
    latency_s: float = 0.0
    json_schema_unsupported: bool = False  # answer response_format json_schema like llama.cpp: HTTP 500
    api_key: Optional[str] = None        # when set, requests without "Bearer <api_key>" get 401
    batch_polls: int = 0                 # retrieves of a batch before it reports completed
    script: list[str] = field(default_factory=list)  # faults for the first chat requests, in order (any kind
    #                                                  above, or "huge": a 10 MB answer)
    api_script: list[str] = field(default_factory=list)  # "429"/"500"/"" for the first Files/Batches calls
    record_path: Optional[str] = None    # append every chat request body to this JSONL file (bench replays)
    batch_truncated: int = 0             # output lines (the first ones) whose body is not a chat completion
    seed: int = 0


@dataclass
class Stats:
    requests: Counter = field(default_factory=Counter)        # by route
    faults: Counter = field(default_factory=Counter)          # by kind
    chat_by_key: Counter = field(default_factory=Counter)     # chat requests that reached the server
    valid_by_key: Counter = field(default_factory=Counter)    # complete, valid answers delivered
    repairs: int = 0
    prompt_tokens: int = 0          # usage of every complete 200 response sent (what a real server bills)
    completion_tokens: int = 0
    response_formats: Counter = field(default_factory=Counter)

    def as_json(self) -> dict:
        return {k: dict(v) if isinstance(v, Counter) else v for k, v in vars(self).items()}


def conversation_key(body: dict) -> str:
    """Identity of one conversation request: its first two messages and seed (repairs share it)."""
    return hashlib.sha256(json.dumps([body.get("messages", [])[:2], body.get("seed")], sort_keys=True)
                          .encode()).hexdigest()[:16]


# -- the deterministic "model" -------------------------------------------------------------------------
def _line(prompt: str, label: str) -> str:
    m = re.search(rf"^-? ?{re.escape(label)}: (.*)$", prompt, re.M)
    return m.group(1).strip() if m else ""


def _items(prompt: str, label: str) -> list[str]:
    value = _line(prompt, label)
    return [] if not value or value == "(none given)" else [v.strip() for v in value.split(";") if v.strip()]


def write_conversation(prompt: str, seed: int) -> dict:
    """A conversation that follows prompt v1's rules, from the prompt text alone."""
    target = _line(prompt, "Target structure")
    style = (re.search(r"^First question style: (\w+)\.", prompt, re.M) or [None, "function"])[1]
    n_turns = int((re.search(r"Write exactly (\d+) turns", prompt) or [None, "6"])[1])
    rng = random.Random(hashlib.sha256(f"{prompt}|{seed}".encode()).digest())
    functions, clinical = _items(prompt, "functions"), _items(prompt, "clinical scenarios")
    relations, confused = _items(prompt, "anatomical relations"), _items(prompt, "commonly confused with")
    if style == "clinical_scenario" and clinical:
        q1 = rng.choice(["When {}, which structure in this image should be examined?",
                         "Suppose {}. Which structure on this scan deserves a close look?",
                         "A referral says {}. What should I look at here?"]).format(rng.choice(clinical))
    elif style == "anatomical_relation" and relations:
        q1 = rng.choice(["Which structure in this image {}?", "Can you point out the structure that {}?",
                         "On this scan, what structure {}?"]).format(rng.choice(relations))
    elif style == "differential" and confused:
        q1 = rng.choice(["Which structure in this image can be mistaken for {}?",
                         "What here could a beginner confuse with {}?",
                         "Show me the structure that is easy to mix up with {}."]).format(rng.choice(confused))
    else:
        q1 = rng.choice(["Which structure in this image {}?", "What part of the anatomy shown here {}?",
                         "Can you find the structure on this scan that {}?"]).format(
            rng.choice(functions or ["is outlined here"]))
    side = _line(prompt, "side (patient terms)")
    size = _line(prompt, "size")
    parts = _line(prompt, "separate parts visible")
    position = _line(prompt, "position along the image rows")
    rel = _line(prompt, "relations to other structures in this image")
    if side.startswith("unknown"):
        where = f"Its centre lies in the {position} part of the image." if position != "central" else \
            "Its centre lies near the middle of the image."
    elif side == "bilateral":
        where = "It is seen on both sides of the patient."
    elif side == "midline":
        where = "It lies in the midline."
    else:
        where = f"It lies on the patient's {side} side."
    followups = [
        ("Where is it in this image?", where),
        ("How large does it appear here?",
         f"It is {size.split(' (')[0]}, covering about {size.split('(')[-1].split('%')[0]}% of the image, "
         f"in {parts} separate part{'s' if parts != '1' else ''}."),
        ("How does it relate to the structures around it?",
         f"It lies {rel}." if rel and rel != "none measured" else "No other structure was measured beside it."),
        ("What does it do?", f"It {rng.choice(functions)}." if functions else "Its role is described above."),
    ]
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": f"This is the {target} [SEG]."}]
    for q, a in followups[: n_turns // 2 - 1]:
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    if '"claims"' not in prompt:
        return {"turns": turns}
    return {"turns": turns, "claims": _claims_from_facts(side, position, size, parts, rel)}


def write_judgement(prompt: str) -> dict:
    """The QC judge's answer: the side claims of the answer text ("patient's left/right"), listed with
    a verdict from the prompt's side fact (a deterministic stand-in for a model that lists claims)."""
    answer = prompt.split("Answer to check:", 1)[1]
    side = _line(prompt, "side (patient terms)")
    claims = []
    for m in re.finditer(r"patient's (left|right)", answer):
        claims.append({"text": m.group(0), "kind": "side", "value": m.group(1), "other": "",
                       "verdict": "agrees" if side == m.group(1) else "contradicts"})
    if "in the midline" in answer:
        claims.append({"text": "in the midline", "kind": "side", "value": "midline", "other": "",
                       "verdict": "agrees" if side == "midline" else "contradicts"})
    return {"claims": claims}


_RELATION_WORDS = {"to the patient's left of": "left_of", "to the patient's right of": "right_of",
                   "anterior to": "anterior_to", "posterior to": "posterior_to", "superior to": "superior_to",
                   "inferior to": "inferior_to"}


def _claims_from_facts(side: str, position: str, size: str, parts: str, rel: str) -> dict:
    """Prompt v2's structured claims object, copied from the prompt's fact lines."""
    relations = []
    for item in ([] if rel in ("", "none measured") else rel.split("; ")):
        for words, name in _RELATION_WORDS.items():
            if item.startswith(words + " the "):
                relations.append({"other": item[len(words) + 5:], "relation": name})
    percent = re.search(r"\(([\d.]+)%", size)
    return {"side": side.split(" ")[0], "vertical": position, "size_class": size.split(" (")[0],
            "area_percent": float(percent.group(1)) if percent else 0.0, "regions": int(parts or 1),
            "relations": relations}


def _text_of(message: dict) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if p.get("type") == "text")
    return content or ""


def completion(body: dict, content: str) -> dict:
    prompt_chars = sum(len(_text_of(m)) for m in body.get("messages", []))
    usage = {"prompt_tokens": prompt_chars // 4 + 1, "completion_tokens": len(content) // 4 + 1}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return {"id": "chatcmpl-" + hashlib.sha1(content.encode()).hexdigest()[:12], "object": "chat.completion",
            "created": int(time.time()), "model": body.get("model", MODEL),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": usage}


class FaultServer:
    """The server on 127.0.0.1:<free port> in a daemon thread; `base_url` ends in /v1."""

    def __init__(self, faults: Optional[Faults] = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.faults = faults or Faults()
        self.stats = Stats()
        self.files: dict[str, dict] = {}
        self.batches: dict[str, dict] = {}
        self._lock = threading.Lock()
        self.httpd = _QuietServer((host, port), _handler(self))
        self.httpd.daemon_threads = True
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}/v1"
        self._thread: Optional[threading.Thread] = None

    def start(self) -> "FaultServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def total_chat_requests(self) -> int:
        return self.stats.requests["chat"]

    # -- decisions (under the lock: handlers run in many threads) --------------------------------------
    def draw_fault(self, key: str, nth: int) -> Optional[str]:
        """The fault of the `nth` request of conversation `key`: drawn from (seed, key, nth), not from arrival
        order, so a run under any concurrency or load meets the same faults."""
        f = self.faults
        with self._lock:
            if f.script:
                kind = f.script.pop(0)
                if kind:
                    self.stats.faults[kind] += 1
                    return kind
                return None
            rng = random.Random(f"{f.seed}|{key}|{nth}")
            for kind, rate in (("429", f.rate_429), ("500", f.rate_500), ("reset", f.rate_reset),
                               ("timeout", f.rate_timeout), ("truncated", f.rate_truncated),
                               ("invalid", f.rate_invalid_content)):
                if rate and rng.random() < rate:
                    self.stats.faults[kind] += 1
                    return kind
        return None

    def always_invalid(self, key: str) -> bool:
        return int(key[:8], 16) / 0xFFFFFFFF < self.faults.persistent_invalid

    def answer(self, body: dict) -> tuple[dict, bool]:
        """(completion, valid) for a chat body, content faults aside."""
        messages = body.get("messages", [])
        key = conversation_key(body)
        if self.always_invalid(key):
            return completion(body, "Here is the conversation you asked for: turns = [user, assistant]"), False
        prompt = "\n".join(_text_of(m) for m in messages[:2])
        if "Answer to check:" in prompt:  # the QC judge's prompt
            return completion(body, json.dumps(write_judgement(prompt))), True
        conv = write_conversation(prompt, int(body.get("seed") or 0))
        return completion(body, json.dumps(conv)), True

    # -- batches --------------------------------------------------------------------------------------
    def run_batch(self, batch: dict) -> None:
        out_lines, err_lines = [], []
        for line in self.files[batch["input_file_id"]]["content"].decode().splitlines():
            if not line.strip():
                continue
            req = json.loads(line)
            body = req["body"]
            resp, valid = self.answer(body)
            with self._lock:
                self.stats.requests["batch_item"] += 1
                key = conversation_key(body)
                self.stats.chat_by_key[key] += 1
                if valid:
                    self.stats.valid_by_key[key] += 1
            if self.faults.batch_truncated > 0:  # a body cut short: valid JSON line, no chat completion in it
                self.faults.batch_truncated -= 1
                self.stats.faults["batch_truncated"] += 1
                resp = {"id": resp["id"], "object": "chat.completion"}
            out_lines.append({"id": "resp-" + req["custom_id"], "custom_id": req["custom_id"],
                              "response": {"status_code": 200, "request_id": "req-1", "body": resp}, "error": None})
        batch["output_file_id"] = self._store_file("batch_output.jsonl", "batch_output",
                                                   "".join(json.dumps(x) + "\n" for x in out_lines).encode())
        if err_lines:
            batch["error_file_id"] = self._store_file("batch_errors.jsonl", "batch_output",
                                                      "".join(json.dumps(x) + "\n" for x in err_lines).encode())
        batch["status"] = "completed"
        batch["completed_at"] = int(time.time())
        batch["request_counts"] = {"total": len(out_lines) + len(err_lines), "completed": len(out_lines),
                                   "failed": len(err_lines)}

    def _store_file(self, name: str, purpose: str, content: bytes) -> str:
        with self._lock:
            fid = f"file-{len(self.files) + 1:06d}"
            self.files[fid] = {"id": fid, "object": "file", "bytes": len(content), "created_at": int(time.time()),
                               "filename": name, "purpose": purpose, "status": "processed", "content": content}
        return fid


class _QuietServer(ThreadingHTTPServer):
    """Clients that time out or reset a connection are part of the game, not errors to print."""

    request_queue_size = 128  # socketserver's 5 overflows when C >= 16 clients connect at once (resets)

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError, OSError)):
            super().handle_error(request, client_address)


def _file_json(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k != "content"}


def _handler(server: FaultServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def setup(self) -> None:
            super().setup()  # headers and body go out in two writes: without NODELAY, Nagle + delayed ACK
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # add ~40 ms each

        # -- plumbing -----------------------------------------------------------------------------
        def _bill(self, payload) -> None:
            usage = (payload or {}).get("usage") if isinstance(payload, dict) else None
            if usage:
                with server._lock:
                    server.stats.prompt_tokens += usage["prompt_tokens"]
                    server.stats.completion_tokens += usage["completion_tokens"]

        def _send(self, status: int, payload, headers: Optional[dict] = None, raw: Optional[bytes] = None,
                  content_type: Optional[str] = None) -> None:
            data = raw if raw is not None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type or
                             ("application/json" if raw is None else "application/octet-stream"))
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _api_fault(self) -> bool:
            """Answer a Files/Batches call with the next scripted fault (429 carries faults.retry_after)."""
            f = server.faults
            with server._lock:
                kind = f.api_script.pop(0) if f.api_script else ""
                if kind:
                    server.stats.faults["api:" + kind] += 1
            if kind == "429":
                self._error(429, "Rate limit reached (injected)",
                            {"Retry-After": f.retry_after} if f.retry_after is not None else {})
            elif kind == "500":
                self._error(500, "injected server error")
            return bool(kind)

        def _error(self, status: int, message: str, headers: Optional[dict] = None) -> None:
            self._send(status, {"error": {"message": message, "type": "fault_server", "code": status}}, headers)

        def _reset(self) -> None:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _authorised(self) -> bool:
            if server.faults.api_key is None:
                return True
            if self.headers.get("Authorization") == f"Bearer {server.faults.api_key}":
                return True
            self._error(401, "Incorrect API key provided")
            return False

        # -- routes -------------------------------------------------------------------------------
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/_stats":
                return self._send(200, server.stats.as_json())
            if not self._authorised():
                return
            server.stats.requests["GET " + path.rsplit("/", 1)[0]] += 1
            if path != "/v1/models" and self._api_fault():
                return
            if path == "/v1/models":
                return self._send(200, {"object": "list", "data": [
                    {"id": MODEL, "object": "model", "created": 0, "owned_by": "fault-server"}]})
            m = re.fullmatch(r"/v1/files/([\w-]+)(/content)?", path)
            if m and m.group(1) in server.files:
                entry = server.files[m.group(1)]
                return self._send(200, None, raw=entry["content"]) if m.group(2) else self._send(200, _file_json(entry))
            m = re.fullmatch(r"/v1/batches/([\w-]+)", path)
            if m and m.group(1) in server.batches:
                batch = server.batches[m.group(1)]
                with server._lock:
                    batch["_polls"] += 1
                    due = batch["status"] != "completed" and batch["_polls"] > server.faults.batch_polls
                    if batch["status"] == "validating":
                        batch["status"] = "in_progress"
                if due:
                    server.run_batch(batch)
                return self._send(200, {k: v for k, v in batch.items() if not k.startswith("_")})
            if path == "/v1/batches":
                data = [{k: v for k, v in b.items() if not k.startswith("_")} for b in server.batches.values()]
                return self._send(200, {"object": "list", "data": data[::-1], "has_more": False})
            self._error(404, f"no route GET {path}")

        def do_POST(self) -> None:
            path = self.path.split("?")[0]
            raw = self._body()
            if not self._authorised():
                return
            if path == "/v1/chat/completions":
                return self._chat(json.loads(raw or b"{}"))
            server.stats.requests["POST " + path] += 1
            if self._api_fault():
                return
            if path == "/v1/files":
                return self._upload(raw)
            if path == "/v1/batches":
                body = json.loads(raw or b"{}")
                if body.get("input_file_id") not in server.files:
                    return self._error(400, "unknown input_file_id")
                with server._lock:
                    bid = f"batch_{len(server.batches) + 1:06d}"
                    batch = {"id": bid, "object": "batch", "endpoint": body["endpoint"], "errors": None,
                             "input_file_id": body["input_file_id"], "completion_window": body["completion_window"],
                             "status": "validating", "output_file_id": None, "error_file_id": None,
                             "created_at": int(time.time()), "metadata": body.get("metadata"), "_polls": 0}
                    server.batches[bid] = batch
                return self._send(200, {k: v for k, v in batch.items() if not k.startswith("_")})
            self._error(404, f"no route POST {path}")

        def _upload(self, raw: bytes) -> None:
            msg = email.parser.BytesParser().parsebytes(
                b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + raw)
            fields = {}
            for part in msg.get_payload():
                name = part.get_param("name", header="content-disposition")
                fields[name] = (part.get_filename(), part.get_payload(decode=True))
            filename, content = fields["file"]
            purpose = fields["purpose"][1].decode()
            fid = server._store_file(filename or "upload.jsonl", purpose, content)
            self._send(200, _file_json(server.files[fid]))

        def _chat(self, body: dict) -> None:
            f = server.faults
            key = conversation_key(body)
            with server._lock:
                if f.record_path:
                    with open(f.record_path, "a") as rec:
                        rec.write(json.dumps(body) + "\n")
                server.stats.requests["chat"] += 1
                server.stats.chat_by_key[key] += 1
                nth = server.stats.chat_by_key[key]
                fmt = (body.get("response_format") or {}).get("type", "text")
                server.stats.response_formats[fmt] += 1
                if len(body.get("messages", [])) > 2:
                    server.stats.repairs += 1
            if f.latency_s:
                time.sleep(f.latency_s)
            if f.json_schema_unsupported and fmt == "json_schema":
                return self._error(500, "1 validation error for CreateChatCompletionRequest response_format.type: "
                                        "Input should be 'text' or 'json_object'")
            fault = server.draw_fault(key, nth)
            if fault == "429":
                headers = {"Retry-After": f.retry_after} if f.retry_after is not None else {}
                return self._error(429, "Rate limit reached (injected)", headers)
            if fault == "500":
                return self._error(500, "injected server error")
            if fault == "reset":
                return self._reset()
            if fault == "timeout":
                time.sleep(f.timeout_sleep_s)
                return self._reset()
            if fault == "huge":  # a runaway model: a 10 MB answer (script-only)
                resp = completion(body, "The structure is shown. " * (HUGE_ANSWER_BYTES // 24))
                self._bill(resp)
                return self._send(200, resp)
            if fault == "invalid":
                resp = completion(body, "Sure! Here is a conversation about the structure.")
                self._bill(resp)
                return self._send(200, resp)
            resp, valid = server.answer(body)
            if fault == "truncated":
                data = json.dumps(resp).encode()
                return self._send(200, None, raw=data[: len(data) // 2], content_type="application/json")
            if valid:
                with server._lock:
                    server.stats.valid_by_key[key] += 1
            self._bill(resp)
            self._send(200, resp)

    return Handler


def main() -> None:  # pragma: no cover - used by the benchmark as a separate process
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--latency", type=float, default=0.0)
    p.add_argument("--record", default=None, help="append every chat request body to this JSONL file")
    args = p.parse_args()
    srv = FaultServer(Faults(latency_s=args.latency, record_path=args.record), port=args.port)
    print(srv.base_url, flush=True)
    srv.httpd.serve_forever()


if __name__ == "__main__":  # pragma: no cover
    main()
