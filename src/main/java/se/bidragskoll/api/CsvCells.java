package se.bidragskoll.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Cells of the CSV exports that a spreadsheet would run as a formula (OWASP, "CSV Injection"): text
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a
 * leading {@code '}, so Excel and LibreOffice show it as text. Amounts ({@code -3210,40}) stay numbers.
 */
public final class CsvCells {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(,\\d+)?");

    private CsvCells() {
    }

    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if (!formula || (first == '-' && NUMBER.matcher(cell).matches())) {
            return cell;
        }
        return "'" + cell;
    }

    public static List<String> safe(List<String> cells) {
        return cells.stream().map(CsvCells::safe).toList();
    }
}
