package dev.moor.firmware;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.moor.shared.DomainException;
import dev.moor.shared.ErrorCode;

/** One inclusive byte range of a file of {@code size} bytes, as a single-range {@code Range} header asks for it. */
record ByteRange(long first, long last, long size) {

    private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    long length() {
        return last - first + 1;
    }

    boolean isWholeFile() {
        return first == 0 && last == size - 1;
    }

    /**
     * The range a request asks for, or empty to send the whole file. Following RFC 9110 section 14.2, a
     * header that is absent, malformed or asks for several ranges is ignored (the whole file is a valid
     * answer), and so is a range whose {@code If-Range} validator no longer matches. A range that starts at or
     * past the end throws RANGE_NOT_SATISFIABLE.
     */
    static Optional<ByteRange> of(String header, String ifRange, String etag, long size) {
        if (header == null || ifRange != null && !ifRange.strip().equals(etag)) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
            return Optional.empty();
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0) {
                    throw unsatisfiable(size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1, size));
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
            if (first >= size) {
                throw unsatisfiable(size);
            }
            if (last < first) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(first, last, size));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    static ByteRange whole(long size) {
        return new ByteRange(0, size - 1, size);
    }

    private static DomainException unsatisfiable(long size) {
        return new DomainException(ErrorCode.RANGE_NOT_SATISFIABLE,
                "The requested range starts past the end of the " + size + "-byte file.", Map.of("size", size));
    }
}
