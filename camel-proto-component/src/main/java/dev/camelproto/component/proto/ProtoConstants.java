package dev.camelproto.component.proto;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;

/**
 * The exchange headers the {@code proto:} producer reads and writes. A header always wins over the endpoint option of
 * the same meaning; header values only fill body fields the body does not already have.
 */
public final class ProtoConstants {

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "Overrides the operation of the endpoint URI for this exchange, written as in the URI,"
                    + " e.g. customer/addTags.")
    public static final String OPERATION = "CamelProtoOperation";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "The customer's provided unique id (your own exact-match key). Path parameter of the"
                    + " customer operations; on ticket/create the last in precedence of the identifiers, used only when the"
                    + " body has none of the four.")
    public static final String PROVIDED_UNIQUE_ID = "CamelProtoProvidedUniqueId";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "The id of the custom field definition to delete (customField/delete).")
    public static final String CUSTOM_FIELD_ID = "CamelProtoCustomFieldId";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "customer/addTags: also create tags that do not exist yet; fills create_if_not_exists"
                    + " when the body has none.")
    public static final String CREATE_IF_NOT_EXISTS = "CamelProtoCreateIfNotExists";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "ticket/create: the subject of the ticket; fills subject when the body has none.")
    public static final String SUBJECT = "CamelProtoSubject";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "ticket/create: the Proto customer id; used when the body has none of the four"
                    + " identifiers, first in precedence.")
    public static final String CUSTOMER_ID = "CamelProtoCustomerId";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "ticket/create: the external customer id; used when the body has none of the four"
                    + " identifiers and CamelProtoCustomerId is not set.")
    public static final String EXTERNAL_CUSTOMER_ID = "CamelProtoExternalCustomerId";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "ticket/create: the gateway profile id; used when the body has none of the four"
                    + " identifiers and neither CamelProtoCustomerId nor CamelProtoExternalCustomerId is set.")
    public static final String GATEWAY_PROFILE_ID = "CamelProtoGatewayProfileId";

    @Metadata(
            label = "producer",
            javaType = "Integer",
            description = "The HTTP status code of the Proto API response (Camel's standard header); removed when"
                    + " no response came.")
    public static final String HTTP_RESPONSE_CODE = Exchange.HTTP_RESPONSE_CODE;

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "The id of what the call created or returned, when the response has a top-level id"
                    + " (ticket, customer, custom field); customer/upsert: the customer's id. Set or removed"
                    + " on every call, so it never holds the id of an earlier call.")
    public static final String ID = "CamelProtoId";

    @Metadata(
            label = "producer",
            javaType = "Object",
            description = "customer/upsert: the tags to add (a List of names or comma-separated text) when the body"
                    + " has no tags key. The body key wins.")
    public static final String TAGS = "CamelProtoTags";

    @Metadata(
            label = "producer",
            javaType = "Integer",
            description = "How many attempts the call took (1 = the first try answered; more when it was retried)."
                    + " Set on every call, success or failure.")
    public static final String ATTEMPTS = "CamelProtoAttempts";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "raw: the HTTP method (GET, POST, PUT, PATCH, DELETE); overrides the option method.")
    public static final String HTTP_METHOD = "CamelProtoHttpMethod";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "raw: the path below baseUrl, e.g. /v1/custom-fields/{subcompany_id}/list-custom-fields;"
                    + " overrides the option path.")
    public static final String PATH = "CamelProtoPath";

    @Metadata(
            label = "producer",
            javaType = "java.util.Map<String, Object>",
            description = "raw: the values of the path's placeholders other than {subcompany_id}, each"
                    + " percent-encoded into its segment.")
    public static final String PATH_PARAMS = "CamelProtoPathParams";

    @Metadata(
            label = "producer",
            javaType = "java.util.Map<String, Object>",
            description = "raw: query parameters (a value may be a list for a repeated parameter), percent-encoded.")
    public static final String QUERY = "CamelProtoQuery";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "ticket/create with idempotentRepository: true when the exchange was answered without"
                    + " sending, because the ticket of its key was already created (CamelProtoId then holds"
                    + " the earlier ticket's id where the store keeps it; the body is left as it was); false"
                    + " when the request was sent.")
    public static final String DUPLICATE = "CamelProtoDuplicate";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "ticket/create with idempotentRepository: the key as stored (proto:{subcompanyId}:{key},"
                    + " hashed when long). Set on every ticket/create call of such an endpoint.")
    public static final String IDEMPOTENT_KEY = "CamelProtoIdempotentKey";

    @Metadata(
            label = "producer",
            javaType = "Boolean",
            description = "ticket/create with idempotentRepository: true sends this exchange although its key is"
                    + " uncertain (ProtoUncertainException): the key is removed and claimed again. Set it only"
                    + " after checking in Proto that the ticket does not exist. Read once and removed.")
    public static final String RESEND_UNCERTAIN = "CamelProtoResendUncertain";

    @Metadata(
            label = "producer",
            javaType = "String",
            description = "ticket/create with idempotentRepository: the id of the ticket you found in Proto (or"
                    + " true when the id is not known): marks the key of this exchange created without"
                    + " sending, and answers it as a duplicate. Read once and removed.")
    public static final String MARK_CREATED = "CamelProtoMarkCreated";

    private ProtoConstants() {}
}
