package se.bidragskoll.judgement;

import java.util.Locale;

/** A dossier's judgement rendered once in Swedish and once in English. */
public record Evaluation(Report swedish, Report english) {

    public Report in(Locale locale) {
        return Messages.english(locale) ? english : swedish;
    }

    public Evaluation stored(String dossierId, int revision) {
        return new Evaluation(swedish.stored(dossierId, revision), english.stored(dossierId, revision));
    }
}
