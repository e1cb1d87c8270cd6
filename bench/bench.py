#!/usr/bin/env python3
"""Start-up, memory and streaming benchmark of the agent server, beside a JVM echo floor and peer agents.

Run it through bench/run, which builds what is missing first. Every figure is min / median / max over
interleaved runs in this one process, so ratios between subjects are comparable even on a noisy machine.

Subjects:
  floor            a Java program that answers each line with an empty result: the launcher's flags and
                   its own AOT cache, no library (bench/echo/Echo.java)
  acp, wire        bin/agent-server acp / --wire, exactly as an editor starts it
  codex-acp        @zed-industries/codex-acp's Rust binary (run directly, not through its npm wrapper)
  claude-code-acp  @zed-industries/claude-code-acp on node

The chat model is an OpenAI-style SSE endpoint served by this script on 127.0.0.1 (the same stream
format as `bin/agent-server sim`), so that the time a delta is sent and the time its update appears on
the server's stdout are read from one clock.
"""

import argparse
import json
import os
import random
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
TARGET = os.path.join(BENCH, "target")
CLK_TCK = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024


def now():
    return time.perf_counter_ns()


# --------------------------------------------------------------------------- the process under test

class Proc:
    """A child speaking newline-delimited JSON-RPC on stdin/stdout; lines are timestamped when read."""

    def __init__(self, cmd, env, cwd, stderr_path):
        self.stderr = open(stderr_path, "ab")
        self.t_spawn = now()
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
                                  env=env, cwd=cwd, bufsize=0)
        self.fd = self.p.stdout.fileno()
        self.buf = b""
        self.lines = []  # (t_read_ns, bytes) not yet consumed
        self.next_id = 0

    def send(self, method, params=None, notification=False):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        rid = None
        if not notification:
            rid = self.next_id
            self.next_id += 1
            msg["id"] = rid
        self.p.stdin.write((json.dumps(msg) + "\n").encode())
        return rid

    def _fill(self, deadline):
        left = (deadline - now()) / 1e9
        if left <= 0:
            raise TimeoutError("no output in time")
        ready, _, _ = select.select([self.fd], [], [], left)
        if not ready:
            raise TimeoutError("no output in time")
        chunk = os.read(self.fd, 1 << 20)
        t = now()
        if not chunk:
            raise EOFError("the process closed its stdout (exit code %s)" % self.p.poll())
        self.buf += chunk
        *complete, self.buf = self.buf.split(b"\n")
        self.lines.extend((t, line) for line in complete if line.strip())

    def next_line(self, deadline):
        while not self.lines:
            self._fill(deadline)
        return self.lines.pop(0)

    def wait_response(self, rid, timeout=30.0, on_line=None):
        """Reads until the answer to request rid; on_line(t, line) sees every other line."""
        deadline = now() + int(timeout * 1e9)
        needle = b'"id":%d' % rid
        while True:
            t, line = self.next_line(deadline)
            if needle in line.replace(b" ", b"") and b'"method"' not in line:
                msg = json.loads(line)
                if msg.get("id") == rid:
                    return t, msg
            if on_line:
                on_line(t, line)

    def rss_mib(self):
        with open("/proc/%d/status" % self.p.pid) as f:
            for row in f:
                if row.startswith("VmRSS:"):
                    return int(row.split()[1]) / 1024
        return float("nan")

    def cpu_ticks(self):
        with open("/proc/%d/stat" % self.p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15 of stat)

    def close(self):
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            self.p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        self.stderr.close()


# --------------------------------------------------------------------------- the chat model: SSE

def sse_chunk(content=None, finish=None):
    delta = {} if content is None else {"content": content}
    return ("data: " + json.dumps({"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 0,
                                   "model": "bench", "choices": [{"index": 0, "delta": delta,
                                                                  "finish_reason": finish}]},
                                  separators=(",", ":")) + "\n\n").encode()


SSE_END = (sse_chunk(finish="stop")
           + b'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":0,"model":"bench",'
             b'"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}\n\n'
           + b"data: [DONE]\n\n")


def token(i):
    return "t%d " % i


