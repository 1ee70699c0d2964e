package dev.camelproto.component.proto.docs;

import dev.camelproto.component.proto.JdbcTicketJournal;
import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConfiguration;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every complete route of the docs ({@code docs/*.md}, the READMEs) is run here against the simulator, so the
 * examples cannot rot. A route block is marked by {@code <!-- snippet:NAME -->} on the line before its fence; YAML and
 * XML blocks are loaded as they are, a Java block must be a verbatim copy of a route in this file. A fenced block
 * holding a route ({@code from:}, {@code from(}, {@code <route}, {@code <from}) without a marker fails the build.
 */
class DocsSnippetsTest {

    private static final List<Path> DOCS = List.of(Path.of("..", "README.md"), Path.of("..", "camel-proto-starter",
            "README.md"));
    private static final Path DOCS_DIR = Path.of("..", "docs");
    private static final Path SELF = Path.of("src", "test", "java", "dev", "camelproto", "component", "proto", "docs",
            "DocsSnippetsTest.java");
    private static final Pattern FENCE = Pattern.compile(
            "(?:<!-- snippet:([a-z0-9-]+) -->\\n)?```([a-z]*)\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern ROUTE = Pattern.compile("(?m)^\\s*-? ?from:|from\\(|<route|<from ");

    record Snippet(Path file, String name, String lang, String text) {}

    static List<Snippet> snippets() throws Exception {
        List<Path> files = new ArrayList<>(DOCS);
        try (Stream<Path> docs = Files.list(DOCS_DIR)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> all = new ArrayList<>();
        for (Path file : files) {
            Matcher m = FENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                all.add(new Snippet(file, m.group(1), m.group(2), m.group(3)));
            }
        }
        return all;
    }

    static Snippet snippet(String name) throws Exception {
        List<Snippet> found = snippets().stream().filter(s -> name.equals(s.name())).toList();
        assertThat(found).as("snippet " + name).hasSize(1);
        return found.get(0);
    }

    private ProtoSimulator simulator;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        simulator = ProtoSimulator.builder().start();
        context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(simulator.subcompanyId());
        proto.getConfiguration().setTakeoverSecret(simulator.secret());
        proto.getConfiguration().setBaseUrl(simulator.baseUrl());
        context.addComponent("proto", proto);
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        simulator.close();
    }

    private void load(Snippet snippet) throws Exception {
        String ext = snippet.lang().equals("yaml") ? "yaml" : "xml";
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.fromString(snippet.name() + "." + ext, snippet.text()));
        context.start();
    }

    @Test
    void everyRouteInTheDocsIsMarkedAndEveryMarkIsRunHere() throws Exception {
        List<String> unmarked = new ArrayList<>();
        Map<String, Path> marked = new LinkedHashMap<>();
        for (Snippet s : snippets()) {
            if (s.name() != null) {
                assertThat(marked.put(s.name(), s.file())).as("snippet name " + s.name() + " used twice").isNull();
            } else if (ROUTE.matcher(s.text()).find()) {
                unmarked.add(s.file() + ": " + s.text().lines().findFirst().orElse(""));
            }
        }
        assertThat(unmarked).as("route blocks without a <!-- snippet:NAME --> marker (and a test here)").isEmpty();
        String self = Files.readString(SELF, StandardCharsets.UTF_8);
        for (String name : marked.keySet()) {
            assertThat(self).as("a test runs snippet " + name).contains("snippet(\"" + name + "\")");
        }
    }

    @Test
    void yamlSupportRequestUpsertsTheCustomerAndOpensATicket() throws Exception {
        load(snippet("yaml-support-request"));

        // a name with a quote: a Map body needs no escaping
        Object answer = template.requestBodyAndHeaders("direct:support-request",
                Map.of("name", "Dwayne \"The Rock\" Johnson", "email", "rock@example.com"),
                Map.of("CamelProtoProvidedUniqueId", "cust-7", "CamelProtoSubject", "My order has not arrived"));

        Snapshot state = simulator.snapshot();
        Customer customer = state.customer("cust-7").orElseThrow();
        assertThat(customer.name()).isEqualTo("Dwayne \"The Rock\" Johnson");
        assertThat(customer.email()).isEqualTo("rock@example.com");
        assertThat(state.tickets()).singleElement().satisfies(t -> {
            assertThat(t.subject()).isEqualTo("My order has not arrived");
            assertThat(t.customerId()).isEqualTo(customer.id());
            assertThat(answer).isEqualTo(Map.of("id", t.id()));
        });
    }

    @Test
    void javaTagAddsTwoTagsToTheCustomer() throws Exception {
        // the doc's Java block is this route, verbatim (modulo indentation)
        assertThat(lines(Files.readString(SELF, StandardCharsets.UTF_8)))
                .containsSubsequence(lines(snippet("java-tag").text()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tag")
                    .setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, simple("${body[id]}"))
                    .setBody(constant(List.of("vip", "beta")))
                    .to("proto:customer/addTags?createIfNotExists=true");
            }
        });
        context.start();
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "ada");

        template.requestBody("direct:tag", Map.of("id", "ada"));

        Snapshot state = simulator.snapshot();
        assertThat(state.customer("ada").orElseThrow().tags()).containsExactly("vip", "beta");
        assertThat(state.tags()).containsExactlyInAnyOrder("vip", "beta");
    }

    @Test
    void xmlFieldsListsTheCustomFields() throws Exception {
        load(snippet("xml-fields"));
        template.requestBody("proto:customField/create", Map.of("name", "Plan", "type", "text"));

        Object fields = template.requestBody("direct:fields", (Object) null);

        assertThat(fields).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).singleElement()
                .satisfies(f -> assertThat(((Map<?, ?>) f).get("name")).isEqualTo("Plan"));
        assertThat(simulator.snapshot().customFields()).hasSize(1);
    }

    @Test
    void readmeYamlUpsertsAndTagsTheCustomer() throws Exception {
        load(snippet("readme-yaml-upsert"));

        Object answer = template.requestBodyAndHeader("direct:upsert-customer",
                Map.of("name", "Ada", "email", "ada@example.com"), "CamelProtoProvidedUniqueId", "ada");

        Customer ada = simulator.snapshot().customer("ada").orElseThrow();
        assertThat(ada.name()).isEqualTo("Ada");
        assertThat(ada.email()).isEqualTo("ada@example.com");
        assertThat(ada.tags()).containsExactly("vip", "newsletter");
        assertThat(((Map<?, ?>) answer).get("tags")).isEqualTo(List.of("vip", "newsletter"));
    }

    @Test
    void theOperationHeaderRedirectsEveryLaterCallUntilRemoved() throws Exception {
        // what the "CamelProtoOperation header stays on the exchange" warning of proto-component.md says
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sticky")
                    .setHeader(ProtoConstants.OPERATION, constant("customField/list"))
                    .to("proto:customer/get")
                    .setProperty("first", body())
                    .to("proto:ticket/create")
                    .setProperty("second", body())
                    .removeHeader(ProtoConstants.OPERATION)
                    .setBody(constant(Map.of("subject", "Hello", "provided_unique_id", "ada")))
                    .to("proto:ticket/create");
            }
        });
        context.start();
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "ada");

        var exchange = template.request("direct:sticky", e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "ada"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getProperty("first")).isEqualTo(List.of());
        assertThat(exchange.getProperty("second")).isEqualTo(List.of());
        assertThat(simulator.snapshot().tickets()).singleElement()
                .satisfies(t -> assertThat(t.subject()).isEqualTo("Hello"));
        assertThat(snippets().stream().filter(s -> s.file().endsWith("proto-component.md"))
                .anyMatch(s -> s.text().contains("removeHeader:") && s.text().contains("CamelProtoOperation")))
                .isTrue();
    }

    @Test
    void guideYamlOnExceptionAnswersValidationErrorsAndUnknownCustomers() throws Exception {
        load(snippet("guide-yaml-on-exception"));

        Object invalid = template.requestBody("direct:guide-get-customer", (Object) null);
        Object unknown = template.requestBodyAndHeader("direct:guide-get-customer", null,
                ProtoConstants.PROVIDED_UNIQUE_ID, "nobody");

        assertThat(invalid).asString().startsWith("invalid request: customer/get: the customer's provided unique id"
                                                  + " is required");
        assertThat(unknown).isEqualTo("no such customer");
        assertThat(simulator.journal()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void guideJavaSafeRedeliveryNeverResendsATicketThatMayHaveBeenCreated() throws Exception {
        assertThat(lines(Files.readString(SELF, StandardCharsets.UTF_8)))
                .containsSubsequence(lines(snippet("guide-java-safe-redelivery").text()));
        context.getComponent("proto", ProtoComponent.class).getConfiguration().setMaxRetries(0); // a fast test
        addGuideSafeRedeliveryRoute();
        context.start();
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "ada");
        Map<String, Object> ticket = Map.of("subject", "Hello", "provided_unique_id", "ada");

        // the ticket is applied, then the connection drops: it may have been processed, so no redelivery
        simulator.faults(dev.camelproto.simulator.Faults.builder().dropAfterWriteRate(1.0).build());
        var dropped = template.request("direct:guide-open-ticket", e -> e.getIn().setBody(ticket));
        assertThat(dropped.getException()).isInstanceOf(ProtoTransportException.class);
        assertThat(((ProtoTransportException) dropped.getException()).mayHaveBeenProcessed()).isTrue();
        assertThat(dropped.getIn().getHeader(org.apache.camel.Exchange.REDELIVERY_COUNTER)).isIn(null, 0);
        assertThat(simulator.journal()).filteredOn(r -> "ticket/create".equals(r.route())).hasSize(1);
        assertThat(simulator.snapshot().tickets()).hasSize(1);

    }

    @Test
    void guideJavaSafeRedeliveryRedeliversWhatCannotHaveReachedProto() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        ProtoConfiguration config = context.getComponent("proto", ProtoComponent.class).getConfiguration();
        config.setBaseUrl("http://127.0.0.1:" + deadPort + "/api/platform"); // nothing listens: connect refused
        config.setMaxRetries(0);
        addGuideSafeRedeliveryRoute();
        context.start();

        var redelivered = template.request("direct:guide-open-ticket",
                e -> e.getIn().setBody(Map.of("subject", "Hello", "provided_unique_id", "ada")));

        assertThat(redelivered.getException()).isInstanceOf(ProtoTransportException.class);
        assertThat(((ProtoTransportException) redelivered.getException()).mayHaveBeenProcessed()).isFalse();
        assertThat(redelivered.getIn().getHeader(org.apache.camel.Exchange.REDELIVERY_COUNTER)).isEqualTo(2);
    }

    @Test
    void guideYamlRawListsTheCustomFields() throws Exception {
        load(snippet("guide-yaml-raw"));
        template.requestBody("proto:customField/create", Map.of("name", "Plan", "type", "text"));

        var exchange = template.request("direct:guide-raw-fields", e -> { });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement().satisfies(f -> assertThat(((Map<?, ?>) f).get("name")).isEqualTo("Plan"));
        assertThat(exchange.getMessage().getHeader(ProtoConstants.PATH)).isNull();
    }

    @Test
    void guideYamlUpsertCreatesTheCustomerWithTagsAndFields() throws Exception {
        load(snippet("guide-yaml-upsert"));
        template.requestBody("proto:customField/create", Map.of("name", "Plan", "type", "text"));

        var exchange = template.request("direct:guide-upsert", e -> e.getIn().setBody(Map.of(
                "provided_unique_id", "grace", "name", "Grace", "email", "grace@example.com",
                "tags", List.of("vip"), "custom_fields", Map.of("Plan", "pro"))));

        assertThat(exchange.getException()).isNull();
        Customer grace = simulator.snapshot().customer("grace").orElseThrow();
        assertThat(grace.name()).isEqualTo("Grace");
        assertThat(grace.tags()).containsExactly("vip");
        assertThat(grace.customFields()).containsEntry("Plan", "pro");
        assertThat(exchange.getMessage().getHeader(ProtoConstants.ID)).isEqualTo(grace.id());
    }

    @Test
    void guideJavaTicketOnceOpensEachTicketOnceEvenWhenTheOutcomeIsUnknown() throws Exception {
        assertThat(lines(Files.readString(SELF, StandardCharsets.UTF_8)))
                .containsSubsequence(lines(snippet("guide-java-ticket-once").text()));
        context.getComponent("proto", ProtoComponent.class).getConfiguration().setMaxRetries(0); // a fast test
        org.apache.camel.spi.IdempotentRepository sentTickets =
                org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository.memoryIdempotentRepository();
        addGuideTicketOnceRoute(sentTickets);
        context.start();
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "ada");
        Map<String, Object> ada = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada", ProtoConstants.SUBJECT, "Hello");

        // sent once; the same ticket again is filtered out before any request
        assertThat(template.request("direct:guide-ticket-once", e -> e.getIn().setHeaders(new java.util.HashMap<>(ada)))
                .getException()).isNull();
        assertThat(template.request("direct:guide-ticket-once", e -> e.getIn().setHeaders(new java.util.HashMap<>(ada)))
                .getException()).isNull();
        assertThat(simulator.counters().route("ticket/create")).isEqualTo(1);

        // applied, then the connection drops: outcome unknown, the key stays, so sending again sends nothing
        Map<String, Object> lost = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada", ProtoConstants.SUBJECT, "Lost");
        simulator.faults(dev.camelproto.simulator.Faults.builder().dropAfterWriteRate(1.0).build());
        var dropped = template.request("direct:guide-ticket-once", e -> e.getIn().setHeaders(new java.util.HashMap<>(lost)));
        assertThat(dropped.getException()).isInstanceOf(ProtoTransportException.class);
        simulator.faults(dev.camelproto.simulator.Faults.builder().build());
        assertThat(sentTickets.contains("ada:Lost")).isTrue();
        template.request("direct:guide-ticket-once", e -> e.getIn().setHeaders(new java.util.HashMap<>(lost)));
        assertThat(simulator.counters().route("ticket/create")).isEqualTo(2);
        assertThat(simulator.snapshot().tickets()).extracting(dev.camelproto.simulator.Ticket::subject)
                .containsExactly("Hello", "Lost");

        // rejected (404: no such customer yet): not created, so the key is removed and a later send goes through
        Map<String, Object> bob = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "bob", ProtoConstants.SUBJECT, "Hi");
        var rejected = template.request("direct:guide-ticket-once", e -> e.getIn().setHeaders(new java.util.HashMap<>(bob)));
        assertThat(rejected.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(sentTickets.contains("bob:Hi")).isFalse();
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Bob"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "bob");
        assertThat(template.request("direct:guide-ticket-once", e -> e.getIn().setHeaders(new java.util.HashMap<>(bob)))
                .getException()).isNull();
        assertThat(simulator.snapshot().tickets()).extracting(dev.camelproto.simulator.Ticket::subject)
                .containsExactly("Hello", "Lost", "Hi");
    }

    @Test
    void guideYamlTicketOnceAnswersTheRerunAsADuplicateAndResolvesAnUncertainKey() throws Exception {
        dev.camelproto.component.proto.MemoryTicketJournal journal = new dev.camelproto.component.proto.MemoryTicketJournal();
        context.getRegistry().bind("ticketJournal", journal);
        context.getComponent("proto", ProtoComponent.class).getConfiguration().setMaxRetries(0); // a fast test
        load(snippet("guide-yaml-ticket-once"));
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "ada");
        Map<String, Object> ada = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada", ProtoConstants.SUBJECT, "Hello");

        var first = template.request("direct:open-ticket", e -> e.getIn().setHeaders(new java.util.HashMap<>(ada)));
        assertThat(first.getException()).isNull();
        String id = first.getMessage().getHeader(ProtoConstants.ID, String.class);
        assertThat(id).isNotNull();
        var rerun = template.request("direct:open-ticket", e -> e.getIn().setHeaders(new java.util.HashMap<>(ada)));
        assertThat(rerun.getException()).isNull();
        assertThat(rerun.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(rerun.getMessage().getHeader(ProtoConstants.ID)).isEqualTo(id);
        assertThat(simulator.counters().route("ticket/create")).isEqualTo(1);

        // applied, then the connection drops: the outcome is unknown, so the rerun fails and sends nothing
        Map<String, Object> lost = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada", ProtoConstants.SUBJECT, "Lost");
        simulator.faults(dev.camelproto.simulator.Faults.builder().dropAfterWriteRate(1.0).build());
        var dropped = template.request("direct:open-ticket", e -> e.getIn().setHeaders(new java.util.HashMap<>(lost)));
        assertThat(dropped.getException()).isInstanceOf(ProtoTransportException.class);
        simulator.faults(dev.camelproto.simulator.Faults.builder().build());
        var uncertain = template.request("direct:open-ticket", e -> e.getIn().setHeaders(new java.util.HashMap<>(lost)));
        assertThat(uncertain.getException()).isInstanceOf(dev.camelproto.component.proto.ProtoUncertainException.class);
        assertThat(simulator.counters().route("ticket/create")).isEqualTo(2);

        // the user finds the ticket in Proto and marks the key created: nothing is sent
        String lostId = simulator.snapshot().tickets().stream().filter(t -> t.subject().equals("Lost"))
                .map(dev.camelproto.simulator.Ticket::id).findFirst().orElseThrow();
        var marked = template.request("direct:open-ticket", e -> {
            e.getIn().setHeaders(new java.util.HashMap<>(lost));
            e.getIn().setHeader(ProtoConstants.MARK_CREATED, lostId);
        });
        assertThat(marked.getException()).isNull();
        assertThat(marked.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(template.request("direct:open-ticket", e -> e.getIn().setHeaders(new java.util.HashMap<>(lost)))
                .getMessage().getHeader(ProtoConstants.ID)).isEqualTo(lostId);
        assertThat(simulator.counters().route("ticket/create")).isEqualTo(2);
        assertThat(simulator.snapshot().tickets()).extracting(dev.camelproto.simulator.Ticket::subject)
                .containsExactly("Hello", "Lost");
    }

    @Test
    void guideJavaTicketOnceOptionKeysEachTicketByTheOrderId() throws Exception {
        assertThat(lines(Files.readString(SELF, StandardCharsets.UTF_8)))
                .containsSubsequence(lines(snippet("guide-java-ticket-once-option").text()));
        context.getRegistry().bind("ticketJournal", new dev.camelproto.component.proto.MemoryTicketJournal());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:open-ticket-by-order")
                    .to("proto:ticket/create?idempotentRepository=#ticketJournal&idempotentKey=${header.orderId}");
            }
        });
        context.start();
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "ada");
        for (String[] order : new String[][] { { "o-1", "Hello" }, { "o-1", "Hello again" }, { "o-2", "Refund" } }) {
            var exchange = template.request("direct:open-ticket-by-order", e -> e.getIn().setHeaders(
                    new java.util.HashMap<>(Map.of("orderId", order[0], ProtoConstants.PROVIDED_UNIQUE_ID, "ada",
                            ProtoConstants.SUBJECT, order[1]))));
            assertThat(exchange.getException()).isNull();
        }
        assertThat(simulator.snapshot().tickets()).extracting(dev.camelproto.simulator.Ticket::subject)
                .containsExactly("Hello", "Refund");
    }

    @Test
    void guideJavaJdbcJournalAnswersARerunAsADuplicateAfterARestart(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertThat(lines(Files.readString(SELF, StandardCharsets.UTF_8)))
                .containsSubsequence(lines(snippet("guide-java-jdbc-journal").text()));
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath());
        Map<String, Object> hello = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada", ProtoConstants.SUBJECT, "Hello");
        for (int run = 0; run < 2; run++) {
            if (run > 0) { // a restart: a new context and journal on the same database
                context.stop();
                context = new DefaultCamelContext();
                ProtoComponent proto = new ProtoComponent();
                proto.getConfiguration().setSubcompanyId(simulator.subcompanyId());
                proto.getConfiguration().setTakeoverSecret(simulator.secret());
                proto.getConfiguration().setBaseUrl(simulator.baseUrl());
                context.addComponent("proto", proto);
                template = context.createProducerTemplate();
            }
            JdbcTicketJournal ticketJournal = new JdbcTicketJournal(dataSource); // table proto_ticket_journal
            ticketJournal.setCreateTable(true); // or create the table in a migration
            context.getRegistry().bind("ticketJournal", ticketJournal);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:open-ticket-once")
                        .to("proto:ticket/create?idempotentRepository=#ticketJournal");
                }
            });
            context.start();
            if (run == 0) {
                template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                        ProtoConstants.PROVIDED_UNIQUE_ID, "ada");
            }
            var exchange = template.request("direct:open-ticket-once", e -> e.getIn().setHeaders(new java.util.HashMap<>(hello)));
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(run > 0);
        }
        assertThat(simulator.snapshot().tickets()).extracting(dev.camelproto.simulator.Ticket::subject)
                .containsExactly("Hello");
    }

    /** The guide's idempotent-consumer route, word for word (checked against docs/user-guide.md above). */
    private void addGuideTicketOnceRoute(org.apache.camel.spi.IdempotentRepository sentTickets) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(ProtoApiException.class) // Proto answered: no ticket was created
                    .onWhen(exchange -> exchange.getException(ProtoApiException.class).getStatusCode() < 500)
                    .process(exchange -> sentTickets.remove(exchange.getIn().getHeader("TicketKey", String.class)));
                from("direct:guide-ticket-once")
                    .setHeader("TicketKey", simple("${header.CamelProtoProvidedUniqueId}:${header.CamelProtoSubject}"))
                    .idempotentConsumer(header("TicketKey"), sentTickets)
                        .removeOnFailure(false) // an unknown outcome stays marked: never sent twice
                        .to("proto:ticket/create")
                    .end();
            }
        });
    }

    // ------------------------------------------------------------------ docs/recipes.md

    /** The customers of the recipe's import: in customer/upsert's shape, a tag and a Plan each. */
    private static List<Map<String, Object>> recipeCustomers(int n) {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            customers.add(Map.of("provided_unique_id", String.format("r-%03d", i), "name", "Customer " + i,
                    "email", "c" + i + "@example.com", "tags", List.of("imported"),
                    "custom_fields", Map.of("Plan", i % 3 == 0 ? "pro" : "free")));
        }
        return customers;
    }

    /** The most proto: calls in flight at once from split rows (those carrying CamelSplitIndex). */
    private java.util.concurrent.atomic.AtomicInteger trackRowCallsInFlight() {
        var inFlight = new java.util.concurrent.atomic.AtomicInteger();
        var max = new java.util.concurrent.atomic.AtomicInteger();
        context.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent sending
                    && isRowCall(sending.getExchange(), sending.getEndpoint())) {
                    max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                } else if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSentEvent sent
                           && isRowCall(sent.getExchange(), sent.getEndpoint())) {
                    inFlight.decrementAndGet();
                }
            }

            private boolean isRowCall(org.apache.camel.Exchange exchange, org.apache.camel.Endpoint endpoint) {
                return endpoint.getEndpointUri().startsWith("proto:")
                       && exchange.getProperty(org.apache.camel.Exchange.SPLIT_INDEX) != null;
            }
        });
        return max;
    }

    @Test
    void recipeYamlImportCountsEveryRowOnAFaultySimulator() throws Exception {
        // the newcomer's conditions: 20% 503, 5% of writes applied and then dropped, a rate limit
        simulator.faults(dev.camelproto.simulator.Faults.builder().statusRate(503, 0.2).dropAfterWriteRate(0.05)
                .rateLimitPerSecond(150).retryAfterSeconds(0).build());
        context.getComponent("proto", ProtoComponent.class).getConfiguration().setRetryDelay(20); // a faster test
        var maxRowCallsInFlight = trackRowCallsInFlight();
        load(snippet("recipe-yaml-import"));

        var exchange = template.request("direct:recipe-import", e -> e.getIn().setBody(recipeCustomers(300)));

        assertThat(exchange.getException()).isNull();
        Map<?, ?> summary = exchange.getMessage().getBody(Map.class);
        int upserted = ((Number) summary.get("upserted")).intValue();
        int upsertFailed = ((Number) summary.get("upsertFailed")).intValue();
        int ticketsCreated = ((Number) summary.get("ticketsCreated")).intValue();
        int ticketsFailed = ((Number) summary.get("ticketsFailed")).intValue();
        // every row is counted, once
        assertThat(summary.get("rows")).isEqualTo(300);
        assertThat(upserted + upsertFailed).isEqualTo(300);
        assertThat(upserted).as("the component's retries absorb most faults").isGreaterThan(250);
        // a ticket is due for the 30 tenth rows, attempted for those upserted
        assertThat(ticketsCreated + ticketsFailed).isBetween(30 - upsertFailed, 30);
        Snapshot state = simulator.snapshot();
        assertThat(state.customFields()).singleElement().satisfies(f -> assertThat(f.name()).isEqualTo("Plan"));
        assertThat(summary.get("customFields")).as("the raw call's answer, or its failure counted").isIn(1, "unknown");
        assertThat(state.customers()).hasSizeBetween(upserted, 300);
        // no customer has two tickets, only tenth rows have one, and a failed ticket was at most applied once
        List<String> ticketCustomers = state.tickets().stream().map(t -> t.customerId()).toList();
        assertThat(ticketCustomers).doesNotHaveDuplicates();
        assertThat(state.tickets()).hasSizeBetween(ticketsCreated, ticketsCreated + ticketsFailed);
        Map<String, String> puidById = new java.util.HashMap<>();
        state.customers().forEach(c -> puidById.put(c.id(), c.providedUniqueId()));
        assertThat(ticketCustomers).allSatisfy(id -> assertThat(puidById.get(id)).endsWith("9"));
        // at most 8 rows in flight, although the split's pool has more threads and the producer holds none
        assertThat(maxRowCallsInFlight.get()).isBetween(1, 8);
        assertThat(context.getProcessor("recipe-row-throttle"))
                .as("a bound on rows in flight, not on rows per second")
                .isInstanceOf(org.apache.camel.processor.ConcurrentRequestsThrottler.class);
    }

    @Test
    void recipeYamlImportOnAHealthySimulatorImportsEveryRowAndSkipsAnExistingPlanField() throws Exception {
        load(snippet("recipe-yaml-import"));
        template.requestBody("proto:customField/create", Map.of("name", "Plan", "type", "text"));

        @SuppressWarnings("unchecked")
        Map<String, Object> summary = template.requestBody("direct:recipe-import", recipeCustomers(40), Map.class);

        assertThat(summary).containsEntry("rows", 40).containsEntry("upserted", 40).containsEntry("upsertFailed", 0)
                .containsEntry("ticketsCreated", 4).containsEntry("ticketsFailed", 0).containsEntry("customFields", 1);
        Snapshot state = simulator.snapshot();
        assertThat(state.customers()).hasSize(40);
        assertThat(state.customer("r-009").orElseThrow().customFields()).containsEntry("Plan", "pro");
        assertThat(state.customer("r-009").orElseThrow().tags()).containsExactly("imported");
        assertThat(state.tickets()).hasSize(4).allSatisfy(t -> assertThat(t.subject()).isEqualTo("Welcome call"));
        assertThat(simulator.journal()).filteredOn(r -> "customField/create".equals(r.route())).hasSize(1);
        assertThat(simulator.journal()).filteredOn(r -> r.path().endsWith("/list-custom-fields")).hasSize(2)
                .last().satisfies(r -> assertThat(r.query()).isEqualTo("source=recipe"));
    }

    @Test
    void recipePlanFieldCarriesOnAfterA409() throws Exception {
        load(snippet("recipe-yaml-import"));
        template.requestBody("direct:recipe-create-plan", (Object) null);

        // a second creation answers 409: continued, so the route (and its caller) go on without an exception
        var second = template.request("direct:recipe-create-plan", e -> { });

        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE)).isEqualTo(409);
        assertThat(simulator.journal()).filteredOn(r -> "customField/create".equals(r.route()))
                .extracting(r -> r.status()).containsExactly(200, 409);
    }

    @Test
    void recipeTicketIsRedeliveredOnlyWhenItCannotHaveReachedProtoAndItsFailureIsCounted() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        ProtoConfiguration config = context.getComponent("proto", ProtoComponent.class).getConfiguration();
        config.setBaseUrl("http://127.0.0.1:" + deadPort + "/api/platform"); // connect refused: nothing sent
        config.setMaxRetries(0);
        var sends = new java.util.concurrent.atomic.AtomicInteger();
        context.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent s
                    && s.getEndpoint().getEndpointUri().startsWith("proto:") && s.getEndpoint().getEndpointUri().contains("ticket/create")) {
                    sends.incrementAndGet();
                }
            }
        });
        load(snippet("recipe-yaml-import"));

        var exchange = template.request("direct:recipe-ticket",
                e -> e.setVariable("customer", Map.of("provided_unique_id", "r-009", "name", "Customer 9")));

        assertThat(exchange.getException()).as("counted, not thrown").isNull();
        assertThat(exchange.getVariable("outcome")).isEqualTo(3);
        assertThat(sends.get()).as("1 call + 2 redeliveries inside the caller's doTry").isEqualTo(3);
    }

    @Test
    void recipeMapHeadersFromYamlAndXml() throws Exception {
        load(snippet("recipe-yaml-map-headers"));
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("recipe-xml-map-headers.xml",
                snippet("recipe-xml-map-headers").text()));
        template.requestBodyAndHeader("proto:customer/create", Map.of("name", "Ada"),
                ProtoConstants.PROVIDED_UNIQUE_ID, "ada");

        for (String route : List.of("direct:recipe-raw-customer", "direct:recipe-raw-customer-xml")) {
            var exchange = template.request(route, e -> e.getIn().setHeader("customerId", "ada"));
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(Map.class).get("name")).isEqualTo("Ada");
            assertThat(exchange.getMessage().getHeader(ProtoConstants.PATH_PARAMS)).isNull();
        }
        assertThat(simulator.journal()).filteredOn(r -> "GET".equals(r.method())).hasSize(2).allSatisfy(r -> {
            assertThat(r.path()).endsWith("/customer/ada/get-customer");
            assertThat(r.query()).isEqualTo("include=tags");
        });
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The guide's route, word for word (guideJavaSafeRedelivery checks it against docs/user-guide.md). */
    private void addGuideSafeRedeliveryRoute() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(ProtoTransportException.class)
                    .onWhen(exchange -> !exchange.getException(ProtoTransportException.class).mayHaveBeenProcessed())
                    .maximumRedeliveries(2)
                    .redeliveryDelay(200);
                from("direct:guide-open-ticket")
                    .to("proto:ticket/create");
            }
        });
    }
}
