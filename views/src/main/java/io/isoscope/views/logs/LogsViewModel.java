package io.isoscope.views.logs;

import io.isoscope.engine.api.ContainerEngine;
import io.isoscope.engine.api.ContainerInfo;
import io.isoscope.engine.api.LogChunk;
import io.isoscope.engine.api.LogLine;
import io.isoscope.engine.api.LogStream;
import io.isoscope.views.common.TaskRunner;
import io.isoscope.views.common.TextSearch;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
import java.util.List;
import java.util.Locale;

/**
 * The Logs tab: the selected container's stdout and stderr, followed live while the tab shows (each
 * {@link #poll()} reads what was written since the last one, in the background), with search (highlight or only
 * matching lines, next/previous), a follow toggle, copy and clear. Keeps at most a fixed number of the newest
 * lines so a huge log stays smooth. UI thread only; engine calls go through the {@link TaskRunner}.
 */
public final class LogsViewModel {

    /** How many lines are kept by default; older ones are dropped with a notice. */
    public static final int DEFAULT_MAX_LINES = 50_000;
    static final String SELECT_ONE = "Select a container to see its output";
    static final String NO_OUTPUT = "No output yet";
    static final String CLEARED = "Cleared — new output appears here";
    /** A read that brought this much means more is waiting: read on without waiting for the next tick. */
    private static final long CATCH_UP_BYTES = 1 << 20;

    private final ContainerEngine engine;
    private final TaskRunner tasks;
    private final DateTimeFormatter timeFormat;
    private final int maxLines;

    private final ObservableList<LogRow> lines = FXCollections.observableArrayList();
    private final FilteredList<LogRow> shownLines = new FilteredList<>(lines);
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final BooleanProperty timestamps = new SimpleBooleanProperty(this, "timestamps", true);
    private final BooleanProperty onlyMatching = new SimpleBooleanProperty(this, "onlyMatching");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyObjectWrapper<TextSearch> activeSearch =
            new ReadOnlyObjectWrapper<>(this, "activeSearch", new TextSearch(""));
    private final ReadOnlyObjectWrapper<LogRow> currentMatch = new ReadOnlyObjectWrapper<>(this, "currentMatch");
    private final ReadOnlyStringWrapper matchSummary = new ReadOnlyStringWrapper(this, "matchSummary", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Output");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper(this, "command", "isoscope logs -f");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", SELECT_ONE);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice");
    private final ReadOnlyBooleanWrapper hasContainer = new ReadOnlyBooleanWrapper(this, "hasContainer");
    private final ReadOnlyBooleanWrapper hasTimes = new ReadOnlyBooleanWrapper(this, "hasTimes");
    /** The kept lines that match the search, oldest first (a subset of {@link #lines}, in its order). */
    private final List<LogRow> matches = new ArrayList<>();

    private int matchIndex = -1;
    private String containerId;
    private String containerName;
    private long offset;
    /** Changes with each selection, so a read for an earlier one is recognised and dropped. */
    private long generation;
    private boolean reading;
    private boolean loaded;
    private boolean cleared;
    private long nextSeq;
    private long dropped;
    private String readError;

    /** The tab over {@code engine}, keeping the newest {@link #DEFAULT_MAX_LINES} lines; times shown in {@code zone}. */
    public LogsViewModel(ContainerEngine engine, TaskRunner tasks, ZoneId zone) {
        this(engine, tasks, zone, DEFAULT_MAX_LINES);
    }

