package rln.util;

/** The project's version: written into model.json and a dataset's meta.json, and printed by {@code rln --version}. */
public final class ProjectVersion {
    private ProjectVersion() {}

    /** The version from the jar manifest (Implementation-Version), or the development version when run from classes. */
    public static String get() {
        String v = ProjectVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
