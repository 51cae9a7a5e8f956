package se.bidragskoll;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed example dossiers shipped with the tests. */
public final class Fixtures {

    public static final String JAMTLAND = "examples/jamtland-patientmiljarden-2018.json";
    public static final String VASTMANLAND = "examples/vastmanland-tillagg-2018.json";

    private Fixtures() {
    }

    /** The bytes of a test resource, e.g. {@code ledgers/raindance-utf8-bom.csv}. */
    public static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