class SseModel:
    """POST /v1/chat/completions, answered by whatever `reply` is set to: a callable that gets a send
    function for raw SSE bytes. Keep-alive connections are served one request after another."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.reply = self.short_reply
        self.requests = 0
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base_url(self):
        return "http://127.0.0.1:%d/v1" % self.port

    @staticmethod
    def short_reply(send):
        for word in ("Hello", " from", " the", " bench", "."):
            send(sse_chunk(word))
        send(SSE_END)

    def _accept(self):
        while True:
            conn, _ = self.sock.accept()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        data = b""
        try:
            while True:
                while b"\r\n\r\n" not in data:
                    more = conn.recv(65536)
                    if not more:
                        return
                    data += more
                head, data = data.split(b"\r\n\r\n", 1)
                length = 0
                for row in head.split(b"\r\n")[1:]:
                    name, _, value = row.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(data) < length:
                    data += conn.recv(65536)
                data = data[length:]
                self.requests += 1
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                             b"Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n")

                def send(payload):
                    conn.sendall(b"%x\r\n%s\r\n" % (len(payload), payload))

                self.reply(send)
                conn.sendall(b"0\r\n\r\n")
        except OSError:
            pass
        finally:
            conn.close()


# --------------------------------------------------------------------------- subjects

class Subject:
    def __init__(self, name, cmd, env, proto, streams=False, sessions=True, auth_method=None):
        self.name, self.cmd, self.env, self.proto = name, cmd, env, proto
        self.auth_method = auth_method  # ACP authenticate before session/new (untimed)
        self.streams = streams    # our server: prompts go to the bench's model
        self.sessions = sessions  # session/new is meaningful (ACP peers)


def acp_init_params():
    return {"protocolVersion": 1, "clientCapabilities": {"fs": {"readTextFile": False, "writeTextFile": False},
                                                         "terminal": False},
            "clientInfo": {"name": "bench", "version": "1"}}


WIRE_INIT = {"protocol_version": "1.10", "client": {"name": "bench", "version": "1"}}


def is_update(proto, line):
    if proto == "acp":
        return b'"agent_message_chunk"' in line
    return b'"ContentPart"' in line


class Run:
    """One process of one subject, from spawn to exit."""

    def __init__(self, subject, workdir, log):
        self.s = subject
        self.workdir = workdir
        self.proc = Proc(subject.cmd, subject.env, workdir, log)
        self.session = None

    def initialize(self):
        if self.s.proto == "wire":
            rid = self.proc.send("initialize", WIRE_INIT)
        else:
            rid = self.proc.send("initialize", acp_init_params())
        t, msg = self.proc.wait_response(rid, timeout=60)
        if "error" in msg:
            raise RuntimeError("initialize failed: %s" % msg["error"])
        return (t - self.proc.t_spawn) / 1e6

    def new_session(self):
        """ms from session/new to its answer (ACP); the wire opens its session at start-up."""
        if self.s.proto != "acp":
            return None
        if self.s.auth_method:
            rid = self.proc.send("authenticate", {"methodId": self.s.auth_method})
            self.proc.wait_response(rid, timeout=60)
        t0 = now()
        rid = self.proc.send("session/new", {"cwd": self.workdir, "mcpServers": []})
        t, msg = self.proc.wait_response(rid, timeout=60)
        if "error" in msg:
            raise RuntimeError("session/new failed: %s" % msg["error"])
        self.session = msg["result"]["sessionId"]
        return (t - t0) / 1e6

    def prompt(self, text, on_update=None, timeout=60):
        """Sends a prompt; returns (t_sent, t_first_update, t_done, updates)."""
        first = [None]
        count = [0]

        def seen(t, line):
            if is_update(self.s.proto, line):
                count[0] += 1
                if first[0] is None:
                    first[0] = t
                if on_update:
                    on_update(t, line)

        t0 = now()
        if self.s.proto == "acp":
            rid = self.proc.send("session/prompt", {"sessionId": self.session,
                                                     "prompt": [{"type": "text", "text": text}]})
        else:
            rid = self.proc.send("prompt", {"user_input": text})
        t, msg = self.proc.wait_response(rid, timeout=timeout, on_line=seen)
        if "error" in msg:
            raise RuntimeError("prompt failed: %s" % msg["error"])
        return t0, first[0], t, count[0]

    def close(self):
        self.proc.close()


# --------------------------------------------------------------------------- measurements

class Results:
    def __init__(self):
        self.data = {}  # (metric, subject) -> [values]
        self.failures = {}

    def add(self, metric, subject, value):
        if value is not None:
            self.data.setdefault((metric, subject), []).append(value)

    def values(self, metric, subject):
        return self.data.get((metric, subject), [])

    def median(self, metric, subject):
        v = self.values(metric, subject)
        return statistics.median(v) if v else None


def startup_round(subject, res, model, workdir, log, idle_s):
    run = Run(subject, workdir, log)
    try:
        res.add("initialize (ms)", subject.name, run.initialize())
        res.add("RSS after initialize (MiB)", subject.name, run.proc.rss_mib())
        time.sleep(idle_s)
        res.add("RSS after %g s idle (MiB)" % idle_s, subject.name, run.proc.rss_mib())
        if subject.sessions:
            res.add("session/new (ms)", subject.name, run.new_session())
        if subject.streams:
            model.reply = SseModel.short_reply
            t0, first, done, n = run.prompt("hello")
            if first is not None:
                res.add("first prompt: first update (ms)", subject.name, (first - t0) / 1e6)
            res.add("first prompt: answer (ms)", subject.name, (done - t0) / 1e6)
    finally:
        run.close()


def streaming_round(subject, res, model, workdir, log, tokens, paced):
    """One process: a warm-up prompt, a burst of `tokens` deltas as fast as the server takes them, then two
    prompts of `paced` deltas sent one at a time (each after the previous update arrived, plus 1 ms)."""
    run = Run(subject, workdir, log)
    try:
        run.initialize()
        run.new_session()
        model.reply = SseModel.short_reply
        run.prompt("warm-up")

        body = b"".join(sse_chunk(token(i)) for i in range(tokens)) + SSE_END

        def burst(send):
            for i in range(0, len(body), 256 * 1024):
                send(body[i:i + 256 * 1024])

        model.reply = burst
        cpu0 = run.proc.cpu_ticks()
        stamps = []
        _, _, _, n = run.prompt("burst", on_update=lambda t, line: stamps.append(t), timeout=300)
        cpu = (run.proc.cpu_ticks() - cpu0) / CLK_TCK
        if n != tokens:
            raise RuntimeError("burst: %d updates for %d deltas" % (n, tokens))
        res.add("burst: updates/s", subject.name, (n - 1) / ((stamps[-1] - stamps[0]) / 1e9))
        res.add("burst: server CPU per update (µs)", subject.name, cpu / n * 1e6)

        # Paced, twice: the first paced prompt of a process still runs code the burst did not (waiting for
        # each delta, waking for it); the second is the steady state of a long session.
        for label in ("paced", "paced again"):
            latencies = paced_prompt(run, model, paced)
            res.add(label + ": added latency p50 (µs)", subject.name, percentile(latencies, 50))
            res.add(label + ": added latency p99 (µs)", subject.name, percentile(latencies, 99))
    finally:
        run.close()


def paced_prompt(run, model, paced):
    """The model thread sends delta i, then waits until the reader saw update i, then 1 ms; returns the
    sorted latencies, each from writing the SSE event to reading its update on stdout."""
    sent = [0] * paced
    arrived = [threading.Event() for _ in range(paced)]

    def lockstep(send):
        for i in range(paced):
            event = sse_chunk(token(i))
            sent[i] = now()
            send(event)
            if not arrived[i].wait(10):
                break
            time.sleep(0.001)
        send(SSE_END)

    latencies = []

    def on_update(t, line):
        i = len(latencies)
        if i < paced:
            latencies.append((t - sent[i]) / 1e3)
            arrived[i].set()

    model.reply = lockstep
    run.prompt("paced", on_update=on_update, timeout=120)
    if len(latencies) != paced:
        raise RuntimeError("paced: %d updates for %d deltas" % (len(latencies), paced))
    return sorted(latencies)


def pipe_round(res, paced):
    """The machine's own floor for the paced latency: a line through `cat` and back, paced the same way.
    Every streamed update crosses at least this many wake-ups (and the server's path three or four)."""
    cat = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    try:
        latencies = []
        for _ in range(paced):
            t0 = now()
            cat.stdin.write(b"x\n")
            select.select([cat.stdout], [], [], 10)
            os.read(cat.stdout.fileno(), 100)
            latencies.append((now() - t0) / 1e3)
            time.sleep(0.001)
        latencies.sort()
        for label in ("paced", "paced again"):
            res.add(label + ": added latency p50 (µs)", "pipe via cat", percentile(latencies, 50))
            res.add(label + ": added latency p99 (µs)", "pipe via cat", percentile(latencies, 99))
    finally:
        cat.stdin.close()
        cat.wait()


def percentile(sorted_values, p):
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


# --------------------------------------------------------------------------- report

def fmt(v):
    if v is None:
        return "—"
    if v >= 10000:
        return "%.0f" % v
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else "%.2f" % (a / b)


def report(res, subjects, metrics, out):
    names = [s.name for s in subjects] + ["pipe via cat"]
    lines = ["| metric | subject | min | median | max | ÷ floor | ÷ codex-acp |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for metric in metrics:
        for name in names:
            v = res.values(metric, name)
            if not v:
                continue
            med = statistics.median(v)
            lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                metric, name, fmt(min(v)), fmt(med), fmt(max(v)),
                ratio(med, res.median(metric, "floor")) if name != "floor" else "",
                ratio(med, res.median(metric, "codex-acp")) if name != "codex-acp" else ""))
    out.write("\n".join(lines) + "\n")


