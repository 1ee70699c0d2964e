package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.internal.call.ProtoNeverHangPropertyTest.SoakOnly;
import dev.camelproto.component.proto.testsupport.ChaosServer.DropAfterRead;
import dev.camelproto.component.proto.testsupport.ChaosServer.Move;
import dev.camelproto.component.proto.testsupport.ChaosServer.Oversize;
import dev.camelproto.component.proto.testsupport.ChaosServer.ResetMidBody;
import dev.camelproto.component.proto.testsupport.ChaosServer.Respond;
import dev.camelproto.component.proto.testsupport.ChaosServer.RetryAfterValue;
import dev.camelproto.component.proto.testsupport.ChaosServer.SlowAnswer;
import dev.camelproto.component.proto.testsupport.ChaosServer.Stall;
import dev.camelproto.component.proto.testsupport.NeverHangRun;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Call;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Extras;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Lifecycle;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Observer;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Op;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Options;
import dev.camelproto.component.proto.testsupport.NeverHangRun.RouteCode;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Scenario;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * <b>Every exchange is answered exactly once, within callTimeout + 1 s, and every answer is true</b>, whatever the
 * server does, whatever the route does with its thread after the proto call, and whatever the observers do. Random
 * scenarios over, beside the server's script and the calls of {@link ProtoNeverHangPropertyTest}:
 * <ul>
 * <li><b>route code</b> after the proto call (the exchanges go through {@code direct:} routes): none, CPU work,
 * blocking on a nested {@code proto:} call through a ProducerTemplate, throwing; on 1 to 128 concurrent exchanges;</li>
 * <li><b>observers</b>: a Micrometer registry whose MeterFilter throws for every proto.* meter, a Camel EventNotifier
 * that throws, a thread reading the producer health checks and the component's JMX getters while calls run;</li>
 * <li><b>the server</b>: answers (every status, every Retry-After), reads the whole request then drops, stalls, resets
 * mid-body, answers too large or slowly, and its port closed after 0 to 5 connections (connection refused); and a
 * slow server with 1 or 2 pooled connections (calls that never get a connection).</li>
 * </ul>
 * Invariants: those of {@link NeverHangRun} (once, in time, not on an I/O thread, no POST resent after the server may
 * have acted on it, nothing left on the wire, connections and threads back to baseline, the component still works);
 * for the exchanges through a route, the proto call answers within callTimeout + 1 s and the exchange ends within that
 * plus its route code's own bound; and the {@link TruthOracle}: {@code mayHaveBeenProcessed()} of every failed
 * exchange equals "the server read one of its attempts and did not refuse it", a success was answered 2xx, an HTTP
 * failure carries a status the server gave it.
 * <p>
 * The normal build runs the edge cases first and a few random tries (about half a minute); {@code -Pproperty-soak}
 * runs the {@code soak...} variants with thousands of tries.
 */
class EveryExchangeAnsweredTruthfullyPropertyTest {

    private static final Set<Observer> ALL_OBSERVERS = EnumSet.allOf(Observer.class);

    // ---- examples: the cases the rule was written for, first ----

    /** Issue 20, defects 1 and 2: 128 exchanges whose route code blocks on a nested proto call; all observers throw. */
    @Example
    void routeCodeBlockingOnNestedProtoCallsWithEveryObserverThrowing() throws Exception {
        check(new Scenario(
                List.of(),
                List.of(new Call(Op.GET_CUSTOMER, 64, 0), new Call(Op.CREATE_TICKET, 64, 0)),
                new Options(1, false, 1500, 10, 10, 30_000, 64),
                Lifecycle.NONE,
                new Extras(RouteCode.NESTED, ALL_OBSERVERS, -1, true)));
    }

    /** Issue 20, defect 3: the server reads a POST and resets; every later attempt finds the port closed. */
    @Example
    void aPostTheServerReadThenThePortClosed() throws Exception {
        check(new Scenario(
                List.of(new DropAfterRead()),
                List.of(new Call(Op.CREATE_TICKET, 1, 0), new Call(Op.CREATE_CUSTOMER, 1, 0)),
                new Options(3, true, 1000, 10, 10, 30_000, 64),
                Lifecycle.NONE,
                new Extras(RouteCode.NONE, Set.of(), 2, true)));
    }

    /** Issue 20, defect 4: a slow server, 2 pooled connections, 64 POSTs: those never carried claim nothing. */
    @Example
    void callsThatNeverGetAPooledConnection() throws Exception {
        check(new Scenario(
                List.of(new SlowAnswer(1500), new SlowAnswer(1500)),
                List.of(new Call(Op.CREATE_TICKET, 64, 0)),
                new Options(2, false, 800, 20, 10, 30_000, 2),
                Lifecycle.NONE,
                new Extras(RouteCode.CPU, Set.of(Observer.THROWING_METERS), -1, true)));
    }

    // ---- the properties (normal build: edge cases first, then random) ----

