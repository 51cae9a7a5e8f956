package se.bidragskoll.model;

import java.time.LocalDate;

/** When the steering group for state grants analysed the agreement's conditions. */
public record SteeringGroupAnalysis(LocalDate date) {
}
