package dev.agentserver.server.acp;

import dev.agentserver.server.llm.ChatMessage;
import dev.agentserver.server.llm.ChatProvider;
import dev.agentserver.server.llm.ChatRequest;
import dev.agentserver.server.llm.ChatSink;
import dev.agentserver.server.llm.ProviderException;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.model.ContentPart;
import java.util.concurrent.CountDownLatch;

/**
 * The scripted echo provider, plus two behaviours its DSL cannot express, chosen by the user's last
 * message: {@value #HANG} streams a little and then waits until the turn is cancelled (a model call in
 * flight), and {@value #AUTH_EXPIRED} fails the way the auth module's confirmed second rejection does.
 */
final class TestProvider implements ChatProvider {

    static final String HANG = "please hang";
    static final String AUTH_EXPIRED = "please fail auth";

    private final ChatProvider scripted;

    TestProvider(ChatProvider scripted) {
        this.scripted = scripted;
    }

    @Override
    public String modelName() {
        return scripted.modelName();
    }

    @Override
    public void stream(ChatRequest request, ChatSink sink, CancelSignal cancel)
            throws ProviderException, CancelSignal.CancelledException {
        switch (lastUserText(request)) {
            case HANG -> {
                sink.text("working on it");
                CountDownLatch cancelled = new CountDownLatch(1);
                try (CancelSignal.Registration _ = cancel.onCancel(cancelled::countDown)) {
                    cancelled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new CancelSignal.CancelledException();
            }
            case AUTH_EXPIRED -> throw new ProviderException(ProviderException.Kind.AUTH_REQUIRED, "AuthRequired", 401,
                    "the refresh token was rejected");
            default -> scripted.stream(request, sink, cancel);
        }
    }

    private static String lastUserText(ChatRequest request) {
        for (ChatMessage message : request.messages().reversed()) {
            if (message.role() == ChatMessage.Role.USER) {
                return message.content().stream()
                        .filter(ContentPart.Text.class::isInstance)
                        .map(p -> ((ContentPart.Text) p).text())
                        .findFirst().orElse("");
            }
        }
        return "";
    }
}
