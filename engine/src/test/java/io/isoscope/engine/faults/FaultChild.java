package io.isoscope.engine.faults;

import io.isoscope.engine.Engines;
import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerSpec;
import io.isoscope.engine.api.EngineConfig;
import io.isoscope.engine.api.Isolation;
import io.isoscope.engine.runtime.Checkpoints;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine process a fault-injection test kills: runs one operation on a fresh container and, when the
 * operation reaches the named checkpoint, says so on stdout and freezes there until the test SIGKILLs it.
 * Usage: {@code FaultChild STATE_DIR process|hyperv CHECKPOINT}; the operation is the checkpoint's prefix.
 */
public final class FaultChild {

    /** Printed (with the checkpoint's name) when the operation has reached the checkpoint. */
    static final String REACHED = "REACHED ";
    /** Printed if the operation finished without reaching the checkpoint: the test then fails. */
    static final String MISSED = "MISSED";
    /** The name of the container it works on. */
    static final String NAME = "fault-victim";

    private FaultChild() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        Path state = Path.of(args[0]);
        Isolation isolation = Isolation.parse(args[1]);
        String point = args[2];
        Checkpoints freezeAt = name -> {
            if (name.equals(point)) {
                System.out.println(REACHED + name);
                System.out.flush();
                while (true) {
                    LockSupport.park(); // frozen mid-operation, holding whatever it holds, until killed
                }
            }
        };
        ContainerEngine engine = Engines.open(new EngineConfig(state, null, Duration.ofSeconds(1),
                EngineConfig.defaultGuestDir(System.getenv(), true)), freezeAt);
        ContainerSpec spec = ContainerSpec.of("busybox", isolation, "ping", "127.0.0.1").withName(NAME);
        String op = point.substring(0, point.indexOf('.'));
        String id = engine.create(spec).id();
        if (!op.equals("create")) {
            engine.start(id);
        }
        switch (op) {
            case "stop" -> engine.stop(id, Duration.ofSeconds(1));
            case "remove" -> engine.remove(id, true);
            default -> { }
        }
        System.out.println(MISSED);
        System.out.flush();
        engine.close();
        System.exit(3);
    }
}
