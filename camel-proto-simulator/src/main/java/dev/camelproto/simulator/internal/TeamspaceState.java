package dev.camelproto.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelproto.simulator.CustomFieldDefinition;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state of one teamspace. Every method that touches state is {@code synchronized} on this object. */
public final class TeamspaceState {

    static final class CustomerRec {
        String id;
        String providedUniqueId;
        String externalCustomerId;
        String name;
        String location;
        String email;
        String phoneNumber;
        String avatar;
        final LinkedHashSet<String> tags = new LinkedHashSet<>();
        /** field id → value */
        final Map<String, JsonNode> values = new HashMap<>();
    }

    record FieldRec(String id, String name, String type, List<String> options) {}

    /** One element of add-custom-fields, already structurally validated. */
    record FieldValue(int index, String id, String name, JsonNode value) {}

    private final String id;
    private final byte[] secret;
    private final ObjectMapper mapper;
    private final LinkedHashMap<String, CustomerRec> customers = new LinkedHashMap<>(); // by provided_unique_id
    private final LinkedHashMap<String, FieldRec> fields = new LinkedHashMap<>(); // by id
    private final LinkedHashSet<String> tags = new LinkedHashSet<>();
    private final List<Ticket> tickets = new ArrayList<>();

    public TeamspaceState(String id, String secret, ObjectMapper mapper) {
        this.id = id;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.mapper = mapper;
    }

    public String id() {
        return id;
    }

    public String secret() {
        return new String(secret, StandardCharsets.UTF_8);
    }

    /** Constant-time comparison of a presented secret. */
    public boolean secretMatches(String presented) {
        return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void clear() {
        customers.clear();
        fields.clear();
        tags.clear();
        tickets.clear();
        listCache = null;
    }

    // ---------------------------------------------------------------- tickets

    public synchronized String createTicket(
            Ulids ulids,
            String subject,
            String customerId,
            String providedUniqueId,
            String externalCustomerId,
            String gatewayProfileId,
            Map<String, Object> body) {
        String resolved = null;
        if (customerId != null) {
            resolved = customers.values().stream()
                    .filter(c -> c.id.equals(customerId))
                    .findFirst()
                    .orElseThrow(() -> ApiException.notFound("Customer not found: customer_id " + customerId))
                    .id;
        }
        if (providedUniqueId != null) {
            CustomerRec c = customers.get(providedUniqueId);
            if (c == null) {
                throw ApiException.notFound("Customer not found: provided_unique_id " + providedUniqueId);
            }
            resolved = checkSame(resolved, c.id);
        }
        if (externalCustomerId != null) {
            CustomerRec c = customers.values().stream()
                    .filter(x -> externalCustomerId.equals(x.externalCustomerId))
                    .findFirst()
                    .orElseThrow(() ->
                            ApiException.notFound("Customer not found: external_customer_id " + externalCustomerId));
            resolved = checkSame(resolved, c.id);
        }
        String ticketId = ulids.next();
        tickets.add(new Ticket(
                ticketId,
                subject,
                resolved,
                providedUniqueId,
                externalCustomerId,
                gatewayProfileId,
                Collections.unmodifiableMap(body)));
        return ticketId;
    }

    private static String checkSame(String resolved, String candidate) {
        if (resolved != null && !resolved.equals(candidate)) {
            throw ApiException.invalid(
                    "value_error", "Value error, the customer identifiers name different customers", "body");
        }
        return candidate;
    }

    // ---------------------------------------------------------------- customers

    public synchronized ObjectNode getCustomer(String providedUniqueId) {
        return customerJson(requireCustomer(providedUniqueId));
    }

    /** Upsert: only keys present in {@code values} are changed (a JSON null clears). */
    public synchronized ObjectNode upsertCustomer(Ulids ulids, String providedUniqueId, Map<String, String> values) {
        CustomerRec c = customers.get(providedUniqueId);
        if (c == null) {
            c = new CustomerRec();
            c.id = ulids.next();
            c.providedUniqueId = providedUniqueId;
            customers.put(providedUniqueId, c);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "external_customer_id" -> c.externalCustomerId = v;
                case "name" -> c.name = v;
                case "location" -> c.location = v;
                case "email" -> c.email = v;
                case "phone_number" -> c.phoneNumber = v;
                case "avatar" -> c.avatar = v;
                default -> throw new IllegalArgumentException(e.getKey());
            }
        }
        return customerJson(c);
    }

    public synchronized ObjectNode addTags(String providedUniqueId, List<String> names, boolean createIfNotExists) {
        CustomerRec c = requireCustomer(providedUniqueId);
        if (!createIfNotExists) {
            for (String t : names) {
                if (!tags.contains(t)) {
                    throw ApiException.notFound("Tag not found: " + t);
                }
            }
        }
        for (String t : names) {
            tags.add(t);
            c.tags.add(t);
        }
        return customerJson(c);
    }

