package nl.ivz.warehouse.core;

/** Where Flyway finds the migrations: migrations/ is bundled in the jar as db/migration (see pom.xml). */
final class Migrations {
    private Migrations() { }

    static String[] locations() {
        String override = System.getProperty("ivz.migrations");
        return new String[] {override != null ? override : "classpath:db/migration"};
    }
}
