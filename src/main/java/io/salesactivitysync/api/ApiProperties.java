package io.salesactivitysync.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sas.api.*}: see {@code config/application.yml}.
 *
 * @param token             the bearer token every {@code /api/**} call must present
 * @param defaultPageSize   the page size of a list when the client gives none
 * @param maxPageSize       the largest page size a client may ask for
 * @param maxBodySize       the largest request body the API reads; a larger one is refused with 413
 * @param retryAfterSeconds what a 503 answer tells the client to wait before trying again
 * @param maxBatchBodySize  the largest body of a batch operation ({@code .../batch}), which holds
 *                          up to 1,000 records
 */
@Validated
@ConfigurationProperties("sas.api")
public record ApiProperties(
        @NotBlank(message = "must be set: export SAS_API_TOKEN=<a long random string>, e.g. from `openssl rand -hex 32`")
        String token,
        @DefaultValue("20") @Min(1) int defaultPageSize,
        @DefaultValue("100") @Min(1) @Max(10_000) int maxPageSize,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("5") @Min(1) int retryAfterSeconds,
        @DefaultValue("16MB") DataSize maxBatchBodySize) {

    @ConstructorBinding
    public ApiProperties {
        if (maxBodySize == null || maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sas.api.max-body-size must be between 1B and 2GB, got " + maxBodySize);
        }
        if (maxBatchBodySize == null || maxBatchBodySize.toBytes() < 1 || maxBatchBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sas.api.max-batch-body-size must be between 1B and 2GB, got " + maxBatchBodySize);
        }
    }

    /** The defaults for everything but the token and paging (tests, tools). */
    public ApiProperties(String token, int defaultPageSize, int maxPageSize) {
        this(token, defaultPageSize, maxPageSize, DataSize.ofMegabytes(1), 5, DataSize.ofMegabytes(16));
    }

    @Override
    public String toString() {
        // never let the token reach a log line through toString()
        return "ApiProperties[token=(hidden), defaultPageSize=" + defaultPageSize + ", maxPageSize=" + maxPageSize
                + ", maxBodySize=" + maxBodySize + ", retryAfterSeconds=" + retryAfterSeconds
                + ", maxBatchBodySize=" + maxBatchBodySize + "]";
    }
}
