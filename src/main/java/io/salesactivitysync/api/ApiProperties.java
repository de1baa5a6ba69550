package io.salesactivitysync.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sas.api.*}: see {@code config/application.yml}.
 *
 * @param token           the bearer token every {@code /api/**} call must present
 * @param defaultPageSize the page size of a list when the client gives none
 * @param maxPageSize     the largest page size a client may ask for
 */
@Validated
@ConfigurationProperties("sas.api")
public record ApiProperties(
        @NotBlank(message = "must be set: export SAS_API_TOKEN=<a long random string>, e.g. from `openssl rand -hex 32`")
        String token,
        @DefaultValue("20") @Min(1) int defaultPageSize,
        @DefaultValue("100") @Min(1) @Max(10_000) int maxPageSize) {

    @Override
    public String toString() {
        // never let the token reach a log line through toString()
        return "ApiProperties[token=(hidden), defaultPageSize=" + defaultPageSize + ", maxPageSize=" + maxPageSize + "]";
    }
}
