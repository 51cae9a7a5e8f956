package se.bidragskoll.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document, as every error of the API answers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One fault, naming the field or line. */
    public record Error(String field, String message) {
    }
}
