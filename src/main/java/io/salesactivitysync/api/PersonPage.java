package io.salesactivitysync.api;

import io.salesactivitysync.store.Page;
import io.salesactivitysync.store.Person;
import java.util.List;

/** The JSON shape of a page of people ({@code Page<Person>}), named for the OpenAPI document (see {@link RepPage}). */
public record PersonPage(List<Person> items, Page.PageInfo page) {
}
