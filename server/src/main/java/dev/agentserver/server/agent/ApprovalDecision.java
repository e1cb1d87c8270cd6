package dev.agentserver.server.agent;

/** The user's answer to an {@link ApprovalQuestion}; {@code feedback} is "" when none was given. */
public record ApprovalDecision(Verdict verdict, String feedback) {

    public enum Verdict {
        APPROVE("approve"), APPROVE_FOR_SESSION("approve_for_session"), REJECT("reject");

        private final String wireName;

        Verdict(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Verdict fromWireName(String name) {
            for (Verdict v : values()) {
                if (v.wireName.equals(name)) {
                    return v;
                }
            }
            return null;
        }
    }

    public ApprovalDecision {
        feedback = feedback == null ? "" : feedback;
    }

    public static final ApprovalDecision REJECTED = new ApprovalDecision(Verdict.REJECT, "");
}
