package dev.moor.device;

/** An organization tag, assignable to devices of that organization and of those below it. */
public record Tag(long id, String name, long organizationId) {
}
