package dev.truthordare.events;

/** Lifecycle of an item in CMS; only {@link #APPROVED} is ever served to players. */
public enum ContentStatus {

	PENDING, APPROVED, REJECTED, FLAGGED, ARCHIVED

}
