package se.bidragskoll.judgement;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import se.bidragskoll.text.Messages;

/**
 * A dossier's judgement. The report is rendered per language on first use: a dry run renders the
 * caller's language only, a stored submission both.
 */
public final class Evaluation {

    private final Function<Locale, Report> renderer;
    private final ConcurrentHashMap<String, Report> rendered = new ConcurrentHashMap<>();

    Evaluation(Function<Locale, Report> renderer) {
        this.renderer = renderer;
    }

    public Report in(Locale locale) {
        Locale language = Messages.english(locale) ? Locale.ENGLISH : Messages.SWEDISH;
        return rendered.computeIfAbsent(language.getLanguage(), l -> renderer.apply(language));
    }

    public Report swedish() {
        return in(Messages.SWEDISH);
    }

    public Report english() {
        return in(Locale.ENGLISH);
    }

    /** The same judgement as stored under a dossier id and revision. */
    public Evaluation stored(String dossierId, int revision) {
        return new Evaluation(locale -> in(locale).stored(dossierId, revision));
    }
}