    @Property(tries = 10, edgeCases = EdgeCasesMode.FIRST, shrinking = ShrinkingMode.BOUNDED)
    void everyExchangeAnsweredOnceInTimeAndTruthfully(@ForAll("anything") Scenario scenario) throws Exception {
        check(scenario);
    }

    @Property(tries = 4, edgeCases = EdgeCasesMode.FIRST, shrinking = ShrinkingMode.BOUNDED)
    void callsThatNeverGotAConnectionDoNotClaimToHaveBeenProcessed(@ForAll("poolExhaustion") Scenario scenario)
            throws Exception {
        check(scenario);
    }

    // ---- the same, thousands of tries: -Pproperty-soak ----

    @Property(tries = 1800, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(SoakOnly.class)
    void soakEveryExchangeAnsweredOnceInTimeAndTruthfully(@ForAll("anything") Scenario scenario) throws Exception {
        check(scenario);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(SoakOnly.class)
    void soakCallsThatNeverGotAConnection(@ForAll("poolExhaustion") Scenario scenario) throws Exception {
        check(scenario);
    }

    private static void check(Scenario scenario) throws Exception {
        List<String> violations = NeverHangRun.run(scenario);
        assertThat(violations)
                .as("violations of 'every exchange answered once, in time and truthfully' in%s", scenario)
                .isEmpty();
    }

    // ---- generators ----

    @Provide
    Arbitrary<Scenario> anything() {
        return Combinators.combine(
                        truthMove().list().ofMaxSize(10),
                        calls(Arbitraries.integers().between(0, 200)),
                        ProtoNeverHangPropertyTest.options(),
                        Arbitraries.just(Lifecycle.NONE),
                        extras())
                .as(Scenario::new);
    }

    @Provide
    Arbitrary<Scenario> poolExhaustion() {
        Arbitrary<List<Move>> slow = Arbitraries.integers()
                .between(300, 1500)
                .map(SlowAnswer::new)
                .map(m -> (Move) m)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
        Arbitrary<Options> options = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(false, true),
                        Arbitraries.of(300, 500, 800, 1000),
                        Arbitraries.of(1, 1, 2))
                .as((retries, nonIdempotent, callTimeout, connections) ->
                        new Options(retries, nonIdempotent, callTimeout, 20, 10, 30_000, connections));
        Arbitrary<List<Call>> calls = Combinators.combine(
                        truthOps(),
                        Arbitraries.integers().between(8, 128),
                        Arbitraries.integers().between(0, 50))
                .as(Call::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .filter(l -> l.stream().mapToInt(Call::copies).sum() <= 128);
        Arbitrary<Extras> extras = Combinators.combine(
                        Arbitraries.of(RouteCode.class), Arbitraries.subsetOf(Observer.values()))
                .as((code, observers) -> new Extras(code, observers, -1, true));
        return Combinators.combine(slow, calls, options, Arbitraries.just(Lifecycle.NONE), extras)
                .as(Scenario::new);
    }

    static Arbitrary<Extras> extras() {
        Arbitrary<Integer> closePort =
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.of(0, 1, 2, 5)));
        return Combinators.combine(Arbitraries.of(RouteCode.class), Arbitraries.subsetOf(Observer.values()), closePort)
                .as((code, observers, port) -> new Extras(code, observers, port, true));
    }

    /** The operations whose requests carry the exchange's marker (customField/list and the upsert do not). */
    static Arbitrary<Op> truthOps() {
        return Arbitraries.of(
                Op.GET_CUSTOMER, Op.CREATE_CUSTOMER, Op.ADD_TAGS, Op.DELETE_FIELD, Op.CREATE_TICKET, Op.CREATE_FIELD);
    }

    /** 1 to 128 exchanges in all, in one to three groups. */
    static Arbitrary<List<Call>> calls(Arbitrary<Integer> at) {
        Arbitrary<Integer> copies = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(1)),
                Tuple.of(3, Arbitraries.integers().between(2, 16)),
                Tuple.of(2, Arbitraries.integers().between(17, 64)),
                Tuple.of(1, Arbitraries.integers().between(65, 128)));
        return Combinators.combine(truthOps(), copies, at)
                .as(Call::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .filter(l -> l.stream().mapToInt(Call::copies).sum() <= 128);
    }

    /** Moves after which "a connection carried the request" means "the server read it" (no drop before reading). */
    static Arbitrary<Move> truthMove() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, ProtoNeverHangPropertyTest.respond()),
                Tuple.of(1, Arbitraries.just(new DropAfterRead())),
                Tuple.of(1, Arbitraries.just(new Stall())),
                Tuple.of(1, Arbitraries.just(new ResetMidBody())),
                Tuple.of(1, Arbitraries.just(new Oversize())),
                Tuple.of(1, Arbitraries.integers().between(50, 1500).map(SlowAnswer::new)));
    }

    static Move ok() {
        return new Respond(200, RetryAfterValue.ABSENT);
    }
}