def targets(res, idle_metric, out):
    """Issue 7's targets, each from this run's medians over runs (for p99: the median run's p99)."""
    rows = []

    def row(text, value, limit, better_low=True, unit=""):
        if value is None or limit is None:
            rows.append("| %s | — | — | not measured |" % text)
            return
        met = value <= limit if better_low else value >= limit
        rows.append("| %s | %s%s | %s%s | %s |" % (text, fmt(value), unit, fmt(limit), unit,
                                                    "met" if met else "NOT met"))

    for proto in ("acp", "wire"):
        codex_init = res.median("initialize (ms)", "codex-acp")
        row("%s initialize ≤ codex-acp (median ms)" % proto, res.median("initialize (ms)", proto), codex_init)
        row("%s idle RSS ≤ codex-acp (median MiB)" % proto, res.median(idle_metric, proto),
            res.median(idle_metric, "codex-acp"))
        row("%s server CPU per update ≤ 15 µs (median)" % proto,
            res.median("burst: server CPU per update (µs)", proto), 15)
        row("%s ≥ 50,000 updates/s (median)" % proto, res.median("burst: updates/s", proto), 50000,
            better_low=False)
        row("%s added latency p99 < 1 ms (median run, second paced prompt, µs)" % proto,
            res.median("paced again: added latency p99 (µs)", proto), 1000)
    out.write("| target | measured | limit | |\n| --- | ---: | ---: | --- |\n" + "\n".join(rows) + "\n")


