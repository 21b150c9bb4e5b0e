package dev.hermeticbuild.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The name servers the host is configured to use (/etc/resolv.conf), as IP literals. */
final class ResolvConf {

    private ResolvConf() {
    }

    static List<InetAddress> nameservers() {
        List<InetAddress> result = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 2 && words[0].equals("nameserver") && words[1].matches("[0-9a-fA-F:.]+")) {
                    result.add(InetAddress.getByName(words[1]));
                }
            }
        } catch (IOException e) {
            // no resolv.conf: no resolver to probe
        }
        return result;
    }
}
