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

        Invalid(List<Map<String, String>> errors) {
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
}
