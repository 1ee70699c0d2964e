package dev.camelproto.component.proto.testsupport;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponentStoppedException;
import dev.camelproto.component.proto.ProtoResponseTooLargeException;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ChaosServer.Arrival;
import dev.camelproto.component.proto.testsupport.ChaosServer.Oversize;
import dev.camelproto.component.proto.testsupport.ChaosServer.Respond;
import dev.camelproto.component.proto.testsupport.ChaosServer.SlowAnswer;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Op;
import dev.camelproto.component.proto.testsupport.NeverHangRun.RouteCodeFailure;
import dev.camelproto.component.proto.testsupport.NeverHangRun.Tracked;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The truth oracle: every exchange's answer is checked against the {@link ChaosServer}'s record of the requests it
 * read (each exchange carries a unique marker in its path or body, see {@link NeverHangRun#marker}) and of how it
 * answered each one.
 * <ul>
 * <li>a {@link ProtoTransportException}'s {@code mayHaveBeenProcessed()} is true exactly when the server read one of
 * the exchange's attempts and did not refuse it (429, 503 with Retry-After), or refused it but the call timed out or lost
 * the connection before that refusal could arrive (then the client cannot know). The other tolerance: an attempt a connection
 * carried but the server never finished reading (the client gave it up as it was being written) rightly says "may have
 * been processed" with no record at the server; so the claims of true without a read may number at most the
 * connections on which the server read no complete request (and those reset in its backlog when the script closed its
 * port: the client connected and wrote, the server never accepted);</li>
 * <li>a success was answered 2xx by the server (or a DELETE's 404 after an attempt that may have deleted it);</li>
 * <li>an HTTP failure carries a status the server answered to that exchange.</li>
 * </ul>
 * The scenarios it is used with have no "drop before reading" move, so that "a connection carried the request" and
 * "the server read it" coincide but for that race.
 */
final class TruthOracle {

    private TruthOracle() {}

    static List<String> check(List<Tracked> exchanges, ChaosServer server) {
        List<Arrival> arrivals = server.arrivals();
        List<String> violations = new ArrayList<>();
        List<String> claimedUnread = new ArrayList<>();
        for (Tracked t : exchanges) {
            if (t.callbacks.get() == 0) {
                continue; // reported as a hang already
            }
            List<Arrival> mine = arrivals.stream().filter(a -> carries(a, t.id)).toList();
            Exchange e = t.exchange;
            Exception failure = e.getException();
            boolean protoAnswered = t.protoAnsweredAt != 0 || failure instanceof RouteCodeFailure;
            if (failure instanceof ProtoTransportException p) {
                boolean processed = mine.stream().anyMatch(a -> a.move().processes());
                if (p.mayHaveBeenProcessed() && !processed && !mine.isEmpty() && refusalMayNotHaveArrived(p)) {
                    // the server read it and refused it (429, 503 + Retry-After), but the call timed out or lost the
                    // connection before that answer arrived: from the client's side it may have been processed
                } else if (p.mayHaveBeenProcessed() && !processed) {
                    claimedUnread.add(t + " " + describe(p, mine));
                } else if (!p.mayHaveBeenProcessed() && processed) {
                    violations.add(t + ": mayHaveBeenProcessed()=false although the server read and did not refuse "
                            + "an attempt: " + describe(p, mine));
                }
            } else if (failure instanceof HttpOperationFailedException h) {
                boolean answered = h instanceof ProtoResponseTooLargeException
                        ? mine.stream().anyMatch(a -> a.move() instanceof Oversize)
                        : mine.stream().anyMatch(a -> a.move() instanceof Respond r && r.status() == h.getStatusCode());
                if (!answered) {
                    violations.add(t + ": failed with HTTP " + h.getStatusCode() + " the server never answered to it; "
                            + "server's record: " + mine);
                }
            } else if (failure == null || failure instanceof RouteCodeFailure && protoAnswered) {
                boolean ok = mine.stream()
                        .anyMatch(a -> a.move() instanceof SlowAnswer
                                || a.move() instanceof Respond r
                                        && (r.status() < 300 || r.status() == 404 && t.call.op() == Op.DELETE_FIELD));
                if (!ok) {
                    violations.add(t + ": succeeded although the server answered it no 2xx; server's record: " + mine);
                }
            }
        }
        // closing a listening port resets the connections the kernel had queued in its backlog: connected and
        // written to by the client (so rightly "may have been processed"), never accepted by the server (which
        // cannot count them); the exception names only the call's last failure (often a later connection refused),
        // so with the port closed by the script a claim of true on an exchange the server has no record of is
        // ambiguous, not false (the other direction, "read, yet claims false", stays strict)
        int backlogResets = server.portClosedByScript()
                ? (int) claimedUnread.stream()
                        .filter(c -> c.endsWith("server's record of its attempts: []"))
                        .count()
                : 0;
        int unread = server.unreadConnections() + backlogResets;
        if (claimedUnread.size() > unread) {
            violations.add(claimedUnread.size() + " exchange(s) claim mayHaveBeenProcessed()=true although the server"
                    + " read none of their attempts without refusing it, more than the " + unread
                    + " connection(s) on which it read no complete request (" + backlogResets
                    + " reset in a closed port's backlog): "
                    + claimedUnread.subList(0, Math.min(5, claimedUnread.size())));
        }
        return violations;
    }

    /** The call ended without an answer to its last attempt on the wire: a refusal may never have reached it. */
    private static boolean refusalMayNotHaveArrived(ProtoTransportException p) {
        return p instanceof ProtoCallTimeoutException
                || p instanceof ProtoComponentStoppedException
                || p.getCause() instanceof IOException;
    }

    private static boolean carries(Arrival a, String marker) {
        return a.path().contains(marker) || a.body() != null && a.body().contains(marker);
    }

    private static String describe(ProtoTransportException p, List<Arrival> mine) {
        return p.getClass().getSimpleName() + " [attempts=" + p.getAttempts() + "] " + p.getMessage()
                + "; server's record of its attempts: " + mine;
    }
}
