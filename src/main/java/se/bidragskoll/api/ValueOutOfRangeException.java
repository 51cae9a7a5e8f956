package se.bidragskoll.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import se.bidragskoll.text.Text;

/** A JSON value that reads well but lies outside {@link Limits}: 400 naming the field and the limit. */
public class ValueOutOfRangeException extends JsonMappingException {

    private final transient Text text;

    public ValueOutOfRangeException(JsonParser parser, Text text) {
        super(parser, text.en());
        this.text = text;
    }

    public Text text() {
        return text;
    }
}