# --------------------------------------------------------------------------- main

def java_flags():
    """The launcher's JVM flags (bin/jvm-flags), so the floor runs exactly as the server does."""
    out = subprocess.run(["bash", "-c", 'source "$1"; printf "%s\\n" "${JVM_FLAGS[@]}"', "-",
                          os.path.join(ROOT, "bin", "jvm-flags")], capture_output=True, text=True, check=True)
    return out.stdout.split()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10, help="start-up runs per subject (default 10)")
    ap.add_argument("--stream-runs", type=int, default=5, help="streaming runs per protocol (default 5)")
    ap.add_argument("--tokens", type=int, default=20000, help="deltas in the burst (default 20000)")
    ap.add_argument("--paced", type=int, default=300, help="deltas sent one at a time (default 300)")
    ap.add_argument("--idle", type=float, default=2.0, help="seconds of idle before the second RSS (default 2)")
    ap.add_argument("--only", help="comma-separated subjects (floor,acp,wire,codex-acp,claude-code-acp)")
    ap.add_argument("--compare", action="append", metavar="LABEL=LAUNCHER",
                    help="also run another build's bin/agent-server, e.g. --compare=before=/tmp/before/bin/agent-server")
    ap.add_argument("--no-aot", action="store_true", help="also run acp and wire with the AOT cache off")
    ap.add_argument("--variant", action="append", metavar="LABEL=OPTS",
                    help="also run acp and wire with extra JVM options (AGENT_SERVER_JAVA_OPTS), e.g. "
                    "--variant='small young gen=-Xmn4m'; repeatable")
    ap.add_argument("--java", help="the JDK's java (default: the one the launcher uses)")
    ap.add_argument("--out", help="also write the report to this file")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-", dir=TARGET)
    log = os.path.join(TARGET, "stderr.log")
    open(log, "w").close()
    workdir = os.path.join(tmp, "work")
    os.makedirs(workdir)
    model = SseModel()

    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("KIMI_", "OPENAI_", "ANTHROPIC_"))}
    base_env.pop("AGENT_SERVER_JAVA_OPTS", None)

    def env_with(**extra):
        env = dict(base_env)
        env.update(extra)
        return env

    server_env = env_with(HOME=os.path.join(tmp, "home"), KIMI_SHARE_DIR=os.path.join(tmp, "share"),
                          KIMI_BASE_URL=model.base_url, KIMI_API_KEY="bench", KIMI_MODEL_NAME="bench")
    java = args.java or os.path.join(open(os.path.join(ROOT, "server", "target", "java-home")).read().strip(),
                                     "bin", "java")
    launcher = os.path.join(ROOT, "bin", "agent-server")
    echo_dir = os.path.join(TARGET, "echo")
    peers = os.path.join(BENCH, "peers", "node_modules", "@zed-industries")
    codex_bin = os.path.join(peers, "codex-acp-linux-x64", "bin", "codex-acp")
    claude_js = os.path.join(peers, "claude-code-acp", "dist", "index.js")

    subjects = [
        Subject("floor", [java] + java_flags() + ["-XX:AOTCache=" + os.path.join(echo_dir, "echo.aot"),
                                                 "-cp", os.path.join(echo_dir, "echo.jar"), "Echo"],
                env_with(), "acp", sessions=False),
        Subject("acp", [launcher, "acp"], server_env, "acp", streams=True),
        Subject("wire", [launcher, "--wire"], server_env, "wire", streams=True, sessions=False),
    ]
    variants = list(args.variant or [])
    if args.no_aot:
        variants.append("no AOT=-XX:AOTMode=off")  # the launcher with its cache switched off
    for variant in variants:
        # The same launcher with extra JVM options, measured interleaved with the rest: how a flag is tried.
        label, _, opts = variant.partition("=")
        env = dict(server_env, AGENT_SERVER_JAVA_OPTS=opts)
        subjects += [Subject("acp, " + label, [launcher, "acp"], env, "acp", streams=True),
                     Subject("wire, " + label, [launcher, "--wire"], env, "wire", streams=True, sessions=False)]
    for other in args.compare or []:
        # Another build of the server (e.g. main before a change), by its launcher.
        label, _, other_launcher = other.partition("=")
        subjects += [Subject("acp, " + label, [other_launcher, "acp"], server_env, "acp", streams=True),
                     Subject("wire, " + label, [other_launcher, "--wire"], server_env, "wire", streams=True,
                             sessions=False)]
    if os.access(codex_bin, os.X_OK):
        subjects.append(Subject("codex-acp", [codex_bin],
                                env_with(HOME=os.path.join(tmp, "home-codex"), CODEX_API_KEY="bench"), "acp",
                                auth_method="codex-api-key"))
    else:
        print("codex-acp: not installed (bench/peers), skipped", file=sys.stderr)
    if os.path.exists(claude_js) and shutil.which("node"):
        subjects.append(Subject("claude-code-acp", ["node", claude_js],
                                env_with(HOME=os.path.join(tmp, "home-claude"), ANTHROPIC_API_KEY="bench"), "acp",
                                # its session/new starts the Claude Code CLI, which wants a real login
                                sessions=False))
    else:
        print("claude-code-acp: not installed (bench/peers) or no node, skipped", file=sys.stderr)
    if args.only:
        wanted = args.only.split(",")
        subjects = [s for s in subjects if s.name in wanted or s.name.split(",")[0] in wanted]

    res = Results()
    started = time.time()
    for i in range(args.runs):
        order = subjects[i % len(subjects):] + subjects[:i % len(subjects)]  # rotate: no fixed position
        for s in order:
            try:
                startup_round(s, res, model, workdir, log, args.idle)
            except Exception as e:  # a peer that cannot answer is reported, not fatal
                res.failures.setdefault(s.name, str(e))
                if s.sessions:
                    s.sessions = False  # e.g. a peer that wants a login for session/new; keep its start-up
        print("start-up round %d/%d done (%.0f s)" % (i + 1, args.runs, time.time() - started), file=sys.stderr)

    streamers = [s for s in subjects if s.streams]
    for i in range(args.stream_runs):
        if streamers:
            pipe_round(res, args.paced)
        for s in (streamers if i % 2 == 0 else streamers[::-1]):
            try:
                streaming_round(s, res, model, workdir, log, args.tokens, args.paced)
            except Exception as e:
                res.failures.setdefault(s.name + " streaming", str(e))
        print("streaming round %d/%d done (%.0f s)" % (i + 1, args.stream_runs, time.time() - started),
              file=sys.stderr)

    idle_metric = "RSS after %g s idle (MiB)" % args.idle
    metrics = ["initialize (ms)", "RSS after initialize (MiB)", idle_metric, "session/new (ms)",
               "first prompt: first update (ms)", "first prompt: answer (ms)", "burst: updates/s",
               "burst: server CPU per update (µs)", "paced: added latency p50 (µs)", "paced: added latency p99 (µs)",
               "paced again: added latency p50 (µs)", "paced again: added latency p99 (µs)"]

    from io import StringIO
    out = StringIO()
    out.write("%s, %d cores, %d start-up runs and %d streaming runs per subject (burst %d deltas, paced %d)\n\n"
              % (time.strftime("%Y-%m-%d %H:%M"), os.cpu_count(), args.runs, args.stream_runs, args.tokens,
                 args.paced))
    report(res, subjects, metrics, out)
    out.write("\n")
    targets(res, idle_metric, out)
    for name, err in res.failures.items():
        out.write("\nnote: %s: %s\n" % (name, err))
    text = out.getvalue()
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
