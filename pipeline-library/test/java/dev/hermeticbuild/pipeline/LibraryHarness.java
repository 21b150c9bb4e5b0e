package dev.hermeticbuild.pipeline;

import static com.lesfurets.jenkins.unit.MethodSignature.method;

import com.lesfurets.jenkins.unit.cps.BasePipelineTestCPS;
import com.lesfurets.jenkins.unit.MethodCall;
import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration;
import groovy.lang.Closure;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a Jenkinsfile that loads this library with {@code @Library('hermetic-build') _}, under
 * JenkinsPipelineUnit with the Groovy of Jenkins Pipeline (2.4.21), CPS-transformed as Jenkins runs
 * it (groovy-cps; the program state is serialized and read back at every step, so a local that
 * Jenkins could not save fails the test). Every Pipeline step the
 * library may call is stubbed here and recorded in JenkinsPipelineUnit's call stack; any other
 * step fails the run (no such method). {@link #steps()} is the ordered list of step calls with
 * their arguments, which tests compare exactly.
 */
abstract class LibraryHarness extends BasePipelineTestCPS {

    /** The library's root: {@code vars/}, {@code src/}, {@code resources/} (Surefire runs in the module directory). */
    static final Path LIBRARY = Path.of("").toAbsolutePath();

    /** Steps a Jenkinsfile using the library may see; the sequence lists exactly these. */
    static final Set<String> STEPS = Set.of("error", "podTemplate", "node", "container", "stage", "checkout",
            "fileExists", "sh", "hermeticBuild", "signArtifact", "attest", "verifyArtifact", "archiveArtifacts",
            "libraryResource", "withCredentials", "usernamePassword");

    static final String IMAGE = "registry.example.com/hermetic-agent@sha256:" + "1".repeat(64);
    static final String AGENT_IMAGE = "registry.example.com/jenkins/inbound-agent@sha256:" + "2".repeat(64);
    static final String POD_LABEL = "hermetic-pod-7";

    /** Files the stubbed {@code fileExists} reports present. */
    final Set<String> workspaceFiles = new LinkedHashSet<>();
    /** What the stubbed {@code hermeticBuild} returns as {@code outputs[].name}. */
    final List<String> builtFiles = new ArrayList<>(List.of("target/app-1.0.jar"));
    final Map<String, Object> env = new HashMap<>();
    /** The {@code yaml:} of each {@code podTemplate} call. */
    final List<String> podYamls = new ArrayList<>();

    private Path scripts;

    void setUpLibrary(Path tempDir) throws Exception {
        scripts = tempDir;
        setScriptRoots(new String[] {tempDir.toString()});
        setScriptExtension("jenkins");
        super.setUp();
        URL root = LIBRARY.toUri().toURL();
        getHelper().registerSharedLibrary(LibraryConfiguration.library()
                .name("hermetic-build").defaultVersion("main").targetPath(tempDir.toString())
                .retriever((repository, branch, target) -> List.of(root))
                .implicit(false).allowOverride(false).build());

        env.put("WORKSPACE", "/home/jenkins/agent/workspace/app");
        env.put("JOB_NAME", "app");
        getBinding().setVariable("env", env);
        Map<String, Object> scm = new LinkedHashMap<>();
        scm.put("$class", "GitSCM");
        scm.put("url", "https://git.example.com/app.git");
        getBinding().setVariable("scm", scm);
        Map<String, Object> currentBuild = new LinkedHashMap<>();
        currentBuild.put("result", "SUCCESS");
        getBinding().setVariable("currentBuild", currentBuild);

        // Jenkins' error step ends the run; JenkinsPipelineUnit's default only marks the status.
        answer("error", String.class, message -> {
            throw new PipelineError((String) message);
        });
        getHelper().registerAllowedMethod(method("podTemplate", Map.class, Closure.class), (Function<Object, Object>) args -> {
            Object[] a = (Object[]) args;
            podYamls.add((String) ((Map<?, ?>) a[0]).get("yaml"));
            // As the Kubernetes plugin sets it for the block. Under CPS the block runs after this stub has
            // returned (the call throws CpsCallableInvocation), so the label is not removed afterwards.
            env.put("POD_LABEL", POD_LABEL);
            return ((Closure<?>) a[1]).call();
        });
        getHelper().registerAllowedMethod(method("container", String.class, Closure.class),
                (Function<Object, Object>) args -> ((Closure<?>) ((Object[]) args)[1]).call());
        answer("fileExists", String.class, path -> workspaceFiles.contains((String) path));
        answer("usernamePassword", Map.class, args -> Map.of("usernamePassword", args));
        getHelper().registerAllowedMethod(method("withCredentials", List.class, Closure.class),
                (Function<Object, Object>) args -> ((Closure<?>) ((Object[]) args)[1]).call());
        answer("hermeticBuild", Map.class, args -> {
            List<Object> outputs = new ArrayList<>();
            for (String f : builtFiles) {
                outputs.add(new LinkedHashMap<>(Map.of("name", f, "sha256", "ab".repeat(32))));
            }
            return new LinkedHashMap<>(Map.of("outputs", outputs, "provenance", "hermetic/provenance.json",
                    "sbom", "hermetic/sbom.cdx.json", "hermetic", true));
        });
        answer("signArtifact", Map.class, args -> List.of());
        answer("attest", Map.class, args -> Map.of());
        answer("verifyArtifact", Map.class, args -> Map.of("verified", true));
    }

    private void answer(String step, Class<?> argument, Function<Object, Object> result) {
        getHelper().registerAllowedMethod(method(step, argument), result);
    }

    /** Writes a Jenkinsfile and runs it; returns the failure of its {@code error} step, or null. */
    PipelineError run(String jenkinsfile) throws IOException {
        Files.writeString(scripts.resolve("Jenkinsfile.jenkins"), jenkinsfile, StandardCharsets.UTF_8);
        try {
            runScript("Jenkinsfile.jenkins");
            return null;
        } catch (PipelineError e) {
            return e;
        }
    }

    /** The step calls in order, as {@code name(arguments)}; a pod's YAML shows as {@code yaml:<pod>} (see {@link #podYamls}). */
    List<String> steps() {
        List<String> steps = new ArrayList<>();
        for (MethodCall call : getHelper().getCallStack()) {
            if (!STEPS.contains(call.getMethodName())) {
                continue;
            }
            if (call.getMethodName().equals("podTemplate")) {
                steps.add("podTemplate([yaml:<pod>], groovy.lang.Closure)");
            } else {
                steps.add(call.getMethodName() + "(" + call.argsToString() + ")");
            }
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> currentBuild() {
        return (Map<String, Object>) getBinding().getVariable("currentBuild");
    }

    /** What Jenkins' {@code error} step throws: ends the run with one message. */
    static final class PipelineError extends RuntimeException {
        PipelineError(String message) {
            super(message);
        }
    }
}
