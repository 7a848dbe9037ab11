package io.isoscope.engine.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Container ids (64 hex digits) and docker-style random names ("brave_turing"). Thread-safe. */
final class NameGenerator {

    private static final List<String> ADJECTIVES = List.of("brave", "calm", "eager", "fervent", "gallant",
            "happy", "jolly", "keen", "lucid", "modest", "nifty", "quirky", "serene", "tender", "vibrant", "zealous");
    private static final List<String> NAMES = List.of("babbage", "curie", "dijkstra", "hopper", "kepler",
            "lamport", "liskov", "lovelace", "noether", "ritchie", "shannon", "thompson", "torvalds", "turing", "wozniak");

    private final Random random;

    NameGenerator(Random random) {
        this.random = random;
    }

    /** A new default generator backed by {@link SecureRandom}. */
    static NameGenerator secure() {
        return new NameGenerator(new SecureRandom());
    }

    /** 32 random bytes as 64 lowercase hex digits. */
    String newId() {
        byte[] b = new byte[32];
        synchronized (random) {
            random.nextBytes(b);
        }
        return HexFormat.of().formatHex(b);
    }

    /** A random adjective_name; {@code attempt > 0} appends a number, as docker does after collisions. */
    String newName(int attempt) {
        String base;
        synchronized (random) {
            base = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_" + NAMES.get(random.nextInt(NAMES.size()));
        }
        return attempt == 0 ? base : base + attempt;
    }
}
