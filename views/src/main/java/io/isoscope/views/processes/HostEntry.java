package io.isoscope.views.processes;

import io.isoscope.engine.api.HostProcess;

/**
 * Everything one host row shows, computed off the UI thread: the process, its role badge, its highlights and its
 * place in the tree. Immutable, thread-safe.
 *
 * @param process  the sampled process
 * @param role     the role badge, e.g. "container web" or "VM worker of vm"; empty for an ordinary process
 * @param mapped   whether the selected container's table shows this very process too
 * @param vmWorker whether it is the VM worker of the selected container
 * @param label    its Name cell in the tree; {@code null} in the flat table (just the name: not allocated thousands of
 *                 times a second)
 */
record HostEntry(HostProcess process, String role, boolean mapped, boolean vmWorker, TreeLabel label) {

    long pid() {
        return process.pid();
    }

    /** Its Name cell. */
    TreeLabel nameCell() {
        return label != null ? label : TreeLabel.flat(process.name());
    }

    /** This entry placed in the tree at {@code depth} with {@code disclosure}. */
    HostEntry placed(int depth, TreeLabel.Disclosure disclosure) {
        return new HostEntry(process, role, mapped, vmWorker, new TreeLabel(process.name(), depth, disclosure));
    }
}
