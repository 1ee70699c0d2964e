package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.testsupport.ChaosServer.DropAfterRead;
import dev.camelproto.component.proto.testsupport.ChaosServer.DropBeforeRead;
import dev.camelproto.component.proto.testsupport.ChaosServer.Move;
import dev.camelproto.component.proto.testsupport.ChaosServer.Oversize;
import dev.camelproto.component.proto.testsupport.ChaosServer.ResetMidBody;
import dev.camelproto.component.proto.testsupport.ChaosServer.Respond;
import dev.camelproto.component.proto.testsupport.ChaosServer.RetryAfterValue;
import dev.camelproto.component.proto.testsupport.ChaosServer.Stall;
import dev.camelproto.component.proto.testsupport.NeverHangRun;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Call;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Lifecycle;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Op;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Options;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Scenario;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The invariant of issue 14, checked on random scripts of server behaviour: <b>every exchange's callback runs exactly
 * once, within callTimeout + 1 s, whatever the server does and however many calls wait; no POST reaches the server
 * twice (after the server may have acted on it) without retryNonIdempotent; after the run, the component's own
 * threads and open connections are back to their baseline</b>; and the component still works afterwards.
 * <p>
 * The normal test command runs the edge cases first and 38 tries in all (12, 12, 8 and 6; each try lasts about one
 * callTimeout: 300 to 1,500 ms), a few seconds each; the {@code property-soak} Maven profile ({@code -Pproperty-soak})
 * runs the {@code soak...} variants with a thousand tries each. The route code, observer and truth dimensions are in
 * {@link EveryExchangeAnsweredTruthfullyPropertyTest}. A failure prints the shrunk (minimal) scenario: options, calls, the server's move per
 * connection, and the stop/start.
 */
class ProtoNeverHangPropertyTest {

