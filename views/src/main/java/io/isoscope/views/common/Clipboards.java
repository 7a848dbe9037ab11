package io.isoscope.views.common;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The system clipboard as the views use it: plain text in. FX thread only. */
public final class Clipboards {

    private Clipboards() {
    }

    /** Puts {@code text} on the system clipboard as plain text. */
    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
