package dev.moor.shared;

import java.util.List;
import java.util.function.Function;

/** One page of results with the total count, shaped as Moor's API answers it. */
public record Page<T>(List<T> content, long totalElements, int page, int size) {

    public static <T> Page<T> of(List<T> content, long totalElements, PageRequest request) {
        return new Page<>(List.copyOf(content), totalElements, request.page(), request.size());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(content.stream().<R>map(mapper).toList(), totalElements, page, size);
    }
}
