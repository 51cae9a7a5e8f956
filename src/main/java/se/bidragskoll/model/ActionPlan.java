package se.bidragskoll.model;

import java.time.LocalDate;
import java.util.List;

/** The region's action plan (handlingsplan) for the agreement. */
public record ActionPlan(LocalDate submittedOn, String recipient, String decidedBy, LocalDate decidedOn,
                         List<Measure> measures) {
}
