package dev.truthordare.cms.content;

import dev.truthordare.cms.outbox.OutboxEvent;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An item as CMS owns it. {@code outbox} holds the events announcing its latest changes;
 * they are written in the same single-document write as the change itself and removed
 * once the relay has published them.
 *
 * <p>
 * Over 300 lines only because it is the stored document: two dozen fields with their
 * accessors, and the snapshot it publishes; no logic to split off.
 */
@Document("content")
public class ContentItem {

	@Id
	private String id;

	private ContentType type;

	private String content;

	private String language;

	private String category;

	private String difficulty;

	private Integer difficultyLevel;

	private String ageRating;

	private List<String> tags = new ArrayList<>();

	private ContentStatus status;

	private Integer durationMinutes;

	private List<String> propsRequired;

	private Boolean indoorSuitable;

	private Boolean outdoorSuitable;

	private ContentSnapshot.GroupSize groupSize;

	private String safetyLevel;

	private String submittedBy;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private Long version;

	private List<OutboxEvent> outbox = new ArrayList<>();

	private List<HistoryEntry> history = new ArrayList<>();

	private long reportCount;

	private java.util.Map<String, Long> reportReasons = new java.util.LinkedHashMap<>();

	private String importKey;

	private String normalizedText;

	/** What the near-duplicate check looks its candidates up by (NearDuplicates). */
	private List<Long> bandKeys;

	/**
	 * The item's integer id in the original API's shape; {@code legacyKey}
	 * ({@code "truth:17"}) is unique.
	 */
	private Integer legacyId;

	private String legacyKey;

	/**
	 * The state this item will have once the pending save succeeds: its version is one
	 * ahead of the stored one.
	 */
	public ContentSnapshot snapshotForNextVersion() {
		long next = version == null ? 0 : version + 1;
		return new ContentSnapshot(id, type, content, language, category, difficulty, difficultyLevel, ageRating, tags,
				status, durationMinutes, propsRequired, indoorSuitable, outdoorSuitable, groupSize, safetyLevel,
				createdAt, updatedAt, next, legacyId);
	}

	public String getId() {
		return id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public ContentType getType() {
		return type;
	}

	public void setType(ContentType type) {
		this.type = type;
	}

	public String getContent() {
		return content;
	}

	public void setContent(String content) {
		this.content = content;
	}

	public String getLanguage() {
		return language;
	}

	public void setLanguage(String language) {
		this.language = language;
	}

	public String getCategory() {
		return category;
	}

	public void setCategory(String category) {
		this.category = category;
	}

	public String getDifficulty() {
		return difficulty;
	}

	public void setDifficulty(String difficulty) {
		this.difficulty = difficulty;
	}

	public Integer getDifficultyLevel() {
		return difficultyLevel;
	}

	public void setDifficultyLevel(Integer difficultyLevel) {
		this.difficultyLevel = difficultyLevel;
	}

	public String getAgeRating() {
		return ageRating;
	}

	public void setAgeRating(String ageRating) {
		this.ageRating = ageRating;
	}

	public List<String> getTags() {
		return tags;
	}

	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	public ContentStatus getStatus() {
		return status;
	}

	public void setStatus(ContentStatus status) {
		this.status = status;
	}

	public Integer getDurationMinutes() {
		return durationMinutes;
	}

	public void setDurationMinutes(Integer durationMinutes) {
		this.durationMinutes = durationMinutes;
	}

	public List<String> getPropsRequired() {
		return propsRequired;
	}

	public void setPropsRequired(List<String> propsRequired) {
		this.propsRequired = propsRequired;
	}

	public Boolean getIndoorSuitable() {
		return indoorSuitable;
	}

	public void setIndoorSuitable(Boolean indoorSuitable) {
		this.indoorSuitable = indoorSuitable;
	}

	public Boolean getOutdoorSuitable() {
		return outdoorSuitable;
	}

	public void setOutdoorSuitable(Boolean outdoorSuitable) {
		this.outdoorSuitable = outdoorSuitable;
	}

	public ContentSnapshot.GroupSize getGroupSize() {
		return groupSize;
	}

	public void setGroupSize(ContentSnapshot.GroupSize groupSize) {
		this.groupSize = groupSize;
	}

	public String getSafetyLevel() {
		return safetyLevel;
	}

	public void setSafetyLevel(String safetyLevel) {
		this.safetyLevel = safetyLevel;
	}

	public String getSubmittedBy() {
		return submittedBy;
	}

	public void setSubmittedBy(String submittedBy) {
		this.submittedBy = submittedBy;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public void setUpdatedAt(Instant updatedAt) {
		this.updatedAt = updatedAt;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public List<HistoryEntry> getHistory() {
		return history;
	}

	public void setHistory(List<HistoryEntry> history) {
		this.history = history;
	}

	public long getReportCount() {
		return reportCount;
	}

	public void setReportCount(long reportCount) {
		this.reportCount = reportCount;
	}

	public java.util.Map<String, Long> getReportReasons() {
		return reportReasons;
	}

	public void setReportReasons(java.util.Map<String, Long> reportReasons) {
		this.reportReasons = reportReasons;
	}

	public String getImportKey() {
		return importKey;
	}

	public void setImportKey(String importKey) {
		this.importKey = importKey;
	}

	/** Lower-cased, folded text kept for the moderators' text search. */
	public String getNormalizedText() {
		return normalizedText;
	}

	public void setNormalizedText(String normalizedText) {
		this.normalizedText = normalizedText;
	}

	public List<Long> getBandKeys() {
		return bandKeys;
	}

	public void setBandKeys(List<Long> bandKeys) {
		this.bandKeys = bandKeys;
	}

	public Integer getLegacyId() {
		return legacyId;
	}

	public void setLegacyId(Integer legacyId) {
		this.legacyId = legacyId;
	}

	public String getLegacyKey() {
		return legacyKey;
	}

	public void setLegacyKey(String legacyKey) {
		this.legacyKey = legacyKey;
	}

	public List<OutboxEvent> getOutbox() {
		return outbox;
	}

	public void setOutbox(List<OutboxEvent> outbox) {
		this.outbox = outbox;
	}

}
