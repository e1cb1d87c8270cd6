package dev.agentserver.server.acp;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A response future that runs an action right after the engine has written the successful answer. Some
 * notifications must follow a response: an editor drops {@code session/update}s for a session id that
 * {@code session/new} has not yet given it. lsp4j writes the answer in the consumer it hands to
 * {@link #thenAccept} (once, when the handler returns), so wrapping that consumer orders the action after
 * the answer's line, whichever thread completes the future.
 */
final class AnswerThen<T> extends CompletableFuture<T> {

    private final Runnable afterAnswer;

    AnswerThen(Runnable afterAnswer) {
        this.afterAnswer = afterAnswer;
    }

    @Override
    public CompletableFuture<Void> thenAccept(Consumer<? super T> writeAnswer) {
        return super.thenAccept(value -> {
            writeAnswer.accept(value);
            afterAnswer.run();
        });
    }
}
