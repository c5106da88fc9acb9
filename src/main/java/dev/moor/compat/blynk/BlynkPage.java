package dev.moor.compat.blynk;

import java.util.List;

/** A page of results: {@code content} and {@code totalElements} (vendor-notes.md, Blynk "Pagination"). */
record BlynkPage<T>(List<T> content, long totalElements) {
}
