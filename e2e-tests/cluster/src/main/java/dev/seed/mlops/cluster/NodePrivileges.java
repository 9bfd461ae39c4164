package dev.seed.mlops.cluster;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * K3sContainer asks Docker for a privileged container, which means every capability. Where the host itself lacks one
 * (these machines run without CAP_SYS_RESOURCE), runc cannot grant it and the container never starts. Then the node
 * gets what privileged would give it, minus that capability: all other capabilities, no seccomp or AppArmor
 * profile, access to every device, and /dev/kmsg for the kubelet. Everywhere else the container stays privileged, as Testcontainers made it.
 */
final class NodePrivileges {
    private static final int CAP_SYS_RESOURCE = 24;

    private NodePrivileges() {
    }

    static void adapt(CreateContainerCmd cmd) {
        if (hostHasSysResource()) {
            return;
        }
        cmd.getHostConfig()
                .withPrivileged(false)
                .withCapAdd(Capability.ALL)
                .withCapDrop(Capability.SYS_RESOURCE)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                .withDeviceCgroupRules(List.of("a *:* rwm"))
                .withDevices(Device.parse("/dev/kmsg:/dev/kmsg:rwm"));
    }

    /** Reads this process's capability bounding set; Docker's daemon runs on the same host with the same one. */
    private static boolean hostHasSysResource() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << CAP_SYS_RESOURCE)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return true;
        }
        return true;
    }
}
