package io.salesactivitysync.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: overlong forms, encoded surrogates and stray bytes are errors, not replaced. */
final class Utf8 {

    private Utf8() {
    }

    /** The offset of the first byte that is not valid UTF-8, or -1 when all are. */
    static int firstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                // the input ends: a sequence cut short is an error too
                return in.hasRemaining() ? in.position() : -1;
            }
            out.clear();
        }
    }
}
