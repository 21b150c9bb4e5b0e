package dev.hermeticbuild.sbom;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cycles of a dependency graph, one per back edge a depth-first walk finds (in sorted order,
 * so the same graph names the same cycles): named in the SBOM, never looped on.
 */
final class GraphCycles {

    static final int LIMIT = 20;

    private GraphCycles() {
    }

    /** Each cycle as its path, first node repeated at the end ({@code a -> b -> a}); at most {@link #LIMIT}. */
    static List<List<String>> of(Map<String, List<String>> edges) {
        Map<String, List<String>> sorted = new TreeMap<>();
        edges.forEach((k, v) -> sorted.put(k, new ArrayList<>(new TreeSet<>(v))));
        Map<String, Integer> state = new HashMap<>();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : sorted.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Iterator<String>> next = new ArrayDeque<>();
            path.push(start);
            next.push(sorted.getOrDefault(start, List.of()).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                if (!next.peek().hasNext()) {
                    state.put(path.pop(), 2);
                    next.pop();
                    continue;
                }
                String target = next.peek().next();
                Integer s = state.get(target);
                if (s == null) {
                    state.put(target, 1);
                    path.push(target);
                    next.push(sorted.getOrDefault(target, List.of()).iterator());
                } else if (s == 1 && cycles.size() < LIMIT) {
                    List<String> cycle = new ArrayList<>();
                    for (Iterator<String> it = path.descendingIterator(); it.hasNext(); ) {
                        String node = it.next();
                        if (!cycle.isEmpty() || node.equals(target)) {
                            cycle.add(node);
                        }
                    }
                    cycle.add(target);
                    cycles.add(cycle);
                }
            }
        }
        return cycles;
    }
}
