package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiResponseHeaderFilterTest {

    private final ApiResponseHeaderFilter filter = new ApiResponseHeaderFilter();

    @Test
    void onlyTheApisOwnHeadersBecomeResponseHeaders() {
        assertThat(filter.applyFilterToCamelHeaders("Content-Type", "application/json", null)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("Location", "/api/reps/1", null)).isFalse();
        assertThat(filter.applyFilterToCamelHeaders("Authorization", "Bearer x", null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("authorization", "Bearer x", null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("id", 5L, null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("page", "1", null)).isTrue();
        assertThat(filter.applyFilterToCamelHeaders("CamelHttpResponseCode", 201, null)).isTrue();
    }

    @Test
    void requestHeadersStillReachTheRoutes() {
        assertThat(filter.applyFilterToExternalHeaders("page", "1", null)).isFalse();
        assertThat(filter.applyFilterToExternalHeaders("Content-Type", "application/json", null)).isFalse();
    }
}
