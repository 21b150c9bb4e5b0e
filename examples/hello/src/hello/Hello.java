package hello;

/** The smallest real project: compiled and packaged by make, with nothing from the network. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("Hello from a hermetic build");
    }
}
