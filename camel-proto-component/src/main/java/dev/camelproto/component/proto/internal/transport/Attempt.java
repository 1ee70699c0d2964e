package dev.camelproto.component.proto.internal.transport;

import dev.camelproto.component.proto.internal.retry.TransportFailure;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * One attempt of a call on the wire, and the truth about whether it was sent. It is {@link State#WAITING} while
 * HttpClient looks for a pooled connection (and connects); {@link ProtoHttpClient}'s exec interceptor moves it to
 * {@link State#SENDING} at the one point where a connection carries the request, so that every failure is read
 * against what really happened: a failure while waiting is {@link TransportFailure#NOT_SENT} whatever its type. An
 * attempt still waiting when its lease deadline passes ({@link #giveUpIfWaiting}: HttpClient checks its
 * connectionRequestTimeout only when its pool changes) is {@link State#GIVEN_UP}: the interceptor refuses it, so it is
 * never sent late. Its listener hears exactly one outcome.
 */
public final class Attempt implements FutureCallback<SimpleHttpResponse> {

    /** Where an attempt is. */
    public enum State {
        /** Waiting for a pooled connection, or connecting: nothing sent. */
        WAITING,
        /** A connection carries the request: the server may read it. */
        SENDING,
        /** Given up while waiting: it will never be sent. */
        GIVEN_UP,
        /** Answered, failed or cancelled. */
        DONE
    }

    /** Hears how an attempt ended, once; runs on an HttpClient I/O thread or the timer thread: must not block. */
    public interface Listener {
        void answered(Attempt attempt, SimpleHttpResponse response);

        /** {@code sent} says whether a connection may have carried the request before it failed. */
        void failed(Attempt attempt, Exception failure, TransportFailure sent);
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private final Listener listener;
    private final long leaseDeadlineNanos;
    private final long leaseTimeoutMillis;
    /** Once true, stays true: a connection carried (part of) this attempt. */
    private volatile boolean leased;

    private volatile Future<?> wire;

    /**
     * @param leaseDeadlineNanos when to give up waiting for a connection ({@link Long#MAX_VALUE}: never)
     * @param leaseTimeoutMillis the configured connectionRequestTimeout, for the failure's message
     */
    public Attempt(Listener listener, long leaseDeadlineNanos, long leaseTimeoutMillis) {
        this.listener = listener;
        this.leaseDeadlineNanos = leaseDeadlineNanos;
        this.leaseTimeoutMillis = leaseTimeoutMillis;
    }

    /**
     * Called by the {@link Transport} when a connection is about to carry the request (ProtoHttpClient's exec
     * interceptor); false when the attempt was given up or cancelled, and then nothing may be sent.
     */
    public boolean lease() {
        if (state.compareAndSet(State.WAITING, State.SENDING)) {
            leased = true;
            return true;
        }
        return false;
    }

    void onTheWire(Future<?> future) {
        wire = future;
        if (state.get() == State.GIVEN_UP || state.get() == State.DONE) {
            future.cancel(true);
        }
    }

    public State state() {
        return state.get();
    }

    /** Whether a connection may have carried this attempt's request (true from the lease on, for good). */
    public boolean maySendOrHaveSent() {
        return leased;
    }

    /** Gives the attempt up when it still waits for a connection at {@code now} past its lease deadline. */
    public void giveUpIfWaiting(long nowNanos) {
        if (nowNanos - leaseDeadlineNanos >= 0 && leaseDeadlineNanos != Long.MAX_VALUE && giveUp()) {
            listener.failed(this, new PoolTimeoutException(leaseTimeoutMillis), TransportFailure.NOT_SENT);
        }
    }

    /**
     * Gives the attempt up if it has not been leased yet (it will never be sent), else cancels it on the wire; no
     * listener call either way. Returns true when it was given up unsent.
     */
    public boolean cancel() {
        if (giveUp()) {
            return true;
        }
        State was = state.getAndSet(State.DONE);
        if (was == State.SENDING) {
            leased = true; // lease() won its CAS but may not have written leased yet: it is sending
        }
        if (was != State.DONE) {
            Future<?> w = wire;
            if (w != null) {
                w.cancel(true);
            }
        }
        return false;
    }

    private boolean giveUp() {
        if (state.compareAndSet(State.WAITING, State.GIVEN_UP)) {
            Future<?> w = wire;
            if (w != null) {
                w.cancel(true);
            }
            return true;
        }
        return false;
    }

    @Override
    public void completed(SimpleHttpResponse response) {
        if (settle()) {
            listener.answered(this, response);
        }
    }

    @Override
    public void failed(Exception failure) {
        if (settle()) {
            // never leased: nothing was sent, whatever the exception says; leased: its type tells (an exception that
            // cannot even be read counts as sent: the safe side for a POST)
            TransportFailure sent;
            try {
                sent = leased ? TransportFailures.classify(failure) : TransportFailure.NOT_SENT;
            } catch (RuntimeException unreadable) {
                sent = TransportFailure.MAY_HAVE_BEEN_SENT;
            }
            listener.failed(this, failure, sent);
        }
    }

    @Override
    public void cancelled() {
        if (settle()) {
            listener.failed(
                    this,
                    new CancellationException("the HTTP request was cancelled"),
                    leased ? TransportFailure.MAY_HAVE_BEEN_SENT : TransportFailure.NOT_SENT);
        }
    }

    /** Moves to DONE; false when the attempt had already ended (given up, cancelled by the call, answered). */
    private boolean settle() {
        State was = state.getAndSet(State.DONE);
        return was == State.WAITING || was == State.SENDING;
    }
}
