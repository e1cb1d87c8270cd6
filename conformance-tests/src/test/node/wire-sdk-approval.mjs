// Drives the server with the official wire client, @moonshot-ai/kimi-agent-sdk, started as its
// executable: one prompt whose scripted reply calls Shell, approved by the client.
// Usage: node wire-sdk-approval.mjs <launcher> <workDir> <shareDir>
// Prints one JSON line with what it saw; exits non-zero on any failure.
import { createSession } from "@moonshot-ai/kimi-agent-sdk";

const [launcher, workDir, shareDir] = process.argv.slice(2);
const session = createSession({
  workDir,
  executable: launcher,
  env: { KIMI_SHARE_DIR: shareDir, HOME: shareDir },
});

const seen = [];
let approvals = 0;
const turn = session.prompt("please run the command");
for await (const event of turn) {
  seen.push(event.type);
  if (event.type === "ApprovalRequest") {
    approvals++;
    await turn.approve(event.payload.id, "approve");
  }
}
const result = await turn.result;
await session.close();
console.log(JSON.stringify({ result, approvals, seen }));
