package dev.truthordare.rating.items;

/**
 * An item came back into play (APPROVED after another status): a moderator looked at it,
 * so evidence against it counts anew.
 */
public record ItemReapproved(String id, long version) {
}
