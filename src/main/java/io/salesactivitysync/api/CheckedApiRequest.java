package io.salesactivitysync.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * A request that {@link ApiRequestGuard} has checked: its body, already read and valid UTF-8, is
 * served from memory, and the routes see only the request headers the API reads (Content-Type,
 * Content-Length, Accept). Camel copies every visible request header into the message, so a
 * client's {@code Location} or {@code page} header would otherwise reach the routes and even come
 * back in the response.
 */
final class CheckedApiRequest extends HttpServletRequestWrapper {

    private static final Set<String> VISIBLE_HEADERS = Set.of("content-type", "content-length", "accept");

    private final byte[] body;

    CheckedApiRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already read");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public String getCharacterEncoding() {
        return StandardCharsets.UTF_8.name();
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getHeader(String name) {
        return visible(name) ? super.getHeader(name) : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return visible(name) ? super.getHeaders(name) : Collections.emptyEnumeration();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream().filter(CheckedApiRequest::visible).toList());
    }

    @Override
    public long getDateHeader(String name) {
        return visible(name) ? super.getDateHeader(name) : -1;
    }

    @Override
    public int getIntHeader(String name) {
        return visible(name) ? super.getIntHeader(name) : -1;
    }

    private static boolean visible(String name) {
        return name != null && VISIBLE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }
}
