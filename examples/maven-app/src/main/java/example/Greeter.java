package example;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a greeting as JSON: picocli for the command line, Jackson for the output. */
@Command(name = "greeter", mixinStandardHelpOptions = true)
public final class Greeter implements Callable<Integer> {

    @Option(names = "--name", description = "Who to greet.")
    String name = "world";

    static String greeting(String name) throws Exception {
        return new ObjectMapper().writeValueAsString(Map.of("greeting", "hello, " + name));
    }

    @Override
    public Integer call() throws Exception {
        System.out.println(greeting(name));
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Greeter()).execute(args));
    }
}
