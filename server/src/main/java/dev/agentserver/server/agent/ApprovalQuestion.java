package dev.agentserver.server.agent;

import dev.agentserver.server.tools.ApprovalInfo;
import dev.agentserver.server.tools.ToolPresentation;

/** One approval the agent needs before it runs a tool call; {@code id} is unique per question. */
public record ApprovalQuestion(String id, String toolCallId, ApprovalInfo info, ToolPresentation presentation) {}
