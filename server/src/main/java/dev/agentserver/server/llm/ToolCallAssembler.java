package dev.agentserver.server.llm;

import dev.agentserver.server.ids.RandomIds;
import dev.agentserver.server.llm.CompletionChunk.ToolCallDelta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the {@code delta.tool_calls} fragments of a stream into the sink's start/arguments calls. Fragments
 * are keyed by {@code index}: the first fragment of a call usually carries its id and name, later ones
 * only argument text. A call is started once its name is known (argument text that came earlier is
 * handed over with the start). Services stream calls one after another; the sink's "arguments of the
 * call started last" model cannot represent interleaved calls, so those are reported as an error.
 */
final class ToolCallAssembler {

    private static final class PendingCall {
        final int index;
        String id;
        String name;
        final StringBuilder earlyArguments = new StringBuilder();
        boolean started;

        PendingCall(int index) {
            this.index = index;
        }
    }

    private final ChatSink sink;
    private final Map<Integer, PendingCall> calls = new LinkedHashMap<>();
    private PendingCall current;
    private PendingCall newest;

    ToolCallAssembler(ChatSink sink) {
        this.sink = sink;
    }

    void accept(ToolCallDelta fragment) throws ProviderException {
        int index = indexOf(fragment);
        PendingCall call = calls.get(index);
        if (call == null) {
            call = new PendingCall(index);
            calls.put(index, call);
            newest = call;
        }
        String id = nonEmpty(fragment.id());
        if (id != null && call.id == null) {
            call.id = id;
        }
        String name = nonEmpty(fragment.name());
        if (name != null && call.name == null) {
            call.name = name;
        }
        String arguments = fragment.arguments();

        if (!call.started) {
            if (arguments != null) {
                call.earlyArguments.append(arguments);
            }
            if (call.name != null) {
                start(call);
            }
            return;
        }
        if (arguments == null || arguments.isEmpty()) {
            return;
        }
        if (call != current) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "the chat service interleaved the arguments of tool calls " + call.index + " and "
                            + current.index + ", which this client cannot assemble");
        }
        sink.toolCallArguments(arguments);
    }

    boolean anyStarted() {
        return current != null;
    }

    /** Checks that every call the stream mentioned got a name. */
    void finish() throws ProviderException {
        for (PendingCall call : calls.values()) {
            if (!call.started) {
                throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                        "the chat service sent tool call " + call.index + " without a function name");
            }
        }
    }

    private void start(PendingCall call) {
        if (call.id == null) {
            // Some OpenAI-compatible services omit ids; the conversation needs one to pair the result with.
            call.id = "call_" + RandomIds.uuid();
        }
        String first = call.earlyArguments.isEmpty() ? null : call.earlyArguments.toString();
        call.started = true;
        current = call;
        sink.toolCallStart(call.id, call.name, first);
    }

    /** The fragment's index; without one, a new id means a new call and anything else continues the last. */
    private int indexOf(ToolCallDelta fragment) {
        if (fragment.index() != null) {
            return fragment.index();
        }
        if (newest == null) {
            return 0;
        }
        String id = nonEmpty(fragment.id());
        boolean newCall = id != null && newest.id != null && !id.equals(newest.id);
        return newCall ? newest.index + 1 : newest.index;
    }

    private static String nonEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
