package app;

/** Part of a deliberately non-reproducible example: the code is fine, the packaging is not. */
public final class App {
    public static void main(String[] args) {
        System.out.println("built by a careless build");
    }
}