    public synchronized ObjectNode addCustomFields(String providedUniqueId, List<FieldValue> items) {
        CustomerRec c = requireCustomer(providedUniqueId);
        List<FieldRec> resolved = new ArrayList<>();
        for (FieldValue fv : items) {
            FieldRec f = fv.id() != null ? fields.get(fv.id()) : fieldByName(fv.name());
            if (f == null) {
                throw ApiException.notFound(
                        fv.id() != null
                                ? "Custom field not found: id " + fv.id()
                                : "Custom field not found: name " + fv.name());
            }
            resolved.add(f);
        }
        ApiException.ValidationErrors errors = new ApiException.ValidationErrors();
        for (int i = 0; i < items.size(); i++) {
            FieldValue fv = items.get(i);
            String problem = FieldTypes.check(resolved.get(i), fv.value());
            if (problem != null) {
                errors.add(
                        FieldTypes.errorType(resolved.get(i)), problem, "body", "custom_fields", fv.index(), "value");
            }
        }
        errors.throwIfAny();
        for (int i = 0; i < items.size(); i++) {
            JsonNode v = items.get(i).value();
            if (v == null || v.isNull()) {
                c.values.remove(resolved.get(i).id());
            } else {
                c.values.put(resolved.get(i).id(), v);
            }
        }
        ObjectNode out = mapper.createObjectNode();
        ArrayNode arr = out.putArray("custom_fields");
        for (FieldRec f : fields.values()) {
            JsonNode v = c.values.get(f.id());
            if (v != null) {
                arr.addObject().put("id", f.id()).put("name", f.name()).set("value", v);
            }
        }
        return out;
    }

    private CustomerRec requireCustomer(String providedUniqueId) {
        CustomerRec c = customers.get(providedUniqueId);
        if (c == null) {
            throw ApiException.notFound(Contract.MSG_CUSTOMER_NOT_FOUND);
        }
        return c;
    }

    private FieldRec fieldByName(String name) {
        for (FieldRec f : fields.values()) {
            if (Contract.sameFieldName(f.name(), name)) {
                return f;
            }
        }
        return null;
    }

    private ObjectNode customerJson(CustomerRec c) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", c.id);
        n.put("external_customer_id", c.externalCustomerId);
        n.put("name", c.name);
        n.put("location", c.location);
        n.put("email", c.email);
        n.put("phone_number", c.phoneNumber);
        n.put("avatar", c.avatar);
        n.put("provided_unique_id", c.providedUniqueId);
        ArrayNode t = n.putArray("tags");
        c.tags.forEach(t::add);
        return n;
    }

    // ---------------------------------------------------------------- custom fields

    /** Serialized list, cached until the next create/delete/clear (lock-free read on the hot path). */
    private volatile byte[] listCache;

    public byte[] listCustomFieldsJson() throws java.io.IOException {
        byte[] cached = listCache;
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            if (listCache == null) {
                ArrayNode arr = mapper.createArrayNode();
                for (FieldRec f : fields.values()) {
                    arr.add(fieldJson(f));
                }
                listCache = mapper.writeValueAsBytes(arr);
            }
            return listCache;
        }
    }

    public synchronized ObjectNode createCustomField(
            Ulids ulids, String fieldId, String name, String type, List<String> options) {
        if (fieldByName(name) != null) {
            throw new ApiException(Contract.DUPLICATE_FIELD_STATUS, "Custom field already exists: " + name);
        }
        FieldRec f = new FieldRec(fieldId != null ? fieldId : ulids.next(), name, type, options);
        fields.put(f.id(), f);
        listCache = null;
        return fieldJson(f);
    }

    public synchronized ObjectNode deleteCustomField(String fieldId) {
        FieldRec f = fields.remove(fieldId);
        if (f == null) {
            throw ApiException.notFound("Custom field not found: id " + fieldId);
        }
        listCache = null;
        for (CustomerRec c : customers.values()) {
            c.values.remove(fieldId);
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("id", fieldId);
        out.put("deleted", true);
        return out;
    }

    private ObjectNode fieldJson(FieldRec f) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", f.id());
        n.put("name", f.name());
        n.put("type", f.type());
        if (f.options() != null) {
            ArrayNode o = n.putArray("select_options");
            f.options().forEach(o::add);
        }
        return n;
    }

    // ---------------------------------------------------------------- seed helpers

    public synchronized void addTagToCatalogue(String tag) {
        tags.add(tag);
    }

    public synchronized void seedCustomerTags(String providedUniqueId, List<String> names) {
        CustomerRec c = requireCustomer(providedUniqueId);
        tags.addAll(names);
        c.tags.addAll(names);
    }

    public synchronized void seedCustomerId(String providedUniqueId, String customerId) {
        requireCustomer(providedUniqueId).id = customerId;
    }

    // ---------------------------------------------------------------- snapshot

    public synchronized Snapshot snapshot() {
        List<Customer> cs = new ArrayList<>(customers.size());
        for (CustomerRec c : customers.values()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (FieldRec f : fields.values()) {
                JsonNode v = c.values.get(f.id());
                if (v != null) {
                    values.put(f.name(), toJava(v));
                }
            }
            cs.add(new Customer(
                    c.id,
                    c.providedUniqueId,
                    c.externalCustomerId,
                    c.name,
                    c.email,
                    c.phoneNumber,
                    c.location,
                    c.avatar,
                    Collections.unmodifiableSet(new LinkedHashSet<>(c.tags)),
                    Collections.unmodifiableMap(values)));
        }
        List<CustomFieldDefinition> fs = new ArrayList<>();
        for (FieldRec f : fields.values()) {
            fs.add(new CustomFieldDefinition(f.id(), f.name(), f.type(), f.options()));
        }
        Set<String> ts = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        return new Snapshot(id, List.copyOf(cs), List.copyOf(fs), ts, List.copyOf(tickets));
    }

    static Object toJava(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.toString();
    }
}
