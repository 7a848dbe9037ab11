package io.isoscope.views.events;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.EngineEvent;
import io.isoscope.views.common.TaskRunner;
import io.isoscope.views.common.TextSearch;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Events tab: the engine's recorded events (created, started, died with the exit code, stopped, killed,
 * removed, recovered) as a timeline, newest first, filterable by type, by text and to the selected container.
 * Events of removed containers stay. New events come live from {@link #add} (the window's one place where engine
 * events reach the UI thread); the record is read again when the tab is shown and every few ticks while it shows,
 * for events that other Isoscope processes (the CLI) recorded. UI thread only; engine calls go through the
 * {@link TaskRunner}.
 */
public final class EventsViewModel {

    static final String READING = "Reading the events…";
    static final String NO_EVENTS = "No events yet — run a container and its life shows here";
    static final String NONE_MATCH = "No events match the filter";
    static final String SELECT_ONE = "Select a container to see only its events";
    /** Ticks (seconds) between reads of the record while the tab shows. */
    static final int RELOAD_TICKS = 5;
    private static final Pattern EXIT_CODE = Pattern.compile("exitCode=(-?\\d+)");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Comparator<EventRow> NEWEST_FIRST = Comparator.comparing(EventRow::time).reversed();

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final DateTimeFormatter timeFormat;
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final FilteredList<EventRow> shownRows = new FilteredList<>(rows);
    private final List<EventTypeFilter> typeFilters = Arrays.stream(EngineEvent.Type.values())
            .map(t -> new EventTypeFilter(label(t))).toList();
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty onlySelected = new SimpleBooleanProperty(this, "onlySelected");
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", READING);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final Set<EngineEvent> seen = new HashSet<>();

    /** How many of the record's events (oldest first, only ever appended to) were merged already. */
    private int recordedSeen;
    private boolean loading;
    private boolean loaded;
    private int ticks;
    private String selectedId;
    private String selectedName;

    /** The timeline over {@code engine}; times are shown in {@code zone}. */
    public EventsViewModel(ContainerEngine engine, TaskRunner tasks, ZoneId zone) {
        this.engine = engine;
        this.tasks = tasks;
        this.timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        List<Observable> criteria = new ArrayList<>(List.of(search, onlySelected));
        typeFilters.forEach(f -> criteria.add(f.shownProperty()));
        criteria.forEach(c -> c.addListener(obs -> applyFilter()));
        showing.addListener((obs, was, now) -> {
            if (now) {
                load();
            }
        });
        applyFilter();
    }

    /** The events that pass the filters, newest first. */
    public ObservableList<EventRow> shownRows() {
        return shownRows;
    }

    /** One filter per event type, in the engine's order (created, started, died, ...). */
    public List<EventTypeFilter> typeFilters() {
        return typeFilters;
    }

    /** Text the shown events must contain (in the container's name or id, the type, the detail or the time). */
    public StringProperty searchProperty() {
        return search;
    }

    /** Whether only the selected container's events are shown; off by default (every container's). */
    public BooleanProperty onlySelectedProperty() {
        return onlySelected;
    }

    /** Whether the Events tab shows; the view binds it to its tab. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** What the timeline says while it shows nothing. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** E.g. "12 of 40 events". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Reads the record in the background and merges what is new. UI thread only. */
    public void load() {
        if (loading) {
            return;
        }
        loading = true;
        tasks.submit(() -> engine.events(null), this::merge, e -> {
            loading = false;
            loaded = true;
            placeholder.set("Cannot read the events: " + e.getMessage());
        });
    }

    /** The window's refresh tick: re-reads the record every few ticks while the tab shows. UI thread only. */
    public void tick() {
        if (showing.get() && ++ticks >= RELOAD_TICKS) {
            ticks = 0;
            load();
        }
    }

    /** Adds an event as it happens (one the record will also hold is not shown twice). UI thread only. */
    public void add(EngineEvent event) {
        addAll(List.of(event));
    }

    /** Follows the container selection, for "only the selected container". UI thread only. */
    public void select(ContainerInfo container) {
        String id = container == null ? null : container.id();
        selectedName = container == null ? null : container.name();
        if (!Objects.equals(id, selectedId)) {
            selectedId = id;
            applyFilter();
        }
    }

    private void merge(List<EngineEvent> recorded) {
        loading = false;
        loaded = true;
        // The record only grows; if it is shorter than before it was rebuilt, and all of it is looked at again.
        int from = recorded.size() >= recordedSeen ? recordedSeen : 0;
        recordedSeen = recorded.size();
        addAll(recorded.subList(from, recorded.size()));
        showState();
    }

    private void addAll(List<EngineEvent> events) {
        List<EventRow> fresh = new ArrayList<>();
        for (EngineEvent e : events) {
            if (seen.add(e)) {
                fresh.add(row(e));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        // Oldest first in, newest first out; a stable sort keeps events of the same instant in recorded order.
        Collections.reverse(fresh);
        fresh.sort(NEWEST_FIRST);
        if (rows.isEmpty() || !fresh.get(fresh.size() - 1).time().isBefore(rows.get(0).time())) {
            rows.addAll(0, fresh); // the usual case: all newer than what is shown
        } else {
            List<EventRow> all = new ArrayList<>(fresh);
            all.addAll(rows);
            all.sort(NEWEST_FIRST);
            rows.setAll(all);
        }
        showState();
    }

    private EventRow row(EngineEvent e) {
        String detail = e.detail() == null ? "" : e.detail();
        // The engine's terse key=value details, in words.
        Matcher exit = EXIT_CODE.matcher(detail);
        Matcher pid = PID.matcher(detail);
        if (exit.matches()) {
            detail = "exit code " + exit.group(1);
        } else if (pid.matches()) {
            detail = "host PID " + pid.group(1);
        }
        return new EventRow(e.time(), timeFormat.format(e.time()), label(e.type()), e.containerId(),
                e.name() == null ? "" : e.name(), detail);
    }

    private void applyFilter() {
        Set<String> types = new HashSet<>();
        typeFilters.stream().filter(f -> f.shownProperty().get()).forEach(f -> types.add(f.type()));
        TextSearch text = new TextSearch(search.get().trim());
        boolean only = onlySelected.get();
        String id = selectedId;
        Predicate<EventRow> filter = row -> types.contains(row.type())
                && (!only || row.containerId().equals(id))
                && (!text.isActive() || text.matches(row.name()) || text.matches(row.containerId())
                || text.matches(row.type()) || text.matches(row.detail()) || text.matches(row.timeText()));
        shownRows.setPredicate(filter);
        showState();
    }

    private void showState() {
        int all = rows.size();
        int shown = shownRows.size();
        if (!loaded && all == 0) {
            summary.set("");
        } else {
            summary.set(shown == all ? count(all) : String.format(Locale.ROOT, "%,d of %s", shown, count(all)));
        }
        if (onlySelected.get() && selectedId == null) {
            placeholder.set(SELECT_ONE);
        } else if (all == 0) {
            placeholder.set(loaded ? NO_EVENTS : READING);
        } else if (onlySelected.get() && rows.stream().noneMatch(r -> r.containerId().equals(selectedId))) {
            placeholder.set("No events of " + selectedName + " yet");
        } else {
            placeholder.set(NONE_MATCH);
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 event" : String.format(Locale.ROOT, "%,d events", n);
    }

    private static String label(EngineEvent.Type type) {
        String name = type.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
