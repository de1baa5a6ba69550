package io.salesactivitysync.api;

import static io.salesactivitysync.ApiClient.object;
import static io.salesactivitysync.ApiClient.uniqueEmail;
import static io.salesactivitysync.ApiClient.uniqueSalesforceId;
import static io.salesactivitysync.api.RepApiTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.ApiClient.Response;
import io.salesactivitysync.AppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /api/people over real HTTP: each operation, and each way it can be refused. */
@AppTest
class PersonApiTest {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void createsReadsUpdatesAndDeletesAPerson() {
        String email = uniqueEmail("Alice");
        String contactId = uniqueSalesforceId("003");
        String accountId = uniqueSalesforceId("001");
        Response created = api.post("/api/people", object("name", "Alice Buyer", "email", email, "type", "contact",
                "salesforceId", contactId, "accountName", "Acme Corporation", "accountId", accountId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/people/" + id);
        assertThat(created.json().get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(created.json().get("type").asText()).isEqualTo("contact");
        assertThat(created.json().get("salesforceId").asText()).isEqualTo(contactId);
        assertThat(created.json().get("accountName").asText()).isEqualTo("Acme Corporation");
        assertThat(created.json().get("accountId").asText()).isEqualTo(accountId);

        assertThat(api.get("/api/people/" + id).json()).isEqualTo(created.json());

        String leadId = uniqueSalesforceId("00Q");
        Response updated = api.put("/api/people/" + id, object("name", "Alice Lead", "email", email, "type", "lead",
                "salesforceId", leadId));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("type").asText()).isEqualTo("lead");
        assertThat(updated.json().get("accountName").isNull()).isTrue();

        assertThat(api.delete("/api/people/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/people/" + id).status()).isEqualTo(404);
    }

    @Test
    void aPersonNeedNotBeInSalesforce() {
        Response created = api.post("/api/people", object("name", "Dan Newcomer", "email", uniqueEmail("dan")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("salesforceId").isNull()).isTrue();
        assertThat(created.json().get("type").isNull()).isTrue();
    }

    @Test
    void listsPeopleOnePageAtATime() {
        for (int i = 0; i < 3; i++) {
            api.post("/api/people", object("name", "Paged " + i, "email", uniqueEmail("paged")));
        }
        Response page = api.get("/api/people?size=2&page=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().at("/page/number").asInt()).isEqualTo(1);
        assertThat(page.json().at("/page/totalItems").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.json().get("items").size()).isBetween(1, 2);
    }

    @Test
    void anAddressAndASalesforceIdBelongToOnePersonOnly() {
        String email = uniqueEmail("bob");
        String contactId = uniqueSalesforceId("003");
        long bob = api.post("/api/people", object("name", "Bob", "email", email, "type", "contact", "salesforceId", contactId))
                .json().get("id").asLong();
        assertField(api.post("/api/people", object("name", "Bob Again", "email", email.toUpperCase())),
                409, "email", "already used by person " + bob);
        assertField(api.post("/api/people", object("name", "Bob's Twin", "email", uniqueEmail("twin"), "type", "contact",
                "salesforceId", contactId)), 409, "salesforceId", "already used by person " + bob);
    }

    @Test
    void aLowerCaseCaseSuffixIsStoredInItsCanonicalForm() {
        // The suffix only records the case of the first 15 characters: Salesforce reads it in either case.
        String contactId = uniqueSalesforceId("003");
        String accountId = uniqueSalesforceId("001");
        Response created = api.post("/api/people", object("name", "Lower Suffix", "email", uniqueEmail("lower"),
                "type", "contact", "salesforceId", contactId.substring(0, 15) + contactId.substring(15).toLowerCase(),
                "accountId", accountId.substring(0, 15) + accountId.substring(15).toLowerCase()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("salesforceId").asText()).isEqualTo(contactId);
        assertThat(created.json().get("accountId").asText()).isEqualTo(accountId);
        assertField(api.post("/api/people", object("name", "Same Contact", "email", uniqueEmail("same"), "type", "contact",
                "salesforceId", contactId)), 409, "salesforceId", "already used by person " + created.json().get("id").asLong());
    }

    @Test
    void theSalesforceIdMustMatchTheType() {
        assertField(api.post("/api/people", object("name", "Mixed", "email", uniqueEmail("mixed"), "type", "lead",
                "salesforceId", uniqueSalesforceId("003"))), 400, "salesforceId", "must start with 00Q for a lead");
        assertField(api.post("/api/people", object("name", "Typeless", "email", uniqueEmail("typeless"),
                "salesforceId", uniqueSalesforceId("003"))), 400, "type", "is required when salesforceId is set");
        assertField(api.post("/api/people", object("name", "Idless", "email", uniqueEmail("idless"), "type", "contact")),
                400, "salesforceId", "is required when type is set");
        assertField(api.post("/api/people", object("name", "Unknown", "email", uniqueEmail("unknown"), "type", "account",
                "salesforceId", uniqueSalesforceId("001"))), 400, "type", "must be one of: lead, contact");
        assertField(api.post("/api/people", object("name", "Bad Account", "email", uniqueEmail("account"),
                "accountId", uniqueSalesforceId("003"))), 400, "accountId", "starting with 001");
    }

    @Test
    void answers404ForUnknownIds() {
        assertThat(api.get("/api/people/987654321").json().get("message").asText()).isEqualTo("No person with id 987654321");
        assertThat(api.delete("/api/people/x").status()).isEqualTo(404);
    }
}
