package io.salesactivitysync.sandbox.salesforce.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a SOQL statement into tokens; string literals are unescaped as Salesforce does. */
final class SoqlLexer {

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");

    private final String soql;
    private int position;

    private SoqlLexer(String soql) {
        this.soql = soql;
    }

    static List<SoqlToken> tokenize(String soql) {
        return new SoqlLexer(soql).run();
    }

    private List<SoqlToken> run() {
        List<SoqlToken> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= soql.length()) {
                tokens.add(new SoqlToken(SoqlToken.Kind.END, "", null, soql.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (position < soql.length() && Character.isWhitespace(soql.charAt(position))) {
            position++;
        }
    }

    private SoqlToken next() {
        int start = position;
        char c = soql.charAt(position);
        if (c == '\'') {
            return string(start);
        }
        if (Character.isDigit(c) || c == '.' && position + 1 < soql.length() && Character.isDigit(soql.charAt(position + 1))) {
            return numberOrDate(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (position < soql.length() && (Character.isLetterOrDigit(soql.charAt(position))
                    || soql.charAt(position) == '_')) {
                position++;
            }
            String text = soql.substring(start, position);
            return new SoqlToken(SoqlToken.Kind.IDENTIFIER, text, text, start);
        }
        for (String symbol : List.of("!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", ".", ":", "-", "+")) {
            if (soql.startsWith(symbol, position)) {
                position += symbol.length();
                return new SoqlToken(SoqlToken.Kind.SYMBOL, symbol, symbol, start);
            }
        }
        throw SoqlErrors.malformed(soql, start, "unexpected token: '" + c + "'");
    }

    private SoqlToken numberOrDate(int start) {
        Matcher datetime = DATETIME.matcher(soql).region(start, soql.length());
        if (datetime.lookingAt()) {
            position = datetime.end();
            String text = datetime.group();
            try {
                // stored datetimes have whole seconds, so a literal's milliseconds are dropped too
                Instant value = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                        .truncatedTo(ChronoUnit.SECONDS);
                return new SoqlToken(SoqlToken.Kind.DATETIME, text, value, start);
            } catch (DateTimeParseException e) {
                throw SoqlErrors.malformed(soql, start, "line 1:" + start + " no viable alternative at character ' '");
            }
        }
        Matcher date = DATE.matcher(soql).region(start, soql.length());
        if (date.lookingAt()) {
            position = date.end();
            String text = date.group();
            try {
                return new SoqlToken(SoqlToken.Kind.DATE, text, LocalDate.parse(text), start);
            } catch (DateTimeParseException e) {
                throw SoqlErrors.malformed(soql, start, "unexpected token: '" + text + "'");
            }
        }
        Matcher number = NUMBER.matcher(soql).region(start, soql.length());
        number.lookingAt();
        position = number.end();
        if (position < soql.length() && (Character.isLetter(soql.charAt(position)) || soql.charAt(position) == '_')) {
            while (position < soql.length() && Character.isLetterOrDigit(soql.charAt(position))) {
                position++;
            }
            throw SoqlErrors.malformed(soql, start, "unexpected token: '" + soql.substring(start, position) + "'");
        }
        String text = number.group();
        return new SoqlToken(SoqlToken.Kind.NUMBER, text, new BigDecimal(text), start);
    }

    private SoqlToken string(int start) {
        StringBuilder plain = new StringBuilder();
        StringBuilder likePattern = new StringBuilder();
        position++;
        while (position < soql.length()) {
            char c = soql.charAt(position);
            if (c == '\'') {
                position++;
                String text = soql.substring(start, position);
                return new SoqlToken(SoqlToken.Kind.STRING, text,
                        new SoqlString(plain.toString(), likePattern.toString()), start);
            }
            position++;
            if (c == '\\') {
                if (position >= soql.length()) {
                    break;
                }
                char escaped = unescape(start, soql.charAt(position++));
                plain.append(escaped);
                likePattern.append(Pattern.quote(String.valueOf(escaped)));
                continue;
            }
            plain.append(c);
            likePattern.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        throw SoqlErrors.malformed(soql, start, "line 1:" + start + " mismatched character '<EOF>' expecting '''");
    }

    /** The character an escape sequence stands for ({@code \\uXXXX} reads four more characters). */
    private char unescape(int literalStart, char c) {
        switch (c) {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case '"', '\'', '\\', '_', '%':
                return c;
            case 'u':
                if (position + 4 <= soql.length() && soql.substring(position, position + 4).matches("[0-9a-fA-F]{4}")) {
                    char unicode = (char) Integer.parseInt(soql.substring(position, position + 4), 16);
                    position += 4;
                    return unicode;
                }
                break;
            default:
                break;
        }
        int end = soql.indexOf('\'', position);
        String literal = soql.substring(literalStart, end < 0 ? soql.length() : end + 1);
        throw SoqlErrors.malformed(soql, literalStart, "Invalid string literal " + literal
                + ". Illegal character sequence '\\" + c + "' in string literal.");
    }
}
