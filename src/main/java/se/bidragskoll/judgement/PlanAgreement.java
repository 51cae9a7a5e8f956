package se.bidragskoll.judgement;

import java.math.BigDecimal;
import java.util.List;

/**
 * The lines of a region's plan that name one known agreement, with their planned total ({@code null}
 * when a line has no plan amount: {@code missing} names it).
 */
public record PlanAgreement(String agreement, String title, List<PlanLine> lines, BigDecimal planned,
                            String missing) {

    public String names() {
        return String.join(", ", lines.stream().map(PlanLine::name).toList());
    }

    public List<Integer> numbers() {
        return lines.stream().map(PlanLine::line).toList();
    }
}
