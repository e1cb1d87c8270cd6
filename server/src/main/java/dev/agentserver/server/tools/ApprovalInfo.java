package dev.agentserver.server.tools;

import dev.agentserver.server.model.DisplayBlock;
import java.util.List;

/**
 * What the user is asked to approve. {@code action} is the key that "approve for session" remembers
 * (e.g. {@code "run command"}, {@code "edit file"}); {@code description} is one human line such as
 * {@code Run command `echo hi`}.
 */
public record ApprovalInfo(String sender, String action, String description, List<DisplayBlock> display) {

    public ApprovalInfo {
        display = List.copyOf(display);
    }
}
