package dev.hermeticbuild.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A writer process for durability tests: appends records to the store at {@code args[0]}, build
 * ids {@code args[1]-N}, {@code args[2]} of them (0: until killed), and prints
 * {@code committed SEQ BUILD-ID} after each append returned, i.e. after its commit.
 */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String prefix = args[1];
        long count = Long.parseLong(args[2]);
        try (ProvenanceStore store = ProvenanceStores.open(url)) {
            for (long i = 1; count == 0 || i <= count; i++) {
                String buildId = prefix + "-" + i;
                StoredRecord r = store.append(TestRecords.unsigned(buildId, buildId));
                System.out.println("committed " + r.seq() + " " + buildId);
                System.out.flush();
            }
        }
    }

    /** An acknowledged append: what the writer printed. */
    record Ack(long seq, String buildId) {
    }

    /** Starts a writer JVM with the test classpath. */
    static Process start(String url, String prefix, long count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(), url, prefix,
                Long.toString(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads acknowledgements from a writer's output until it has printed {@code n} (or ended). */
    static List<Ack> read(BufferedReader out, int n) throws IOException {
        List<Ack> acks = new ArrayList<>();
        String line;
        while ((n <= 0 || acks.size() < n) && (line = out.readLine()) != null) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("committed")) {
                acks.add(new Ack(Long.parseLong(f[1]), f[2]));
            }
        }
        return acks;
    }

    static BufferedReader output(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
