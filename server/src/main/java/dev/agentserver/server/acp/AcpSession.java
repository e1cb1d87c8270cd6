package dev.agentserver.server.acp;

import com.google.gson.JsonObject;
import dev.agentserver.protocol.acp.AgentResponses.PromptResponse;
import dev.agentserver.protocol.acp.AgentResponses.SessionModeState;
import dev.agentserver.protocol.acp.AgentResponses.StopReason;
import dev.agentserver.protocol.acp.ContentBlock;
import dev.agentserver.protocol.acp.SessionConfigOption;
import dev.agentserver.protocol.acp.SessionUpdate;
import dev.agentserver.protocol.jsonrpc.RpcErrorCodes;
import dev.agentserver.protocol.jsonrpc.RpcExceptions;
import dev.agentserver.server.agent.TurnFailure;
import dev.agentserver.server.agent.TurnResult;
import dev.agentserver.server.agent.UserInput;
import dev.agentserver.server.model.CancelSignal;
import dev.agentserver.server.runtime.OpenedSession;
import dev.agentserver.server.session.SessionState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open ACP session: runs one prompt turn at a time on the core, ends every turn with a stop reason
 * after its last update (a cancelled turn with "cancelled", never an error), and keeps the mode and
 * options the editor shows in step with the core's approval state.
 */
final class AcpSession {

    private static final Logger LOG = LoggerFactory.getLogger(AcpSession.class);
    private static final int TITLE_LENGTH = 60;

    static final List<SessionUpdate.AvailableCommand> COMMANDS = List.of(
            new SessionUpdate.AvailableCommand("clear", "Clear the conversation's context", null),
            new SessionUpdate.AvailableCommand("yolo", "Switch approving every action without asking on or off", null));

    /** {@code ended} completes after {@code response} has been answered, for work that must come later. */
    private record Turn(CancelSignal cancel, CompletableFuture<PromptResponse> response, CompletableFuture<Void> ended) {}

    private final OpenedSession opened;
    private final Path workDir;
    private final TurnHostSlot hostSlot;
    private final SessionUpdates updates;
    private final PermissionRequests permissions;
    private final SessionControls controls;
    private final Supplier<JsonObject> authErrorData;
    private final Executor executor;
    private final AtomicReference<Turn> running = new AtomicReference<>();
    /** The last turn started, still known while it answers after {@code running} was cleared. */
    private volatile Turn latest;

    AcpSession(OpenedSession opened, Path workDir, TurnHostSlot hostSlot, SessionUpdates updates,
            PermissionRequests permissions, SessionControls controls, Supplier<JsonObject> authErrorData,
            Executor executor) {
        this.opened = opened;
        this.workDir = workDir;
        this.hostSlot = hostSlot;
        this.updates = updates;
        this.permissions = permissions;
        this.controls = controls;
        this.authErrorData = authErrorData;
        this.executor = executor;
    }

    String id() {
        return opened.session().id();
    }

    SessionModeState modes() {
        return controls.modes();
    }

    List<SessionConfigOption> options() {
        return controls.options();
    }

    private boolean yolo() {
        return opened.session().approvals().yolo();
    }

    /** Starts a turn; the answer completes after the turn's last update. A second prompt meanwhile is refused. */
    CompletableFuture<PromptResponse> prompt(List<ContentBlock> prompt) {
        UserInput input = PromptInput.toCore(prompt);
        Turn turn = new Turn(new CancelSignal(), new CompletableFuture<>(), new CompletableFuture<>());
        if (!running.compareAndSet(null, turn)) {
            return CompletableFuture.failedFuture(AcpErrors.busy(id()));
        }
        latest = turn;
        executor.execute(() -> run(input, turn));
        return turn.response();
    }

    private void run(UserInput input, Turn turn) {
        AcpTurnHost host = new AcpTurnHost(updates, permissions, turn.cancel());
        hostSlot.set(host);
        boolean yoloBefore = yolo();
        PromptResponse answer = null;
        RuntimeException error = null;
        try {
            nameOnFirstPrompt(input);
            TurnResult result = opened.session().runTurn(input, host, turn.cancel());
            answer = new PromptResponse(stopReason(result.outcome()));
        } catch (TurnFailure failure) {
            error = AcpErrors.of(failure, authErrorData.get());
        } catch (RuntimeException unexpected) {
            LOG.error("prompt turn failed", unexpected);
            error = RpcExceptions.error(RpcErrorCodes.INTERNAL_ERROR,
                    unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage());
        } finally {
            if (yolo() != yoloBefore) {
                announceMode();
            }
            hostSlot.clear();
            running.compareAndSet(turn, null);
        }
        if (turn.cancel().isCancelled()) {
            // Whatever the turn ran into while stopping, a cancelled prompt answers "cancelled".
            turn.response().complete(new PromptResponse(StopReason.CANCELLED));
        } else if (error != null) {
            turn.response().completeExceptionally(error);
        } else {
            turn.response().complete(answer);
        }
        turn.ended().complete(null);
    }

    private static StopReason stopReason(TurnResult.Outcome outcome) {
        return switch (outcome) {
            case FINISHED -> StopReason.END_TURN;
            case CANCELLED -> StopReason.CANCELLED;
            case MAX_STEPS_REACHED -> StopReason.MAX_TURN_REQUESTS;
        };
    }

    /** The first line of the first real prompt names the session, in the editor and in {@code session/list}. */
    private void nameOnFirstPrompt(UserInput input) {
        SessionState state = opened.files().state();
        String text = input.plainText().strip();
        if (state.title() != null || text.isEmpty() || text.startsWith("/")) {
            return;
        }
        String firstLine = text.lines().findFirst().orElse("").strip();
        String title = firstLine.length() <= TITLE_LENGTH ? firstLine : firstLine.substring(0, TITLE_LENGTH - 1) + "…";
        state.setTitle(title);
        updates.send(new SessionUpdate.SessionInfoUpdate(title, Instant.now().toString()));
    }

    /** Cancels the running turn, if any; a cancel that arrives after the turn ended changes nothing. */
    void cancel() {
        Turn turn = running.get();
        if (turn != null) {
            turn.cancel().cancel();
        }
    }

    /** Cancels the running turn and completes once the prompt has been answered. */
    CompletableFuture<Void> close() {
        cancel();
        Turn last = latest;
        return last == null ? CompletableFuture.completedFuture(null) : last.ended();
    }

    void setMode(String modeId) {
        opened.session().approvals().setYolo(SessionControls.isYolo(modeId));
        announceMode();
    }

    /** Applies one option and returns the complete list. */
    List<SessionConfigOption> setOption(String configId, String value) {
        if (controls.apply(configId, value)) {
            updates.send(new SessionUpdate.CurrentModeUpdate(SessionControls.modeId(yolo())));
        }
        return options();
    }

    private void announceMode() {
        updates.send(new SessionUpdate.CurrentModeUpdate(SessionControls.modeId(yolo())));
        updates.send(new SessionUpdate.ConfigOptionUpdate(options()));
    }

    /** Sends the recorded conversation as updates, and the title it was given. */
    void replayHistory() {
        HistoryReplay.of(opened.files().wireLog().readMessages(), workDir).forEach(updates::send);
        String title = opened.files().state().title();
        if (title != null) {
            updates.send(new SessionUpdate.SessionInfoUpdate(title, null));
        }
    }

    void announceCommands() {
        updates.send(new SessionUpdate.AvailableCommandsUpdate(COMMANDS));
    }
}
