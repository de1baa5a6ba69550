package io.salesactivitysync.sandbox.salesforce.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorSettings;
import io.salesactivitysync.sandbox.salesforce.SalesforceEmulator;
import io.salesactivitysync.sandbox.salesforce.TestHttp;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity URL, the UserInfo endpoint and the SOAP login that client libraries use besides OAuth. */
class SessionEndpointsTest {

    private static final String LOGIN = """
            <?xml version="1.0" encoding="utf-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
              <soapenv:Body><login xmlns="urn:partner.soap.sforce.com">
                <username>%s</username><password>%s</password>
              </login></soapenv:Body>
            </soapenv:Envelope>""";

    private static SalesforceEmulator emulator;
    private static TestHttp anonymous;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.builder(EmulatorSettings.builder().build()).build().start();
        anonymous = new TestHttp(emulator.baseUrl(), null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void identityUrlDescribesTheTokensUser() {
        TestHttp rep = TestHttp.loggedIn(emulator.baseUrl(), "rep@sandbox.example");
        TestHttp.Response identity = rep.raw("GET", "/id/00D000000000001EAA/005000000000002AAA", null);
        assertThat(identity.status()).isEqualTo(200);
        assertThat(identity.body().get("username").asText()).isEqualTo("rep@sandbox.example");
        assertThat(identity.body().get("display_name").asText()).isEqualTo("Riley Rep");
        assertThat(identity.body().get("organization_id").asText()).isEqualTo("00D000000000001EAA");
        assertThat(identity.body().get("urls").get("rest").asText()).isEqualTo(emulator.baseUrl() + "/services/data/v{version}/");

        assertThat(anonymous.raw("GET", "/id/00D000000000001EAA/005000000000002AAA", null).text()).isEqualTo("Bad_OAuth_Token");
        assertThat(rep.raw("GET", "/id/00D000000000001EAA/005000000000099AAA", null).status()).isEqualTo(404);
    }

    @Test
    void userInfoDescribesTheTokensOwnUserAsOpenIdConnectClaims() {
        TestHttp rep = TestHttp.loggedIn(emulator.baseUrl(), "rep@sandbox.example");
        TestHttp.Response userInfo = rep.raw("GET", "/services/oauth2/userinfo", null);
        assertThat(userInfo.status()).isEqualTo(200);
        assertThat(userInfo.body().get("sub").asText())
                .isEqualTo(emulator.baseUrl() + "/id/00D000000000001EAA/005000000000002AAA");
        assertThat(userInfo.body().get("user_id").asText()).isEqualTo("005000000000002AAA");
        assertThat(userInfo.body().get("organization_id").asText()).isEqualTo("00D000000000001EAA");
        assertThat(userInfo.body().get("preferred_username").asText()).isEqualTo("rep@sandbox.example");
        assertThat(userInfo.body().get("nickname").asText()).isEqualTo("rep");
        assertThat(userInfo.body().get("name").asText()).isEqualTo("Riley Rep");
        assertThat(userInfo.body().get("given_name").asText()).isEqualTo("Riley");
        assertThat(userInfo.body().get("family_name").asText()).isEqualTo("Rep");
        assertThat(userInfo.body().get("email_verified").asBoolean()).isTrue();
        assertThat(userInfo.body().get("urls").get("sobjects").asText())
                .isEqualTo(emulator.baseUrl() + "/services/data/v{version}/sobjects/");
        assertThat(userInfo.body().has("username")).as("an identity URL field, not a claim").isFalse();

        TestHttp.Response refused = anonymous.raw("GET", "/services/oauth2/userinfo", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).isEqualTo("Bad_OAuth_Token");
    }

    @Test
    void soapLoginGivesASessionTheRestApiAccepts() {
        TestHttp.Response login = anonymous.raw("POST", "/services/Soap/u/56.0",
                LOGIN.formatted("integration@sandbox.example", "sandbox"), "Content-Type", "text/xml", "SOAPAction", "login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text()).contains("<serverUrl>" + emulator.baseUrl() + "/services/Soap/u/56.0/00D000000000001EAA</serverUrl>")
                .contains("<userId>005000000000001AAA</userId>").contains("<organizationId>00D000000000001EAA</organizationId>");
        Matcher session = Pattern.compile("<sessionId>([^<]+)</sessionId>").matcher(login.text());
        assertThat(session.find()).isTrue();
        TestHttp rest = new TestHttp(emulator.baseUrl(), session.group(1));
        assertThat(rest.api("GET", "limits/", null).status()).isEqualTo(200);

        TestHttp.Response logout = anonymous.raw("POST", "/services/Soap/u/56.0", """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="urn:partner.soap.sforce.com">
                <soapenv:Header><p:SessionHeader><p:sessionId>%s</p:sessionId></p:SessionHeader></soapenv:Header>
                <soapenv:Body><p:logout/></soapenv:Body></soapenv:Envelope>""".formatted(session.group(1)),
                "Content-Type", "text/xml");
        assertThat(logout.status()).isEqualTo(200);
        assertThat(rest.api("GET", "limits/", null).status()).isEqualTo(401);
    }

    @Test
    void soapLoginFaultsAsSalesforceDoes() {
        TestHttp.Response refused = anonymous.raw("POST", "/services/Soap/u/56.0",
                LOGIN.formatted("integration@sandbox.example", "wrong"), "Content-Type", "text/xml");
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.text()).contains("<faultcode>sf:INVALID_LOGIN</faultcode>")
                .contains("Invalid username, password, security token; or user locked out.");

        TestHttp.Response entity = anonymous.raw("POST", "/services/Soap/u/56.0", """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
                <login xmlns="urn:partner.soap.sforce.com"><username>&e;</username><password>x</password></login>
                </soapenv:Body></soapenv:Envelope>""", "Content-Type", "text/xml");
        assertThat(entity.status()).isEqualTo(500);
        assertThat(entity.text()).contains("soapenv:Client").doesNotContain("root:");

        TestHttp.Response query = anonymous.raw("POST", "/services/Soap/u/56.0", """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
                <query xmlns="urn:partner.soap.sforce.com"><queryString>SELECT Id FROM Task</queryString></query>
                </soapenv:Body></soapenv:Envelope>""", "Content-Type", "text/xml");
        assertThat(query.text()).contains("INVALID_OPERATION");
    }
}
