package dev.hermeticbuild.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SourceUriTest {


    private static String normal(String remote) {
        SourceUri s = SourceUri.fromRemote(remote);
        return s.uri().orElseGet(() -> "OMITTED: " + s.omittedBecause().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://ci-bot:s3cr3t-TOKEN@git.example.com/org/repo.git | git+https://git.example.com/org/repo.git",
        "https://ghp_abcdef0123456789@GitHub.COM/Org/Repo         | git+https://github.com/Org/Repo",
        "HTTPS://git.example.com:443/org/repo.git?private_token=x#f | git+https://git.example.com/org/repo.git",
        "https://git.example.com:8443/org/repo.git               | git+https://git.example.com:8443/org/repo.git",
        "git@github.com:org/repo.git                              | git+ssh://git@github.com/org/repo.git",
        "deploy@git.example.com:org/repo.git                      | git+ssh://git.example.com/org/repo.git",
        "git.example.com:/abs/repo.git                            | git+ssh://git.example.com/abs/repo.git",
        "ssh://git@Git.Example.com:22/org/repo.git                | git+ssh://git@git.example.com/org/repo.git",
        "ssh://alice:pw@git.example.com:7999/org/repo.git         | git+ssh://git.example.com:7999/org/repo.git",
        "git+https://user:tok@git.example.com/org/repo            | git+https://git.example.com/org/repo",
        "git://git.example.com/repo.git                           | git+git://git.example.com/repo.git",
        "/srv/mirrors/repo.git                                    | git+file:///srv/mirrors/repo.git",
        "../upstream                                              | OMITTED: the remote '../upstream' is a relative local path, which names nothing outside this machine",
        "file:///srv/mirrors/repo.git                             | git+file:///srv/mirrors/repo.git",
    })
    void normalisesRemotesAndDropsCredentials(String remote, String expected) {
        assertEquals(expected, normal(remote));
    }

    @Test
    void neverKeepsASecretFromUserInfoOrQuery() {
        for (String remote : new String[] {
            "https://x-access-token:SECRET@host/o/r.git", "https://SECRET@host/o/r.git",
            "https://host/o/r.git?token=SECRET", "ssh://SECRET@host/o/r.git", "SECRET@host:o/r.git"}) {
            String n = normal(remote);
            assertFalse(n.contains("SECRET"), remote + " -> " + n);
            assertTrue(n.startsWith("git+"), n);
        }
    }

    @Test
    void omitsWhatIsNotARemoteWithAReason() {
        SourceUri bad = SourceUri.fromRemote("svn+ssh://host/repo");
        assertEquals(Optional.empty(), bad.uri());
        assertTrue(bad.omittedBecause().orElseThrow().contains("unsupported scheme 'svn+ssh'"));
        assertTrue(SourceUri.fromRemote("https://host/a\nb").omittedBecause().orElseThrow().contains("control"));
        assertTrue(SourceUri.fromRemote("").omittedBecause().isPresent());
    }

    @Test
    void aCanonicalSourceIsNormalisedAndMustNameARepositoryOffThisMachine() {
        assertEquals("git+https://github.com/org/app.git", SourceUri.canonical("https://bot:TOKEN@GitHub.com/org/app.git?t=TOKEN"));
        assertEquals("git+ssh://git@github.com/org/app.git", SourceUri.canonical("git@github.com:org/app.git"));
        for (String bad : new String[] {"/srv/git/app.git", "file:///srv/git/app.git", "relative/app", "svn://h/r", " "}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.hermeticbuild.InputException.class, () -> SourceUri.canonical(bad));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("canonical source '"), e.getMessage());
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.hermeticbuild.InputException.class,
                () -> SourceUri.canonical("https://bot:TOKEN@/org/app.git"));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("TOKEN"), e.getMessage());
    }

    @Test
    void redactsRemotesInMessages() {
        assertEquals("https://host/o/r.git", SourceUri.redactedForMessage("https://bot:SECRET@host/o/r.git?t=SECRET"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "git+https://github.com/org/repo        | git+ssh://git@github.com/org/repo.git      | true",
        "https://github.com/org/repo.git/        | git+https://github.com/org/repo@refs/heads/main | true",
        "git+https://GitHub.com/org/repo         | git@github.com:org/repo.git               | true",
        "git+https://github.com/org/repo         | git+https://github.com/org/other          | false",
        "git+https://github.com/org/repo         | git+http://github.com/org/repo            | false",
        "git+https://github.com/org/repo         | git+https://evil.example/org/repo          | false",
        "git+https://github.com/org/repo         | git+file:///github.com/org/repo           | false",
        "git+file:///srv/repo.git                | /srv/repo                                  | true",
        "git+https://github.com/org/repo         | not a uri at all://                        | false",
    })
    void matchesRepositoriesAcrossTransportsOnlyAsDocumented(String policy, String recorded, boolean same) {
        assertEquals(same, SourceUri.sameRepository(policy, recorded), policy + " vs " + recorded);
    }
}
