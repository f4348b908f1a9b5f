"""Score the agent on the evaluation set (issue 20): what each request made of the draft.

    python -m tests.agent.eval.score            # the model the engine config resolves (offline planner)
    NEMO_AGENT_MODEL=gemini-2.5-flash python -m tests.agent.eval.score
    python -m tests.agent.eval.score --write    # also rewrite benchmarks/agent/README.md
    python -m tests.agent.eval.score --set heldout   # the held-out set (heldout.yaml)
    python -m tests.agent.eval.score --set fresh     # the fresh set (fresh.yaml), never tuned on

Each context in `requests.yaml` is built once, as a person would: uploads listed in the session (as
the upload route lists them in `state.video_infos`), then its messages (a generation) sent through
ADK's `Runner` (`harness.RunnerAgent`) to the offline planner, so every model starts from the same
drafts. For a request, a copy of that session runs the request's earlier edits (`before`) and the
request in one conversation with the model being scored, and the draft it became is scored:

- **did**: every `expect` and `keep` check passes;
- **asked**: a question, nothing changed, where the entry allows one (`asks: true`); counts as did;
- **partly**: some `expect` checks pass, or all do and a `keep` check fails;
- **misread**: the draft changed and no `expect` check passes;
- **refused**: nothing changed and no allowed question (a question where none was allowed counts here);
- **harmed**: the draft lost something the request did not name (clips, captions, voice, music, the
  title, more than half its length) or no longer passes the renderer's validation.

The reply is read too: "clip -1", a question that also says "done", or a refusal without an example
of what to say instead are reply faults (a "did" with one is scored "partly").
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import datetime
import os
import platform
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from nemo_tui.engine.agent.model_seam import AgentModel
from nemo_tui.engine.agent.tools import DraftTools

from ..harness import RunnerAgent
from . import checks as ck

DATA = Path(__file__).with_name("requests.yaml")
# The sets `--set` names: the tuned-on set (the default), the held-out one (tuned on since), and the
# fresh one written without reading the agent or the other sets (nobody tunes on it before its first run).
SETS = {
    "requests": DATA,
    "heldout": Path(__file__).with_name("heldout.yaml"),
    "fresh": Path(__file__).with_name("fresh.yaml"),
}
README = Path(__file__).parents[3] / "benchmarks" / "agent" / "README.md"
OUTCOMES = ("did", "asked", "partly", "misread", "refused", "harmed")


@dataclass
class Request:
    id: str
    category: str
    language: str
    context: str
    text: str
    expect: list[dict[str, Any]]
    keep: list[dict[str, Any]] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    asks: bool = False
    note: str = ""


@dataclass
class Scored:
    request: Request
    outcome: str
    reply: str
    calls: list[str]
    failed: list[str] = field(default_factory=list)  # the checks that failed
    harm: list[str] = field(default_factory=list)
    reply_faults: list[str] = field(default_factory=list)

    @property
    def good(self) -> bool:
        return self.outcome in ("did", "asked")

    def line(self) -> str:
        r = self.request
        why = "; ".join(self.harm + self.failed + self.reply_faults) or "—"
        said = re.sub(r"\s+", " ", self.reply.split("\nTimeline")[0])[:110]
        return f"{r.id} [{r.category}] {self.outcome}: {r.text!r} → {why} | calls {self.calls} | {said!r}"


def load(path: Path = DATA) -> tuple[dict[str, Any], list[Request]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scripts: dict[str, str] = data["scripts"]
    requests = [Request(**entry) for entry in data["requests"]]

    def infos(names: list[str]) -> list[dict[str, Any]]:
        return [data["uploads"][u] | {"id": f"med_{u}", "src": f"media:med_{u}"} for u in names]

    contexts = {
        name: {
            "uploads": infos(spec.get("uploads", [])),
            "uploads_after": infos(spec.get("uploads_after", [])),
            "messages": [m.format(**scripts) for m in spec["messages"]],
        }
        for name, spec in data["contexts"].items()
    }
    return contexts, requests


async def build_context(tools: DraftTools, spec: dict[str, Any]) -> dict[str, Any]:
    """A starting session, made by the offline planner so every model is scored from the same drafts."""
    agent = RunnerAgent(tools, {"video_infos": [dict(u) for u in spec["uploads"]]})
    for message in spec["messages"]:
        await agent.say(message)
    state = copy.deepcopy(agent.state)
    if spec["uploads_after"]:  # uploaded after the video was made, as the upload route lists them
        state["video_infos"] = list(state.get("video_infos") or []) + [dict(u) for u in spec["uploads_after"]]
    return state


def classify(
    req: Request, look: ck.Look, responses: list[dict[str, Any]]
) -> tuple[str, list[str], list[str]]:
    """(outcome, failed checks, harm) of one request."""
    named = ck.named_by(req.expect)
    harm = ck.lost(look.before, look.after, named)
    if harm:
        return "harmed", [], harm
    results = [(kind, arg, _holds(kind, look, arg)) for entry in req.expect for kind, arg in entry.items()]
    kept = [(kind, arg, _holds(kind, look, arg)) for entry in req.keep for kind, arg in entry.items()]
    failed = [f"{k}={a!r}" for k, a, ok in results if not ok]
    failed += [f"keep {k}={a!r}" for k, a, ok in kept if not ok]
    changed = look.after != look.before
    asked = not changed and (any(r.get("ask") for r in responses) or ck.question(look.reply))
    if results and not failed:
        return "did", [], []
    if not changed:
        if asked and req.asks:
            return "asked", [], []
        return "refused", failed + (["asked where no question was needed"] if asked else []), []
    if any(ok for _, _, ok in results):
        return "partly", failed, []
    return "misread", failed, []


def _holds(kind: str, look: ck.Look, arg: Any) -> bool:
    """A check on a draft shaped in a way it does not expect (a model's odd edit) fails, not the scorer."""
    try:
        return ck.CHECKS[kind](look, arg)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return False


def reply_faults(look: ck.Look, outcome: str, language: str = "en") -> list[str]:
    faults = []
    if stray := ck.stray_words(look.reply, language, look.uploads):
        faults.append(f"reply mixes languages ({', '.join(dict.fromkeys(stray[:4]))})")
    if re.search(r"clip -\d|片段\s*-\d|scene -\d", look.reply, re.IGNORECASE):
        faults.append("reply names a negative clip number")
    body = look.reply.split("\nTimeline")[0]
    if ck.question(look.reply) and re.search(r"\bdone\b|已完成", body, re.IGNORECASE):
        faults.append("reply both asks and says done")
    if outcome == "refused" and not ck.offers_example(look.reply):
        faults.append("refusal offers no example of what it can do")
    return faults


async def score_one(
    tools: DraftTools, state: dict[str, Any], req: Request, model: AgentModel | None
) -> Scored:
    agent = RunnerAgent(tools, state, model=model)
    steps = [copy.deepcopy(state.get("draft"))]
    try:
        for message in req.before:
            await agent.say(message)
            steps.append(copy.deepcopy(agent.draft))
        before = copy.deepcopy(agent.draft)
        kept = len(agent.state.get("versions") or [])
        said = await agent.say(req.text)
    except Exception as exc:  # a model's broken call is a wrong answer, not a crash of the scorer
        return Scored(req, "refused", f"error: {exc!r}", [], [f"error {exc!r}"])
    versions = (kept, len(agent.state.get("versions") or []))
    look = ck.Look(
        before, agent.draft, said.reply, list(agent.state.get("video_infos") or []), steps, versions
    )
    outcome, failed, harm = classify(req, look, said.responses)
    faults = reply_faults(look, outcome, req.language)
    if outcome == "did" and faults:
        outcome = "partly"
    return Scored(req, outcome, said.reply, [name for name, _ in said.calls], failed, harm, faults)


async def score_all(
    tools: DraftTools,
    model: AgentModel | None = None,
    only: list[Request] | None = None,
    path: Path = DATA,
) -> list[Scored]:
    specs, requests = load(path)
    requests = only if only is not None else requests
    states: dict[str, dict[str, Any]] = {}
    scored = []
    for req in requests:
        if req.context not in states:
            states[req.context] = await build_context(tools, specs[req.context])
        scored.append(await score_one(tools, copy.deepcopy(states[req.context]), req, model))
    return scored


def table(scored: list[Scored]) -> str:
    """The per-category table (markdown), with a total row."""
    cats: dict[str, Counter[str]] = {}
    for s in scored:
        cats.setdefault(s.request.category, Counter())[s.outcome] += 1
    head = "| category | n | " + " | ".join(OUTCOMES) + " | did % |"
    lines = [head, "|" + "---|" * (len(OUTCOMES) + 3)]
    total: Counter[str] = Counter()
    for cat, counts in cats.items():
        total += counts
        lines.append(_row(cat, counts))
    lines.append(_row("**all**", total))
    return "\n".join(lines)


def _row(name: str, counts: Counter[str]) -> str:
    n = sum(counts.values())
    rate = 100 * (counts["did"] + counts["asked"]) / n if n else 0
    return f"| {name} | {n} | " + " | ".join(str(counts[o]) for o in OUTCOMES) + f" | {rate:.0f}% |"


def did_rate(scored: list[Scored]) -> float:
    return sum(s.good for s in scored) / len(scored)


def report(scored: list[Scored], model_name: str, seconds: float) -> str:
    langs = Counter(s.request.language for s in scored)
    failures = [s for s in scored if not s.good]
    refusals = [s for s in scored if s.outcome == "refused"]
    bare = [s for s in refusals if "refusal offers no example of what it can do" in s.reply_faults]
    lines = [
        f"model: {model_name}; {len(scored)} requests ({langs['en']} English, {langs['zh']} Chinese); "
        f"{seconds:.1f} s",
        "",
        table(scored),
        "",
        f"did (with allowed questions): {100 * did_rate(scored):.1f}%; harmed: "
        f"{sum(s.outcome == 'harmed' for s in scored)}; refusals without an alternative: {len(bare)} of "
        f"{len(refusals)}",
        "",
        "Not did:",
        *[f"- {s.line()}" for s in failures],
    ]
    if bare:
        lines += [
            "",
            "Refusals that offer nothing instead:",
            *[f"- {s.request.id}: {s.request.text!r}" for s in bare],
        ]
    faults = [s for s in scored if s.reply_faults and s not in failures]
    if faults:
        lines += ["", "Reply faults on good answers:", *[f"- {s.line()}" for s in faults]]
    return "\n".join(lines)


def make_tools(folder: Path) -> DraftTools:
    from nemo_tui.engine.agent.media.music import MusicLibrary
    from nemo_tui.engine.storage.file_storage import DirectoryStorage

    return DraftTools(MusicLibrary(DirectoryStorage(folder)), lambda: "http://127.0.0.1:1")


def write_readme(text: str, model_name: str) -> None:
    cpu = os.cpu_count()
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    README.parent.mkdir(parents=True, exist_ok=True)
    README.write_text(
        "# The agent's evaluation set (issue 20)\n\n"
        "Realistic requests in context (a generated video, uploads, earlier edits), written as data in\n"
        "`tests/agent/eval/requests.yaml` and scored by what the draft became (`tests/agent/eval/score.py`,\n"
        "checks in `tests/agent/eval/checks.py`). Every request runs through ADK's `Runner` with the model\n"
        "the engine config resolves, so a real model is scored on the same data:\n\n"
        "```\npython -m tests.agent.eval.score --write      # offline planner; rewrites this file\n"
        "NEMO_AGENT_MODEL=gemini-2.5-flash GOOGLE_API_KEY=… python -m tests.agent.eval.score\n```\n\n"
        "Outcomes: **did** (every check passes), **asked** (an honest question, nothing changed, where the\n"
        "entry allows one; counts as did), **partly**, **misread** (changed, nothing asked for happened),\n"
        "**refused** (nothing changed), **harmed** (lost something not named, or no longer renders).\n"
        "Goal (issue 20): at least 85% did, no harm, every refusal offers what it can do instead.\n"
        "`tests/agent/test_eval_set.py` fails on a harm not in its `KNOWN_HARM` list (the harms found\n"
        "when the set was written, each a bug to fix) or a did-rate under its floor. `--model NAME`\n"
        "scores another model (contexts are always made by the offline planner, so every model starts\n"
        "from the same drafts); `--only ID,CATEGORY` runs part of the set.\n\n"
        f"Measured {today} on {platform.system()} {platform.machine()}, {cpu} cores shared with other\n"
        f"work, Python {platform.python_version()}, model `{model_name}`:\n\n"
        f"{text}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the agent on the evaluation set (issue 20).")
    parser.add_argument("--model", default=None, help="a NEMO_AGENT_MODEL value (default: the config's)")
    parser.add_argument("--write", action="store_true", help="rewrite benchmarks/agent/README.md")
    parser.add_argument("--only", default="", help="ids or categories to run, comma-separated")
    parser.add_argument(
        "--set",
        default="requests",
        choices=sorted(SETS),
        help="requests (default), heldout or fresh (never tuned on before its first run)",
    )
    args = parser.parse_args(argv)
    from nemo_tui.engine.agent.agent import model_for
    from nemo_tui.engine.hosting.config import EngineConfig

    config = EngineConfig.from_env() if args.model is None else EngineConfig(model=args.model)
    model = model_for(config)
    if args.write and args.set != "requests":
        parser.error("--write describes the default set; score the other sets without it")
    path = SETS[args.set]
    _, requests = load(path)
    if args.only:
        wanted = set(args.only.split(","))
        requests = [r for r in requests if r.id in wanted or r.category in wanted]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        scored = asyncio.run(score_all(make_tools(Path(folder)), model, requests, path))
    name = config.model if args.set == "requests" else f"{config.model}, set {path.name}"
    text = report(scored, name, time.perf_counter() - started)
    print(text)
    if args.write:
        write_readme(text, config.model)
    return 0 if not any(s.outcome == "harmed" for s in scored) else 1


if __name__ == "__main__":
    sys.exit(main())
