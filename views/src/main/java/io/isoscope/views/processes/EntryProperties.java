package io.isoscope.views.processes;

import javafx.beans.property.ReadOnlyBooleanPropertyBase;
import javafx.beans.property.ReadOnlyDoublePropertyBase;
import javafx.beans.property.ReadOnlyIntegerPropertyBase;
import javafx.beans.property.ReadOnlyLongPropertyBase;
import javafx.beans.property.ReadOnlyObjectPropertyBase;
import javafx.beans.property.ReadOnlyStringPropertyBase;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Read-only properties of a host row that read their value from the row's current {@link HostEntry} when asked,
 * and tell their listeners about a change only if the value was read since the last one: a refresh of thousands
 * of rows then costs next to nothing for the rows no cell shows. UI thread only.
 */
final class EntryProperties {

    private EntryProperties() {
    }

    /** The row behind the properties: its current entry, and a count of its properties whose value was read. */
    interface Source {
        /** The row's current entry. */
        HostEntry entry();

        /** A property's value was read: it now follows the entry. */
        void validated();

        /** A property's value changed after it was read: it no longer holds a value. */
        void invalidated();
    }

    static final class LongValue extends ReadOnlyLongPropertyBase {
        private final Object bean;
        private final String name;
        private final Source source;
        private final ToLongFunction<HostEntry> read;
        private boolean valid;
        private long value;

        LongValue(Object bean, String name, Source source, ToLongFunction<HostEntry> read) {
            this.bean = bean;
            this.name = name;
            this.source = source;
            this.read = read;
        }

        @Override
        public long get() {
            if (!valid) {
                value = read.applyAsLong(source.entry());
                valid = true;
                source.validated();
            }
            return value;
        }

        /** The row's entry changed this value: listeners hear of it if the old value was read. */
        void invalidate() {
            if (valid) {
                valid = false;
                source.invalidated();
                fireValueChangedEvent();
            }
        }

        @Override
        public Object getBean() {
            return bean;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    static final class DoubleValue extends ReadOnlyDoublePropertyBase {
        private final Object bean;
        private final String name;
        private final Source source;
        private final ToDoubleFunction<HostEntry> read;
        private boolean valid;
        private double value;

        DoubleValue(Object bean, String name, Source source, ToDoubleFunction<HostEntry> read) {
            this.bean = bean;
            this.name = name;
            this.source = source;
            this.read = read;
        }

        @Override
        public double get() {
            if (!valid) {
                value = read.applyAsDouble(source.entry());
                valid = true;
                source.validated();
            }
            return value;
        }

        /** The row's entry changed this value: listeners hear of it if the old value was read. */
        void invalidate() {
            if (valid) {
                valid = false;
                source.invalidated();
                fireValueChangedEvent();
            }
        }

        @Override
        public Object getBean() {
            return bean;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    static final class IntValue extends ReadOnlyIntegerPropertyBase {
        private final Object bean;
        private final String name;
        private final Source source;
        private final ToIntFunction<HostEntry> read;
        private boolean valid;
        private int value;

        IntValue(Object bean, String name, Source source, ToIntFunction<HostEntry> read) {
            this.bean = bean;
            this.name = name;
            this.source = source;
            this.read = read;
        }

        @Override
        public int get() {
            if (!valid) {
                value = read.applyAsInt(source.entry());
                valid = true;
                source.validated();
            }
            return value;
        }

        /** The row's entry changed this value: listeners hear of it if the old value was read. */
        void invalidate() {
            if (valid) {
                valid = false;
                source.invalidated();
                fireValueChangedEvent();
            }
        }

        @Override
        public Object getBean() {
            return bean;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    static final class BooleanValue extends ReadOnlyBooleanPropertyBase {
        private final Object bean;
        private final String name;
        private final Source source;
        private final Predicate<HostEntry> read;
        private boolean valid;
        private boolean value;

        BooleanValue(Object bean, String name, Source source, Predicate<HostEntry> read) {
            this.bean = bean;
            this.name = name;
            this.source = source;
            this.read = read;
        }

        @Override
        public boolean get() {
            if (!valid) {
                value = read.test(source.entry());
                valid = true;
                source.validated();
            }
            return value;
        }

        /** The row's entry changed this value: listeners hear of it if the old value was read. */
        void invalidate() {
            if (valid) {
                valid = false;
                source.invalidated();
                fireValueChangedEvent();
            }
        }

        @Override
        public Object getBean() {
            return bean;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    static final class StringValue extends ReadOnlyStringPropertyBase {
        private final Object bean;
        private final String name;
        private final Source source;
        private final Function<HostEntry, String> read;
        private boolean valid;
        private String value;

        StringValue(Object bean, String name, Source source, Function<HostEntry, String> read) {
            this.bean = bean;
            this.name = name;
            this.source = source;
            this.read = read;
        }

        @Override
        public String get() {
            if (!valid) {
                value = read.apply(source.entry());
                valid = true;
                source.validated();
            }
            return value;
        }

        /** The row's entry changed this value: listeners hear of it if the old value was read. */
        void invalidate() {
            if (valid) {
                valid = false;
                source.invalidated();
                fireValueChangedEvent();
            }
        }

        @Override
        public Object getBean() {
            return bean;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    static final class ObjectValue<T> extends ReadOnlyObjectPropertyBase<T> {
        private final Object bean;
        private final String name;
        private final Source source;
        private final Function<HostEntry, T> read;
        private boolean valid;
        private T value;

        ObjectValue(Object bean, String name, Source source, Function<HostEntry, T> read) {
            this.bean = bean;
            this.name = name;
            this.source = source;
            this.read = read;
        }

        @Override
        public T get() {
            if (!valid) {
                value = read.apply(source.entry());
                valid = true;
                source.validated();
            }
            return value;
        }

        /** The row's entry changed this value: listeners hear of it if the old value was read. */
        void invalidate() {
            if (valid) {
                valid = false;
                source.invalidated();
                fireValueChangedEvent();
            }
        }

        @Override
        public Object getBean() {
            return bean;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
