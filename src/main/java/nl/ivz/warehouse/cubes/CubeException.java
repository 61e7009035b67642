package nl.ivz.warehouse.cubes;

/** A bad cube request (unknown cube, parameter, area, theme or year); the message names the close matches. */
public class CubeException extends Exception {
    private final String parameter;

    public CubeException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending parameter, or null when the cube itself is unknown. */
    public String parameter() {
        return parameter;
    }
}
