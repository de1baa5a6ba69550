package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiHeaderFilterTest {

    private final ApiHeaderFilter filter = new ApiHeaderFilter();

    @Test
    void onlyTheApisOwnHeadersBecomeResponseHeaders() {
        assertThat(filter.applyFilterToCamelHeaders("Content-Type", "application/json", null)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("Location", "/api/reps/1", null)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("Retry-After", "5", null)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("Authorization", "Bearer x", null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("authorization", "Bearer x", null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("id", 5L, null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("page", "1", null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("CamelHttpResponseCode", 201, null)).isTrue();
    }

    @Test
    void onlyTheContentTypeAndThePagingParametersReachTheRoutes() {
        assertThat(filter.applyFilterToExternalHeaders("page", "1", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("size", "1", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("Content-Type", "application/json", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("dueFrom", "2026-11-23", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("dueTo", "2026-11-24", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("since", "2026-11-23T00:00:00Z", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("until", "2026-11-24T00:00:00Z", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("source", "bcc", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("reason", "no Contact or Lead", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("Location", "http://evil.example/", null)).isTrue();
        assertThat(filter.applyFilterToExternalHeaders("id", "7", null)).isTrue();
        assertThat(filter.applyFilterToExternalHeaders("Authorization", "Bearer x", null)).isTrue();
        assertThat(filter.applyFilterToExternalHeaders("CamelHttpResponseCode", "302", null)).isTrue();
    }
}
