// Drives an ACP agent with the official ACP TypeScript SDK, the way an editor would:
// initialize, session/new, a prompt, a tool call with permission and fs/write_text_file, a cancel
// while a permission is pending, and session/load in a fresh agent process.
//
// Usage: node drive.mjs -- <agent command> [args...]
// The agent is started twice with KIMI_SHARE_DIR (a fresh data directory with a config.toml that
// selects the _scripted_echo provider) and KIMI_SCRIPTED_ECHO_SCRIPTS (the model's replies) set.
// Prints one line per check and "N passed, N failed"; exits non-zero on any failure.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { client, methods, ndJsonStream, RequestError } from "@agentclientprotocol/sdk";

const separator = process.argv.indexOf("--");
const agentCommand = separator < 0 ? [] : process.argv.slice(separator + 1);
if (agentCommand.length === 0) {
  console.error("usage: node drive.mjs -- <agent command> [args...]");
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(condition, what, detail) {
  if (condition) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
  }
}

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "acp-drive-")));
const workDir = path.join(root, "project");
const shareDir = path.join(root, "share");
fs.mkdirSync(workDir);
fs.mkdirSync(shareDir);
const notesPath = path.join(workDir, "notes.txt");

// One script per model call, in the echo DSL; each session starts again from the first.
const toolCall = (id, name, args) =>
  `tool_call: ${JSON.stringify({ id, name, arguments: JSON.stringify(args) })}`;
const scripts = [
  "text: Hello from the scripted model.",
  toolCall("c1", "WriteFile", { path: "notes.txt", content: "milk\n" }),
  "text: Saved your notes.",
  toolCall("c2", "Shell", { command: "sleep 30" }),
  "text: Still here.",
];
const scriptsFile = path.join(root, "scripts.json");
fs.writeFileSync(scriptsFile, JSON.stringify(scripts));
// For the packaged server: a model on the scripted provider (the test main ignores this file).
fs.writeFileSync(path.join(shareDir, "config.toml"), [
  'default_model = "scripted"',
  "[providers.scripted]",
  'type = "_scripted_echo"',
  "[models.scripted]",
  'provider = "scripted"',
  'model = "scripted-echo"',
  "max_context_size = 200000",
  "",
].join("\n"));

// Every line the agents write on stdout must be a JSON-RPC message: logs belong on stderr.
const strayLines = [];
let protocolLines = 0;
function watchStdout(stdout) {
  let pending = "";
  stdout.on("data", (chunk) => {
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop();
    for (const line of lines) {
      try {
        if (JSON.parse(line).jsonrpc === "2.0") protocolLines++;
        else strayLines.push(line);
      } catch {
        strayLines.push(line);
      }
    }
  });
}

/** Starts the agent and connects an SDK client whose editor state is `editor`. */
function startAgent(editor) {
  const child = spawn(agentCommand[0], agentCommand.slice(1), {
    env: { ...process.env, KIMI_SHARE_DIR: shareDir, KIMI_SCRIPTED_ECHO_SCRIPTS: scriptsFile },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  watchStdout(child.stdout);
  const app = client({ name: "acp-drive" })
    .onNotification(methods.client.session.update, ({ params }) => {
      editor.updates.push(params);
    })
    .onRequest(methods.client.session.requestPermission, (ctx) => editor.onPermission(ctx))
    .onRequest(methods.client.fs.readTextFile, ({ params }) => {
      editor.reads.push(params.path);
      if (!fs.existsSync(params.path)) {
        throw RequestError.resourceNotFound(params.path);
      }
      return { content: fs.readFileSync(params.path, "utf8") };
    })
    .onRequest(methods.client.fs.writeTextFile, ({ params }) => {
      editor.writes.push(params);
      fs.writeFileSync(params.path, params.content);
      return {};
    });
  const connection = app.connect(ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout)));
  return { child, exited, agent: connection.agent, connection };
}

function newEditor() {
  return { updates: [], reads: [], writes: [], permissions: [], onPermission: () => ({ outcome: { outcome: "cancelled" } }) };
}

const kinds = (updates) => updates.map((n) => n.update.sessionUpdate);
const textOf = (updates, kind) =>
  updates.filter((n) => n.update.sessionUpdate === kind).map((n) => n.update.content.text).join("");

async function stop(agent, what) {
  agent.child.stdin.end();
  const code = await agent.exited;
  check(code === 0, `${what} exits 0 at the end of its input`, code);
}

const initializeParams = {
  protocolVersion: 1,
  clientCapabilities: { fs: { readTextFile: true, writeTextFile: true }, terminal: false, auth: { terminal: true } },
  clientInfo: { name: "acp-drive", version: "1.0.0" },
};

// --- First process: new session, prompt, tool call with permission, cancel. ---
const editor = newEditor();
const first = startAgent(editor);
const init = await first.agent.request(methods.agent.initialize, initializeParams);
check(init.protocolVersion === 1, "initialize answers protocol version 1", init.protocolVersion);
check(init.agentCapabilities?.loadSession === true, "the agent can load sessions", init.agentCapabilities);
check(init.authMethods?.[0]?.type === "terminal", "a terminal login is offered", init.authMethods);

