package se.bidragskoll.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import se.bidragskoll.text.Messages;

/**
 * The 401 and 403 answers as problem documents, the same whether the endpoint refused the caller
 * or the HTTP layer did; a 401 names the scheme to log in with ({@code WWW-Authenticate}).
 */
public final class SecurityProblems {

    public static final String CHALLENGE = "Basic realm=\"Bidragskoll\", charset=\"UTF-8\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityProblems() {
    }

    public static Problem problem(int status, Locale locale, String path) {
        boolean en = !Messages.SWEDISH.getLanguage().equals(locale.getLanguage());
        return switch (status) {
            case 401 -> new Problem("urn:bidragskoll:problem:unauthorized", en ? "Unauthorized" : "Inte inloggad", 401,
                    en ? "Log in first: the API takes HTTP Basic (or a bearer token with OIDC), the pages the login form."
                            : "Logga in först: API:et tar HTTP Basic (eller en bearer-token med OIDC), sidorna inloggningsformuläret.",
                    path, List.of());
            case 403 -> new Problem("urn:bidragskoll:problem:forbidden", en ? "Forbidden" : "Inte tillåtet", 403,
                    en ? "Your role does not allow this." : "Din roll får inte göra detta.", path, List.of());
            default -> new Problem("urn:bidragskoll:problem:bad-request", en ? "Bad request" : "Felaktig begäran",
                    status, en ? "The request cannot be handled as sent." : "Begäran kan inte hanteras som den är.",
                    path, List.of());
        };
    }

    public static Response response(int status, Locale locale, String path) {
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(problem(status, locale, path));
        if (status == 401) {
            answer.header("WWW-Authenticate", CHALLENGE);
        }
        return answer.build();
    }

    public static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
