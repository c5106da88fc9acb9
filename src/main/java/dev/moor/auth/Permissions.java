package dev.moor.auth;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import dev.moor.shared.Permission;

/** Permission sets as PostgreSQL text arrays, and back. */
final class Permissions {

    private Permissions() {
    }

    static String[] toArray(Collection<Permission> permissions) {
        return permissions.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    static Set<Permission> fromArray(Array array) throws SQLException {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        // Names no longer known (a permission removed in a later version) are ignored, not fatal.
        Arrays.stream((String[]) array.getArray())
                .flatMap(name -> Arrays.stream(Permission.values()).filter(p -> p.name().equals(name)))
                .forEach(permissions::add);
        return permissions;
    }
}
