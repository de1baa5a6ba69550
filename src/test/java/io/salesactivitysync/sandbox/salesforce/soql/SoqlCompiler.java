package io.salesactivitysync.sandbox.salesforce.soql;

/** Parses SOQL; a statement it cannot parse raises {@link SoqlException} (MALFORMED_QUERY). */
@FunctionalInterface
public interface SoqlCompiler {

    CompiledQuery compile(String soql) throws SoqlException;
}
