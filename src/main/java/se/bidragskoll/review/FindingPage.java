package se.bidragskoll.review;

import java.util.List;

/** One page of the review queue. */
public record FindingPage(List<FindingView> items, int page, int size, long total) {
}
