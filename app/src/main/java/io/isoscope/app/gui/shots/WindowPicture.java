package io.isoscope.app.gui.shots;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * What the screen shows of a window: its scene rendered now, with every other open window of the app (a panel, a
 * notification) rendered over it where it stands, as a window system would stack them. Rendering the scenes
 * directly rather than reading the screen makes the picture exactly the state the tour reached (an X server may
 * show a frame several seconds old while the first ones are drawn). FX thread only.
 */
final class WindowPicture {

    private WindowPicture() {
    }

    /** The picture of {@code stage} with the app's other windows over it. FX thread. */
    static Image of(Stage stage) {
        Scene main = stage.getScene();
        WritableImage base = main.snapshot(null);
        int w = (int) base.getWidth();
        int h = (int) base.getHeight();
        int[] pixels = new int[w * h];
        base.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        double originX = stage.getX() + main.getX();
        double originY = stage.getY() + main.getY();
        // Window.getWindows() is in the order the windows were shown: later ones are on top.
        for (Window other : Window.getWindows()) {
            if (other == stage || !other.isShowing() || other.getScene() == null) {
                continue;
            }
            Scene scene = other.getScene();
            Image layer = scene.snapshot(null);
            over(pixels, w, h, layer, (int) Math.round(other.getX() + scene.getX() - originX),
                    (int) Math.round(other.getY() + scene.getY() - originY));
        }
        WritableImage out = new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        return out;
    }

    /** Draws {@code layer} over {@code pixels} at (x, y), blending its transparent parts (popups have them). */
    private static void over(int[] pixels, int w, int h, Image layer, int x, int y) {
        int lw = (int) layer.getWidth();
        int lh = (int) layer.getHeight();
        int[] top = new int[lw * lh];
        layer.getPixelReader().getPixels(0, 0, lw, lh, PixelFormat.getIntArgbInstance(), top, 0, lw);
        for (int row = 0; row < lh; row++) {
            int ty = y + row;
            if (ty < 0 || ty >= h) {
                continue;
            }
            for (int col = 0; col < lw; col++) {
                int tx = x + col;
                if (tx < 0 || tx >= w) {
                    continue;
                }
                int src = top[row * lw + col];
                int a = src >>> 24;
                if (a == 0) {
                    continue;
                }
                int i = ty * w + tx;
                pixels[i] = a == 255 ? src : blend(src, pixels[i], a);
            }
        }
    }

    private static int blend(int src, int dst, int a) {
        int r = (((src >> 16) & 0xff) * a + ((dst >> 16) & 0xff) * (255 - a)) / 255;
        int g = (((src >> 8) & 0xff) * a + ((dst >> 8) & 0xff) * (255 - a)) / 255;
        int b = ((src & 0xff) * a + (dst & 0xff) * (255 - a)) / 255;
        return 0xff000000 | (r << 16) | (g << 8) | b;
    }
}
