package dev.camelproto.examples.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.camelproto.simulator.ProtoSimulator;
import java.time.Duration;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The application started with a takeover secret the simulator rejects: readiness is DOWN, liveness stays UP. */
@QuarkusTest
@WithTestResource(value = ProtoSimulatorResource.class,
        initArgs = @ResourceArg(name = ProtoSimulatorResource.APP_SECRET, value = ProtoHealthDownTest.WRONG_SECRET))
class ProtoHealthDownTest {

    static final String WRONG_SECRET = "not-the-teamspace-secret";

    @InjectProtoSimulator
    ProtoSimulator simulator;

    @Test
    void readinessIsDownWhenTheSecretIsRejected() {
        // the check reports "unknown" (UP to Quarkus) until its first probe is answered: on a busy machine that can
        // take longer than the check's own short wait, so the test waits for the probe's verdict, not a fixed time
        await("the first readiness probe answered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 503);
        String body = given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'camel-producers' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'camel-producers' }.data.'http.status.code'", equalTo("401"))
                .body("checks.find { it.name == 'camel-producers' }.data.'subcompany.id'",
                        equalTo(simulator.subcompanyId()))
                .extract().asString();
        assertThat(body).doesNotContain(WRONG_SECRET);

        // the probe reached the simulator with the configured (wrong) secret and was refused
        assertThat(simulator.journal()).filteredOn(r -> "customField/list".equals(r.route())).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.header("Authorization")).isEqualTo("Bearer " + WRONG_SECRET);
                });

        // not a liveness check: a rejected secret is no reason to restart the process
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
