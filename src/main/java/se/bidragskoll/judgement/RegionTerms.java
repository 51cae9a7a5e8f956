package se.bidragskoll.judgement;

import java.util.Set;

/**
 * What the region's own rules for targeted grants say about this agreement ({@code rules/regions/}):
 * its category, the cost object, the responsible, and what that category requires.
 */
public record RegionTerms(String region, Integer category, String costObject, String responsible,
                          Set<String> categoryRequirements) {

    public boolean requires(String requirement) {
        return categoryRequirements != null && categoryRequirements.contains(requirement);
    }
}
