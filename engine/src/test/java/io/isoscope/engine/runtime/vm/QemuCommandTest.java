package io.isoscope.engine.runtime.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isoscope.engine.runtime.Workload;
import io.isoscope.engine.runtime.vm.initramfs.InitramfsBuilder;
import io.isoscope.engine.sys.LibC;
import io.isoscope.engine.sys.Syscalls;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** QEMU's command line: an argument array in which no path or workload text can turn into an option. */
class QemuCommandTest {

    private static final String ID = "ab".repeat(32);

    private final Path state = Path.of("/var/lib/iso,server=on,x");
    private final QemuIsolation vm = new QemuIsolation(new QemuHost(Path.of("/bin/true")), state.resolve("vmlinuz"),
            state.resolve("agent"), state.resolve("run"), new InitramfsBuilder(state.resolve("cache")),
            VmSize.defaults(), new Syscalls(LibC.load()), new ObjectMapper(), io.isoscope.engine.runtime.Checkpoints.NONE);

    @Test
    void commasInPathsAreEscapedSoTheyCannotAddOptions() {
        VmDir dir = new VmDir(state.resolve("containers").resolve(ID), state.resolve("run").resolve(ID.substring(0, 12)));
        List<String> cmd = vm.command(ID, dir, state.resolve("initrd"), workload());

        assertThat(cmd).contains("file,id=console,path=/var/lib/iso,,server=on,,x/containers/" + ID + "/console.log",
                "socket,id=agent,path=/var/lib/iso,,server=on,,x/run/" + ID.substring(0, 12) + "/agent.sock,server=on,wait=off",
                "socket,id=qmp,path=/var/lib/iso,,server=on,,x/run/" + ID.substring(0, 12) + "/qmp.sock,server=on,wait=off",
                "socket,id=sessions,path=/var/lib/iso,,server=on,,x/run/" + ID.substring(0, 12)
                        + "/console.sock,server=on,wait=off",
                "file,id=exit,path=/var/lib/iso,,server=on,,x/containers/" + ID + "/exit");
        assertThat(cmd).containsSubsequence("-device", "isa-serial,chardev=sessions,index=3,iobase=0x2e8,irq=3")
                .containsSubsequence("-device", "isa-debugcon,chardev=exit,iobase=0xe9");
    }

    @Test
    void qemuRunsUnderAFixedScriptWithItsArgumentsAsParameters() {
        VmDir dir = new VmDir(Path.of("/s/containers").resolve(ID), Path.of("/s/run/x"));
        List<String> cmd = vm.command(ID, dir, Path.of("/s/initrd"), workload());

        assertThat(cmd.subList(0, 5)).containsExactly("/usr/bin/setsid", "/bin/sh", "-c", "umask 0177 && exec \"$0\" \"$@\"",
                "/bin/true");
        assertThat(cmd).containsSubsequence("-nic", "none").containsSubsequence("-nodefaults")
                .containsSubsequence("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny")
                .containsSubsequence("-mon", "chardev=qmp,mode=control")
                .noneMatch(a -> a.contains("ping") || a.contains("SECRET"));
    }

    private static Workload workload() {
        // The workload's argv and env travel over the agent line, never on QEMU's command line.
        return new Workload(List.of("ping", "-c", "1", "127.0.0.1,server=on"), List.of("SECRET=x"), "/", "abababababab", 0, 0);
    }
}
