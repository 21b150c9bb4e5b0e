import dev.hermeticbuild.image.*;
import java.nio.file.Path;
/** Issue 18: the cost of listing an image layout's layer files for the SBOM (LayerContents.of), five times. */
public class LayerListingBench {
    public static void main(String[] a) {
        OciLayout l = OciLayout.read(Path.of(a[0]));
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            var m = LayerContents.of(l); // every layer of at most 64 MiB
            long files = m.values().stream().mapToLong(x -> x.files().size()).sum();
            System.out.printf("run %d: %d layers, %d files, %.0f ms%n", i, m.size(), files, (System.nanoTime() - t) / 1e6);
        }
    }
}
