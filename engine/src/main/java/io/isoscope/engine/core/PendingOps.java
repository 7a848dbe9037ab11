package io.isoscope.engine.core;

import io.isoscope.engine.api.EngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A journal of operations in progress, one small file per container ({@code DIR/ID.pending} naming the
 * operation): written before an operation changes anything, deleted when it has committed. A file left behind
 * by a process that died (its container lock is free) tells recovery which operation to finish or undo.
 * Thread-safe; callers hold the container's lock.
 */
final class PendingOps {

    /** The operations that are journalled. */
    enum Op { CREATE, START, STOP, REMOVE }

    /** An operation in progress on a container, with the container's name for the events recovery writes. */
    record Pending(Op op, String name) {
    }

    private final Path dir;

    /** A journal in {@code dir}, which exists. */
    PendingOps(Path dir) {
        this.dir = dir;
    }

    /** Records that {@code op} begins on container {@code id}, named {@code name}. */
    void begin(String id, Op op, String name) {
        Path tmp = dir.resolve(id + ".pending.tmp");
        try {
            Files.writeString(tmp, op.name() + "\n" + name + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot journal " + op + " of " + id + ": " + e.getMessage(), e);
        }
    }

    /** Records that the operation on {@code id} has committed. */
    void end(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot clear the journal of " + id + ": " + e.getMessage(), e);
        }
    }

    /** The operation in progress (or interrupted) on {@code id}. */
    Optional<Pending> of(String id) {
        try {
            List<String> lines = Files.readAllLines(file(id), StandardCharsets.UTF_8);
            String name = lines.size() > 1 ? lines.get(1) : id.substring(0, Math.min(12, id.length()));
            return Optional.of(new Pending(Op.valueOf(lines.isEmpty() ? "" : lines.get(0).trim()), name));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // A torn or foreign file (the rename makes this unlikely): the safe reading is an interrupted create,
            // which keeps a committed container and undoes an uncommitted one.
            return Optional.of(new Pending(Op.CREATE, id.substring(0, Math.min(12, id.length()))));
        }
    }

    /** Every journalled container with its operation. */
    Map<String, Pending> all() {
        Map<String, Pending> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pending"))
                    .map(n -> n.substring(0, n.length() - ".pending".length()))
                    .forEach(id -> of(id).ifPresent(op -> out.put(id, op)));
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.IO, "cannot read the journal in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Path file(String id) {
        return dir.resolve(id + ".pending");
    }
}
