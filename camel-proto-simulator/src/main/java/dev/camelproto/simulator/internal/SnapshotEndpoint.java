package dev.camelproto.simulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.simulator.Counters;
import dev.camelproto.simulator.CustomFieldDefinition;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The read-only inspection endpoint {@code GET /_simulator/teamspaces/{subcompany_id}/snapshot}, served beside the
 * API prefix (never under it), for black-box tests that see the simulator only over HTTP. It answers only to the
 * teamspace's own secret as the bearer: no or a malformed {@code Authorization}, an unknown teamspace or a wrong
 * secret → 401; the secret of ANOTHER teamspace of this simulator → 403. Not subject to fault injection and not in
 * the journal or the counters (inspecting must not change what a test counts).
 */
public final class SnapshotEndpoint {

    /** The path prefix of the inspection endpoints. */
    public static final String PREFIX = "/_simulator/";

    private final ObjectMapper mapper;
    private final Map<String, TeamspaceState> teamspaces;
    private final Supplier<Counters> counters;

    public SnapshotEndpoint(ObjectMapper mapper, Map<String, TeamspaceState> teamspaces, Supplier<Counters> counters) {
        this.mapper = mapper;
        this.teamspaces = teamspaces;
        this.counters = counters;
    }

    /** Whether the decoded path is one of ours (then {@link #handle} answers it). */
    public static boolean matches(String decodedPath) {
        return decodedPath.startsWith(PREFIX);
    }

    public Api.Response handle(String method, String decodedPath, String authorization) throws JsonProcessingException {
        List<String> segments = Routes.splitSegments(decodedPath.substring(PREFIX.length() - 1));
        if (segments.size() != 3
                || !segments.get(0).equals("teamspaces")
                || !segments.get(2).equals("snapshot")
                || segments.get(1).isEmpty()) {
            return error(404, Contract.MSG_NOT_FOUND, Map.of());
        }
        if (!"GET".equals(method)) {
            return error(405, Contract.MSG_METHOD_NOT_ALLOWED, Map.of("Allow", "GET"));
        }
        String token = bearer(authorization);
        TeamspaceState ts = teamspaces.get(segments.get(1));
        if (token == null || ts == null) {
            return error(401, Contract.MSG_UNAUTHORIZED, Map.of("WWW-Authenticate", "Bearer"));
        }
        if (!ts.secretMatches(token)) {
            boolean otherTeamspace = teamspaces.values().stream().anyMatch(o -> o != ts && o.secretMatches(token));
            return otherTeamspace
                    ? error(403, "This secret belongs to another teamspace", Map.of())
                    : error(401, Contract.MSG_UNAUTHORIZED, Map.of("WWW-Authenticate", "Bearer"));
        }
        return new Api.Response(200, mapper.writeValueAsBytes(json(ts.snapshot(), counters.get())), Map.of());
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = a.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private Api.Response error(int status, String detail, Map<String, String> headers) throws JsonProcessingException {
        return new Api.Response(status, mapper.writeValueAsBytes(Map.of("detail", detail)), headers);
    }

    /** The snapshot in the API's snake_case field names. */
    static Map<String, Object> json(Snapshot s, Counters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subcompany_id", s.subcompanyId());
        List<Map<String, Object>> customers = new ArrayList<>();
        for (Customer cu : s.customers()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", cu.id());
            x.put("provided_unique_id", cu.providedUniqueId());
            x.put("external_customer_id", cu.externalCustomerId());
            x.put("name", cu.name());
            x.put("email", cu.email());
            x.put("phone_number", cu.phoneNumber());
            x.put("location", cu.location());
            x.put("avatar", cu.avatar());
            x.put("tags", List.copyOf(cu.tags()));
            x.put("custom_fields", cu.customFields());
            customers.add(x);
        }
        m.put("customers", customers);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (CustomFieldDefinition f : s.customFields()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", f.id());
            x.put("name", f.name());
            x.put("type", f.type());
            if (f.selectOptions() != null) {
                x.put("select_options", f.selectOptions());
            }
            fields.add(x);
        }
        m.put("custom_fields", fields);
        m.put("tags", List.copyOf(s.tags()));
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (Ticket t : s.tickets()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", t.id());
            x.put("subject", t.subject());
            x.put("customer_id", t.customerId());
            x.put("provided_unique_id", t.providedUniqueId());
            x.put("external_customer_id", t.externalCustomerId());
            x.put("gateway_profile_id", t.gatewayProfileId());
            tickets.add(x);
        }
        m.put("tickets", tickets);
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", c.total());
        requests.put("by_route", new TreeMap<>(c.byRoute()));
        m.put("simulator_requests", requests);
        return m;
    }
}
