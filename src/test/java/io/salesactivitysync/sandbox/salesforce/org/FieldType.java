package io.salesactivitysync.sandbox.salesforce.org;

/** Salesforce field types as describe names them, with their SOAP type and the Java type of their values. */
public enum FieldType {
    ID("id", "tns:ID", String.class),
    REFERENCE("reference", "tns:ID", String.class),
    STRING("string", "xsd:string", String.class),
    TEXTAREA("textarea", "xsd:string", String.class),
    PICKLIST("picklist", "xsd:string", String.class),
    COMBOBOX("combobox", "xsd:string", String.class),
    EMAIL("email", "xsd:string", String.class),
    PHONE("phone", "xsd:string", String.class),
    URL("url", "xsd:string", String.class),
    BOOLEAN("boolean", "xsd:boolean", Boolean.class),
    DATE("date", "xsd:date", java.time.LocalDate.class),
    DATETIME("datetime", "xsd:dateTime", java.time.Instant.class),
    DOUBLE("double", "xsd:double", Double.class),
    CURRENCY("currency", "xsd:double", Double.class),
    PERCENT("percent", "xsd:double", Double.class),
    INT("int", "xsd:int", Integer.class);

    private final String describeName;
    private final String soapType;
    private final Class<?> javaType;

    FieldType(String describeName, String soapType, Class<?> javaType) {
        this.describeName = describeName;
        this.soapType = soapType;
        this.javaType = javaType;
    }

    public String describeName() {
        return describeName;
    }

    public String soapType() {
        return soapType;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public boolean isText() {
        return javaType == String.class;
    }

    public boolean isNumber() {
        return javaType == Double.class || javaType == Integer.class;
    }

    public boolean isIdLike() {
        return this == ID || this == REFERENCE;
    }

    /** The type name a configuration file uses for a custom field, e.g. {@code string}, {@code datetime}. */
    public static FieldType fromConfigName(String name) {
        for (FieldType type : values()) {
            if (type.describeName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown field type '" + name + "'");
    }
}
