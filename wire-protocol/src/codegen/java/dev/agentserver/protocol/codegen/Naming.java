package dev.agentserver.protocol.codegen;

import java.util.Locale;

/** The JSON name of a record component, by the rules of {@code GsonRecords.Naming} (same constant names). */
enum Naming {

    /** What AcpGson's FieldNamingStrategy does. */
    AS_DECLARED_META_UNDERSCORED {
        @Override
        String jsonName(String component) {
            return component.equals("meta") ? "_meta" : component;
        }
    },

    /**
     * Gson's FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES, step for step: an underscore before every upper-case
     * character but a leading one, then the whole name in lower case (English rules).
     */
    LOWER_CASE_WITH_UNDERSCORES {
        @Override
        String jsonName(String component) {
            StringBuilder name = new StringBuilder();
            for (char c : component.toCharArray()) {
                if (Character.isUpperCase(c) && !name.isEmpty()) {
                    name.append('_');
                }
                name.append(c);
            }
            return name.toString().toLowerCase(Locale.ENGLISH);
        }
    };

    abstract String jsonName(String component);
}
