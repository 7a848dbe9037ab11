package io.isoscope.views.processes;

/**
 * How the Name cell of a host row shows it: the name, and in the tree its depth under its ancestors and whether it
 * can be expanded or collapsed. Immutable, thread-safe.
 *
 * @param name       the process name
 * @param depth      how many ancestors the tree shows above it (0 in the flat table and for roots)
 * @param disclosure what the cell offers: nothing (flat table), a leaf's indent, or an expander
 */
public record TreeLabel(String name, int depth, Disclosure disclosure) {

    /** What the Name cell offers before the name. */
    public enum Disclosure {
        /** The flat table: no indent, no expander. */
        FLAT,
        /** A tree row without children: indented, no expander. */
        LEAF,
        /** A tree row whose children are shown below it. */
        EXPANDED,
        /** A tree row whose children are hidden. */
        COLLAPSED
    }

    /** The label of a row in the flat table. */
    static TreeLabel flat(String name) {
        return new TreeLabel(name, 0, Disclosure.FLAT);
    }

    /** Whether the row is shown as part of the tree. */
    public boolean inTree() {
        return disclosure != Disclosure.FLAT;
    }
}
