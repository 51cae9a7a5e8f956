package se.bidragskoll.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written UTF-8 check says what the JDK's strict decoder says, byte sequence by byte sequence. */
class Utf8CheckTest {

    @Test
    void shouldAgreeWithTheJdkDecoder() {
        byte[][] cases = {
                "Östersund; åäö € 𝄞".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xC0, (byte) 0x80}, // overlong NUL
                {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // surrogate
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                {(byte) 0xC3}, // cut short
                {(byte) 0xC3, '\n'}, // a line break inside a character
                {(byte) 0xE9, 'a'}, // Windows-1252 é
                {(byte) 0xF0, (byte) 0x9D, (byte) 0x84, (byte) 0x9E},
        };
        for (byte[] bytes : cases) {
            assertEquals(jdk(bytes), check(bytes), () -> java.util.HexFormat.of().formatHex(bytes));
        }
        Random random = new Random(20);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x100));
            }
            assertEquals(jdk(bytes), check(bytes), () -> java.util.HexFormat.of().formatHex(bytes));
        }
    }

    private static boolean check(byte[] bytes) {
        Utf8Check check = new Utf8Check();
        for (byte b : bytes) {
            check.accept(b & 0xFF);
        }
        return check.valid();
    }

    private static boolean jdk(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
