package io.salesactivitysync.sandbox.salesforce.auth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The SOAP API's {@code login} and {@code logout} ({@code /services/Soap/u/NN.0} and
 * {@code /services/Soap/c/NN.0}): the session login that client libraries use when no connected
 * app is configured. The session it returns is an ordinary access token for the REST API. Other
 * SOAP operations are answered with a fault saying the emulator does not serve them.
 */
public final class SoapLoginServlet extends HttpServlet {

    private static final Pattern ENDPOINT = Pattern.compile("^/([uc])/(\\d+\\.\\d)(/.*)?$");
    private static final String PARTNER_NS = "urn:partner.soap.sforce.com";
    private static final String ENTERPRISE_NS = "urn:enterprise.soap.sforce.com";

    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final String orgId;
    private final Supplier<String> baseUrl;
    private final Runnable beforeEachCall;

    public SoapLoginServlet(UserDirectory users, SessionRegistry sessions, String orgId, Supplier<String> baseUrl,
            Runnable beforeEachCall) {
        this.users = users;
        this.sessions = sessions;
        this.orgId = orgId;
        this.baseUrl = baseUrl;
        this.beforeEachCall = beforeEachCall;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        beforeEachCall.run();
        Matcher endpoint = ENDPOINT.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!"POST".equals(request.getMethod()) || !endpoint.matches()) {
            fault(response, "soapenv:Client", "Only POST to /services/Soap/u/NN.0 or /services/Soap/c/NN.0", null, PARTNER_NS);
            return;
        }
        String namespace = endpoint.group(1).equals("u") ? PARTNER_NS : ENTERPRISE_NS;
        Document envelope;
        try {
            envelope = parse(request.getInputStream().readAllBytes());
        } catch (SAXException | ParserConfigurationException e) {
            fault(response, "soapenv:Client", "Bad SOAP envelope: " + e.getMessage(), null, namespace);
            return;
        }
        Element operation = firstBodyElement(envelope);
        String name = operation == null ? "" : operation.getLocalName();
        switch (name) {
            case "login" -> login(response, operation, endpoint.group(1), endpoint.group(2), namespace);
            case "logout" -> logout(response, envelope, namespace);
            default -> fault(response, "sf:INVALID_OPERATION", "INVALID_OPERATION: the emulator's SOAP API serves "
                    + "only login and logout; use the REST API", "INVALID_OPERATION", namespace);
        }
    }

    private void login(HttpServletResponse response, Element login, String api, String version, String namespace)
            throws IOException {
        Optional<OrgUser> user = users.authenticate(text(login, "username"), text(login, "password"));
        if (user.isEmpty()) {
            loginFault(response, namespace);
            return;
        }
        OrgUser found = user.get();
        AuthenticatedSession session = sessions.open(found, null, null);
        String base = baseUrl.get();
        String result = "<loginResponse><result>"
                + "<metadataServerUrl>" + base + "/services/Soap/m/" + version + "/" + orgId + "</metadataServerUrl>"
                + "<passwordExpired>false</passwordExpired><sandbox>true</sandbox>"
                + "<serverUrl>" + base + "/services/Soap/" + api + "/" + version + "/" + orgId + "</serverUrl>"
                + "<sessionId>" + escape(session.accessToken()) + "</sessionId>"
                + "<userId>" + found.id() + "</userId>"
                + "<userInfo><accessibilityMode>false</accessibilityMode><currencySymbol>$</currencySymbol>"
                + "<orgAttachmentFileSizeLimit>5242880</orgAttachmentFileSizeLimit><orgDefaultCurrencyIsoCode>USD"
                + "</orgDefaultCurrencyIsoCode><orgDisallowHtmlAttachments>false</orgDisallowHtmlAttachments>"
                + "<orgHasPersonAccounts>false</orgHasPersonAccounts><organizationId>" + orgId + "</organizationId>"
                + "<organizationMultiCurrency>false</organizationMultiCurrency><organizationName>Sandbox Org"
                + "</organizationName><profileId>00e000000000001AAA</profileId><roleId xsi:nil=\"true\"/>"
                + "<sessionSecondsValid>" + sessions.sessionTimeout().toSeconds() + "</sessionSecondsValid>"
                + "<userDefaultCurrencyIsoCode xsi:nil=\"true\"/><userEmail>" + escape(found.email()) + "</userEmail>"
                + "<userFullName>" + escape(found.name()) + "</userFullName><userId>" + found.id() + "</userId>"
                + "<userLanguage>en_US</userLanguage><userLocale>en_US</userLocale><userName>"
                + escape(found.username()) + "</userName><userTimeZone>GMT</userTimeZone><userType>Standard</userType>"
                + "<userUiSkin>Theme3</userUiSkin></userInfo></result></loginResponse>";
        write(response, 200, result, namespace);
    }

    private void logout(HttpServletResponse response, Document envelope, String namespace) throws IOException {
        NodeList ids = envelope.getElementsByTagNameNS("*", "sessionId");
        if (ids.getLength() > 0) {
            sessions.revoke(ids.item(0).getTextContent().trim());
        }
        write(response, 200, "<logoutResponse/>", namespace);
    }

    private void loginFault(HttpServletResponse response, String namespace) throws IOException {
        fault(response, "sf:INVALID_LOGIN",
                "INVALID_LOGIN: Invalid username, password, security token; or user locked out.", "INVALID_LOGIN",
                namespace);
    }

    private static void fault(HttpServletResponse response, String code, String message, String exceptionCode,
            String namespace) throws IOException {
        String detail = exceptionCode == null ? "" : "<detail><sf:" + ("INVALID_LOGIN".equals(exceptionCode)
                ? "LoginFault" : "UnexpectedErrorFault") + " xsi:type=\"sf:" + ("INVALID_LOGIN".equals(exceptionCode)
                ? "LoginFault" : "UnexpectedErrorFault") + "\"><sf:exceptionCode>" + exceptionCode
                + "</sf:exceptionCode><sf:exceptionMessage>" + escape(message.substring(message.indexOf(": ") + 2))
                + "</sf:exceptionMessage></sf:" + ("INVALID_LOGIN".equals(exceptionCode) ? "LoginFault"
                : "UnexpectedErrorFault") + "></detail>";
        write(response, 500, "<soapenv:Fault><faultcode>" + code + "</faultcode><faultstring>" + escape(message)
                + "</faultstring>" + detail + "</soapenv:Fault>", namespace);
    }

    private static void write(HttpServletResponse response, int status, String body, String namespace)
            throws IOException {
        String faultNamespace = namespace.equals(PARTNER_NS) ? "urn:fault.partner.soap.sforce.com"
                : "urn:fault.enterprise.soap.sforce.com";
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
                + "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"" + namespace + "\" "
                + "xmlns:sf=\"" + faultNamespace + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
        response.setStatus(status);
        response.setContentType("text/xml;charset=UTF-8");
        response.getOutputStream().write(envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses without DTDs or external entities, so an envelope cannot reach files or the network. */
    private static Document parse(byte[] xml) throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
    }

    private static Element firstBodyElement(Document envelope) {
        NodeList bodies = envelope.getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Body");
        if (bodies.getLength() == 0) {
            return null;
        }
        NodeList children = bodies.item(0).getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
