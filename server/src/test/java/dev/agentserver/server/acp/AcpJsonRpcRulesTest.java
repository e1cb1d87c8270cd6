package dev.agentserver.server.acp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-RPC rules ACP clients rely on: ids, notifications, malformed input. */
class AcpJsonRpcRulesTest {

    @TempDir
    Path temp;

    private AcpHarness harness;
    private AcpPeer peer;

    @BeforeEach
    void setUp() throws IOException {
        harness = new AcpHarness(temp);
        peer = harness.start();
        harness.initialize(Json.obj());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
        assertEquals(List.of(), harness.violations());
    }

    @Test
    void aLineThatIsNotJsonIsAParseErrorWithANullId() {
        peer.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":");

        JsonObject answer = peer.next();
        assertTrue(answer.has("id"), "the id member must be present");
        assertEquals(JsonNull.INSTANCE, answer.get("id"));
        assertEquals(-32700, answer.getAsJsonObject("error").get("code").getAsInt());
        assertEquals(List.of(), peer.call("session/list", Json.obj()).before(), "the server keeps going");
    }

    @Test
    void aBatchIsAnInvalidRequest() {
        peer.send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session/list\",\"params\":{}}]");

        JsonObject answer = peer.next();
        assertEquals(JsonNull.INSTANCE, answer.get("id"));
        assertEquals(-32600, answer.getAsJsonObject("error").get("code").getAsInt());
    }

    @Test
    void notificationsAreNeverAnswered() {
        peer.notify("session/cancel", Json.obj("sessionId", "unknown"));
        peer.notify("session/cancel", Json.obj());
        peer.notify("_zed.dev/custom", Json.obj("x", 1));
        peer.notify("$/cancel_request", Json.obj("requestId", 12));
        peer.notify("session/prompt", Json.obj("sessionId", "s"));

        assertEquals(List.of(), peer.call("session/list", Json.obj()).before());
    }

    @Test
    void unknownRequestsAreMethodNotFound() {
        assertEquals(-32601, peer.call("session/fork", Json.obj()).error().get("code").getAsInt());
        assertEquals(-32601, peer.call("_zed.dev/workspace/buffers", Json.obj()).error().get("code").getAsInt());
    }

    @Test
    void missingRequiredParamsAreInvalidParams() {
        assertEquals(-32602, peer.call("session/prompt", Json.obj("sessionId", "s")).error().get("code").getAsInt());
        assertEquals(-32602, peer.call("session/new", Json.obj("cwd", harness.workDir.toString()))
                .error().get("code").getAsInt());
    }

    @Test
    void idsOfAnySizeAndTypeAreEchoedExactly() {
        BigInteger huge = new BigInteger("9007199254740993");
        for (JsonElement id : List.of(new JsonPrimitive(huge), new JsonPrimitive(Long.MAX_VALUE),
                new JsonPrimitive("7"), new JsonPrimitive(0), new JsonPrimitive(-1))) {
            peer.requestWithId(id, "session/list", Json.obj());
            JsonObject answer = peer.await(id).answer();
            assertEquals(id, answer.get("id"));
            assertEquals(id.getAsJsonPrimitive().isString(), answer.getAsJsonPrimitive("id").isString());
        }
        peer.requestWithId(new JsonPrimitive(huge), "session/list", Json.obj());
        assertEquals(huge, peer.next().get("id").getAsBigInteger());
    }

    @Test
    void blankLinesAndCarriageReturnsAreTolerated() {
        peer.send("");
        peer.send("   ");
        peer.send("{\"jsonrpc\":\"2.0\",\"id\":\"crlf\",\"method\":\"session/list\",\"params\":{}}\r");

        assertEquals(new JsonPrimitive("crlf"), peer.next().get("id"));
    }
}
