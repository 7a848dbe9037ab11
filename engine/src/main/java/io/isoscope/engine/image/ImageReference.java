package io.isoscope.engine.image;

import io.isoscope.engine.api.EngineException;
import io.isoscope.engine.api.MessageText;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed image reference in docker's grammar (distribution/reference), held in familiar form: the
 * {@code docker.io} domain and its {@code library/} prefix are dropped, as {@code docker images} shows them.
 * Immutable, thread-safe.
 *
 * @param repository familiar repository name, e.g. {@code busybox} or {@code quay.io/org/app}
 * @param tag        tag, or {@code null} when a digest pins the reference without one
 * @param digest     {@code sha256:...} digest, or {@code null}
 */
record ImageReference(String repository, String tag, String digest) {

    private static final String DEFAULT_DOMAIN = "docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int MAX_NAME_LENGTH = 255;
    /** A name, a tag and a digest at their longest: anything longer cannot be a reference. */
    private static final int MAX_REFERENCE_LENGTH = MAX_NAME_LENGTH + 1 + 128 + 1 + 71;
    /** How much of a bad reference a message repeats. */
    private static final int SHOWN = 80;

    private static final String ALPHA_NUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHA_NUMERIC + "(?:" + SEPARATOR + ALPHA_NUMERIC + ")*";
    private static final Pattern REMOTE_NAME = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");
    private static final String GRAMMAR_HINT = "a reference is NAME[:TAG][@sha256:DIGEST] where NAME is lowercase"
            + " letters, digits and the separators . _ - /";

    /** Parses {@code text}; throws {@link EngineException} (INVALID_SPEC) saying what is wrong. */
    static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("the image name is empty: name an image, e.g. busybox");
        }
        if (text.length() > MAX_REFERENCE_LENGTH) {
            throw invalid("the reference is " + text.length() + " characters long: a name may have at most "
                    + MAX_NAME_LENGTH + " and a tag 128");
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!SHA256_DIGEST.matcher(digest).matches()) {
                throw invalid("\"" + shown(text) + "\": the digest must be sha256: followed by 64 lowercase hex digits");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid("\"" + shown(text) + "\": the tag \"" + shown(tag) + "\" may hold only letters, digits, _ . -"
                        + " (at most 128, not starting with . or -)");
            }
        }
        if (rest.isEmpty()) {
            throw invalid("\"" + shown(text) + "\": the image name is empty");
        }
        if (rest.length() > MAX_NAME_LENGTH) {
            throw invalid("repository name must not be more than " + MAX_NAME_LENGTH + " characters (this one has "
                    + rest.length() + ")");
        }
        String domain = DEFAULT_DOMAIN;
        String remote = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0 && looksLikeDomain(rest.substring(0, slash))) {
            domain = rest.substring(0, slash);
            remote = rest.substring(slash + 1);
            if (!DOMAIN.matcher(domain).matches()) {
                throw invalid("\"" + shown(text) + "\": \"" + shown(domain) + "\" is not a valid registry host");
            }
            if (domain.equals("index.docker.io")) {
                domain = DEFAULT_DOMAIN;
            }
        }
        // Only a name that lowercase would fix gets that advice; anything else is told the grammar.
        if (!remote.equals(remote.toLowerCase(Locale.ROOT)) && REMOTE_NAME.matcher(remote.toLowerCase(Locale.ROOT)).matches()) {
            String lower = rest.toLowerCase(Locale.ROOT) + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
            throw invalid("repository name (" + shown(remote) + ") must be lowercase: use " + shown(lower));
        }
        if (!REMOTE_NAME.matcher(remote).matches()) {
            throw invalid("\"" + shown(text) + "\": " + GRAMMAR_HINT);
        }
        if (domain.equals(DEFAULT_DOMAIN) && IMAGE_ID.matcher(remote).matches()) {
            throw invalid("invalid repository name (" + remote + "), cannot specify 64-byte hexadecimal strings");
        }
        return new ImageReference(familiar(domain, remote), tag == null && digest == null ? "latest" : tag, digest);
    }

    /** The normalised text: {@code repository[:tag][@digest]}. */
    @Override
    public String toString() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** {@code repository:tag}, the name an image carries in the store's index. */
    String name() {
        return repository + ":" + tag;
    }

    // Docker's rule: the first component names a registry only if it has a dot or a port, or is localhost, or has
    // uppercase letters (which a repository path never has).
    private static boolean looksLikeDomain(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static String familiar(String domain, String remote) {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return domain + "/" + remote;
        }
        if (remote.startsWith(OFFICIAL_PREFIX) && remote.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
            return remote.substring(OFFICIAL_PREFIX.length());
        }
        return remote;
    }

    private static String shown(String s) {
        return MessageText.printable(s, SHOWN);
    }

    private static EngineException invalid(String detail) {
        return new EngineException(EngineException.Kind.INVALID_SPEC, "invalid reference format: " + detail);
    }
}
