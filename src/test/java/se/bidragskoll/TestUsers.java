package se.bidragskoll;

import io.restassured.RestAssured;
import io.restassured.authentication.AuthenticationScheme;

/** The demo users of the embedded default, and the tests' controller for both seed regions. */
public final class TestUsers {

    public static final String CONTROLLER_JH = "kontroller-jh";
    public static final String CONTROLLER_VM = "kontroller-vm";
    public static final String CONTROLLER_BOTH = "kontroller-jh-vm";
    public static final String STEERING = "styrgrupp";
    public static final String RULE_AUTHOR = "regelforfattare";

    private TestUsers() {
    }

    /** The demo users' password is their name. */
    public static AuthenticationScheme as(String user) {
        return RestAssured.preemptive().basic(user, user);
    }

    /** Every request of the test class as this user unless it says otherwise. */
    public static void actAs(String user) {
        RestAssured.authentication = as(user);
    }
}
