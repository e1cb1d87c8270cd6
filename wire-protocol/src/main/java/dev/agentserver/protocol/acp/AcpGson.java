package dev.agentserver.protocol.acp;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.function.Consumer;

/**
 * ACP's JSON configuration: field names as declared (camelCase) except {@code meta}, which is the protocol's
 * {@code _meta}, nulls left out (optional fields are omitted; the envelope's {@code "id": null} is written by
 * the engine itself), no HTML escaping, enums by their protocol names, and every union by its tag.
 */
public final class AcpGson {

    /**
     * Everything but the generated record adapters: what Gson's reflection makes of this package's records, which
     * the tests hold the generated adapters to.
     */
    static final Consumer<GsonBuilder> REFLECTIVE = builder -> builder
            .disableHtmlEscaping()
            // A rule instead of @SerializedName("_meta") on each record: an annotation read at start-up costs a
            // proxy class made at run time (see SnakeCaseEnumFactory).
            .setFieldNamingStrategy(field -> field.getName().equals("meta") ? "_meta" : field.getName())
            .registerTypeAdapterFactory(new SnakeCaseEnumFactory())
            .registerTypeAdapterFactory(TaggedUnionAdapterFactory.of(ContentBlock.class, "type")
                    .variant("text", ContentBlock.Text.class)
                    .variant("image", ContentBlock.Image.class)
                    .variant("audio", ContentBlock.Audio.class)
                    .variant("resource_link", ContentBlock.ResourceLink.class)
                    .variant("resource", ContentBlock.Resource.class))
            .registerTypeAdapterFactory(TaggedUnionAdapterFactory.of(ToolCallContent.class, "type")
                    .variant("content", ToolCallContent.Content.class)
                    .variant("diff", ToolCallContent.Diff.class)
                    .variant("terminal", ToolCallContent.Terminal.class))
            .registerTypeAdapterFactory(TaggedUnionAdapterFactory.of(SessionConfigOption.class, "type")
                    .variant("select", SessionConfigOption.Select.class))
            .registerTypeAdapterFactory(TaggedUnionAdapterFactory.of(SessionUpdate.class, "sessionUpdate")
                    .variant("user_message_chunk", SessionUpdate.UserMessageChunk.class)
                    .variant("agent_message_chunk", SessionUpdate.AgentMessageChunk.class)
                    .variant("agent_thought_chunk", SessionUpdate.AgentThoughtChunk.class)
                    .variant("tool_call", SessionUpdate.ToolCall.class)
                    .variant("tool_call_update", SessionUpdate.ToolCallUpdate.class)
                    .variant("plan", SessionUpdate.Plan.class)
                    .variant("available_commands_update", SessionUpdate.AvailableCommandsUpdate.class)
                    .variant("current_mode_update", SessionUpdate.CurrentModeUpdate.class)
                    .variant("config_option_update", SessionUpdate.ConfigOptionUpdate.class)
                    .variant("session_info_update", SessionUpdate.SessionInfoUpdate.class)
                    .variant("usage_update", SessionUpdate.UsageUpdate.class))
            .registerTypeAdapterFactory(TaggedUnionAdapterFactory.of(ClientResponses.PermissionOutcome.class, "outcome")
                    .variant("selected", ClientResponses.PermissionOutcome.Selected.class)
                    .variant("cancelled", ClientResponses.PermissionOutcome.Cancelled.class));

    // Registered first, so consulted after every factory above: the unions' adapters still claim their records
    // and reach the generated adapter through getDelegateAdapter.
    public static final Consumer<GsonBuilder> CONFIG =
            builder -> REFLECTIVE.accept(builder.registerTypeAdapterFactory(new AcpRecordAdapters()));

    private AcpGson() {
    }

    /** A stand-alone Gson with the same configuration, for values built outside a message (error data). */
    public static Gson create() {
        GsonBuilder builder = new GsonBuilder();
        CONFIG.accept(builder);
        return builder.create();
    }
}