    /** Runs a property only with -Dproto.propertySoak=true (set by the property-soak profile). */
    static final class SoakOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Boolean.getBoolean("proto.propertySoak")
                    ? SkipResult.doNotSkip()
                    : SkipResult.skip("soak run: mvn verify -Pproperty-soak");
        }
    }

    // ---- the properties (normal test command) ----

    @Property(tries = 12, edgeCases = EdgeCasesMode.FIRST)
    void answeredOnceWithinCallTimeoutWhateverTheStatusAndRetryAfter(@ForAll("statusScripts") Scenario scenario)
            throws Exception {
        check(scenario);
    }

    @Property(tries = 12, edgeCases = EdgeCasesMode.FIRST)
    void answeredOnceWithinCallTimeoutWhateverTheTransportDoes(@ForAll("anyServer") Scenario scenario)
            throws Exception {
        check(scenario);
    }

    @Property(tries = 8, edgeCases = EdgeCasesMode.FIRST)
    void stopAndStartMidRunAnswersEveryExchangeAndLeavesAWorkingComponent(@ForAll("stopStart") Scenario scenario)
            throws Exception {
        check(scenario);
    }

    /**
     * customer/upsert is one exchange of up to three calls: callTimeout bounds the exchange ("the total time one
     * exchange may take"), not each of its calls.
     */
    @Property(tries = 6, edgeCases = EdgeCasesMode.FIRST)
    void anUpsertIsAnsweredWithinOneCallTimeout(@ForAll("upserts") Scenario scenario) throws Exception {
        check(scenario);
    }

    /** The upsert case the random search finds rarely: each of its three calls retries once after a 1 s 503. */
    @Example
    void anUpsertWhoseEveryCallRetriesOnceIsStillAnsweredWithinOneCallTimeout() throws Exception {
        Move busy = new Respond(503, RetryAfterValue.ONE);
        Move ok = new Respond(200, RetryAfterValue.ABSENT);
        check(new Scenario(
                List.of(busy, ok, busy, ok, busy, ok),
                List.of(new Call(Op.UPSERT, 1, 0)),
                new Options(1, false, 1500, 10, 10, 30_000, 64),
                Lifecycle.NONE));
    }

    // ---- the same, a thousand tries each: -Pproperty-soak ----

    @Property(tries = 1000)
    @AddLifecycleHook(SoakOnly.class)
    void soakStatusAndRetryAfter(@ForAll("statusScripts") Scenario scenario) throws Exception {
        check(scenario);
    }

    @Property(tries = 1000)
    @AddLifecycleHook(SoakOnly.class)
    void soakTransport(@ForAll("anyServer") Scenario scenario) throws Exception {
        check(scenario);
    }

    @Property(tries = 1000)
    @AddLifecycleHook(SoakOnly.class)
    void soakStopStart(@ForAll("stopStart") Scenario scenario) throws Exception {
        check(scenario);
    }

    @Property(tries = 1000)
    @AddLifecycleHook(SoakOnly.class)
    void soakUpsert(@ForAll("upserts") Scenario scenario) throws Exception {
        check(scenario);
    }

    private static void check(Scenario scenario) throws Exception {
        List<String> violations = NeverHangRun.run(scenario);
        assertThat(violations)
                .as("violations of the never-a-hang invariant in%s", scenario)
                .isEmpty();
    }

    // ---- generators ----

    @Provide
    Arbitrary<Scenario> statusScripts() {
        return scenarios(respond().list().ofMaxSize(10), Arbitraries.just(Lifecycle.NONE));
    }

    @Provide
    Arbitrary<Scenario> anyServer() {
        return scenarios(anyMove().list().ofMaxSize(10), Arbitraries.just(Lifecycle.NONE));
    }

    @Provide
    Arbitrary<Scenario> stopStart() {
        Arbitrary<Lifecycle> lifecycle = Combinators.combine(
                        Arbitraries.of(Lifecycle.Kind.COMPONENT, Lifecycle.Kind.CONTEXT),
                        Arbitraries.integers().between(0, 1000))
                .as(Lifecycle::new);
        return scenarios(anyMove().list().ofMaxSize(10), lifecycle);
    }

    @Provide
    Arbitrary<Scenario> upserts() {
        return Combinators.combine(
                        anyMove().list().ofMaxSize(10),
                        calls(Arbitraries.just(Op.UPSERT)),
                        options(),
                        Arbitraries.just(Lifecycle.NONE))
                .as(Scenario::new);
    }

    static Arbitrary<Scenario> scenarios(Arbitrary<List<Move>> script, Arbitrary<Lifecycle> lifecycle) {
        // every operation but the multi-call upsert, which has its own property
        Arbitrary<Op> singleCalls = Arbitraries.of(Op.class).filter(op -> op != Op.UPSERT);
        return Combinators.combine(script, calls(singleCalls), options(), lifecycle)
                .as(Scenario::new);
    }

    static Arbitrary<Move> respond() {
        Arbitrary<Integer> status = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(200, 201, 204)),
                Tuple.of(2, Arbitraries.of(400, 401, 403, 404, 405, 409, 422, 500)),
                Tuple.of(3, Arbitraries.just(429)),
                Tuple.of(3, Arbitraries.of(502, 503, 504)));
        return Combinators.combine(status, Arbitraries.of(RetryAfterValue.class))
                .as(Respond::new);
    }

    static Arbitrary<Move> anyMove() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, respond()),
                Tuple.of(1, Arbitraries.just(new DropBeforeRead())),
                Tuple.of(1, Arbitraries.just(new DropAfterRead())),
                Tuple.of(1, Arbitraries.just(new Stall())),
                Tuple.of(1, Arbitraries.just(new ResetMidBody())),
                Tuple.of(1, Arbitraries.just(new Oversize())));
    }

    static Arbitrary<List<Call>> calls(Arbitrary<Op> ops) {
        Arbitrary<Integer> copies = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(1)),
                Tuple.of(3, Arbitraries.integers().between(2, 8)),
                Tuple.of(1, Arbitraries.integers().between(9, 40)));
        return Combinators.combine(ops, copies, Arbitraries.integers().between(0, 200))
                .as(Call::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    static Arbitrary<Options> options() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of(false, true),
                        Arbitraries.of(300, 500, 800, 1000, 1500),
                        Arbitraries.integers().between(1, 20),
                        Arbitraries.integers().between(0, 100),
                        Arbitraries.of(30_000, 0, 500, 2_000),
                        Arbitraries.of(64, 1, 2, 4))
                .as(Options::new);
    }
}
