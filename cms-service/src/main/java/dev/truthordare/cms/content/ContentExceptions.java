package dev.truthordare.cms.content;

import dev.truthordare.events.ContentStatus;
import java.util.List;
import java.util.Map;

public final class ContentExceptions {

    private ContentExceptions() {
    }

    public static class NotFound extends RuntimeException {
        NotFound(String id) {
            super("No content item has id '" + id + "'.");
        }
    }

    public static class Invalid extends RuntimeException {
        private final List<Map<String, String>> errors;

        public Invalid(List<Map<String, String>> errors) {
            super("Invalid content");
            this.errors = errors;
        }

        public List<Map<String, String>> errors() {
            return errors;
        }
    }

    public static class IllegalTransition extends RuntimeException {
        private final ContentStatus current;
        private final List<String> allowedActions;

        IllegalTransition(String action, ContentStatus current, List<String> allowedActions) {
            super("Cannot " + action + " an item that is " + current + "; allowed now: "
                    + (allowedActions.isEmpty() ? "none" : String.join(", ", allowedActions)) + ".");
            this.current = current;
            this.allowedActions = allowedActions;
        }

        public ContentStatus current() {
            return current;
        }

        public List<String> allowedActions() {
            return allowedActions;
        }
    }

    public static class VersionMismatch extends RuntimeException {
        private final long currentVersion;

        VersionMismatch(long currentVersion) {
            super("The item has changed since you read it (current version " + currentVersion + ").");
            this.currentVersion = currentVersion;
        }

        public long currentVersion() {
            return currentVersion;
        }
    }

    public static class Banned extends RuntimeException {
        Banned() {
            super("The text contains a word that is not allowed (rule: banned_words).");
        }
    }

    public static class Duplicate extends RuntimeException {
        private final String duplicateOf;
        private final double similarity;

        Duplicate(String duplicateOf, double similarity) {
            super("The text is nearly the same as item '" + duplicateOf + "'.");
            this.duplicateOf = duplicateOf;
            this.similarity = similarity;
        }

        public String duplicateOf() {
            return duplicateOf;
        }

        public double similarity() {
            return similarity;
        }
    }

    public static class BadReason extends RuntimeException {
        BadReason(String detail) {
            super(detail);
        }
    }

    /** A chosen legacy number is held by another item of the same type. */
    public static class LegacyNumberTaken extends RuntimeException {
        LegacyNumberTaken(dev.truthordare.events.ContentType type, int number) {
            super(type.wireName() + " " + number + " is already the legacy id of another item.");
        }
    }
}
