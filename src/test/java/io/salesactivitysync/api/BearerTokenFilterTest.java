package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@ExtendWith(OutputCaptureExtension.class)
class BearerTokenFilterTest {

    private static final String TOKEN = "s3cret-token-value";
    private final ObjectMapper json = new ObjectMapper();
    private final BearerTokenFilter filter = new BearerTokenFilter(TOKEN, json);

    @Test
    void letsTheRightTokenThrough() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = call("Bearer " + TOKEN, chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(call("bearer  " + TOKEN + " ", new MockFilterChain()).getStatus()).isEqualTo(200);
    }

    @Test
    void answersAMissingTokenWithAChallenge() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = call(null, chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"sales-activity-sync\"");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("error").asText()).isEqualTo("Unauthorized");
        assertThat(body.get("errors").isArray()).isTrue();
    }

    @Test
    void answersAWrongTokenAndNeverLogsAToken(CapturedOutput output) throws Exception {
        for (String header : new String[] {"Bearer wrong-guess", "Bearer " + TOKEN.toUpperCase(), "Basic " + TOKEN, "Bearer", TOKEN}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = call(header, chain);
            assertThat(chain.getRequest()).as(header).isNull();
            assertThat(response.getStatus()).as(header).isEqualTo(401);
        }
        assertThat(call("Bearer wrong-guess", new MockFilterChain()).getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(output).doesNotContain("wrong-guess").doesNotContain(TOKEN).doesNotContain(TOKEN.toUpperCase());
    }

    @Test
    void comparesTokensOfAnyLength() {
        assertThat(filter.matches(TOKEN)).isTrue();
        assertThat(filter.matches("")).isFalse();
        assertThat(filter.matches(TOKEN + TOKEN)).isFalse();
        assertThat(filter.matches(TOKEN.substring(0, TOKEN.length() - 1))).isFalse();
    }

    private MockHttpServletResponse call(String authorization, MockFilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/reps");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}
