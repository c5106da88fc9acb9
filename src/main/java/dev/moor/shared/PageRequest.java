package dev.moor.shared;

/** A zero-based page of at most {@link #MAX_SIZE} items, as every paged endpoint takes it. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (page < 0) {
            throw DomainException.invalid("page must be 0 or more.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.invalid("size must be between 1 and " + MAX_SIZE + ".");
        }
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) page * size;
    }
}
