package dev.truthordare.cms.importing;

import dev.truthordare.cms.content.CatalogueSeeder;
import dev.truthordare.cms.content.ContentDraft;
import dev.truthordare.cms.content.ContentExceptions;
import dev.truthordare.cms.content.ContentItem;
import dev.truthordare.cms.content.ContentService;
import dev.truthordare.cms.content.ContentValidator;
import dev.truthordare.cms.content.numbering.LegacyNumbers;
import dev.truthordare.cms.content.quality.NearDuplicateIndex;
import dev.truthordare.cms.content.quality.NearDuplicates;
import dev.truthordare.cms.web.BadRequestException;
import dev.truthordare.events.ContentStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Bulk import of the original API's files, all or nothing: every item is planned first
 * (same validator as every other entry point); if any is refused nothing changes. Each
 * item is found again by its id in the file: by the key it was imported under, else, for
 * an integer id, by that legacy number when the number belongs to an item of the original
 * catalogue (seeded or imported). So the same file twice changes nothing, and a later
 * file that edits legacy item 17 updates that same item.
 */
@Service
class ImportService {

	static class BadImport extends BadRequestException {

		BadImport(String message) {
			super(message);
		}

	}

	private enum Kind {

		CREATE, UPDATE, SKIP, REFUSE

	}

	private record Planned(Kind kind, LegacyFile.SourceItem source, ContentItem target, ContentDraft valid,
			boolean textChanged, ImportReport.Outcome outcome) {
	}

	private final ContentService content;

	private final ContentValidator validator;

	private final MongoTemplate mongo;

	private final double duplicateThreshold;

	ImportService(ContentService content, ContentValidator validator, MongoTemplate mongo, NearDuplicates index) {
		this.content = content;
		this.validator = validator;
		this.mongo = mongo;
		this.duplicateThreshold = index.threshold();
	}

	ImportReport importAll(List<LegacyFile.SourceItem> items, ContentStatus status, boolean dryRun, String admin) {
		Map<String, ContentItem> byImportKey = new HashMap<>();
		Map<String, ContentItem> byLegacyKey = new HashMap<>();
		List<String> keys = items.stream().map(LegacyFile.SourceItem::key).filter(java.util.Objects::nonNull).toList();
		for (ContentItem existing : mongo.find(Query.query(new Criteria()
			.orOperator(Criteria.where("importKey").in(keys), Criteria.where(LegacyNumbers.KEY_FIELD).in(keys))),
				ContentItem.class)) {
			if (existing.getImportKey() != null) {
				byImportKey.put(existing.getImportKey(), existing);
			}
			if (existing.getLegacyKey() != null) {
				byLegacyKey.put(existing.getLegacyKey(), existing);
			}
		}
		List<Planned> creates = new ArrayList<>();
		List<Planned> updates = new ArrayList<>();
		List<ImportReport.Outcome> skipped = new ArrayList<>();
		List<ImportReport.Outcome> refused = new ArrayList<>();
		Map<String, Integer> firstIndex = new HashMap<>();
		NearDuplicateIndex batch = new NearDuplicateIndex(duplicateThreshold);
		for (LegacyFile.SourceItem item : items) {
			String type = item.type().wireName();
			if (!item.problems().isEmpty()) {
				refused.add(refusal(item, item.problems()));
				continue;
			}
			Integer earlier = firstIndex.putIfAbsent(item.key(), item.index());
			if (earlier != null) {
				refused.add(refusal(item, List.of(problem("id", type + " " + item.legacyId()
						+ " appears more than once in this file (first at index " + earlier + ")"))));
				continue;
			}
			ContentItem target = byImportKey.get(item.key());
			if (target == null && item.number() != null) {
				ContentItem holder = byLegacyKey.get(item.key());
				if (holder != null && !fromOriginalCatalogue(holder)) {
					refused.add(refusal(item,
							List.of(problem("id",
									type + " " + item.number() + " is the legacy id of item '" + holder.getId()
											+ "', which was created here, not "
											+ "imported; give this item an id that is not in use"))));
					continue;
				}
				target = holder;
			}
			Planned planned = target == null ? planCreate(item, status, batch) : planUpdate(item, target, batch);
			switch (planned.kind()) {
				case CREATE -> creates.add(planned);
				case UPDATE -> updates.add(planned);
				case REFUSE -> refused.add(planned.outcome());
				case SKIP -> skipped.add(planned.outcome());
			}
		}
		if (!refused.isEmpty()) {
			return ImportReport.of(dryRun, List.of(), List.of(), skipped, refused);
		}
		if (dryRun) {
			return ImportReport.of(true, creates.stream().map(Planned::outcome).toList(),
					updates.stream().map(Planned::outcome).toList(), skipped, refused);
		}
		List<ImportReport.Outcome> created = new ArrayList<>();
		for (Planned planned : creates) {
			LegacyFile.SourceItem item = planned.source();
			ImportReport.Outcome outcome = planned.outcome();
			try {
				ContentItem saved = content.create(outcome.id(), planned.valid(), outcome.status(), admin, item.key(),
						item.number());
				created.add(new ImportReport.Outcome(item.index(), outcome.type(), item.legacyId(), saved.getId(),
						saved.getLegacyId(), saved.getStatus(), null, null, null, null));
			}
			catch (DuplicateKeyException | ContentExceptions.LegacyNumberTaken concurrently) {
				skipped.add(skip(item, outcome.id(), "imported or numbered by another request meanwhile", null));
			}
		}
		List<ImportReport.Outcome> updated = new ArrayList<>();
		for (Planned planned : updates) {
			ContentItem saved = content.reimport(planned.target().getId(), planned.valid(), planned.textChanged(),
					admin);
			ImportReport.Outcome outcome = planned.outcome();
			updated.add(new ImportReport.Outcome(outcome.index(), outcome.type(), outcome.legacyId(), saved.getId(),
					saved.getLegacyId(), saved.getStatus(), outcome.changed(), null, null, null));
		}
		return ImportReport.of(false, created, updated, skipped, List.of());
	}

