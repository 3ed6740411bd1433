package io.kcg.genesys.simulator.query;

import io.kcg.genesys.simulator.GenesysApiException;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An enumeration the API accepts (dimensions, metrics). Genesys deserialises enums case-insensitively, so lookups
 * are too, and the canonical spelling is what the response carries.
 */
final class Vocabulary {

    private final String fieldType;
    private final List<String> values;
    private final Map<String, String> canonicalByLowerCase = new HashMap<>();

    Vocabulary(String fieldType, List<String> values) {
        this.fieldType = fieldType;
        this.values = List.copyOf(values);
        for (String value : values) {
            canonicalByLowerCase.put(value.toLowerCase(Locale.ROOT), value);
        }
    }

    /** The canonical spelling of raw, or a 400 invalid.value listing the allowable values. */
    String canonical(String raw) {
        String canonical = canonicalByLowerCase.get(raw.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw GenesysApiException.invalidValue(raw, fieldType, values);
        }
        return canonical;
    }
}
