package io.isoscope.app.cli;

import io.isoscope.engine.api.ImageInfo;

import java.time.Instant;
import java.util.List;

/** {@code images}: REPOSITORY, TAG, IMAGE ID, CREATED, SIZE, as docker prints them. Confined to the invocation's thread. */
final class ImagesCommand extends ContextCommand {

    private static final int MIN_WIDTH = 10;

    private static final CommandSyntax SYNTAX = new CommandSyntax("images", "List images", "", List.of(), true);

    ImagesCommand(CliContext ctx) {
        super(ctx, SYNTAX);
    }

    @Override
    public int execute(ParsedArgs args) {
        args.none();
        Instant now = ctx.clock().instant();
        TextTable table = TextTable.of(MIN_WIDTH, "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        for (ImageInfo image : ctx.engine().images()) {
            String[] repoAndTag = splitReference(image.reference());
            table.row(repoAndTag[0], repoAndTag[1], shortDigest(image.digest()),
                    ContainerStatus.ago(image.created(), now), HumanSize.format(image.sizeBytes()));
        }
        table.print(ctx.out());
        return 0;
    }

    /** {@code host:5000/name:tag} into {@code host:5000/name} and {@code tag}; no tag reads as {@code <none>}. */
    static String[] splitReference(String reference) {
        int colon = reference.lastIndexOf(':');
        if (colon < 0 || colon < reference.lastIndexOf('/')) {
            return new String[] {reference, "<none>"};
        }
        return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
    }

    private static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
