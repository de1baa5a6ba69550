package io.salesactivitysync.api;

import io.salesactivitysync.store.Page;
import io.salesactivitysync.store.Activity;
import java.util.List;

/**
 * The JSON shape of a page of activities ({@code Page<Activity>}), named for the OpenAPI document: a generic
 * {@code Page} would leave its items untyped there.
 */
public record ActivityPage(List<Activity> items, Page.PageInfo page) {
}
