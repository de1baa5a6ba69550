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
 * The identity URL a token response names ({@code /id/<org id>/<user id>}): who the token's user
 * is, and the org's service URLs. Like Salesforce, a bad token is 403 {@code Bad_OAuth_Token}.
 */
public final class IdentityServlet extends HttpServlet {

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
        String[] parts = request.getPathInfo() == null ? new String[0] : request.getPathInfo().substring(1).split("/");
        Optional<OrgUser> user = parts.length == 2 && parts[0].equals(orgId) ? users.byId(parts[1]) : Optional.empty();
        if (user.isEmpty()) {
            text(response, 404, "Bad_Id");
            return;
        }
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        JSON.writeValue(response.getOutputStream(), identity(user.get()));
    }

    private ObjectNode identity(OrgUser user) {
        String base = baseUrl.get();
        ObjectNode body = JSON.createObjectNode();
        body.put("id", base + "/id/" + orgId + "/" + user.id());
        body.put("asserted_user", true);
        body.put("user_id", user.id());
        body.put("organization_id", orgId);
        body.put("username", user.username());
        body.put("nick_name", user.username().substring(0, user.username().indexOf('@') < 0
                ? user.username().length() : user.username().indexOf('@')));
        body.put("display_name", user.name());
        body.put("email", user.email());
        body.put("email_verified", true);
        body.put("first_name", user.firstName());
        body.put("last_name", user.lastName());
        body.put("timezone", "GMT");
        ObjectNode urls = body.putObject("urls");
        String rest = base + "/services/data/v{version}/";
        urls.put("rest", rest);
        urls.put("sobjects", rest + "sobjects/");
        urls.put("query", rest + "query/");
        urls.put("limits", rest + "limits/");
        urls.put("profile", base + "/" + user.id());
        body.put("active", true);
        body.put("user_type", "STANDARD");
        body.put("language", "en_US");
        body.put("locale", "en_US");
        body.put("utcOffset", 0);
        body.put("is_app_installed", true);
        return body;
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