const created = await first.agent.request(methods.agent.session.new, { cwd: workDir, mcpServers: [] });
const sessionId = created.sessionId;
check(typeof sessionId === "string" && sessionId.length > 0, "session/new gives a session id", created);

let start = editor.updates.length;
let answer = await first.agent.request(methods.agent.session.prompt, {
  sessionId,
  prompt: [{ type: "text", text: "Hello" }],
});
check(answer.stopReason === "end_turn", "a text prompt ends its turn", answer);
check(textOf(editor.updates.slice(start), "agent_message_chunk") === "Hello from the scripted model.",
  "the reply streams as agent message chunks", kinds(editor.updates.slice(start)));

editor.onPermission = ({ params }) => {
  editor.permissions.push(params);
  return { outcome: { outcome: "selected", optionId: params.options.find((o) => o.kind === "allow_once").optionId } };
};
start = editor.updates.length;
answer = await first.agent.request(methods.agent.session.prompt, {
  sessionId,
  prompt: [{ type: "text", text: "Write my notes" }],
});
const turn = editor.updates.slice(start).map((n) => n.update);
check(answer.stopReason === "end_turn", "the tool-call turn ends", answer);
check(editor.permissions.length === 1 && editor.permissions[0].toolCall.toolCallId === "c1",
  "the write was asked about", editor.permissions);
const announced = turn.findIndex((u) => u.sessionUpdate === "tool_call" && u.toolCallId === "c1");
check(announced >= 0 && turn[announced].status === "pending" && turn[announced].kind === "edit",
  "the tool call is announced pending before it runs", turn);
check(editor.writes.length === 1 && editor.writes[0].path === notesPath && editor.writes[0].content === "milk\n",
  "the file is written through fs/write_text_file", editor.writes);
const finished = turn.filter((u) => u.sessionUpdate === "tool_call_update" && u.toolCallId === "c1").at(-1);
check(finished?.status === "completed" && finished.content?.[0]?.type === "diff",
  "the tool call completes with its diff", finished);

editor.onPermission = async ({ params, agent }) => {
  editor.permissions.push(params);
  await agent.notify(methods.agent.session.cancel, { sessionId });
  return { outcome: { outcome: "cancelled" } };
};
answer = await first.agent.request(methods.agent.session.prompt, {
  sessionId,
  prompt: [{ type: "text", text: "Run something slow" }],
});
check(answer.stopReason === "cancelled", "a cancel while a permission is pending answers cancelled", answer);
const afterCancel = editor.updates.length;

answer = await first.agent.request(methods.agent.session.prompt, {
  sessionId,
  prompt: [{ type: "text", text: "Are you still there?" }],
});
check(answer.stopReason === "end_turn", "the session takes prompts after a cancel", answer);
check(JSON.stringify(kinds(editor.updates.slice(afterCancel))) === JSON.stringify(["agent_message_chunk"])
  && textOf(editor.updates.slice(afterCancel), "agent_message_chunk") === "Still here.",
  "nothing of the cancelled turn arrives after its answer", kinds(editor.updates.slice(afterCancel)));
await stop(first, "the first agent process");

// --- Second process: session/load replays the history before it answers. ---
const reloaded = newEditor();
const second = startAgent(reloaded);
await second.agent.request(methods.agent.initialize, initializeParams);
const loaded = await second.agent.request(methods.agent.session.load, { sessionId, cwd: workDir, mcpServers: [] });
const replay = reloaded.updates.filter((n) => n.sessionId === sessionId).map((n) => n.update);
check(loaded !== undefined, "session/load answers in a fresh process", loaded);
check(replay.filter((u) => u.sessionUpdate === "user_message_chunk").map((u) => u.content.text).join("|")
  === "Hello|Write my notes|Run something slow|Are you still there?",
  "every user prompt is replayed before the answer", replay);
check(replay.some((u) => u.sessionUpdate === "agent_message_chunk" && u.content.text === "Saved your notes."),
  "the agent's replies are replayed", replay);
check(replay.some((u) => u.sessionUpdate === "tool_call" && u.toolCallId === "c1" && u.status === "completed"),
  "the finished tool call is replayed with its final status", replay);
check(replay.some((u) => u.sessionUpdate === "tool_call" && u.toolCallId === "c2" && u.status === "failed"),
  "the interrupted tool call is replayed as failed", replay);
answer = await second.agent.request(methods.agent.session.prompt, {
  sessionId,
  prompt: [{ type: "text", text: "One more" }],
});
check(answer.stopReason === "end_turn", "the loaded session takes prompts", answer);
await stop(second, "the second agent process");

check(strayLines.length === 0 && protocolLines > 0, "the agents wrote nothing but JSON-RPC lines on stdout",
  { protocolLines, strayLines: strayLines.slice(0, 3) });

fs.rmSync(root, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
