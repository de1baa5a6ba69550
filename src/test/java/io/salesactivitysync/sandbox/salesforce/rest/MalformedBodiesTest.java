package io.salesactivitysync.sandbox.salesforce.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Odd request bodies on every writing resource get a Salesforce error (4xx), never a 500. */
class MalformedBodiesTest {

    private static SalesforceEmulator emulator;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start();
        http = TestHttp.loggedIn(emulator.baseUrl(), "integration@sandbox.example");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Stream<Arguments> requests() {
        String[] bodies = {"", "null", "42", "\"text\"", "[]", "[1]", "{}", "{\"records\":\"x\"}", "{\"records\":[1,\"a\",null]}",
                "{\"compositeRequest\":[1,\"x\",{}]}", "{\"compositeRequest\":[{\"method\":\"GET\",\"url\":42}]}",
                "{\"batchRequests\":[\"x\",{\"method\":\"GET\",\"url\":\"/nowhere\"}]}",
                "{\"records\":[{\"attributes\":{\"type\":\"Task\",\"referenceId\":\"r\"},\"Subject\":{\"x\":1}}]}",
                "{\"records\":[{\"attributes\":{\"type\":\"Account\",\"referenceId\":\"a\"},\"Name\":\"n\","
                        + "\"Contacts\":{\"records\":[\"oops\"]}}]}",
                "{\"Subject\":[\"a\"]}", "{\"ActivityDate\":12}", "{\"IsReminderSet\":\"maybe\"}",
                "{\"CallDurationInSeconds\":1.5}", "{\"\":1}", "{\"attributes\":5}",
                "{\"compositeRequest\":[{\"method\":\"GET\",\"url\":\"/services/data/v56.0/limits\",\"referenceId\":\"a\"},"
                        + "{\"method\":\"GET\",\"url\":\"/services/data/v56.0/sobjects/Task/@{a.DailyApiRequests[99999999999]}\"}]}"};
        String[][] targets = {{"POST", "sobjects/Task"}, {"PATCH", "sobjects/Task/00T000000000001EAA"},
                {"PATCH", "sobjects/Task/Id/00T000000000001EAA"}, {"POST", "composite"}, {"POST", "composite/batch"},
                {"POST", "composite/tree/Account"}, {"POST", "composite/sobjects"}, {"PATCH", "composite/sobjects"},
                {"POST", "composite/sobjects/Task"}, {"PATCH", "composite/sobjects/Task/Id"}};
        return Stream.of(targets).flatMap(target -> Stream.of(bodies).map(body -> Arguments.of(target[0], target[1], body)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("requests")
    void oddBodiesAreRefusedCleanly(String method, String path, String body) {
        TestHttp.Response response = http.api(method, path, body.isEmpty() ? null : body);
        assertThat(response.status()).as(response.text()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.body().isArray() || response.body().isObject()).isTrue();
        }
    }
}
