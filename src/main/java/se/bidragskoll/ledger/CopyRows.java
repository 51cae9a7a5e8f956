package se.bidragskoll.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, written into one reused byte array: no stream
 * locks per byte, no boxing per digit. The codes a ledger repeats (accounts, objects, units, measures;
 * the readers hand out one string per distinct code) are encoded once.
 */
final class CopyRows {

    /** Encoded codes, by identity; bounded so that a file of distinct texts does not grow it. */
    private static final int MAX_ENCODED = 4096;
    private static final long EPOCH_2000 = LocalDate.of(2000, 1, 1).toEpochDay();

    private byte[] buffer;
    private int size;
    private final Map<String, byte[]> encoded = new IdentityHashMap<>();
    /** A numeric's base-10000 digits: at most 5 groups of four before the point (a long) and one after. */
    private final short[] digits = new short[6];

    CopyRows(int capacity) {
        buffer = new byte[capacity];
    }

    /** The header: signature, flags, extension length. */
    void header() {
        bytes(new byte[]{'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        int32(0);
        int32(0);
    }

    void trailer() {
        int16(-1);
    }

    void fields(int count) {
        int16(count);
    }

    byte[] buffer() {
        return buffer;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void value(byte[] value) {
        int32(value.length);
        bytes(value);
    }

    /** A column of free text: encoded each time. */
    void text(String value) {
        if (value == null) {
            int32(-1);
        } else {
            value(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A column of codes: each distinct string encoded once. */
    void code(String value) {
        if (value == null) {
            int32(-1);
            return;
        }
        byte[] bytes = encoded.get(value);
        if (bytes == null) {
            bytes = value.getBytes(StandardCharsets.UTF_8);
            if (encoded.size() < MAX_ENCODED) {
                encoded.put(value, bytes);
            }
        }
        value(bytes);
    }

    void integer(Integer value) {
        if (value == null) {
            int32(-1);
        } else {
            int32(4);
            int32(value);
        }
    }

    /** A date: days since 2000-01-01. */
    void date(LocalDate value) {
        if (value == null) {
            int32(-1);
        } else {
            int32(4);
            int32((int) (value.toEpochDay() - EPOCH_2000));
        }
    }

    /** PostgreSQL's binary numeric: base-10000 digits, weight of the first, sign, display scale 2. */
    void numeric(BigDecimal value) {
        if (value == null) {
            int32(-1);
            return;
        }
        long unscaled = value.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        boolean negative = unscaled < 0;
        unscaled = Math.abs(unscaled);
        long whole = unscaled / 100;
        int fraction = (int) (unscaled % 100) * 100;
        int wholeGroups = 0;
        for (long w = whole; w > 0; w /= 10_000) {
            wholeGroups++;
        }
        long w = whole;
        for (int i = wholeGroups - 1; i >= 0; i--) {
            digits[i] = (short) (w % 10_000);
            w /= 10_000;
        }
        int count = wholeGroups;
        int weight = wholeGroups - 1;
        if (fraction != 0) {
            digits[count++] = (short) fraction;
            if (wholeGroups == 0) {
                weight = -1;
            }
        }
        while (count > 0 && digits[count - 1] == 0) {
            count--;
        }
        if (count == 0) {
            weight = 0;
        }
        int32(8 + 2 * count);
        int16(count);
        int16(weight);
        int16(negative && count > 0 ? 0x4000 : 0);
        int16(2);
        for (int i = 0; i < count; i++) {
            int16(digits[i]);
        }
    }

    private void int16(int v) {
        ensure(2);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
