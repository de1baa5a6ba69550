package io.salesactivitysync.sandbox.salesforce.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The identity URL a token response names ({@code /id/<org id>/<user id>}) and the OpenID Connect
 * UserInfo endpoint ({@code /services/oauth2/userinfo}, the token's own user, which the Salesforce
 * CLI asks after a login): who the user is, and the org's service URLs. Like Salesforce, a bad
 * token is 403 {@code Bad_OAuth_Token}.
 */
public final class IdentityServlet extends HttpServlet {

    /** Where the emulator maps this servlet for the UserInfo endpoint. */
    public static final String USERINFO_PATH = "/services/oauth2/userinfo";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessTokenValidator tokens;
    private final UserDirectory users;
    private final String orgId;
    private final Supplier<String> baseUrl;

    public IdentityServlet(AccessTokenValidator tokens, UserDirectory users, String orgId, Supplier<String> baseUrl) {
        this.tokens = tokens;
        this.users = users;
        this.orgId = orgId;
        this.baseUrl = baseUrl;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod())) {
            text(response, 405, "Method Not Allowed");
            return;
        }
        Optional<AuthenticatedSession> session = tokens.validate(token(request));
        if (session.isEmpty()) {
            text(response, 403, "Bad_OAuth_Token");
            return;
        }
        if (USERINFO_PATH.equals(request.getServletPath())) {
            OrgUser user = users.byId(session.get().userId()).orElseThrow();
            write(response, userInfo(user));
            return;
        }
        String[] parts = request.getPathInfo() == null ? new String[0] : request.getPathInfo().substring(1).split("/");
        Optional<OrgUser> user = parts.length == 2 && parts[0].equals(orgId) ? users.byId(parts[1]) : Optional.empty();
        if (user.isEmpty()) {
            text(response, 404, "Bad_Id");
            return;
        }
        write(response, identity(user.get()));
    }

    /** The OpenID Connect claims, with Salesforce's additions (user and org ids, urls). */
    private ObjectNode userInfo(OrgUser user) {
        String base = baseUrl.get();
        ObjectNode body = JSON.createObjectNode();
        body.put("sub", base + "/id/" + orgId + "/" + user.id());
        body.put("user_id", user.id());
        body.put("organization_id", orgId);
        body.put("preferred_username", user.username());
        body.put("nickname", nickname(user));
        body.put("name", user.name());
        body.put("email", user.email());
        body.put("email_verified", true);
        body.put("given_name", user.firstName());
        body.put("family_name", user.lastName());
        body.put("zoneinfo", "GMT");
        ObjectNode photos = body.putObject("photos");
        photos.put("picture", base + "/profilephoto/005/F");
        photos.put("thumbnail", base + "/profilephoto/005/T");
        body.put("profile", base + "/" + user.id());
        body.put("picture", base + "/profilephoto/005/F");
        body.putObject("address");
        body.put("is_salesforce_integration_user", false);
        body.set("urls", urls(base, user));
        body.put("active", true);
        body.put("user_type", "STANDARD");
        body.put("language", "en_US");
        body.put("locale", "en_US");
        body.put("utcOffset", 0);
        body.put("updated_at", "2025-01-01T00:00:00Z");
        body.put("is_app_installed", true);
        return body;
    }

    private ObjectNode identity(OrgUser user) {
        String base = baseUrl.get();
        ObjectNode body = JSON.createObjectNode();
        body.put("id", base + "/id/" + orgId + "/" + user.id());
        body.put("asserted_user", true);
        body.put("user_id", user.id());
        body.put("organization_id", orgId);
        body.put("username", user.username());
        body.put("nick_name", nickname(user));
        body.put("display_name", user.name());
        body.put("email", user.email());
        body.put("email_verified", true);
        body.put("first_name", user.firstName());
        body.put("last_name", user.lastName());
        body.put("timezone", "GMT");
        body.set("urls", urls(base, user));
        body.put("active", true);
        body.put("user_type", "STANDARD");
        body.put("language", "en_US");
        body.put("locale", "en_US");
        body.put("utcOffset", 0);
        body.put("is_app_installed", true);
        return body;
    }

    private static ObjectNode urls(String base, OrgUser user) {
        ObjectNode urls = JSON.createObjectNode();
        String rest = base + "/services/data/v{version}/";
        urls.put("rest", rest);
        urls.put("sobjects", rest + "sobjects/");
        urls.put("query", rest + "query/");
        urls.put("limits", rest + "limits/");
        urls.put("profile", base + "/" + user.id());
        return urls;
    }

    private static String nickname(OrgUser user) {
        int at = user.username().indexOf('@');
        return at < 0 ? user.username() : user.username().substring(0, at);
    }

    private static void write(HttpServletResponse response, ObjectNode body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    private static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            int space = header.indexOf(' ');
            return space < 0 ? null : header.substring(space + 1).trim();
        }
        return request.getParameter("oauth_token");
    }

    private static void text(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(text);
    }
}
