package dev.moor.shared;

/** Whether a listing reaches into the sub-organizations of the organization it names. */
public enum SubOrganizations {
    EXCLUDED,
    INCLUDED;

    public static SubOrganizations included(Boolean include) {
        return Boolean.TRUE.equals(include) ? INCLUDED : EXCLUDED;
    }
}
