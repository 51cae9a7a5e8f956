package se.bidragskoll.model;

import java.time.LocalDate;
import java.time.YearMonth;

/** One month's delivery to the national waiting-time database (väntetidsdatabasen). */
public record WaitingTimeReport(YearMonth month, LocalDate deliveredOn) {
}
