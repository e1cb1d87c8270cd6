package dev.agentserver.auth;

import java.util.regex.Pattern;

/**
 * The name a provider's OAuth reference points at: {@code "oauth/kimi-code"} names {@code kimi-code}, whose
 * files are {@code credentials/kimi-code.json} and {@code credentials/kimi-code.lock}.
 */
record CredentialKey(String name) {
    private static final String PREFIX = "oauth/";
    // The name becomes part of a file name: nothing that could climb out of the credentials directory.
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    CredentialKey {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a usable OAuth credential name: '" + name + "'");
        }
    }

    /** Accepts {@code "oauth/NAME"} as written in config.toml, or the bare {@code NAME}. */
    static CredentialKey parse(String oauthKey) {
        String name = oauthKey.startsWith(PREFIX) ? oauthKey.substring(PREFIX.length()) : oauthKey;
        return new CredentialKey(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
