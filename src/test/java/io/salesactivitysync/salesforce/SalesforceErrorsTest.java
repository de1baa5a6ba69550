package io.salesactivitysync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;

class SalesforceErrorsTest {

    @Test
    void errorCodesFallIntoTheFourClasses() {
        assertThat(SalesforceErrors.classify("UNABLE_TO_LOCK_ROW")).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(SalesforceErrors.classify("SERVER_UNAVAILABLE")).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(SalesforceErrors.classify("REQUEST_LIMIT_EXCEEDED")).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(SalesforceErrors.classify("INVALID_SESSION_ID")).isEqualTo(ErrorClass.AUTH);
        assertThat(SalesforceErrors.classify("invalid_client")).isEqualTo(ErrorClass.AUTH);
        assertThat(SalesforceErrors.classify("INVALID_FIELD_FOR_INSERT_UPDATE")).isEqualTo(ErrorClass.ACCESS);
        assertThat(SalesforceErrors.classify("INSUFFICIENT_ACCESS_OR_READONLY")).isEqualTo(ErrorClass.ACCESS);
        assertThat(SalesforceErrors.classify("REQUIRED_FIELD_MISSING")).isEqualTo(ErrorClass.DATA);
        assertThat(SalesforceErrors.classify("FIELD_CUSTOM_VALIDATION_EXCEPTION")).isEqualTo(ErrorClass.DATA);
        assertThat(SalesforceErrors.classify(null)).isEqualTo(ErrorClass.DATA);
    }

    @Test
    void aFailedCallIsReadFromSalesforcesFirstError() {
        SalesforceException exception = new SalesforceException(
                List.of(new RestError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", List.of())), 400);
        SalesforceProblem problem = SalesforceErrors.of(new RuntimeException("wrapped", exception));
        assertThat(problem.code()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(problem.errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(problem.describe()).contains("UNABLE_TO_LOCK_ROW").contains("retried");
    }

    @Test
    void aRawCallsErrorsAreReadFromSalesforcesAnswerInItsMessage() {
        // salesforce:raw leaves the answer unparsed: the exception's message is Salesforce's body
        SalesforceException raw = new SalesforceException("[{\"message\":\"Unable to create/update fields: Email_Opened__c.\","
                + "\"errorCode\":\"INVALID_FIELD_FOR_INSERT_UPDATE\",\"fields\":[\"Email_Opened__c\"]}]", 400);

        assertThat(SalesforceErrors.errors(raw)).singleElement().satisfies(error -> {
            assertThat(error.getErrorCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
            assertThat(error.getFields()).containsExactly("Email_Opened__c");
        });
        assertThat(SalesforceErrors.of(raw).errorClass()).isEqualTo(ErrorClass.ACCESS);
        assertThat(SalesforceErrors.of(new SalesforceException("[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\","
                + "\"message\":\"TotalRequests Limit exceeded.\"}]", 403)).code()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(SalesforceErrors.errors(new SalesforceException("<html>Bad gateway</html>", 502))).isEmpty();
    }

    @Test
    void noAnswerIsTemporary() {
        assertThat(SalesforceErrors.of(new SalesforceException("Unexpected error", new ConnectException("refused"))).code())
                .isEqualTo("CONNECTION_FAILED");
        assertThat(SalesforceErrors.of(new IOException("reset")).errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(SalesforceErrors.of(new TimeoutException("30 s")).code()).isEqualTo("TIMEOUT");
        assertThat(SalesforceErrors.of(new SalesforceException("Service Unavailable", 503)).code()).isEqualTo("HTTP_503");
        assertThat(SalesforceErrors.of(new SalesforceException("Service Unavailable", 503)).errorClass())
                .isEqualTo(ErrorClass.INTERMITTENT);
    }

    @Test
    void aRefusedLoginIsAnAuthProblem() {
        SalesforceException login = new SalesforceException(List.of(new RestError("invalid_client",
                "Login error code:[invalid_client] description:[invalid client credentials]")), 400);
        assertThat(SalesforceErrors.of(login).errorClass()).isEqualTo(ErrorClass.AUTH);
    }
}
