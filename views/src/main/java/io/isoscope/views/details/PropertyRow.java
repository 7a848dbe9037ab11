package io.isoscope.views.details;

/**
 * One line of the Details table: a property of the container, or the heading of a group of them. Immutable,
 * thread-safe.
 *
 * @param group  the group it belongs to, e.g. "State"
 * @param name   the property's name, or the group's for a heading
 * @param value  its value as shown ("—" when it has none); empty for a heading
 * @param header whether this is a group heading
 */
public record PropertyRow(String group, String name, String value, boolean header) {

    /** A property. */
    static PropertyRow of(String group, String name, String value) {
        return new PropertyRow(group, name, value, false);
    }

    /** A group heading. */
    static PropertyRow heading(String group) {
        return new PropertyRow(group, group, "", true);
    }
}
