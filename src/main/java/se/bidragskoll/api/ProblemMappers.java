package se.bidragskoll.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import se.bidragskoll.text.Messages;
import se.bidragskoll.ruleset.RuleSetException;
import se.bidragskoll.text.Text;
import se.bidragskoll.ruleset.RulesDidNotFinishException;
import se.bidragskoll.ruleset.ScenariosFailedException;

/** Turns every error into an {@code application/problem+json} answer a person can act on. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badInput(BadInputException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        List<Problem.Error> errors = e.errors().stream()
                .map(f -> new Problem.Error(f.field(), f.message().in(locale))).toList();
        String detail = errors.size() == 1 ? fieldDetail(errors.get(0))
                : (english(locale) ? errors.size() + " faults in the request; nothing was stored."
                : errors.size() + " fel i begäran; inget har sparats.");
        return problem(400, "invalid-input", english(locale) ? "Invalid input" : "Felaktigt underlag", detail, uri,
                errors);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        FieldError described = describe(e);
        Problem.Error error = new Problem.Error(described.field(), described.message().in(locale));
        return problem(400, "invalid-input", english(locale) ? "Invalid input" : "Felaktigt underlag",
                fieldDetail(error), uri, List.of(error));
    }

    /**
     * What went wrong in a JSON document, in plain words and both languages, with the field's path
     * where Jackson knows it: for the API's problems and the CLI's messages alike.
     */
    public static FieldError describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m) : null;
        Text message;
        if (e instanceof ValueOutOfRangeException r) {
            message = r.text();
        } else if (e instanceof StreamConstraintsException) {
            JsonLocation at = e.getLocation();
            message = Text.of("JSON-dokumentet går över en gräns på rad " + line(at) + ", kolumn " + column(at)
                            + ": högst " + Limits.MAX_NUMBER_CHARS + " tecken per tal, " + Limits.MAX_JSON_DEPTH
                            + " nivåer och den största tillåtna storleken på dokumentet.",
                    "The JSON document passes a limit at line " + line(at) + ", column " + column(at) + ": at most "
                            + Limits.MAX_NUMBER_CHARS + " characters per number, " + Limits.MAX_JSON_DEPTH
                            + " levels of nesting, and the largest document size allowed.");
        } else if (e instanceof InputCoercionException) {
            JsonLocation at = e.getLocation();
            message = Text.of("Talet på rad " + line(at) + ", kolumn " + column(at) + " är för stort för fältet.",
                    "The number at line " + line(at) + ", column " + column(at) + " is too large for the field.");
        } else if (duplicate(e) != null) {
            JsonParseException dup = duplicate(e);
            JsonLocation at = dup.getLocation();
            String name = dup.getOriginalMessage().substring("Duplicate field '".length());
            name = name.endsWith("'") ? name.substring(0, name.length() - 1) : name;
            // inside an object of the document, Jackson wraps it with the path of that object
            field = field != null ? field + "." + name : duplicatePath(dup, name);
            message = Text.of("Fältet \"" + name + "\" förekommer två gånger i samma objekt (rad " + line(at)
                            + ", kolumn " + column(at) + "); varje fält får finnas en gång.",
                    "The field \"" + name + "\" appears twice in one object (line " + line(at) + ", column "
                            + column(at) + "); each field may appear once.");
        } else if (e instanceof JsonParseException || e instanceof StreamReadException) {
            // Jackson's own wording names its internals (JsonReadFeature…): say where, not how.
            JsonLocation at = e.getLocation();
            message = Text.of("Ogiltig JSON på rad " + line(at) + ", kolumn " + column(at)
                            + ": här väntas ett JSON-värde (text inom citattecken, ett tal, true, false, null, en lista eller ett objekt).",
                    "Malformed JSON at line " + line(at) + ", column " + column(at)
                            + ": a JSON value is expected here (quoted text, a number, true, false, null, a list or an object).");
        } else if (e instanceof UnrecognizedPropertyException u) {
            message = Text.of("Okänt fält \"" + u.getPropertyName() + "\". Kända fält: " + u.getKnownPropertyIds(),
                    "Unknown field \"" + u.getPropertyName() + "\". Known fields: " + u.getKnownPropertyIds());
        } else if (e instanceof InvalidFormatException f) {
            Text expected = expected(f.getTargetType());
            message = Text.of("Värdet \"" + f.getValue() + "\" går inte att läsa som " + expected.sv() + ".",
                    "The value \"" + f.getValue() + "\" cannot be read as " + expected.en() + ".");
        } else if (e instanceof MismatchedInputException m) {
            Text expected = expected(m.getTargetType());
            message = Text.of("Fel sorts värde: här väntas " + expected.sv() + ".",
                    "Wrong kind of value: expected " + expected.en() + " here.");
        } else {
            message = Text.of("Begäran går inte att läsa som ett underlag i JSON.",
                    "The request cannot be read as a dossier in JSON.");
        }
        return new FieldError(field, message);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return json(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, HttpHeaders headers, UriInfo uri) {
        return json(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpHeaders headers, UriInfo uri) {
        return json(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, HttpHeaders headers, UriInfo uri) {
        return json(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response brokenRules(RuleSetException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        List<Problem.Error> errors = e.problems().stream()
                .map(p -> new Problem.Error(p.file() + ":" + Math.max(1, p.line()) + ":" + Math.max(1, p.column()),
                        p.message())).toList();
        return problem(422, "rules-do-not-compile", english(locale) ? "The rules do not compile" : "Reglerna går inte att kompilera",
                (english(locale) ? "The rule set in service is unchanged. " : "Regeluppsättningen i drift är oförändrad. ")
                        + e.getMessage().replace('\n', ' '), uri, errors);
    }

    @ServerExceptionMapper
    public Response scenariosFailed(ScenariosFailedException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        List<Problem.Error> errors = e.problems().stream()
                .map(p -> new Problem.Error(p.file() + ":" + Math.max(1, p.line()) + ":" + Math.max(1, p.column()),
                        p.message())).toList();
        return problem(422, "rules-scenarios-fail",
                english(locale) ? "The scenarios fail on the new rules" : "Scenarierna går inte igenom med de nya reglerna",
                (english(locale) ? "The new rules compiled, but " + errors.size() + " of their scenarios did not pass; "
                        + "the rule set in service is unchanged."
                        : "De nya reglerna gick att kompilera, men " + errors.size() + " av deras scenarier gick inte igenom; "
                        + "regeluppsättningen i drift är oförändrad."), uri, errors);
    }

    @ServerExceptionMapper
    public Response rulesDidNotFinish(RulesDidNotFinishException e, HttpHeaders headers,
                                      UriInfo uri) {
        Locale locale = Languages.of(headers);
        LOG.errorf("judgement stopped: %s", e.getMessage());
        return problem(503, "rules-did-not-finish", english(locale) ? "The rules did not finish" : "Reglerna blev inte klara",
                english(locale) ? "The judgement was stopped because the rules did not finish within their bounds ("
                        + e.getMessage() + "). Nothing was stored; the rule set needs mending."
                        : "Bedömningen avbröts eftersom reglerna inte blev klara inom sina gränser (" + e.getMessage()
                        + "). Inget sparades; regelsamlingen behöver rättas.", uri, List.of());
    }

    @ServerExceptionMapper
    public Response stateConflict(ConflictException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        return problem(409, "conflict", english(locale) ? "Conflict" : "Konflikt", e.text().in(locale), uri, List.of());
    }

    @ServerExceptionMapper
    public Response conflict(OptimisticLockException e, HttpHeaders headers, UriInfo uri) {
        return conflictProblem(headers, uri);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        return conflictProblem(headers, uri);
    }

    /** 401 from the endpoint's own checks ({@code @RolesAllowed}) when nobody is logged in. */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return SecurityProblems.response(401, Languages.of(headers), uri == null ? null : uri.getPath());
    }

    /**
     * A refused login: the API's is a problem document; the login form's (a wrong password posted to
     * {@code /j_security_check}) goes back to the login page, which says what went wrong. This mapper
     * sees that failure too, and its 401 with a Basic challenge left the browser on a blank page.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e, HttpHeaders headers,
                                         UriInfo uri) {
        if (uri != null && "/j_security_check".equals(uri.getPath()) && loginErrorPage.isPresent()) {
            return Response.seeOther(java.net.URI.create(loginErrorPage.get()))
                    .header("Cache-Control", "no-store").build();
        }
        return SecurityProblems.response(401, Languages.of(headers), uri == null ? null : uri.getPath());
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.auth.form.error-page")
    java.util.Optional<String> loginErrorPage;

    /** 403 from the endpoint's own checks: the caller's role does not allow this. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return SecurityProblems.response(403, Languages.of(headers), uri == null ? null : uri.getPath());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException cause) {
            return json(cause, headers, uri);
        }
        Locale locale = Languages.of(headers);
        int status = e.getResponse().getStatus();
        if (status == 401 || status == 403) {
            return SecurityProblems.response(status, locale, uri == null ? null : uri.getPath());
        }
        String detail = switch (status) {
            case 404 -> english(locale) ? "No such resource." : "Det finns ingen sådan resurs.";
            case 401 -> english(locale) ? "Log in first." : "Logga in först.";
            case 403 -> english(locale) ? "Your role does not allow this." : "Din roll får inte göra detta.";
            case 405 -> english(locale) ? "This method is not allowed here." : "Metoden är inte tillåten här.";
            case 415 -> english(locale) ? "Unsupported content type." : "Innehållstypen stöds inte.";
            case 406 -> english(locale) ? "No acceptable representation." : "Ingen godtagbar representation.";
            case 413 -> english(locale) ? "The request is larger than the service accepts."
                    : "Begäran är större än tjänsten tar emot.";
            default -> status >= 500 ? (english(locale) ? "The checker failed unexpectedly; nothing was stored."
                    : "Kontrollen misslyckades oväntat; inget har sparats.")
                    : (english(locale) ? "The request cannot be handled as sent." : "Begäran kan inte hanteras som den är.");
        };
        return problem(status, "http-" + status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail, uri, List.of());
    }

    /**
     * A body that ends before it should: an empty or truncated {@code multipart/form-data} (a client
     * that went away gets this too, but then nobody reads the answer).
     */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        boolean multipart = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("multipart");
        if (!multipart) {
            LOG.error("unexpected error", e);
            return problem(500, "internal-error", english(locale) ? "Internal error" : "Internt fel",
                    english(locale) ? "The checker failed unexpectedly; nothing was stored."
                            : "Kontrollen misslyckades oväntat; inget har sparats.", uri, List.of());
        }
        Problem.Error error = new Problem.Error(null, english(locale)
                ? "The multipart/form-data body is empty or ends before its closing boundary: send the parts 'dossier' (JSON) and 'ledger' (CSV) whole."
                : "multipart/form-data-kroppen är tom eller slutar före sin avslutande gräns: skicka delarna 'dossier' (JSON) och 'ledger' (CSV) hela.");
        return problem(400, "invalid-input", english(locale) ? "Invalid input" : "Felaktigt underlag", error.message(),
                uri, List.of(error));
    }

    /**
     * A {@code multipart/form-data} body whose parts do not parse (a part's header line without a name
     * and colon, a part without the blank line after its headers): RESTEasy's parser gives up with this,
     * which was a 500.
     */
    @ServerExceptionMapper
    public Response malformedMultipart(org.jboss.resteasy.reactive.server.core.multipart.MultipartParser.MalformedMessageException e,
                                       HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        Problem.Error error = new Problem.Error(null, english(locale)
                ? "The multipart/form-data body is malformed: each part needs its headers (Content-Disposition: form-data; name=\"…\"), a blank line, then its content, and the parts end with the closing boundary."
                : "multipart/form-data-kroppen är felaktigt uppbyggd: varje del behöver sina huvuden (Content-Disposition: form-data; name=\"…\"), en tom rad och sedan sitt innehåll, och delarna slutar med den avslutande gränsen.");
        return problem(400, "invalid-input", english(locale) ? "Invalid input" : "Felaktigt underlag", error.message(),
                uri, List.of(error));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        if (e instanceof WebApplicationException w) {
            return web(w, headers, uri);
        }
        if (Conflicts.isConflict(e)) {
            return conflictProblem(headers, uri);
        }
        LOG.error("unexpected error", e);
        Locale locale = Languages.of(headers);
        return problem(500, "internal-error", english(locale) ? "Internal error" : "Internt fel",
                english(locale) ? "The checker failed unexpectedly; nothing was stored." :
                        "Kontrollen misslyckades oväntat; inget har sparats.", uri, List.of());
    }

    private static Response conflictProblem(HttpHeaders headers, UriInfo uri) {
        Locale locale = Languages.of(headers);
        return problem(409, "conflict", english(locale) ? "Conflict" : "Konflikt",
                english(locale) ? "Someone else changed the same item at the same time; fetch it again and retry."
                        : "Någon annan ändrade samma sak samtidigt; hämta den igen och försök på nytt.", uri, List.of());
    }

    static Response problem(int status, String type, String title, String detail, UriInfo uri,
                            List<Problem.Error> errors) {
        Problem body = new Problem("urn:bidragskoll:problem:" + type, title, status, detail,
                uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String fieldDetail(Problem.Error error) {
        return error.field() == null ? error.message() : error.field() + ": " + error.message();
    }

    private static boolean english(Locale locale) {
        return !Messages.SWEDISH.getLanguage().equals(locale.getLanguage());
    }

    /** The parser's refusal of a field that appears twice (STRICT_DUPLICATE_DETECTION), itself or as the cause. */
    private static JsonParseException duplicate(JsonProcessingException e) {
        Throwable t = e instanceof JsonParseException ? e : e.getCause();
        return t instanceof JsonParseException p && p.getOriginalMessage() != null
                && p.getOriginalMessage().startsWith("Duplicate field '") ? p : null;
    }

    /** The field that appears twice, as {@code grant.asOf} or {@code ledger[3].voucher}, from where the parser stood. */
    private static String duplicatePath(JsonProcessingException e, String name) {
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
            return name;
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = parser.getParsingContext().getParent(); c != null
                && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(part.startsWith("[") || path.isEmpty() ? "" : ".").append(part);
        }
        String parent = path.toString();
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static Text expected(Class<?> type) {
        if (type == null) {
            return Text.of("ett annat värde", "another value");
        }
        if (BigDecimal.class.equals(type)) {
            return Text.of("ett belopp i kronor (t.ex. 12600000.00)", "an amount in kronor (e.g. 12600000.00)");
        }
        if (LocalDate.class.equals(type)) {
            return Text.of("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)");
        }
        if (YearMonth.class.equals(type)) {
            return Text.of("en månad (ÅÅÅÅ-MM)", "a month (YYYY-MM)");
        }
        if (Integer.class.equals(type) || int.class.equals(type)) {
            return Text.of("ett heltal", "a whole number");
        }
        if (Boolean.class.equals(type) || boolean.class.equals(type)) {
            return Text.of("true eller false", "true or false");
        }
        if (String.class.equals(type)) {
            return Text.of("text", "text");
        }
        if (List.class.isAssignableFrom(type)) {
            return Text.of("en lista", "a list");
        }
        return Text.of("ett objekt (" + type.getSimpleName() + ")", "an object (" + type.getSimpleName() + ")");
    }

    private static int line(JsonLocation at) {
        return at == null ? 0 : at.getLineNr();
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : at.getColumnNr();
    }
}
