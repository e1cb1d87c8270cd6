package dev.agentserver.protocol.wire;

import com.google.gson.JsonObject;

/** The exact result objects of the wire methods. */
public final class WireResults {

    private WireResults() {
    }

    public static JsonObject status(String status) {
        JsonObject result = new JsonObject();
        result.addProperty("status", status);
        return result;
    }

    public static JsonObject promptFinished() {
        return status("finished");
    }

    public static JsonObject promptCancelled() {
        return status("cancelled");
    }

    public static JsonObject promptMaxSteps(int steps) {
        JsonObject result = status("max_steps_reached");
        result.addProperty("steps", steps);
        return result;
    }

    public static JsonObject replay(boolean cancelled, int events, int requests) {
        JsonObject result = status(cancelled ? "cancelled" : "finished");
        result.addProperty("events", events);
        result.addProperty("requests", requests);
        return result;
    }

    public static JsonObject planMode(boolean enabled) {
        JsonObject result = status("ok");
        result.addProperty("plan_mode", enabled);
        return result;
    }
}