    /** The tab over {@code engine}, keeping the newest {@code maxLines} lines; times shown in {@code zone}. */
    public LogsViewModel(ContainerEngine engine, TaskRunner tasks, ZoneId zone, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive: " + maxLines);
        }
        this.engine = engine;
        this.tasks = tasks;
        this.timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        this.maxLines = maxLines;
        showing.addListener((obs, was, now) -> {
            if (now) {
                poll();
            }
        });
        search.addListener((obs, was, now) -> searchChanged());
        onlyMatching.addListener((obs, was, now) -> applyFilter());
    }

    /** The lines to show: all kept lines, or only the matching ones when {@link #onlyMatchingProperty()} is on. */
    public ObservableList<LogRow> shownLines() {
        return shownLines;
    }

    /** Whether the Logs tab shows; the log is read only then. The view binds it to its tab. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** Whether the view keeps the newest line in view; off once the user scrolls up or steps through matches. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Whether times are shown (and copied) in front of the lines; on by default. */
    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    /** Whether only the lines matching the search are shown; off by default (matches are highlighted). */
    public BooleanProperty onlyMatchingProperty() {
        return onlyMatching;
    }

    /** The text to search for, case-insensitive; blank for none. */
    public StringProperty searchProperty() {
        return search;
    }

    /** The search in effect, for highlighting matches in the lines. */
    public ReadOnlyObjectProperty<TextSearch> activeSearchProperty() {
        return activeSearch.getReadOnlyProperty();
    }

    /** The match stepped to with next/previous, or {@code null}; the view scrolls to it and selects it. */
    public ReadOnlyObjectProperty<LogRow> currentMatchProperty() {
        return currentMatch.getReadOnlyProperty();
    }

    /** E.g. "3 of 12", "12 matches" or "No matches"; empty without a search. */
    public ReadOnlyStringProperty matchSummaryProperty() {
        return matchSummary.getReadOnlyProperty();
    }

    /** E.g. "Output of web". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The CLI command that shows the same, e.g. "isoscope logs -f web". */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    /** What the list says while it is empty. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** Why lines are missing (older ones dropped, the log unreadable), or {@code null}. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether a container is selected (copy and clear apply). */
    public ReadOnlyBooleanProperty hasContainerProperty() {
        return hasContainer.getReadOnlyProperty();
    }

    /**
     * Whether the log records times (some line read has one), so lines without one get a blank time column to
     * stay aligned; a raw log gets none.
     */
    public ReadOnlyBooleanProperty hasTimesProperty() {
        return hasTimes.getReadOnlyProperty();
    }

    /**
     * Switches to {@code container}'s log (or none): the old lines go at once and the new log is read from its
     * start. Selecting the same container again (a newer snapshot of it) changes nothing. UI thread only.
     */
    public void select(ContainerInfo container) {
        String id = container == null ? null : container.id();
        if (id != null && id.equals(containerId)) {
            return;
        }
        generation++;
        containerId = id;
        containerName = container == null ? null : container.name();
        offset = 0;
        loaded = false;
        cleared = false;
        dropped = 0;
        readError = null;
        lines.clear();
        resetMatches();
        follow.set(true);
        hasTimes.set(false);
        hasContainer.set(id != null);
        title.set(id == null ? "Output" : "Output of " + containerName);
        command.set(id == null ? "isoscope logs -f" : "isoscope logs -f " + containerName);
        showState();
        poll();
    }

    /**
     * Reads what the selected container wrote since the last read, if the tab shows and no read is under way;
     * the app calls it every few hundred milliseconds. UI thread only.
     */
    public void poll() {
        if (!showing.get() || containerId == null || reading) {
            return;
        }
        reading = true;
        long gen = generation;
        String id = containerId;
        long from = offset;
        long firstSeq = nextSeq;
        tasks.submit(() -> read(id, from, firstSeq), batch -> applyRead(gen, from, batch),
                e -> readFailed(gen, e));
    }

    /** Forgets the lines shown so far; what the container writes next still appears. UI thread only. */
    public void clear() {
        lines.clear();
        resetMatches();
        dropped = 0;
        cleared = true;
        follow.set(true);
        showState();
    }

    /** Steps to the next match (the first after none), wrapping around; stops following. UI thread only. */
    public void nextMatch() {
        if (matches.isEmpty()) {
            return;
        }
        follow.set(false);
        matchIndex = matchIndex + 1 >= matches.size() ? 0 : matchIndex + 1;
        showMatch();
    }

    /** Steps to the previous match (the newest after none), wrapping around; stops following. UI thread only. */
    public void previousMatch() {
        if (matches.isEmpty()) {
            return;
        }
        follow.set(false);
        matchIndex = matchIndex <= 0 ? matches.size() - 1 : matchIndex - 1;
        showMatch();
    }

    /** {@code rows} as text, one line each, with their times in front while times are shown. UI thread only. */
    public String textOf(List<LogRow> rows) {
        StringBuilder out = new StringBuilder();
        boolean withTimes = timestamps.get();
        for (LogRow row : rows) {
            if (withTimes && !row.time().isEmpty()) {
                out.append(row.time()).append(' ');
            }
            out.append(row.text()).append('\n');
        }
        return out.toString();
    }

    /** Every line shown (all kept lines, or the matching ones), as {@link #textOf} gives them. UI thread only. */
    public String allText() {
        return textOf(shownLines);
    }

    /** What one background read brings: the lines (the newest {@code maxLines} at most) and where to go on. */
    private record Batch(List<LogRow> rows, long skipped, long nextOffset) {
    }

    /** Blocking: reads from {@code from} and turns the lines into rows numbered from {@code firstSeq}. Any thread. */
    private Batch read(String id, long from, long firstSeq) {
        LogChunk chunk = engine.readLog(id, from);
        List<LogLine> got = chunk.lines();
        // Only the newest lines would survive anyway: skip the rest before the UI thread sees them.
        int skip = Math.max(0, got.size() - maxLines);
        List<LogRow> rows = new ArrayList<>(got.size() - skip);
        for (int i = skip; i < got.size(); i++) {
            LogLine l = got.get(i);
            rows.add(new LogRow(firstSeq + i, l.time() == null ? "" : timeFormat.format(l.time()),
                    l.stream() == LogStream.STDERR, l.text()));
        }
        return new Batch(rows, skip, chunk.nextOffset());
    }

    private void applyRead(long gen, long from, Batch batch) {
        reading = false;
        if (gen != generation) {
            poll(); // the selection changed while reading: start on the new container's log
            return;
        }
        offset = batch.nextOffset();
        nextSeq += batch.skipped() + batch.rows().size();
        loaded = true;
        readError = null;
        append(batch.rows(), batch.skipped());
        showState();
        if (batch.nextOffset() - from >= CATCH_UP_BYTES) {
            poll();
        }
    }

    private void readFailed(long gen, RuntimeException e) {
        reading = false;
        if (gen != generation) {
            poll();
            return;
        }
        loaded = true;
        readError = "Cannot read the log of " + containerName + ": " + e.getMessage();
        showState();
    }

    private void append(List<LogRow> rows, long skipped) {
        dropped += skipped;
        if (rows.isEmpty()) {
            return;
        }
        if (!hasTimes.get() && rows.stream().anyMatch(r -> !r.time().isEmpty())) {
            hasTimes.set(true);
        }
        lines.addAll(rows);
        TextSearch s = activeSearch.get();
        if (s.isActive()) {
            for (LogRow row : rows) {
                if (s.matches(row.text())) {
                    matches.add(row);
                }
            }
        }
        int excess = lines.size() - maxLines;
        if (excess > 0) {
            long firstKept = lines.get(excess).seq();
            int gone = 0;
            while (gone < matches.size() && matches.get(gone).seq() < firstKept) {
                gone++;
            }
            matches.subList(0, gone).clear();
            matchIndex = matchIndex < gone ? -1 : matchIndex - gone;
            if (matchIndex < 0) {
                currentMatch.set(null);
            }
            lines.remove(0, excess);
            dropped += excess;
        }
        showMatchSummary();
    }

    private void searchChanged() {
        TextSearch s = new TextSearch(search.get());
        activeSearch.set(s);
        resetMatches();
        if (s.isActive()) {
            for (LogRow row : lines) {
                if (s.matches(row.text())) {
                    matches.add(row);
                }
            }
        }
        applyFilter();
        showMatchSummary();
    }

    private void applyFilter() {
        TextSearch s = activeSearch.get();
        shownLines.setPredicate(onlyMatching.get() && s.isActive() ? row -> s.matches(row.text()) : null);
        showState();
    }

    private void resetMatches() {
        matches.clear();
        matchIndex = -1;
        currentMatch.set(null);
        showMatchSummary();
    }

    private void showMatch() {
        currentMatch.set(matches.get(matchIndex));
        showMatchSummary();
    }

    private void showMatchSummary() {
        if (!activeSearch.get().isActive()) {
            matchSummary.set("");
        } else if (matches.isEmpty()) {
            matchSummary.set("No matches");
        } else if (matchIndex < 0) {
            matchSummary.set(matches.size() == 1 ? "1 match" : String.format(Locale.ROOT, "%,d matches", matches.size()));
        } else {
            matchSummary.set(String.format(Locale.ROOT, "%,d of %,d", matchIndex + 1, matches.size()));
        }
    }

    private void showState() {
        if (containerId == null) {
            placeholder.set(SELECT_ONE);
        } else if (!loaded) {
            placeholder.set("Reading the log of " + containerName + "…");
        } else if (!lines.isEmpty() && shownLines.isEmpty()) {
            placeholder.set("No line matches “" + search.get() + "”");
        } else if (cleared) {
            placeholder.set(CLEARED);
        } else {
            placeholder.set(NO_OUTPUT);
        }
        if (readError != null) {
            notice.set(readError);
        } else if (dropped > 0) {
            notice.set(String.format(Locale.ROOT, "Showing the newest %,d lines: %,d older ones are not kept here"
                    + " (isoscope logs %s prints them all)", maxLines, dropped, containerName));
        } else {
            notice.set(null);
        }
    }
}
