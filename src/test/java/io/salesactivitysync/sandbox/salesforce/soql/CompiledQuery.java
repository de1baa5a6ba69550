package io.salesactivitysync.sandbox.salesforce.soql;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed SOQL statement that can be evaluated against one record at a time (what a PushTopic
 * needs). Records are maps of field name to typed value, as in
 * {@link io.salesactivitysync.sandbox.salesforce.org.RecordChange}.
 */
public interface CompiledQuery {

    /** The sObject in FROM, e.g. {@code Task}. */
    String entityName();

    /** The field names in SELECT, in order, as written (e.g. {@code Id}, {@code Subject}). */
    List<String> selectFields();

    /** The field names the WHERE clause refers to (empty without WHERE). */
    Set<String> whereFields();

    /** Whether the record satisfies the WHERE clause (true without WHERE). */
    boolean matches(Map<String, Object> record);

    /** The record reduced to the SELECT fields (null values kept), in SELECT order. */
    Map<String, Object> project(Map<String, Object> record);
}
