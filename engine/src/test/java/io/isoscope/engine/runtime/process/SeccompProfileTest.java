package io.isoscope.engine.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Docker's default seccomp profile converted to OCI form the way Docker's daemon converts it. */
class SeccompProfileTest {

    private static final List<String> DOCKER_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    private static final HostPlatform AMD64_61 = HostPlatform.of("amd64", "6.1.0-18-amd64");

    private final ObjectMapper json = new ObjectMapper();
    private final SeccompProfile docker = SeccompProfile.dockerDefault(json);

    @Test
    void onAmd64TheFilterCoversTheNativeArchitectureAndItsSubArchitectures() {
        ObjectNode oci = docker.toOci(DOCKER_CAPS, AMD64_61);

        assertThat(oci.get("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(texts(oci.get("architectures"))).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        assertThat(allowed(oci)).contains("read", "write", "clone", "execve", "arch_prctl", "modify_ldt", "chroot")
                .doesNotContain("arm_fadvise64_64", "s390_runtime_instr");
    }

    @Test
    void callsNeedingCapabilitiesTheContainerLacksAreLeftOutSoTheyAreRefused() {
        List<String> allowed = allowed(docker.toOci(DOCKER_CAPS, AMD64_61));

        assertThat(allowed).doesNotContain("unshare", "mount", "umount2", "setns", "reboot", "init_module",
                "open_by_handle_at", "settimeofday", "syslog", "bpf");
        // With CAP_SYS_ADMIN, Docker's profile allows the namespace and mount calls.
        List<String> withAdmin = new ArrayList<>(DOCKER_CAPS);
        withAdmin.add("CAP_SYS_ADMIN");
        assertThat(allowed(docker.toOci(withAdmin, AMD64_61))).contains("unshare", "mount", "setns");
    }

    @Test
    void cloneIsAllowedOnlyWithoutNamespaceFlagsAndClone3SaysENOSYSSoLibcFallsBack() {
        ObjectNode oci = docker.toOci(DOCKER_CAPS, AMD64_61);

        JsonNode clone = rulesFor(oci, "clone").stream().filter(r -> r.has("args")).findFirst().orElseThrow();
        assertThat(clone.get("action").asText()).isEqualTo("SCMP_ACT_ALLOW");
        assertThat(clone.at("/args/0/op").asText()).isEqualTo("SCMP_CMP_MASKED_EQ");
        assertThat(clone.at("/args/0/index").asInt()).isZero();
        assertThat(clone.at("/args/0/value").asLong()).isEqualTo(2114060288L); // the CLONE_NEW* flags
        JsonNode clone3 = rulesFor(oci, "clone3").get(0);
        assertThat(clone3.get("action").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(clone3.get("errnoRet").asInt()).isEqualTo(38);
    }

    @Test
    void minKernelRulesFollowTheHostsKernel() {
        assertThat(allowed(docker.toOci(DOCKER_CAPS, AMD64_61))).contains("ptrace");
        assertThat(allowed(docker.toOci(DOCKER_CAPS, HostPlatform.of("amd64", "4.4.0-210-generic")))).doesNotContain("ptrace");
        assertThat(allowed(docker.toOci(DOCKER_CAPS, HostPlatform.of("amd64", "4.8.0")))).contains("ptrace");
    }

    @Test
    void otherArchitecturesGetTheirOwnRulesAndAnUnknownOneTheNativeFilter() {
        ObjectNode arm = docker.toOci(DOCKER_CAPS, HostPlatform.of("aarch64", "6.1.0"));
        assertThat(texts(arm.get("architectures"))).containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
        assertThat(allowed(arm)).contains("arm_fadvise64_64").doesNotContain("arch_prctl", "modify_ldt");

        ObjectNode unknown = docker.toOci(DOCKER_CAPS, HostPlatform.of("sparc", "6.1.0"));
        assertThat(unknown.has("architectures")).isFalse();
    }

    @Test
    void rulesCarryOnlyTheOciFields() {
        for (JsonNode rule : docker.toOci(DOCKER_CAPS, AMD64_61).get("syscalls")) {
            List<String> fields = new ArrayList<>();
            rule.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isSubsetOf("names", "action", "errnoRet", "args").contains("names", "action");
            assertThat(rule.get("names")).isNotEmpty();
        }
    }

    @Test
    void aSingleNameAndExcludedMinKernelAreUnderstood() throws IOException {
        SeccompProfile p = new SeccompProfile(json.readTree("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1, "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [
                   {"name": "old_only", "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.10"}},
                   {"names": ["always"], "action": "SCMP_ACT_ALLOW", "includes": {}, "excludes": {}}
                 ]}"""), json);

        assertThat(allowed(p.toOci(DOCKER_CAPS, HostPlatform.of("amd64", "5.4.0")))).containsExactly("old_only", "always");
        ObjectNode recent = p.toOci(DOCKER_CAPS, HostPlatform.of("amd64", "5.10.0"));
        assertThat(allowed(recent)).containsExactly("always");
        assertThat(recent.get("defaultErrnoRet").asInt()).isEqualTo(1);
        assertThat(texts(recent.get("architectures"))).containsExactly("SCMP_ARCH_X86_64");
    }

    @Test
    void aMalformedProfileIsRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> new SeccompProfile(json.readTree(
                "{\"architectures\": [], \"archMap\": [], \"syscalls\": []}"), json))
                .hasMessage("a seccomp profile may have 'architectures' or 'archMap', not both");
        SeccompProfile badKernel = new SeccompProfile(json.readTree(
                "{\"syscalls\": [{\"names\": [\"x\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": {\"minKernel\": \"six\"}}]}"), json);
        assertThatThrownBy(() -> badKernel.toOci(DOCKER_CAPS, AMD64_61))
                .hasMessage("invalid minKernel \"six\" in the seccomp profile: expected <kernel>.<major>");
    }

    @Test
    void hostPlatformReadsJavasArchitectureAndTheKernelRelease() {
        assertThat(HostPlatform.of("amd64", "6.18.44-fc-v669")).isEqualTo(new HostPlatform("amd64", 6, 18));
        assertThat(HostPlatform.of("aarch64", "5.15")).isEqualTo(new HostPlatform("arm64", 5, 15));
        assertThat(HostPlatform.of("x86_64", "garbage")).isEqualTo(new HostPlatform("amd64", 0, 0));
        assertThat(new HostPlatform("amd64", 6, 1).kernelAtLeast(5, 19)).isTrue();
        assertThat(new HostPlatform("amd64", 6, 1).kernelAtLeast(6, 2)).isFalse();
    }

    @Test
    void runcFeaturesSayWhetherSeccompIsBuiltIn() throws IOException {
        assertThat(RuncFeatures.parse(json.readTree("{\"linux\": {\"seccomp\": {\"enabled\": false}}}")).seccomp()).isFalse();
        assertThat(RuncFeatures.parse(json.readTree("{\"linux\": {\"seccomp\": {\"enabled\": true}}}")).seccomp()).isTrue();
        assertThat(RuncFeatures.parse(json.readTree("{}")).seccomp()).as("runc that cannot say").isTrue();
    }

    private static List<String> allowed(JsonNode oci) {
        List<String> names = new ArrayList<>();
        for (JsonNode rule : oci.get("syscalls")) {
            if (rule.get("action").asText().equals("SCMP_ACT_ALLOW")) {
                rule.get("names").forEach(n -> names.add(n.asText()));
            }
        }
        return names;
    }

    private static List<JsonNode> rulesFor(JsonNode oci, String name) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode rule : oci.get("syscalls")) {
            for (JsonNode n : rule.get("names")) {
                if (n.asText().equals(name)) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
