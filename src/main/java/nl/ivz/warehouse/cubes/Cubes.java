package nl.ivz.warehouse.cubes;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Registry of the cubes the CLI and the service offer: every {@link Cube} listed as a java.util.ServiceLoader service. */
public final class Cubes {
    private Cubes() { }

    public static List<Cube> all() {
        return ServiceLoader.load(Cube.class).stream().map(ServiceLoader.Provider::get).collect(Collectors.toUnmodifiableList());
    }

    public static Optional<Cube> byName(String name) {
        return all().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }
}
