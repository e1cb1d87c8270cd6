package dev.agentserver.server.llm.scripted;

import dev.agentserver.server.llm.ChatSink;
import dev.agentserver.server.llm.ProviderException;
import dev.agentserver.server.model.CancelSignal;
import java.util.List;

/**
 * One script replayed as a model reply: the directives reach the sink in order, so an error after some
 * text is a stream that breaks midway. Status errors 429 and 5xx, connection errors and timeouts are
 * retryable, as the same failures from a real provider are.
 */
final class EchoScript {

    private final List<EchoDirective> directives;

    private EchoScript(List<EchoDirective> directives) {
        this.directives = directives;
    }

    static EchoScript parse(String script) throws ProviderException {
        List<EchoDirective> directives;
        try {
            directives = EchoScriptParser.parse(script);
        } catch (EchoScriptParser.InvalidScriptException e) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null, e.getMessage());
        }
        boolean streamable = directives.stream()
                .anyMatch(d -> !(d instanceof EchoDirective.MessageId) && !(d instanceof EchoDirective.Usage));
        if (!streamable) {
            throw new ProviderException(ProviderException.Kind.FAILED, "ChatProviderError", null,
                    "Echo script has no streamable parts.");
        }
        return new EchoScript(directives);
    }

    void replay(ChatSink sink, CancelSignal cancel) throws ProviderException, CancelSignal.CancelledException {
        for (EchoDirective directive : directives) {
            cancel.throwIfCancelled();
            switch (directive) {
                case EchoDirective.Text t -> sink.text(t.text());
                case EchoDirective.Think t -> sink.think(t.think());
                case EchoDirective.MessageId m -> sink.messageId(m.id());
                case EchoDirective.Usage u -> sink.usage(u.usage());
                case EchoDirective.ToolCall c -> sink.toolCallStart(c.id() == null ? "" : c.id(), c.name(), c.arguments());
                case EchoDirective.ToolCallPart p -> sink.toolCallArguments(p.part());
                case EchoDirective.Media m -> sink.media(m.media());
                case EchoDirective.Error e -> throw failure(e);
            }
        }
        cancel.throwIfCancelled();
    }

    private static ProviderException failure(EchoDirective.Error error) {
        String message = error.message();
        return switch (error.kind()) {
            case CONNECTION -> new ProviderException(ProviderException.Kind.RETRYABLE, "APIConnectionError", null,
                    message == null ? "Connection error." : message);
            case TIMEOUT -> new ProviderException(ProviderException.Kind.RETRYABLE, "APITimeoutError", null,
                    message == null ? "Request timed out." : message);
            case STATUS -> {
                int code = error.status();
                boolean retryable = code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
                yield new ProviderException(retryable ? ProviderException.Kind.RETRYABLE : ProviderException.Kind.FAILED,
                        "APIStatusError", code, "Error code: " + code + (message == null ? "" : " - " + message));
            }
        };
    }
}
