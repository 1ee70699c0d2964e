package dev.camelproto.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed data: {@code {"teamspaces":[{"id","secret","tags":[..],"custom_fields":[{"id"?,"name","type",
 * "select_options"?}],"customers":[{"provided_unique_id","id"?,"name",...,"tags":[..],"custom_fields":{"Plan":"pro"}}]}]}}.
 */
public final class SeedData {

    private final JsonNode root;

    private SeedData(JsonNode root) {
        this.root = root;
    }

    public static SeedData empty() {
        return new SeedData(JsonNodeFactory.instance.objectNode());
    }

    public static SeedData parse(ObjectMapper mapper, InputStream in) throws IOException {
        JsonNode root = mapper.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("seed data must be a JSON object with a \"teamspaces\" array");
        }
        JsonNode ts = root.get("teamspaces");
        if (ts != null && !ts.isArray()) {
            throw new IllegalArgumentException("seed data: \"teamspaces\" must be an array");
        }
        return new SeedData(root);
    }

    /** Teamspace id → secret (null when the seed names none), in order. */
    public Map<String, String> teamspaces() {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : teamspaceNodes()) {
            String id = text(t, "id");
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("seed data: every teamspace needs an \"id\"");
            }
            out.put(id, text(t, "secret"));
        }
        return out;
    }

    private List<JsonNode> teamspaceNodes() {
        List<JsonNode> out = new ArrayList<>();
        JsonNode ts = root.get("teamspaces");
        if (ts != null) {
            ts.forEach(out::add);
        }
        return out;
    }

    /** Clears and re-populates the given teamspaces. */
    public void apply(Map<String, TeamspaceState> states, Ulids ulids) {
        for (TeamspaceState s : states.values()) {
            s.clear();
        }
        for (JsonNode t : teamspaceNodes()) {
            TeamspaceState s = states.get(text(t, "id"));
            for (JsonNode tag : iter(t.get("tags"))) {
                s.addTagToCatalogue(tag.asText());
            }
            for (JsonNode f : iter(t.get("custom_fields"))) {
                String type = text(f, "type");
                if (type == null || !Contract.FIELD_TYPES.contains(type)) {
                    throw new IllegalArgumentException("seed data: bad custom field type in " + f);
                }
                List<String> options = null;
                JsonNode so = f.get("select_options");
                if ("select".equals(type) || (so != null && !so.isNull())) {
                    if (!"select".equals(type)) {
                        throw new IllegalArgumentException("seed data: select_options only for select: " + f);
                    }
                    ApiException.ValidationErrors errors = new ApiException.ValidationErrors();
                    options = so == null ? null : Api.selectOptions(so, errors);
                    if (options == null || !errors.isEmpty()) {
                        throw new IllegalArgumentException("seed data: bad select_options in " + f);
                    }
                }
                String name = text(f, "name");
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("seed data: custom field without name: " + f);
                }
                s.createCustomField(ulids, text(f, "id"), name, type, options);
            }
            for (JsonNode c : iter(t.get("customers"))) {
                String puid = text(c, "provided_unique_id");
                if (puid == null || puid.isEmpty()) {
                    throw new IllegalArgumentException("seed data: customer without provided_unique_id: " + c);
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (String k :
                        List.of("external_customer_id", "name", "location", "email", "phone_number", "avatar")) {
                    if (c.hasNonNull(k)) {
                        values.put(k, c.get(k).asText());
                    }
                }
                s.upsertCustomer(ulids, puid, values);
                if (c.hasNonNull("id")) {
                    s.seedCustomerId(puid, c.get("id").asText());
                }
                List<String> tags = new ArrayList<>();
                iter(c.get("tags")).forEach(x -> tags.add(x.asText()));
                s.seedCustomerTags(puid, tags);
                JsonNode cf = c.get("custom_fields");
                if (cf != null && cf.isObject() && cf.size() > 0) {
                    List<TeamspaceState.FieldValue> items = new ArrayList<>();
                    int i = 0;
                    for (var it = cf.fields(); it.hasNext(); ) {
                        var e = it.next();
                        items.add(new TeamspaceState.FieldValue(i++, null, e.getKey(), e.getValue()));
                    }
                    try {
                        s.addCustomFields(puid, items);
                    } catch (ApiException e) {
                        throw new IllegalArgumentException(
                                "seed data: bad custom_fields of customer " + puid + ": " + e.detail());
                    }
                }
            }
        }
    }

    private static Iterable<JsonNode> iter(JsonNode n) {
        return n == null || !n.isArray() ? List.of() : n;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