	private static boolean fromOriginalCatalogue(ContentItem item) {
		return item.getImportKey() != null || CatalogueSeeder.SEED_ACTOR.equals(item.getSubmittedBy());
	}

	private Planned planCreate(LegacyFile.SourceItem item, ContentStatus status, NearDuplicateIndex batch) {
		String id = "imported-" + item.key().replace(':', '-');
		if (mongo.exists(Query.query(Criteria.where("_id").is(id)), ContentItem.class)) {
			return new Planned(Kind.SKIP, item, null, null, false, skip(item, id, "already imported", null));
		}
		try {
			ContentDraft valid = content.check(item.draft(), null);
			var twin = batch.findDuplicate(item.type(), valid.content(), null);
			if (twin.isPresent()) {
				return new Planned(Kind.SKIP, item, null, null, false,
						skip(item, id, "duplicate within this import", twin.get().id()));
			}
			batch.put(id, item.type(), valid.content());
			ContentStatus target = item.inactive() ? ContentStatus.ARCHIVED : status;
			return new Planned(Kind.CREATE, item, null, valid, false, new ImportReport.Outcome(item.index(),
					item.type().wireName(), item.legacyId(), id, item.number(), target, null, null, null, null));
		}
		catch (RuntimeException invalid) {
			return refusedOrSkipped(item, id, invalid);
		}
	}

	private Planned planUpdate(LegacyFile.SourceItem item, ContentItem target, NearDuplicateIndex batch) {
		ContentDraft given = item.draft();
		ContentDraft merged = ImportMerge.over(target, given, item.given());
		try {
			ContentDraft normalised = validator.validate(merged);
			List<String> changed = ImportMerge.changedFields(target, normalised, item.given());
			if (changed.isEmpty()) {
				return new Planned(Kind.SKIP, item, target, null, false, skip(item, target.getId(), "unchanged", null));
			}
			ContentDraft valid = content.check(merged, target.getId());
			var twin = batch.findDuplicate(item.type(), valid.content(), target.getId());
			if (twin.isPresent()) {
				return new Planned(Kind.SKIP, item, target, null, false,
						skip(item, target.getId(), "duplicate within this import", twin.get().id()));
			}
			batch.put(target.getId(), item.type(), valid.content());
			boolean textChanged = changed.contains("content");
			ContentStatus next = textChanged && target.getStatus() != ContentStatus.ARCHIVED ? ContentStatus.PENDING
					: target.getStatus();
			return new Planned(Kind.UPDATE, item, target, valid, textChanged,
					new ImportReport.Outcome(item.index(), item.type().wireName(), item.legacyId(), target.getId(),
							target.getLegacyId(), next, changed, null, null, null));
		}
		catch (RuntimeException invalid) {
			return refusedOrSkipped(item, target.getId(), invalid);
		}
	}

	/**
	 * A near-duplicate of an existing item is skipped, as before; invalid or banned text
	 * refuses the file.
	 */
	private static Planned refusedOrSkipped(LegacyFile.SourceItem item, String id, RuntimeException e) {
		return switch (e) {
			case ContentExceptions.Duplicate duplicate ->
				new Planned(Kind.SKIP, item, null, null, false, skip(item, id, "duplicate", duplicate.duplicateOf()));
			case ContentExceptions.Invalid invalid ->
				new Planned(Kind.REFUSE, item, null, null, false, refusal(item, invalid.errors()));
			case ContentExceptions.Banned banned -> new Planned(Kind.REFUSE, item, null, null, false,
					refusal(item, List.of(problem("content", banned.getMessage()))));
			default -> throw e;
		};
	}

	private static ImportReport.Outcome skip(LegacyFile.SourceItem item, String id, String reason, String twin) {
		return new ImportReport.Outcome(item.index(), item.type().wireName(), item.legacyId(), id, null, null, null,
				reason, twin, null);
	}

	private static ImportReport.Outcome refusal(LegacyFile.SourceItem item, List<Map<String, String>> problems) {
		String reason = problems.stream()
			.map(p -> p.get("field") + " " + p.get("message"))
			.reduce((a, b) -> a + "; " + b)
			.orElse("invalid");
		return new ImportReport.Outcome(item.index(), item.type().wireName(), item.legacyId(), null, null, null, null,
				reason, null, problems);
	}

	private static Map<String, String> problem(String field, String message) {
		Map<String, String> problem = new java.util.LinkedHashMap<>();
		problem.put("field", field);
		problem.put("message", message);
		return problem;
	}

}
