package dev.camelproto.component.proto;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;

/**
 * The exchange headers the {@code proto:} producer reads and writes. A header always wins over the endpoint option of
 * the same meaning; header values only fill body fields the body does not already have.
 */
public final class ProtoConstants {

    @Metadata(label = "producer", javaType = "String",
              description = "Overrides the operation of the endpoint URI for this exchange, written as in the URI,"
                            + " e.g. customer/addTags.")
    public static final String OPERATION = "CamelProtoOperation";

    @Metadata(label = "producer", javaType = "String",
              description = "The customer's provided unique id (your own exact-match key). Path parameter of the"
                            + " customer operations; on ticket/create it fills provided_unique_id when the body has none.")
    public static final String PROVIDED_UNIQUE_ID = "CamelProtoProvidedUniqueId";

    @Metadata(label = "producer", javaType = "String",
              description = "The id of the custom field definition to delete (customField/delete).")
    public static final String CUSTOM_FIELD_ID = "CamelProtoCustomFieldId";

    @Metadata(label = "producer", javaType = "Boolean",
              description = "customer/addTags: also create tags that do not exist yet; fills create_if_not_exists"
                            + " when the body has none.")
    public static final String CREATE_IF_NOT_EXISTS = "CamelProtoCreateIfNotExists";

    @Metadata(label = "producer", javaType = "String",
              description = "ticket/create: the subject of the ticket; fills subject when the body has none.")
    public static final String SUBJECT = "CamelProtoSubject";

    @Metadata(label = "producer", javaType = "String",
              description = "ticket/create: the Proto customer id; fills customer_id when the body has none.")
    public static final String CUSTOMER_ID = "CamelProtoCustomerId";

    @Metadata(label = "producer", javaType = "String",
              description = "ticket/create: the external customer id; fills external_customer_id when the body has none.")
    public static final String EXTERNAL_CUSTOMER_ID = "CamelProtoExternalCustomerId";

    @Metadata(label = "producer", javaType = "String",
              description = "ticket/create: the gateway profile id; fills gateway_profile_id when the body has none.")
    public static final String GATEWAY_PROFILE_ID = "CamelProtoGatewayProfileId";

    @Metadata(label = "producer", javaType = "Integer",
              description = "The HTTP status code of the Proto API response (Camel's standard header).")
    public static final String HTTP_RESPONSE_CODE = Exchange.HTTP_RESPONSE_CODE;

    @Metadata(label = "producer", javaType = "String",
              description = "The id of what the call created or returned, when the response has a top-level id"
                            + " (ticket, customer, custom field).")
    public static final String ID = "CamelProtoId";

    private ProtoConstants() {
    }
}
