package se.bidragskoll.api;

import java.util.List;
import java.util.stream.Collectors;
import se.bidragskoll.text.Text;

/** The request cannot be accepted as it is; nothing has been stored. */
public class BadInputException extends RuntimeException {

    private final transient List<FieldError> errors;

    public BadInputException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message().en()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public static BadInputException of(String field, String sv, String en) {
        return new BadInputException(List.of(new FieldError(field, Text.of(sv, en))));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
